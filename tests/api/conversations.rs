//! The main job end to end: a real conversation from data/ pushed turn by turn through the
//! built-in extractor, with a receiver configured, in both modes.

use std::collections::BTreeMap;
use std::time::Duration;

use memhook::commands::replay::{Conversation, turns};
use serde_json::{Value, json};

use crate::helpers::{Behaviour, Receiver, spawn_app};

fn conversation(name: &str) -> Conversation {
    let path = format!(
        "{}/data/conversations/{name}.json",
        env!("CARGO_MANIFEST_DIR")
    );
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

/// Replays the conversation; answers the pair's final memory and version.
async fn replay(mode: &str, name: &str) -> (Value, Receiver) {
    // The receiver fails now and then, so retries happen mid-conversation.
    let receiver = Receiver::start(Behaviour {
        fail_first: 2,
        ..Behaviour::default()
    })
    .await;
    let app = spawn_app().await;
    app.api
        .put_config(
            "p",
            json!({"memoryWebhookUrl": receiver.url, "memoryWebhookMode": mode}),
        )
        .await;
    let c = conversation(name);
    for turn in turns(&c.messages) {
        let (status, body) = app
            .api
            .conversation("p", json!({"userProfileId": c.user_profile_id, "personaProfileId": c.persona_profile_id, "messages": turn}))
            .await;
        assert_eq!(status.as_u16(), 200, "{body}");
    }
    let state = app
        .api
        .memories("p", &c.user_profile_id, &c.persona_profile_id)
        .await;
    let version = state["version"].as_u64().unwrap();
    assert!(
        version > 0 && !state["memories"].as_array().unwrap().is_empty(),
        "the conversation taught something: {state}"
    );
    crate::helpers::wait_until(
        "the last version arrives",
        Duration::from_secs(30),
        || async {
            receiver
                .accepted()
                .last()
                .and_then(|r| r.header("x-memory-version").map(str::to_owned))
                == Some(version.to_string())
        },
    )
    .await;
    (state, receiver)
}

#[actix_web::test]
async fn changes_only_diffs_applied_in_order_equal_the_final_memory() {
    let (state, receiver) = replay("CHANGES_ONLY", "spc-valid-0236").await;
    let mut memory: BTreeMap<String, Value> = BTreeMap::new();
    for webhook in receiver.accepted() {
        let body = webhook.json();
        for d in body["data"]["deleted"].as_array().unwrap() {
            assert!(
                memory
                    .remove(d["uniqueIdentifier"].as_str().unwrap())
                    .is_some(),
                "deleted something never added"
            );
        }
        for m in body["data"]["added"].as_array().unwrap() {
            memory.insert(
                m["uniqueIdentifier"].as_str().unwrap().to_owned(),
                m.clone(),
            );
        }
    }
    assert_eq!(
        Value::from(memory.into_values().collect::<Vec<_>>()),
        state["memories"]
    );
}

#[actix_web::test]
async fn full_state_last_body_equals_the_final_memory() {
    let (state, receiver) = replay("FULL_STATE", "spc-valid-0107").await;
    let last = receiver.accepted().pop().unwrap().json();
    assert_eq!(last["event"], "memory.updated");
    assert_eq!(last["data"]["memories"], state["memories"]);
}
