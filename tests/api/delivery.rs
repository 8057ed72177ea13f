//! What receivers get: exact bodies and headers, signatures, retries, timeouts, redelivery.

use std::time::{Duration, SystemTime, UNIX_EPOCH};

use actix_web::http::{Method, StatusCode};
use base64::Engine as _;
use futures_util::StreamExt as _;
use hmac::{Hmac, Mac};
use serde_json::{Value, json};
use sha2::Sha256;

use crate::helpers::{
    Behaviour, Receiver, TestApp, memories_path, memory, spawn_app_with, wait_until,
};

const WAIT: Duration = Duration::from_secs(20);
const SECRET: &str = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";

fn at(key: &str, description: &str, extra: Value) -> Value {
    let mut m = json!({"uniqueIdentifier": key, "target": "USER", "category": "LOCATION", "description": description,
        "sourceText": "I live in Paris", "timestamp": "2026-04-10T14:30:00Z", "tags": ["home"]});
    json_patch::merge(&mut m, &extra);
    m
}

/// A memory as the body must carry it, fields in SPEC §2 order.
fn wire(key: &str, description: &str) -> String {
    format!(
        r#"{{"uniqueIdentifier":"{key}","target":"USER","category":"LOCATION","description":"{description}","eventStartDate":null,"eventEndDate":null,"sourceText":"I live in Paris","timestamp":"2026-04-10T14:30:00Z","tags":["home"]}}"#
    )
}

async fn app_and_receiver(mode: &str, flags: &[&str]) -> (TestApp, Receiver) {
    let receiver = Receiver::start(Behaviour::default()).await;
    let app = spawn_app_with(flags).await;
    app.api
        .put_config("p", json!({"memoryWebhookUrl": receiver.url, "memoryWebhookMode": mode, "memoryWebhookSecret": SECRET, "memoryWebhookCustomHeaders": {"Authorization": "Bearer r3ceiver", "X-Team": "memory"}}))
        .await;
    (app, receiver)
}

async fn post_ops(app: &TestApp, ops: Value) -> Value {
    let (status, body) = app.api.conversation("p", json!({"userProfileId": "user_123", "personaProfileId": "persona_456", "memories": ops})).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    body
}

#[actix_web::test]
async fn changes_only_bodies_are_exactly_the_spec_shape() {
    let (app, receiver) = app_and_receiver("CHANGES_ONLY", &[]).await;
    post_ops(&app, json!({"upsert": [at("b_home", "Lives in Paris", json!({})), at("a_pet", "Has a cat", json!({}))]})).await;
    post_ops(
        &app,
        json!({"upsert": [at("b_home", "Lives in Berlin", json!({}))]}),
    )
    .await;
    post_ops(
        &app,
        json!({"delete": [{"uniqueIdentifier": "a_pet", "reason": "The cat passed away"}]}),
    )
    .await;
    let (status, _) = app
        .api
        .call(
            Method::DELETE,
            &memories_path("p", "user_123", "persona_456"),
            None,
        )
        .await;
    assert_eq!(status, StatusCode::OK);

    let bodies: Vec<String> = receiver
        .wait_accepted(4, WAIT)
        .await
        .iter()
        .map(|r| String::from_utf8(r.body.clone()).unwrap())
        .collect();
    let pair = r#""userProfileId":"user_123","personaProfileId":"persona_456""#;
    assert_eq!(
        bodies[0],
        format!(
            r#"{{"event":"memory.changed","data":{{{pair},"added":[{},{}],"deleted":[]}}}}"#,
            wire("a_pet", "Has a cat"),
            wire("b_home", "Lives in Paris")
        )
    );
    assert_eq!(
        bodies[1],
        format!(
            r#"{{"event":"memory.changed","data":{{{pair},"added":[{}],"deleted":[]}}}}"#,
            wire("b_home", "Lives in Berlin")
        )
    );
    assert_eq!(
        bodies[2],
        format!(
            r#"{{"event":"memory.changed","data":{{{pair},"added":[],"deleted":[{{"uniqueIdentifier":"a_pet","reason":"The cat passed away"}}]}}}}"#
        )
    );
    assert_eq!(
        bodies[3],
        format!(
            r#"{{"event":"memory.changed","data":{{{pair},"added":[],"deleted":[{{"uniqueIdentifier":"b_home","reason":"Forgotten on request"}}]}}}}"#
        )
    );
}

