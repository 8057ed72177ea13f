//! The built binary, stopped gracefully or killed with SIGKILL, loses nothing it acknowledged.

use std::collections::BTreeMap;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use actix_web::http::StatusCode;
use serde_json::{Value, json};
use tempfile::TempDir;

use crate::helpers::{
    Api, Behaviour, Receiver, ServerProcess, memory, process_with_receiver, wait_until,
};

#[actix_web::test]
async fn a_graceful_restart_keeps_every_state_and_version() {
    let data = TempDir::new().unwrap();
    let mut server = ServerProcess::start(data.path(), &[]);
    let api = server.api();
    api.put_config(
        "p",
        json!({"memoryWebhookUrl": "http://127.0.0.1:9/x", "memoryWebhookMode": "CHANGES_ONLY"}),
    )
    .await;
    for i in 0..5 {
        for n in 0..=i {
            api.upsert(
                "p",
                &format!("u{i}"),
                "q",
                vec![memory(&format!("k{n}"), "fact")],
            )
            .await;
        }
    }
    let before: Vec<Value> = futures_util::future::join_all((0..5).map(|i| {
        let api = &api;
        async move { api.memories("p", &format!("u{i}"), "q").await }
    }))
    .await;
    let events_before = api.events("p").await;
    let config_before = api.get("/v1/projects/p/config").await;

    assert!(
        server.terminate().success(),
        "SIGTERM stops memhook cleanly"
    );
    let server = ServerProcess::start(data.path(), &[]);
    let api = server.api();
    for (i, state) in before.iter().enumerate() {
        assert_eq!(&api.memories("p", &format!("u{i}"), "q").await, state);
        assert_eq!(state["version"], i as u64 + 1);
    }
    let ids = |events: &[Value]| {
        events
            .iter()
            .map(|e| (e["id"].clone(), e["version"].clone()))
            .collect::<Vec<_>>()
    };
    assert_eq!(ids(&api.events("p").await), ids(&events_before));
    assert_eq!(api.get("/v1/projects/p/config").await, config_before);
}

/// What a client was told: this pair reached this version by adding this key, with this event.
#[derive(Debug, Clone)]
struct Ack {
    user: String,
    key: String,
    version: u64,
    event_id: String,
}

#[actix_web::test]
async fn sigkill_mid_stream_loses_no_acknowledged_change_or_event() {
    let data = TempDir::new().unwrap();
    // Deliveries fail (nothing listens on port 9), so every event stays in the outbox.
    let mut server = ServerProcess::start(data.path(), &["--retry-interval", "1h"]);
    let api = server.api();
    api.put_config(
        "p",
        json!({"memoryWebhookUrl": "http://127.0.0.1:9/x", "memoryWebhookMode": "CHANGES_ONLY"}),
    )
    .await;

    let acks: Arc<Mutex<Vec<Ack>>> = Arc::default();
    let stop = Arc::new(AtomicBool::new(false));
    let clients: Vec<_> = (0..8)
        .map(|client| {
            let (acks, stop, address) = (Arc::clone(&acks), Arc::clone(&stop), server.address);
            actix_web::rt::spawn(async move {
                let api = Api::new(address);
                // Two clients per pair, so pairs see concurrent writers.
                let user = format!("u{}", client % 4);
                for n in 0.. {
                    if stop.load(Ordering::Relaxed) {
                        break;
                    }
                    let key = format!("c{client}-{n}");
                    let body = json!({"userProfileId": user, "personaProfileId": "q", "memories": {"upsert": [memory(&key, "fact")]}});
                    let request = api.client.post(format!("{}/v1/projects/p/conversations", api.base)).send_json(&body);
                    let Ok(mut response) = request.await else { break };
                    if response.status() != StatusCode::OK {
                        break;
                    }
                    let Ok(answer) = response.json::<Value>().await else { break };
                    acks.lock().unwrap().push(Ack {
                        user: user.clone(),
                        key,
                        version: answer["version"].as_u64().unwrap(),
                        event_id: answer["eventId"].as_str().unwrap().to_owned(),
                    });
                }
            })
        })
        .collect();

    wait_until(
        "200 acknowledged changes",
        Duration::from_secs(60),
        || async { acks.lock().unwrap().len() >= 200 },
    )
    .await;
    server.kill_9();
    stop.store(true, Ordering::Relaxed);
    for c in clients {
        let _ = c.await;
    }
    let acks = acks.lock().unwrap().clone();

    let server = ServerProcess::start(data.path(), &["--retry-interval", "1h"]);
    let api = server.api();
    let events = api.events("p").await;
    let mut by_pair: BTreeMap<String, Vec<u64>> = BTreeMap::new();
    for e in &events {
        by_pair
            .entry(e["userProfileId"].as_str().unwrap().to_owned())
            .or_default()
            .push(e["version"].as_u64().unwrap());
    }
    for (user, versions) in &mut by_pair {
        versions.sort();
        let state = api.memories("p", user, "q").await;
        let version = state["version"].as_u64().unwrap();
        assert_eq!(
            *versions,
            (1..=version).collect::<Vec<_>>(),
            "pair {user}: one event per version, no gaps"
        );
        assert_eq!(
            state["memories"].as_array().unwrap().len() as u64,
            version,
            "every version added one key"
        );
    }
    for ack in &acks {
        let state = api.memories("p", &ack.user, "q").await;
        assert!(
            state["version"].as_u64().unwrap() >= ack.version,
            "{ack:?} lost"
        );
        let keys: Vec<&str> = state["memories"]
            .as_array()
            .unwrap()
            .iter()
            .map(|m| m["uniqueIdentifier"].as_str().unwrap())
            .collect();
        assert!(keys.contains(&ack.key.as_str()), "{ack:?} lost");
        let event = api.event("p", &ack.event_id).await;
        assert_eq!(
            event["version"].as_u64(),
            Some(ack.version),
            "{ack:?}: event lost"
        );
        assert_eq!(
            event["payload"]["data"]["added"][0]["uniqueIdentifier"],
            ack.key.as_str()
        );
    }
    assert!(acks.len() >= 200);
}

