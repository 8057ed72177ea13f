use std::time::Duration;

use memhook::actors::pair::Fault;
use memhook::domain::ids::PairKey;
use serde_json::json;

use crate::helpers::{TestApp, memory, spawn_app, spawn_app_with, wait_until};

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

/// Pairs u0, u1, ... of project p each get their first memory, one after another.
async fn touch_pairs(app: &TestApp, n: usize) {
    for i in 0..n {
        app.api
            .upsert("p", &format!("u{i}"), "q", vec![memory("a", "A")])
            .await;
    }
}

#[actix_web::test]
async fn idle_pair_actors_retire_and_come_back_from_the_store() {
    let app = spawn_app_with(&["--pair-idle-timeout", "50ms"]).await;
    touch_pairs(&app, 20).await;
    wait_until("idle actors retire", Duration::from_secs(10), || async {
        app.pairs.active() == 0
    })
    .await;
    let answer = app.api.upsert("p", "u3", "q", vec![memory("b", "B")]).await;
    assert_eq!(answer["version"], 2);
    assert_eq!(app.pairs.active(), 1);
}

#[actix_web::test]
async fn pair_actors_beyond_the_cap_retire_early_and_their_pairs_lose_nothing() {
    // 16 shards of one actor each; the idle timeout alone would keep all 200 for 10 s.
    let app = spawn_app_with(&["--max-active-pairs", "16"]).await;
    touch_pairs(&app, 200).await;
    wait_until(
        "actors beyond the cap retire",
        Duration::from_secs(5),
        || async { app.pairs.active() <= 16 },
    )
    .await;
    for i in [0, 57, 199] {
        let memories = app.api.memories("p", &format!("u{i}"), "q").await;
        assert_eq!(
            memories["memories"][0]["description"], "A",
            "u{i}: {memories}"
        );
        let answer = app
            .api
            .upsert("p", &format!("u{i}"), "q", vec![memory("b", "B")])
            .await;
        assert_eq!(answer["version"], 2, "u{i}");
    }
}

#[actix_web::test]
async fn pairs_written_concurrently_under_a_small_cap_keep_gap_free_versions() {
    // Twice as many busy pairs as actors allowed: actors are asked to retire while their
    // writes are in flight, and come back from the store between updates.
    let app = spawn_app_with(&["--max-active-pairs", "16"]).await;
    let api = &app.api;
    let versions = futures_util::future::join_all((0..8).map(|client| async move {
        let mut seen = Vec::new();
        for round in 0..40 {
            let user = format!("u{}", (client * 7 + round) % 32);
            let description = format!("client {client} round {round}");
            let answer = api
                .upsert("p", &user, "q", vec![memory("a", &description)])
                .await;
            seen.push((user, answer["version"].as_u64().unwrap()));
        }
        seen
    }))
    .await;
    let mut per_pair: std::collections::BTreeMap<String, Vec<u64>> = Default::default();
    for (user, version) in versions.into_iter().flatten() {
        per_pair.entry(user).or_default().push(version);
    }
    for (user, mut versions) in per_pair {
        versions.sort_unstable();
        let expected: Vec<u64> = (1..=versions.len() as u64).collect();
        assert_eq!(
            versions, expected,
            "{user}: every update one version, none twice"
        );
    }
}