#[actix_web::test]
async fn full_state_bodies_carry_every_memory_after_the_change() {
    let (app, receiver) = app_and_receiver("FULL_STATE", &[]).await;
    post_ops(&app, json!({"upsert": [at("b_home", "Lives in Paris", json!({})), at("a_pet", "Has a cat", json!({}))]})).await;
    receiver.wait_accepted(1, WAIT).await;
    post_ops(
        &app,
        json!({"upsert": [at("b_home", "Lives in Berlin", json!({}))]}),
    )
    .await;
    receiver.wait_accepted(2, WAIT).await;
    post_ops(
        &app,
        json!({"delete": [{"uniqueIdentifier": "a_pet", "reason": "The cat passed away"}]}),
    )
    .await;
    receiver.wait_accepted(3, WAIT).await;
    app.api
        .call(
            Method::DELETE,
            &memories_path("p", "user_123", "persona_456"),
            None,
        )
        .await;

    let bodies: Vec<String> = receiver
        .wait_accepted(4, WAIT)
        .await
        .iter()
        .map(|r| String::from_utf8(r.body.clone()).unwrap())
        .collect();
    let pair = r#""userProfileId":"user_123","personaProfileId":"persona_456""#;
    let updated = |memories: &[String]| {
        format!(
            r#"{{"event":"memory.updated","data":{{{pair},"memories":[{}]}}}}"#,
            memories.join(",")
        )
    };
    assert_eq!(
        bodies[0],
        updated(&[wire("a_pet", "Has a cat"), wire("b_home", "Lives in Paris")])
    );
    assert_eq!(
        bodies[1],
        updated(&[
            wire("a_pet", "Has a cat"),
            wire("b_home", "Lives in Berlin")
        ])
    );
    assert_eq!(bodies[2], updated(&[wire("b_home", "Lives in Berlin")]));
    assert_eq!(bodies[3], updated(&[]));
    let state = app.api.memories("p", "user_123", "persona_456").await;
    assert_eq!(
        serde_json::from_str::<Value>(&bodies[3]).unwrap()["data"]["memories"],
        state["memories"]
    );
}

/// The Standard Webhooks verification, written here from the scheme, independent of memhook's code.
fn verify(secret: &str, id: &str, timestamp: &str, body: &[u8], signatures: &str) -> bool {
    let key = base64::engine::general_purpose::STANDARD
        .decode(secret.strip_prefix("whsec_").unwrap())
        .unwrap();
    let now = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap()
        .as_secs() as i64;
    if (now - timestamp.parse::<i64>().unwrap()).abs() > 300 {
        return false;
    }
    let mut mac = Hmac::<Sha256>::new_from_slice(&key).unwrap();
    mac.update(format!("{id}.{timestamp}.").as_bytes());
    mac.update(body);
    let expected = base64::engine::general_purpose::STANDARD.encode(mac.finalize().into_bytes());
    signatures
        .split(' ')
        .any(|s| s.strip_prefix("v1,") == Some(expected.as_str()))
}