#[actix_web::test]
async fn sigterm_lets_the_attempt_under_way_end_so_a_restart_does_not_send_it_again() {
    stop_during_an_attempt(libc::SIGTERM).await;
}

#[actix_web::test]
async fn sigint_stops_as_gracefully_as_sigterm() {
    stop_during_an_attempt(libc::SIGINT).await;
}

async fn stop_during_an_attempt(signal: i32) {
    let flags = ["--retry-interval", "50ms"];
    // The receiver has the request and takes 500 ms to answer it: stop now.
    let (data, mut server, receiver) = in_an_attempt(Duration::from_millis(500), &flags).await;
    assert!(server.stop_with(signal).success());

    let server = ServerProcess::start(data.path(), &flags);
    let events = server.api().events("p").await;
    assert_eq!(events.len(), 1);
    assert_eq!(events[0]["status"], "delivered", "{}", events[0]);
    assert_eq!(events[0]["attemptCount"], 1, "{}", events[0]);
    assert_eq!(receiver.count(), 1, "the webhook went out once");
}

/// One change made, and its webhook with a receiver that answers after `delay`.
async fn in_an_attempt(delay: Duration, flags: &[&str]) -> (TempDir, ServerProcess, Receiver) {
    let slow = Behaviour {
        delay,
        ..Default::default()
    };
    let (data, server, receiver) = process_with_receiver(slow, flags).await;
    server
        .api()
        .upsert("p", "u", "q", vec![memory("a", "A")])
        .await;
    receiver.wait_for(1, Duration::from_secs(10)).await;
    (data, server, receiver)
}

#[actix_web::test]
async fn a_second_signal_exits_at_once() {
    let flags = ["--request-timeout", "30s", "--shutdown-timeout", "30s"];
    let (_data, mut server, _receiver) = in_an_attempt(Duration::from_secs(30), &flags).await;
    let stopping = Instant::now();
    server.signal(libc::SIGTERM);
    // Let the graceful stop begin. A different second signal, so that the two cannot be
    // coalesced into one however late the first is read.
    actix_web::rt::time::sleep(Duration::from_millis(300)).await;
    server.signal(libc::SIGINT);
    let status = server.wait();
    assert!(
        stopping.elapsed() < Duration::from_secs(10),
        "{:?}",
        stopping.elapsed()
    );
    assert_eq!(status.code(), Some(1));
}

#[actix_web::test]
async fn the_shutdown_timeout_bounds_a_stop_held_up_by_a_request_and_an_attempt() {
    let flags = ["--request-timeout", "30s", "--shutdown-timeout", "1s"];
    let (data, mut server, receiver) = in_an_attempt(Duration::from_secs(30), &flags).await;
    // A client that sends a quarter of its body and stalls.
    let mut stalled = std::net::TcpStream::connect(server.address).unwrap();
    std::io::Write::write_all(
        &mut stalled,
        b"POST /v1/projects/p/conversations HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{\"us",
    )
    .unwrap();
    let stopping = Instant::now();
    assert!(server.stop_with(libc::SIGTERM).success());
    let took = stopping.elapsed();
    assert!(took < Duration::from_secs(10), "stop took {took:?}");

    // The attempt was cut off unrecorded: the event is still pending and goes again.
    let server = ServerProcess::start(data.path(), &flags);
    receiver.wait_for(2, Duration::from_secs(10)).await;
    let events = server.api().events("p").await;
    assert_eq!(events[0]["attemptCount"], 0, "{}", events[0]);
}
