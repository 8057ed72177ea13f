use actix_web::http::{Method, StatusCode};
use serde_json::json;

use crate::helpers::spawn_app;

const SECRET: &str = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";

#[actix_web::test]
async fn put_then_get_masks_header_values_and_the_secret() {
    let app = spawn_app().await;
    let stored = app
        .api
        .put_config(
            "p1",
            json!({"memoryWebhookUrl": "https://example.com/hook", "memoryWebhookCustomHeaders": {"Authorization": "Bearer s3cret"}, "memoryWebhookSecret": SECRET}),
        )
        .await;
    let got = app.api.get("/v1/projects/p1/config").await;
    assert_eq!(stored, got);
    assert_eq!(
        got,
        json!({"memoryWebhookUrl": "https://example.com/hook", "memoryWebhookCustomHeaders": {"Authorization": "********"}, "memoryWebhookMode": "FULL_STATE", "memoryWebhookSecret": "********"})
    );
}

#[actix_web::test]
async fn a_project_without_config_is_404() {
    let app = spawn_app().await;
    let (status, body) = app
        .api
        .call(Method::GET, "/v1/projects/none/config", None)
        .await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert_eq!(body["error"]["code"], "not_found");
    let (status, _) = app
        .api
        .call(
            Method::PATCH,
            "/v1/projects/none/config",
            Some(json!({"memoryWebhookMode": "CHANGES_ONLY"})),
        )
        .await;
    assert_eq!(status, StatusCode::NOT_FOUND);
}

#[actix_web::test]
async fn patch_merges_and_null_removes() {
    let app = spawn_app().await;
    app.api
        .put_config("p", json!({"memoryWebhookUrl": "http://127.0.0.1:1/a", "memoryWebhookCustomHeaders": {"X-A": "1", "X-B": "2"}, "memoryWebhookSecret": SECRET}))
        .await;
    let (status, body) = app
        .api
        .call(
            Method::PATCH,
            "/v1/projects/p/config",
            Some(json!({"memoryWebhookMode": "CHANGES_ONLY", "memoryWebhookCustomHeaders": {"X-A": null, "X-C": "3"}, "memoryWebhookSecret": null})),
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!(
        body,
        json!({"memoryWebhookUrl": "http://127.0.0.1:1/a", "memoryWebhookCustomHeaders": {"X-B": "********", "X-C": "********"}, "memoryWebhookMode": "CHANGES_ONLY", "memoryWebhookSecret": null})
    );
}

#[actix_web::test]
async fn merge_patch_content_type_is_accepted() {
    let app = spawn_app().await;
    app.api
        .put_config("p", json!({"memoryWebhookUrl": "http://127.0.0.1:1/a"}))
        .await;
    let (status, body) = app
        .api
        .raw(
            Method::PATCH,
            "/v1/projects/p/config",
            Some("application/merge-patch+json"),
            br#"{"memoryWebhookUrl": "http://127.0.0.1:1/b"}"#.to_vec(),
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!(body["memoryWebhookUrl"], "http://127.0.0.1:1/b");
}

#[actix_web::test]
async fn delete_stops_events_and_a_second_delete_is_404() {
    let app = spawn_app().await;
    app.api
        .put_config("p", json!({"memoryWebhookUrl": "http://127.0.0.1:1/a"}))
        .await;
    let (status, body) = app
        .api
        .call(Method::DELETE, "/v1/projects/p/config", None)
        .await;
    assert_eq!(
        (status, body),
        (StatusCode::NO_CONTENT, serde_json::Value::Null)
    );
    let (status, _) = app
        .api
        .call(Method::DELETE, "/v1/projects/p/config", None)
        .await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    let answer = app
        .api
        .upsert("p", "u", "q", vec![crate::helpers::memory("k", "d")])
        .await;
    assert_eq!(answer["eventId"], serde_json::Value::Null);
    assert!(app.api.events("p").await.is_empty());
}

#[actix_web::test]
async fn the_admin_token_guards_v1_but_not_health() {
    let mut app = spawn_app_with_token().await;
    let (status, body) = app
        .api
        .call(Method::GET, "/v1/projects/p/pairs", None)
        .await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    assert_eq!(body["error"]["code"], "unauthorized");
    app.api.token = Some("wrong".into());
    let (status, _) = app
        .api
        .call(Method::GET, "/v1/projects/p/pairs", None)
        .await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    app.api.token = Some("t0ken".into());
    let (status, _) = app
        .api
        .call(Method::GET, "/v1/projects/p/pairs", None)
        .await;
    assert_eq!(status, StatusCode::OK);
    app.api.token = None;
    let (status, body) = app.api.call(Method::GET, "/healthz", None).await;
    assert_eq!(
        (status, body["status"].as_str()),
        (StatusCode::OK, Some("ok"))
    );
}

async fn spawn_app_with_token() -> crate::helpers::TestApp {
    crate::helpers::spawn_app_with(&["--admin-token", "t0ken"]).await
}