#[actix_web::test]
async fn every_header_is_sent_and_the_signature_verifies() {
    let (app, receiver) = app_and_receiver("CHANGES_ONLY", &[]).await;
    let answer = post_ops(
        &app,
        json!({"upsert": [at("k", "Lives in Paris", json!({}))]}),
    )
    .await;
    let got = receiver.wait_accepted(1, WAIT).await.remove(0);
    assert_eq!(got.path, "/hook");
    assert_eq!(got.header("content-type"), Some("application/json"));
    assert_eq!(got.header("user-agent"), Some("dg2-api"));
    assert_eq!(got.header("authorization"), Some("Bearer r3ceiver"));
    assert_eq!(got.header("x-team"), Some("memory"));
    assert_eq!(got.header("webhook-id"), answer["eventId"].as_str());
    assert_eq!(got.header("x-memory-version"), Some("1"));
    let timestamp = got.header("webhook-timestamp").unwrap();
    assert!(verify(
        SECRET,
        got.header("webhook-id").unwrap(),
        timestamp,
        &got.body,
        got.header("webhook-signature").unwrap()
    ));
    assert!(!verify(
        SECRET,
        got.header("webhook-id").unwrap(),
        timestamp,
        b"{}",
        got.header("webhook-signature").unwrap()
    ));
}

#[actix_web::test]
async fn without_a_secret_there_is_no_signature() {
    let receiver = Receiver::start(Behaviour::default()).await;
    let app = spawn_app_with(&[]).await;
    app.api
        .put_config("p", json!({"memoryWebhookUrl": receiver.url}))
        .await;
    post_ops(&app, json!({"upsert": [memory("k", "d")]})).await;
    let got = receiver.wait_accepted(1, WAIT).await.remove(0);
    assert_eq!(got.header("webhook-signature"), None);
    assert!(got.header("webhook-id").is_some());
}

async fn wait_status(app: &TestApp, id: &str, status: &str) -> Value {
    wait_until(&format!("event {id} {status}"), WAIT, || async {
        app.api.event("p", id).await["status"] == status
    })
    .await;
    app.api.event("p", id).await
}

#[actix_web::test]
async fn a_receiver_that_always_fails_gets_one_attempt_plus_max_retries() {
    let (app, receiver) = app_and_receiver("CHANGES_ONLY", &["--max-retries", "3"]).await;
    receiver.set(Behaviour {
        status: 500,
        ..Behaviour::default()
    });
    let answer = post_ops(&app, json!({"upsert": [memory("k", "d")]})).await;
    let id = answer["eventId"].as_str().unwrap();
    let event = wait_status(&app, id, "failed").await;
    assert_eq!(event["attemptCount"], 4);
    assert_eq!(event["lastError"], "HTTP 500");
    let attempts = event["attempts"].as_array().unwrap();
    assert_eq!(attempts.len(), 4);
    for a in attempts {
        assert_eq!(a["statusCode"], 500);
        assert_eq!(a["responseBody"], "answered 500");
        assert_eq!(a["error"], Value::Null);
    }
    // No attempt after `failed`, and every attempt carried the same webhook-id.
    actix_web::rt::time::sleep(Duration::from_millis(200)).await;
    let received = receiver.received();
    assert_eq!(received.len(), 4);
    assert!(received.iter().all(|r| r.header("webhook-id") == Some(id)));
}

#[actix_web::test]
async fn a_redirect_is_a_failure_and_is_not_followed() {
    let (app, receiver) = app_and_receiver("CHANGES_ONLY", &["--max-retries", "1"]).await;
    receiver.set(Behaviour {
        status: 302,
        ..Behaviour::default()
    });
    let answer = post_ops(&app, json!({"upsert": [memory("k", "d")]})).await;
    let event = wait_status(&app, answer["eventId"].as_str().unwrap(), "failed").await;
    assert_eq!(event["attempts"][0]["statusCode"], 302);
    assert_eq!(event["lastError"], "HTTP 302");
    assert!(receiver.received().iter().all(|r| r.path == "/hook"));
    assert_eq!(receiver.count(), 2);
}

#[actix_web::test]
async fn a_receiver_that_never_answers_is_cut_off_at_the_request_timeout() {
    let (app, receiver) = app_and_receiver(
        "CHANGES_ONLY",
        &["--max-retries", "0", "--request-timeout", "300ms"],
    )
    .await;
    receiver.set(Behaviour {
        delay: Duration::from_secs(30),
        ..Behaviour::default()
    });
    let answer = post_ops(&app, json!({"upsert": [memory("k", "d")]})).await;
    let event = wait_status(&app, answer["eventId"].as_str().unwrap(), "failed").await;
    let attempt = &event["attempts"][0];
    assert!(
        attempt["error"].as_str().unwrap().starts_with("timed out"),
        "{attempt}"
    );
    let ms = attempt["durationMs"].as_u64().unwrap();
    assert!((300..5_000).contains(&ms), "cut off after {ms} ms");
}

