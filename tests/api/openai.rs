//! The `openai` extractor against a local server that speaks the chat-completions protocol.

use std::sync::{Arc, Mutex};
use std::time::Duration;

use actix_web::{App, HttpResponse, HttpServer, web};
use serde_json::{Value, json};

use crate::helpers::{Behaviour, Receiver, TestApp, spawn_app_with};

/// How the fake model server answers.
#[derive(Clone)]
enum Model {
    Operations(Value),
    Status(u16),
    Slow,
    Content(&'static str),
}

struct ModelServer {
    url: String,
    requests: Arc<Mutex<Vec<Value>>>,
}

async fn model_server(model: Model) -> ModelServer {
    let requests: Arc<Mutex<Vec<Value>>> = Arc::default();
    let seen = Arc::clone(&requests);
    let server = HttpServer::new(move || {
        let (seen, model) = (Arc::clone(&seen), model.clone());
        App::new().route(
            "/v1/chat/completions",
            web::post().to(move |body: web::Json<Value>| {
                let (seen, model) = (Arc::clone(&seen), model.clone());
                async move {
                    seen.lock().unwrap().push(body.into_inner());
                    let content = match model {
                        Model::Operations(ops) => ops.to_string(),
                        Model::Content(text) => text.to_owned(),
                        Model::Status(code) => {
                            return HttpResponse::build(actix_web::http::StatusCode::from_u16(code).unwrap())
                                .json(json!({"error": {"message": "model overloaded"}}));
                        }
                        Model::Slow => {
                            actix_web::rt::time::sleep(Duration::from_secs(30)).await;
                            "{}".to_owned()
                        }
                    };
                    HttpResponse::Ok().json(json!({"id": "chatcmpl-1", "object": "chat.completion",
                        "choices": [{"index": 0, "finish_reason": "stop", "message": {"role": "assistant", "content": content}}]}))
                }
            }),
        )
    })
    .workers(1)
    .disable_signals()
    .bind("127.0.0.1:0")
    .unwrap();
    let url = format!("http://{}/v1", server.addrs()[0]);
    actix_web::rt::spawn(server.run());
    ModelServer { url, requests }
}

async fn app_with_model(model: &ModelServer, receiver: &Receiver) -> TestApp {
    let app = spawn_app_with(&[
        "--extractor",
        "openai",
        "--openai-base-url",
        &model.url,
        "--openai-model",
        "test-model",
        "--openai-api-key",
        "sk-test",
        "--openai-timeout",
        "300ms",
    ])
    .await;
    app.api
        .put_config(
            "p",
            json!({"memoryWebhookUrl": receiver.url, "memoryWebhookMode": "CHANGES_ONLY"}),
        )
        .await;
    // A first fact, set explicitly: the baseline that failures must leave alone.
    app.api
        .upsert(
            "p",
            "u",
            "q",
            vec![crate::helpers::memory(
                "user_lives_in_rome",
                "Lives in Rome",
            )],
        )
        .await;
    app
}

fn conversation() -> Value {
    json!({"userProfileId": "u", "personaProfileId": "q", "messages": [
        {"id": "m1", "sender": "USER", "date": "2026-04-10T14:30:00Z", "text": "I moved to Paris last month"}]})
}

#[actix_web::test]
async fn a_good_answer_is_applied_as_one_change() {
    let ops = json!({"upsert": [{"uniqueIdentifier": "user_lives_in_paris", "target": "USER", "category": "LOCATION", "description": "Lives in Paris",
        "eventStartDate": null, "eventEndDate": null, "sourceText": "I moved to Paris last month", "tags": ["paris"]}],
        "delete": [{"uniqueIdentifier": "user_lives_in_rome", "reason": "Moved to Paris"}]});
    let model = model_server(Model::Operations(ops)).await;
    let receiver = Receiver::start(Behaviour::default()).await;
    let app = app_with_model(&model, &receiver).await;

    let (status, answer) = app.api.conversation("p", conversation()).await;
    assert_eq!(status.as_u16(), 200, "{answer}");
    assert_eq!(answer["version"], 2);
    assert_eq!(
        answer["added"][0]["uniqueIdentifier"],
        "user_lives_in_paris"
    );
    assert_eq!(
        answer["added"][0]["timestamp"], "2026-04-10T14:30:00Z",
        "dated by its message"
    );
    assert_eq!(
        answer["deleted"],
        json!([{"uniqueIdentifier": "user_lives_in_rome", "reason": "Moved to Paris"}])
    );

    let request = model.requests.lock().unwrap()[0].clone();
    assert_eq!(request["model"], "test-model");
    assert_eq!(request["response_format"]["type"], "json_schema");
    let prompt: Value =
        serde_json::from_str(request["messages"][1]["content"].as_str().unwrap()).unwrap();
    assert_eq!(
        prompt["currentMemories"][0]["uniqueIdentifier"],
        "user_lives_in_rome"
    );
    assert_eq!(
        prompt["newMessages"][0]["text"],
        "I moved to Paris last month"
    );
    let webhooks = receiver.wait_accepted(2, Duration::from_secs(10)).await;
    assert_eq!(
        webhooks[1].json()["data"]["added"][0]["uniqueIdentifier"],
        "user_lives_in_paris"
    );
}

async fn assert_fails_changing_nothing(model: Model, status: u16, code: &str) {
    let model = model_server(model).await;
    let receiver = Receiver::start(Behaviour::default()).await;
    let app = app_with_model(&model, &receiver).await;
    let before = (
        app.api.memories("p", "u", "q").await,
        app.api.events("p").await.len(),
    );
    let (got, body) = app.api.conversation("p", conversation()).await;
    assert_eq!(got.as_u16(), status, "{body}");
    assert_eq!(body["error"]["code"], code);
    assert_eq!(
        (
            app.api.memories("p", "u", "q").await,
            app.api.events("p").await.len()
        ),
        before
    );
    // The pair still works after the failure.
    let answer = app
        .api
        .upsert("p", "u", "q", vec![crate::helpers::memory("k", "d")])
        .await;
    assert_eq!(answer["version"], 2);
}

#[actix_web::test]
async fn a_server_error_fails_the_update_and_changes_nothing() {
    assert_fails_changing_nothing(Model::Status(500), 502, "extractor_failed").await;
}

#[actix_web::test]
async fn a_timeout_fails_the_update_and_changes_nothing() {
    assert_fails_changing_nothing(Model::Slow, 504, "extractor_timeout").await;
}

#[actix_web::test]
async fn a_malformed_answer_fails_the_update_and_changes_nothing() {
    assert_fails_changing_nothing(
        Model::Content("Sure! Here are the facts: the user lives in Paris."),
        502,
        "extractor_failed",
    )
    .await;
}

#[actix_web::test]
async fn an_answer_that_breaks_the_memory_rules_changes_nothing() {
    let ops = json!({"upsert": [{"uniqueIdentifier": "x", "target": "USER", "category": "lower case", "description": "",
        "eventStartDate": null, "eventEndDate": null, "sourceText": "", "tags": []}], "delete": []});
    assert_fails_changing_nothing(Model::Operations(ops), 502, "extractor_failed").await;
}

#[actix_web::test]
async fn with_the_none_extractor_messages_are_refused_but_operations_work() {
    let app = spawn_app_with(&["--extractor", "none"]).await;
    let (status, body) = app.api.conversation("p", conversation()).await;
    assert_eq!(status.as_u16(), 400);
    assert_eq!(
        (
            body["error"]["code"].as_str(),
            body["error"]["field"].as_str()
        ),
        (Some("extractor_disabled"), Some("messages"))
    );
    app.api
        .upsert("p", "u", "q", vec![crate::helpers::memory("k", "d")])
        .await;
}
