//! Order per pair, superseding, many pairs at once, isolation between projects, and pending
//! events surviving SIGKILL.

use std::collections::{BTreeMap, HashMap};
use std::time::{Duration, Instant};

use serde_json::{Value, json};

use crate::helpers::{
    Behaviour, Receiver, ServerProcess, memory, process_with_receiver, spawn_app_with, wait_until,
};

const WAIT: Duration = Duration::from_secs(30);

/// Applies CHANGES_ONLY bodies in order, as a receiver would; answers the memories by key.
fn apply_diffs(bodies: &[Value]) -> BTreeMap<String, Value> {
    let mut state = BTreeMap::new();
    for body in bodies {
        assert_eq!(body["event"], "memory.changed");
        for d in body["data"]["deleted"].as_array().unwrap() {
            state.remove(d["uniqueIdentifier"].as_str().unwrap());
        }
        for m in body["data"]["added"].as_array().unwrap() {
            state.insert(
                m["uniqueIdentifier"].as_str().unwrap().to_owned(),
                m.clone(),
            );
        }
    }
    state
}

fn versions(received: &[crate::helpers::Received]) -> Vec<u64> {
    received
        .iter()
        .map(|r| r.header("x-memory-version").unwrap().parse().unwrap())
        .collect()
}

#[actix_web::test]
async fn changes_only_arrive_in_order_while_the_first_is_retried() {
    let receiver = Receiver::start(Behaviour {
        fail_first: 5,
        ..Behaviour::default()
    })
    .await;
    let app = spawn_app_with(&["--retry-interval", "30ms"]).await;
    app.api
        .put_config(
            "p",
            json!({"memoryWebhookUrl": receiver.url, "memoryWebhookMode": "CHANGES_ONLY"}),
        )
        .await;
    app.api
        .upsert("p", "u", "q", vec![memory("k0", "first")])
        .await;
    // 20 more changes of the same pair while the first is being retried: adds, rewrites, deletes.
    for n in 1..=20 {
        let ops = match n % 3 {
            0 => {
                json!({"delete": [{"uniqueIdentifier": format!("k{}", n - 1), "reason": "dropped"}]})
            }
            1 => json!({"upsert": [memory(&format!("k{n}"), "added")]}),
            _ => json!({"upsert": [memory("k0", &format!("rewritten {n}"))]}),
        };
        let (status, body) = app
            .api
            .conversation(
                "p",
                json!({"userProfileId": "u", "personaProfileId": "q", "memories": ops}),
            )
            .await;
        assert_eq!(status.as_u16(), 200, "{body}");
    }
    let state = app.api.memories("p", "u", "q").await;
    let version = state["version"].as_u64().unwrap() as usize;
    let accepted = receiver.wait_accepted(version, WAIT).await;
    assert!(
        receiver.received()[..5].iter().all(|r| r.status == 500),
        "the first 5 attempts failed"
    );
    let seen = versions(&accepted);
    assert_eq!(
        seen,
        (1..=version as u64).collect::<Vec<_>>(),
        "every version once, in order"
    );
    let bodies: Vec<Value> = accepted.iter().map(|r| r.json()).collect();
    let expected: BTreeMap<String, Value> = state["memories"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| {
            (
                m["uniqueIdentifier"].as_str().unwrap().to_owned(),
                m.clone(),
            )
        })
        .collect();
    assert_eq!(apply_diffs(&bodies), expected);
}

#[actix_web::test]
async fn full_state_ends_at_the_latest_state_and_stale_events_are_superseded() {
    let receiver = Receiver::start(Behaviour {
        fail_first: 5,
        ..Behaviour::default()
    })
    .await;
    let app = spawn_app_with(&["--retry-interval", "30ms"]).await;
    app.api
        .put_config("p", json!({"memoryWebhookUrl": receiver.url}))
        .await;
    for n in 0..=20 {
        app.api
            .upsert("p", "u", "q", vec![memory(&format!("k{n}"), "fact")])
            .await;
    }
    let state = app.api.memories("p", "u", "q").await;
    assert_eq!(state["version"], 21);
    wait_until("the last version arrives", WAIT, || async {
        receiver
            .accepted()
            .last()
            .is_some_and(|r| r.header("x-memory-version") == Some("21"))
    })
    .await;
    let accepted = receiver.accepted();
    let seen = versions(&accepted);
    assert!(
        seen.windows(2).all(|w| w[0] < w[1]),
        "versions only grow: {seen:?}"
    );
    assert_eq!(
        accepted.last().unwrap().json()["data"]["memories"],
        state["memories"]
    );
    let events = app.api.events("p").await;
    let superseded = events
        .iter()
        .filter(|e| e["status"] == "superseded")
        .count();
    let delivered = events.iter().filter(|e| e["status"] == "delivered").count();
    assert_eq!(delivered, accepted.len());
    assert_eq!(superseded + delivered, 21);
    assert!(
        superseded > 0,
        "events made obsolete while the first was retried are not sent"
    );
}