#[actix_web::test]
async fn a_receiver_that_hangs_up_without_answering_is_recorded_as_such() {
    // Reads each request, then closes the connection without a word.
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let url = format!("http://{}/hook", listener.local_addr().unwrap());
    std::thread::spawn(move || {
        for stream in listener.incoming() {
            let Ok(mut stream) = stream else { return };
            let _ = std::io::Read::read(&mut stream, &mut [0; 65536]);
        }
    });
    let app = spawn_app_with(&["--max-retries", "1"]).await;
    app.api
        .put_config(
            "p",
            json!({"memoryWebhookUrl": url, "memoryWebhookMode": "CHANGES_ONLY"}),
        )
        .await;
    let answer = post_ops(&app, json!({"upsert": [memory("k", "d")]})).await;
    let event = wait_status(&app, answer["eventId"].as_str().unwrap(), "failed").await;
    assert_eq!(
        event["lastError"], "the connection closed before the receiver answered",
        "{event}"
    );
}

#[actix_web::test]
async fn a_refused_connection_is_retried_until_the_receiver_comes_up() {
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let app = spawn_app_with(&["--retry-interval", "50ms"]).await;
    app.api
        .put_config(
            "p",
            json!({"memoryWebhookUrl": format!("http://127.0.0.1:{port}/hook")}),
        )
        .await;
    let answer = post_ops(&app, json!({"upsert": [memory("k", "d")]})).await;
    let id = answer["eventId"].as_str().unwrap();
    wait_until("two refused attempts", WAIT, || async {
        app.api.event("p", id).await["attemptCount"].as_u64() >= Some(2)
    })
    .await;
    let event = app.api.event("p", id).await;
    assert_eq!(event["status"], "pending");
    assert!(
        event["attempts"][0]["error"]
            .as_str()
            .unwrap()
            .to_lowercase()
            .contains("refused"),
        "{event}"
    );
    let receiver = Receiver::start_on(&format!("127.0.0.1:{port}"), Behaviour::default()).await;
    let event = wait_status(&app, id, "delivered").await;
    assert_eq!(receiver.accepted().len(), 1);
    assert!(event["deliveredAt"].is_string());
    assert_eq!(event["lastError"], Value::Null);
}

#[actix_web::test]
async fn a_new_url_applies_to_the_next_attempt_of_pending_events() {
    let app = spawn_app_with(&["--retry-interval", "50ms"]).await;
    app.api
        .put_config(
            "p",
            json!({"memoryWebhookUrl": "http://127.0.0.1:9/nothing-listens"}),
        )
        .await;
    let answer = post_ops(&app, json!({"upsert": [memory("k", "d")]})).await;
    let id = answer["eventId"].as_str().unwrap();
    wait_until("a failed attempt", WAIT, || async {
        app.api.event("p", id).await["attemptCount"].as_u64() >= Some(1)
    })
    .await;
    let receiver = Receiver::start(Behaviour::default()).await;
    app.api
        .call(
            Method::PATCH,
            "/v1/projects/p/config",
            Some(json!({"memoryWebhookUrl": receiver.url})),
        )
        .await;
    wait_status(&app, id, "delivered").await;
    assert_eq!(receiver.accepted()[0].header("webhook-id"), Some(id));
}

