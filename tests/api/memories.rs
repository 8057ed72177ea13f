use actix_web::http::{Method, StatusCode};
use serde_json::{Value, json};

use crate::helpers::{enc, memories_path, memory, spawn_app};

#[actix_web::test]
async fn a_pair_never_written_is_version_0_with_no_memories() {
    let app = spawn_app().await;
    assert_eq!(
        app.api.memories("p", "u", "q").await,
        json!({"userProfileId": "u", "personaProfileId": "q", "version": 0, "updatedAt": null, "memories": []})
    );
}

#[actix_web::test]
async fn an_upsert_is_stored_and_read_back_with_defaults() {
    let app = spawn_app().await;
    let answer = app
        .api
        .upsert("p", "u", "q", vec![json!({"uniqueIdentifier": "user_lives_in_paris", "target": "USER", "category": "LOCATION", "description": "Lives in Paris", "tags": [" Paris", "home", "PARIS"]})])
        .await;
    assert_eq!(answer["version"], 1);
    assert_eq!(answer["changed"], true);
    assert_eq!(
        answer["eventId"],
        Value::Null,
        "no webhook configured, no event"
    );
    let stored = app.api.memories("p", "u", "q").await;
    assert_eq!(stored["version"], 1);
    let m = &stored["memories"][0];
    assert_eq!(m["tags"], json!(["home", "paris"]));
    assert_eq!(m["eventStartDate"], Value::Null);
    assert_eq!(m["sourceText"], "");
    assert_eq!(answer["added"][0], *m);
    let keys: Vec<&str> = m.as_object().unwrap().keys().map(String::as_str).collect();
    assert_eq!(keys.len(), 9);
}

#[actix_web::test]
async fn identical_updates_repeated_change_nothing_and_make_no_event() {
    let app = spawn_app().await;
    app.api
        .put_config(
            "p",
            json!({"memoryWebhookUrl": "http://127.0.0.1:9/unused"}),
        )
        .await;
    let m = json!({"uniqueIdentifier": "k", "target": "PERSONA", "category": "PET", "description": "Has a dog named Max", "tags": ["dog"]});
    let first = app.api.upsert("p", "u", "q", vec![m.clone()]).await;
    assert_eq!(
        (first["version"].as_u64(), first["changed"].as_bool()),
        (Some(1), Some(true))
    );
    assert!(first["eventId"].is_string());
    let before = app.api.memories("p", "u", "q").await;
    for _ in 0..3 {
        // Same content; other tag case, a new timestamp and source text do not count.
        let mut again = m.clone();
        again["tags"] = json!(["DOG"]);
        again["timestamp"] = json!("2030-01-01T00:00:00Z");
        again["sourceText"] = json!("I have a dog named Max");
        let answer = app.api.upsert("p", "u", "q", vec![again]).await;
        assert_eq!(
            answer,
            json!({"version": 1, "changed": false, "added": [], "deleted": [], "eventId": null})
        );
    }
    assert_eq!(
        app.api.memories("p", "u", "q").await,
        before,
        "the stored copy stays"
    );
    assert_eq!(app.api.events("p").await.len(), 1);
}

#[actix_web::test]
async fn deletes_with_reasons_and_deleting_a_missing_key_is_no_change() {
    let app = spawn_app().await;
    app.api
        .upsert("p", "u", "q", vec![memory("a", "A"), memory("b", "B")])
        .await;
    let (_, answer) = app
        .api
        .conversation("p", json!({"userProfileId": "u", "personaProfileId": "q", "memories": {"delete": [{"uniqueIdentifier": "a", "reason": "Moved away"}, {"uniqueIdentifier": "zzz"}]}}))
        .await;
    assert_eq!(answer["version"], 2);
    assert_eq!(
        answer["deleted"],
        json!([{"uniqueIdentifier": "a", "reason": "Moved away"}])
    );
    let (_, again) = app
        .api
        .conversation("p", json!({"userProfileId": "u", "personaProfileId": "q", "memories": {"delete": [{"uniqueIdentifier": "a"}]}}))
        .await;
    assert_eq!(
        (again["version"].as_u64(), again["changed"].as_bool()),
        (Some(2), Some(false))
    );
}

