use std::time::Duration;

use memhook::actors::pair::Fault;
use memhook::domain::ids::PairKey;
use serde_json::json;

use crate::helpers::{memory, spawn_app, spawn_app_with, wait_until};

fn key(user: &str) -> PairKey {
    PairKey {
        project: "p".try_into().unwrap(),
        user: user.try_into().unwrap(),
        persona: "q".try_into().unwrap(),
    }
}

#[actix_web::test]
async fn a_pair_whose_actor_dies_keeps_working_and_other_pairs_never_notice() {
    // One thread for pair actors: the dying pair and its neighbour share it.
    let app = spawn_app_with(&["--pair-threads", "1"]).await;
    app.api
        .upsert("p", "sick", "q", vec![memory("a", "A")])
        .await;
    app.api
        .upsert("p", "well", "q", vec![memory("a", "A")])
        .await;

    app.pairs.inject_fault(key("sick"), Fault::Panic).await;

    let answer = app
        .api
        .upsert("p", "sick", "q", vec![memory("b", "B")])
        .await;
    assert_eq!(
        answer["version"], 2,
        "a fresh actor reloaded version 1 from the store"
    );
    let sick = app.api.memories("p", "sick", "q").await;
    assert_eq!(sick["memories"].as_array().unwrap().len(), 2);

    let answer = app
        .api
        .upsert("p", "well", "q", vec![memory("b", "B")])
        .await;
    assert_eq!(answer["version"], 2);
    assert_eq!(
        app.api.memories("p", "well", "q").await["memories"]
            .as_array()
            .unwrap()
            .len(),
        2
    );
}

#[actix_web::test]
async fn a_failed_write_is_refused_changes_nothing_and_the_pair_recovers() {
    let app = spawn_app().await;
    app.api
        .put_config("p", json!({"memoryWebhookUrl": "http://127.0.0.1:9/x"}))
        .await;
    app.api
        .upsert("p", "sick", "q", vec![memory("a", "A")])
        .await;
    app.api
        .upsert("p", "well", "q", vec![memory("a", "A")])
        .await;

    app.pairs
        .inject_fault(key("sick"), Fault::FailNextWrite)
        .await;
    let (status, body) = app
        .api
        .conversation("p", json!({"userProfileId": "sick", "personaProfileId": "q", "memories": {"upsert": [memory("b", "B")]}}))
        .await;
    assert_eq!(status.as_u16(), 500, "{body}");
    assert_eq!(body["error"]["code"], "storage_error");
    let sick = app.api.memories("p", "sick", "q").await;
    assert_eq!(
        (
            sick["version"].as_u64(),
            sick["memories"].as_array().unwrap().len()
        ),
        (Some(1), 1)
    );
    assert_eq!(
        app.api.events("p").await.len(),
        2,
        "no event without its change"
    );

    // The actor stopped and its supervisor restarted it; it reloads and goes on from version 1.
    let answer = app
        .api
        .upsert("p", "sick", "q", vec![memory("b", "B")])
        .await;
    assert_eq!(answer["version"], 2);
    let answer = app
        .api
        .upsert("p", "well", "q", vec![memory("b", "B")])
        .await;
    assert_eq!(answer["version"], 2);
}

#[actix_web::test]
async fn idle_pair_actors_retire_and_come_back_from_the_store() {
    let app = spawn_app_with(&["--pair-idle-timeout", "50ms"]).await;
    for i in 0..20 {
        app.api
            .upsert("p", &format!("u{i}"), "q", vec![memory("a", "A")])
            .await;
    }
    wait_until("idle actors retire", Duration::from_secs(10), || async {
        app.pairs.active() == 0
    })
    .await;
    let answer = app.api.upsert("p", "u3", "q", vec![memory("b", "B")]).await;
    assert_eq!(answer["version"], 2);
    assert_eq!(app.pairs.active(), 1);
}