#[actix_web::test]
async fn pending_events_of_a_deleted_config_fail_and_can_be_redelivered_later() {
    let app = spawn_app_with(&["--retry-interval", "100ms"]).await;
    app.api
        .put_config(
            "p",
            json!({"memoryWebhookUrl": "http://127.0.0.1:9/nothing-listens"}),
        )
        .await;
    let answer = post_ops(&app, json!({"upsert": [memory("k", "d")]})).await;
    let id = answer["eventId"].as_str().unwrap();
    app.api
        .call(Method::DELETE, "/v1/projects/p/config", None)
        .await;
    let event = wait_status(&app, id, "failed").await;
    assert_eq!(event["lastError"], "the project has no webhook configured");
    let receiver = Receiver::start(Behaviour::default()).await;
    app.api
        .put_config("p", json!({"memoryWebhookUrl": receiver.url}))
        .await;
    let (status, _) = app
        .api
        .call(
            Method::POST,
            &format!("/v1/projects/p/events/{id}/redeliver"),
            None,
        )
        .await;
    assert_eq!(status, StatusCode::ACCEPTED);
    wait_status(&app, id, "delivered").await;
}

#[actix_web::test]
async fn redelivery_of_a_failed_event_gets_a_fresh_budget_and_is_recorded() {
    let (app, receiver) = app_and_receiver("CHANGES_ONLY", &["--max-retries", "1"]).await;
    receiver.set(Behaviour {
        status: 503,
        ..Behaviour::default()
    });
    let answer = post_ops(&app, json!({"upsert": [memory("k", "d")]})).await;
    let id = answer["eventId"].as_str().unwrap();
    wait_status(&app, id, "failed").await;
    let redeliver = format!("/v1/projects/p/events/{id}/redeliver");

    receiver.set(Behaviour::default());
    let (status, body) = app.api.call(Method::POST, &redeliver, None).await;
    assert_eq!(status, StatusCode::ACCEPTED, "{body}");
    assert_eq!(body["id"], id);
    let event = wait_status(&app, id, "delivered").await;
    let codes: Vec<u64> = event["attempts"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["statusCode"].as_u64().unwrap())
        .collect();
    assert_eq!(codes, [503, 503, 200]);
    assert_eq!(event["attemptCount"], 3);

    let (status, body) = app.api.call(Method::POST, &redeliver, None).await;
    assert_eq!(
        status,
        StatusCode::CONFLICT,
        "only failed events are redelivered"
    );
    assert_eq!(body["error"]["code"], "not_failed");
}

#[actix_web::test]
async fn metrics_count_changes_events_and_attempts() {
    let (app, receiver) = app_and_receiver("CHANGES_ONLY", &[]).await;
    receiver.set(Behaviour {
        fail_first: 1,
        ..Behaviour::default()
    });
    post_ops(&app, json!({"upsert": [memory("k", "d")]})).await;
    receiver.wait_accepted(1, WAIT).await;
    wait_until("metrics", WAIT, || async {
        let (_, _) = (0, 0);
        let text = metrics_text(&app).await;
        text.contains("memhook_events_finished_total{status=\"delivered\"} 1")
    })
    .await;
    let text = metrics_text(&app).await;
    for line in [
        "memhook_changes_total 1",
        "memhook_updates_total 1",
        "memhook_events_created_total 1",
        "memhook_delivery_attempts_total{outcome=\"http_error\"} 1",
        "memhook_delivery_attempts_total{outcome=\"success\"} 1",
        "memhook_pending_events 0",
        "memhook_delivery_lag_seconds_count 1",
    ] {
        assert!(text.contains(line), "missing {line:?} in\n{text}");
    }
}

async fn metrics_text(app: &TestApp) -> String {
    let mut response = app
        .api
        .client
        .get(format!("{}/metrics", app.api.base))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    String::from_utf8(response.body().await.unwrap().to_vec()).unwrap()
}