#[actix_web::test]
async fn put_replaces_the_set_and_delete_forgets() {
    let app = spawn_app().await;
    let path = memories_path("p", "u", "q");
    app.api
        .upsert("p", "u", "q", vec![memory("a", "A"), memory("b", "B")])
        .await;
    let (status, answer) = app
        .api
        .call(
            Method::PUT,
            &path,
            Some(json!({"memories": [memory("b", "B"), memory("c", "C")]})),
        )
        .await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(answer["version"], 2);
    assert_eq!(answer["added"].as_array().unwrap().len(), 1);
    assert_eq!(answer["deleted"][0]["uniqueIdentifier"], "a");

    let (_, answer) = app
        .api
        .call(Method::DELETE, &format!("{path}/{}", enc("b")), None)
        .await;
    assert_eq!(
        answer["deleted"],
        json!([{"uniqueIdentifier": "b", "reason": "Forgotten on request"}])
    );
    let (_, answer) = app.api.call(Method::DELETE, &path, None).await;
    assert_eq!(
        answer["deleted"],
        json!([{"uniqueIdentifier": "c", "reason": "Forgotten on request"}])
    );
    assert_eq!(answer["version"], 4);
    let (_, answer) = app.api.call(Method::DELETE, &path, None).await;
    assert_eq!(
        (answer["version"].as_u64(), answer["changed"].as_bool()),
        (Some(4), Some(false))
    );
    assert_eq!(app.api.memories("p", "u", "q").await["memories"], json!([]));
}

#[actix_web::test]
async fn ids_with_spaces_slashes_emoji_and_cjk_round_trip_exactly() {
    let app = spawn_app().await;
    let (project, user, persona, key) = (
        "proj/α β",
        "user 1/2 + 3%",
        "ペルソナ 😀",
        "key/with space 🐶",
    );
    app.api
        .put_config(project, json!({"memoryWebhookUrl": "http://127.0.0.1:9/x"}))
        .await;
    let answer = app
        .api
        .upsert(project, user, persona, vec![memory(key, "Has a dog")])
        .await;
    assert_eq!(answer["added"][0]["uniqueIdentifier"], key);
    let stored = app.api.memories(project, user, persona).await;
    assert_eq!(
        (
            stored["userProfileId"].as_str(),
            stored["personaProfileId"].as_str()
        ),
        (Some(user), Some(persona))
    );
    assert_eq!(stored["memories"][0]["uniqueIdentifier"], key);
    let pairs = app
        .api
        .get(&format!("/v1/projects/{}/pairs", enc(project)))
        .await;
    assert_eq!(
        pairs["items"],
        json!([{"userProfileId": user, "personaProfileId": persona, "version": 1, "memoryCount": 1, "updatedAt": stored["updatedAt"]}])
    );
    let events = app.api.events(project).await;
    assert_eq!(
        (
            events[0]["userProfileId"].as_str(),
            events[0]["personaProfileId"].as_str()
        ),
        (Some(user), Some(persona))
    );
    let (_, answer) = app
        .api
        .call(
            Method::DELETE,
            &format!("{}/{}", memories_path(project, user, persona), enc(key)),
            None,
        )
        .await;
    assert_eq!(answer["deleted"][0]["uniqueIdentifier"], key);
}

#[actix_web::test]
async fn pairs_are_listed_a_page_at_a_time() {
    let app = spawn_app().await;
    for i in 0..7 {
        app.api
            .upsert("p", &format!("u{i}"), "q", vec![memory("k", "d")])
            .await;
    }
    app.api
        .upsert("other", "x", "y", vec![memory("k", "d")])
        .await;
    let mut seen = Vec::new();
    let mut cursor = String::new();
    loop {
        let page = app
            .api
            .get(&format!("/v1/projects/p/pairs?limit=3{cursor}"))
            .await;
        let items = page["items"].as_array().unwrap();
        assert!(items.len() <= 3);
        seen.extend(
            items
                .iter()
                .map(|i| i["userProfileId"].as_str().unwrap().to_owned()),
        );
        match page["nextCursor"].as_str() {
            Some(c) => cursor = format!("&cursor={c}"),
            None => break,
        }
    }
    seen.sort();
    assert_eq!(seen, (0..7).map(|i| format!("u{i}")).collect::<Vec<_>>());
}

#[actix_web::test]
async fn an_event_is_written_with_each_change_when_a_webhook_is_configured() {
    let app = spawn_app().await;
    app.api
        .upsert("p", "u", "q", vec![memory("before", "before config")])
        .await;
    app.api.put_config("p", json!({"memoryWebhookUrl": "http://127.0.0.1:9/x", "memoryWebhookMode": "CHANGES_ONLY"})).await;
    let answer = app
        .api
        .upsert("p", "u", "q", vec![memory("after", "after config")])
        .await;
    let events = app.api.events("p").await;
    assert_eq!(events.len(), 1);
    assert_eq!(events[0]["id"], answer["eventId"]);
    assert_eq!(events[0]["version"], 2);
    assert_eq!(events[0]["event"], "memory.changed");
    let detail = app
        .api
        .event("p", answer["eventId"].as_str().unwrap())
        .await;
    assert_eq!(
        detail["payload"],
        json!({"event": "memory.changed", "data": {"userProfileId": "u", "personaProfileId": "q", "added": answer["added"], "deleted": []}})
    );
}