#[actix_web::test]
async fn two_hundred_pairs_changed_at_once_all_deliver_each_in_order() {
    let receiver = Receiver::start(Behaviour::default()).await;
    let app = spawn_app_with(&[]).await;
    app.api
        .put_config(
            "p",
            json!({"memoryWebhookUrl": receiver.url, "memoryWebhookMode": "CHANGES_ONLY"}),
        )
        .await;
    let api = &app.api;
    futures_util::future::join_all((0..200).map(|pair| async move {
        for n in 0..3 {
            api.upsert(
                "p",
                &format!("u{pair}"),
                "q",
                vec![memory(&format!("k{n}"), "fact")],
            )
            .await;
        }
    }))
    .await;
    let accepted = receiver.wait_accepted(600, WAIT).await;
    let mut per_pair: HashMap<String, Vec<u64>> = HashMap::new();
    for r in &accepted {
        let user = r.json()["data"]["userProfileId"]
            .as_str()
            .unwrap()
            .to_owned();
        per_pair
            .entry(user)
            .or_default()
            .push(r.header("x-memory-version").unwrap().parse().unwrap());
    }
    assert_eq!(per_pair.len(), 200);
    for (user, seen) in per_pair {
        assert_eq!(seen, [1, 2, 3], "pair {user}");
    }
}

#[actix_web::test]
async fn a_dead_slow_endpoint_does_not_delay_another_project_on_the_same_host() {
    // One receiver, one host and port: /slow never answers in time, /fast answers at once.
    let receiver = Receiver::start(Behaviour {
        delay: Duration::from_secs(60),
        delay_path: Some("slow".into()),
        ..Behaviour::default()
    })
    .await;
    let app = spawn_app_with(&["--request-timeout", "5s", "--endpoint-concurrency", "4"]).await;
    let base = receiver.url.trim_end_matches("/hook");
    app.api
        .put_config("a", json!({"memoryWebhookUrl": format!("{base}/slow")}))
        .await;
    app.api
        .put_config("b", json!({"memoryWebhookUrl": format!("{base}/fast")}))
        .await;
    // Project A: more pairs pending than it may have in flight.
    for pair in 0..20 {
        app.api
            .upsert("a", &format!("u{pair}"), "q", vec![memory("k", "fact")])
            .await;
    }
    let mut lags = Vec::new();
    for n in 0..20 {
        let sent = Instant::now();
        app.api
            .upsert("b", &format!("u{n}"), "q", vec![memory("k", "fact")])
            .await;
        wait_until("project B's webhook", WAIT, || async {
            receiver
                .received()
                .iter()
                .filter(|r| r.path == "/fast")
                .count()
                > n
        })
        .await;
        lags.push(sent.elapsed());
    }
    lags.sort();
    assert!(
        lags[19] < Duration::from_secs(1),
        "B waited for A: {lags:?}"
    );
    assert_eq!(
        receiver
            .received()
            .iter()
            .filter(|r| r.path == "/slow")
            .count(),
        4,
        "A has at most 4 attempts in flight"
    );
    wait_until("A's first attempt times out", WAIT, || async {
        app.api
            .events("a")
            .await
            .iter()
            .any(|e| e["attemptCount"].as_u64() >= Some(1))
    })
    .await;
    let a = app
        .api
        .events("a")
        .await
        .into_iter()
        .find(|e| e["attemptCount"].as_u64() >= Some(1))
        .unwrap();
    let a = app.api.event("a", a["id"].as_str().unwrap()).await;
    eprintln!(
        "project B: change to webhook p50 {:?}, max {:?}; project A: attempt {} ms, {}",
        lags[10], lags[19], a["attempts"][0]["durationMs"], a["lastError"]
    );
}

#[actix_web::test]
async fn pending_events_survive_sigkill_and_are_all_delivered_after_restart() {
    let failing = Behaviour {
        status: 500,
        ..Behaviour::default()
    };
    let flags = ["--retry-interval", "50ms"];
    let (data, mut server, receiver) = process_with_receiver(failing, &flags).await;
    let api = server.api();
    let mut ids = Vec::new();
    for pair in 0..10 {
        for n in 0..5 {
            let answer = api
                .upsert(
                    "p",
                    &format!("u{pair}"),
                    "q",
                    vec![memory(&format!("k{n}"), "fact")],
                )
                .await;
            ids.push(answer["eventId"].as_str().unwrap().to_owned());
        }
    }
    receiver.wait_for(10, WAIT).await;
    server.kill_9();

    receiver.set(Behaviour::default());
    let server = ServerProcess::start(data.path(), &flags);
    let api = server.api();
    wait_until("every event delivered", WAIT, || async {
        api.events("p")
            .await
            .iter()
            .all(|e| e["status"] == "delivered")
    })
    .await;
    assert_eq!(api.events("p").await.len(), 50);
    let mut per_pair: HashMap<String, Vec<u64>> = HashMap::new();
    for r in receiver.accepted() {
        let user = r.json()["data"]["userProfileId"]
            .as_str()
            .unwrap()
            .to_owned();
        per_pair
            .entry(user)
            .or_default()
            .push(r.header("x-memory-version").unwrap().parse().unwrap());
    }
    for (user, seen) in per_pair {
        assert_eq!(seen, [1, 2, 3, 4, 5], "pair {user}");
    }
    let delivered: Vec<String> = receiver
        .accepted()
        .iter()
        .map(|r| r.header("webhook-id").unwrap().to_owned())
        .collect();
    for id in &ids {
        assert!(delivered.contains(id), "{id} was never delivered");
    }
}