#[actix_web::test]
async fn https_endpoints_work_with_a_trusted_private_ca() {
    use rustls::pki_types::{CertificateDer, PrivateKeyDer, PrivatePkcs8KeyDer};
    use std::sync::{Arc, Mutex};

    let cert = rcgen::generate_simple_self_signed(vec!["localhost".to_string()]).unwrap();
    let dir = tempfile::TempDir::new().unwrap();
    let ca_file = dir.path().join("ca.pem");
    std::fs::write(&ca_file, cert.cert.pem()).unwrap();

    let tls = rustls::ServerConfig::builder_with_provider(Arc::new(
        rustls::crypto::ring::default_provider(),
    ))
    .with_safe_default_protocol_versions()
    .unwrap()
    .with_no_client_auth()
    .with_single_cert(
        vec![CertificateDer::from(cert.cert.der().to_vec())],
        PrivateKeyDer::Pkcs8(PrivatePkcs8KeyDer::from(cert.signing_key.serialize_der())),
    )
    .unwrap();
    let bodies: Arc<Mutex<Vec<String>>> = Arc::default();
    let seen = Arc::clone(&bodies);
    let server = actix_web::HttpServer::new(move || {
        let seen = Arc::clone(&seen);
        actix_web::App::new().default_service(actix_web::web::to(move |body: String| {
            seen.lock().unwrap().push(body);
            async { actix_web::HttpResponse::NoContent().finish() }
        }))
    })
    .workers(1)
    .disable_signals()
    .bind_rustls_0_23("127.0.0.1:0", tls)
    .unwrap();
    let port = server.addrs()[0].port();
    actix_web::rt::spawn(server.run());

    let app = spawn_app_with(&["--ca-file", ca_file.to_str().unwrap()]).await;
    app.api
        .put_config(
            "p",
            json!({"memoryWebhookUrl": format!("https://localhost:{port}/hook")}),
        )
        .await;
    let answer = post_ops(&app, json!({"upsert": [memory("k", "d")]})).await;
    let event = wait_status(&app, answer["eventId"].as_str().unwrap(), "delivered").await;
    assert_eq!(event["attempts"][0]["statusCode"], 204);
    assert_eq!(bodies.lock().unwrap().len(), 1);

    // Without the CA the same endpoint is not trusted: the attempt fails.
    let untrusting = spawn_app_with(&["--max-retries", "0"]).await;
    untrusting
        .api
        .put_config(
            "p",
            json!({"memoryWebhookUrl": format!("https://localhost:{port}/hook")}),
        )
        .await;
    let answer = post_ops(&untrusting, json!({"upsert": [memory("k", "d")]})).await;
    let event = wait_status(&untrusting, answer["eventId"].as_str().unwrap(), "failed").await;
    assert!(event["attempts"][0]["error"].is_string(), "{event}");
    assert_eq!(bodies.lock().unwrap().len(), 1);
}

#[actix_web::test]
async fn thousands_of_pending_events_of_a_deleted_config_all_fail_without_exhausting_the_stack() {
    // Every event waits in one project's line (one attempt in flight at a time); when the config
    // goes, each fails at once and frees the slot for the next.
    let receiver = Receiver::start(Behaviour {
        delay: Duration::from_millis(500),
        ..Behaviour::default()
    })
    .await;
    let app = spawn_app_with(&["--endpoint-concurrency", "1", "--request-timeout", "5s"]).await;
    app.api
        .put_config(
            "p",
            json!({"memoryWebhookUrl": receiver.url, "memoryWebhookMode": "CHANGES_ONLY"}),
        )
        .await;
    let pairs = 3_000;
    let api = &app.api;
    // 32 clients at a time: the test is about the server's line, not the client's sockets.
    futures_util::stream::iter(0..pairs)
        .for_each_concurrent(32, |i| async move {
            api.upsert("p", &format!("u{i}"), "q", vec![memory("k", "d")])
                .await;
        })
        .await;
    app.api
        .call(Method::DELETE, "/v1/projects/p/config", None)
        .await;
    wait_until(
        "every event failed or delivered",
        Duration::from_secs(60),
        || async {
            app.api
                .events("p")
                .await
                .iter()
                .all(|e| e["status"] != "pending")
        },
    )
    .await;
    let events = app.api.events("p").await;
    assert_eq!(events.len(), pairs);
    let failed = events.iter().filter(|e| e["status"] == "failed").count();
    assert_eq!(
        failed + receiver.count(),
        pairs,
        "each event failed, or reached the receiver before the config went"
    );
}
