//! Every malformed or rule-breaking request gets a 4xx with the JSON error body naming the
//! field, and changes nothing: memory, versions, events and configuration read back the same.

use actix_web::http::Method;
use serde_json::{Value, json};

use crate::helpers::{TestApp, enc, memories_path, memory, spawn_app_with};

const CONVERSATIONS: &str = "/v1/projects/p/conversations";
const CONFIG: &str = "/v1/projects/p/config";

/// A request to send.
enum Req {
    Json(Method, String, Value),
    Raw(Method, String, Option<&'static str>, Vec<u8>),
    Token(Option<&'static str>),
}

fn post(body: Value) -> Req {
    Req::Json(Method::POST, CONVERSATIONS.into(), body)
}

fn put_config(body: Value) -> Req {
    Req::Json(Method::PUT, CONFIG.into(), body)
}

fn get(path: &str) -> Req {
    Req::Raw(Method::GET, path.into(), None, Vec::new())
}

/// An upsert of one memory built from a valid one with `change` merged in.
fn upsert_with(change: Value) -> Value {
    let mut m = json!({"uniqueIdentifier": "k2", "target": "USER", "category": "LOCATION", "description": "Lives in Rome"});
    json_patch::merge(&mut m, &change);
    json!({"userProfileId": "u", "personaProfileId": "q", "memories": {"upsert": [m]}})
}

/// Everything a rejected request must leave as it was (of events, what a change makes; the
/// delivery attempts go on meanwhile).
async fn snapshot(app: &TestApp) -> (Value, Vec<Value>, Value, Value) {
    let events = app.api.events("p").await.into_iter();
    (
        app.api.memories("p", "u", "q").await,
        events
            .map(|e| {
                json!([
                    e["id"],
                    e["event"],
                    e["version"],
                    e["userProfileId"],
                    e["personaProfileId"]
                ])
            })
            .collect(),
        app.api.get(CONFIG).await,
        app.api.get("/v1/projects/p/pairs").await,
    )
}

/// Sends `req` to a server holding one pair, its event and a config; checks the status, the
/// error body and that nothing changed.
async fn reject(req: Req, status: u16, code: &str, field: Option<&str>) {
    let mut app = spawn_app_with(&["--admin-token", "t", "--max-body", "64KiB"]).await;
    app.api.token = Some("t".into());
    app.api.put_config("p", json!({"memoryWebhookUrl": "http://127.0.0.1:9/hook", "memoryWebhookCustomHeaders": {"X-A": "1"}})).await;
    app.api
        .upsert("p", "u", "q", vec![memory("k", "Has a dog")])
        .await;
    let before = snapshot(&app).await;

    let (got, body) = match req {
        Req::Json(method, path, body) => app.api.call(method, &path, Some(body)).await,
        Req::Raw(method, path, ct, bytes) => app.api.raw(method, &path, ct, bytes).await,
        Req::Token(token) => {
            let saved = app.api.token.take();
            app.api.token = token.map(str::to_owned);
            let answer = app
                .api
                .call(Method::POST, CONVERSATIONS, Some(upsert_with(json!({}))))
                .await;
            app.api.token = saved;
            answer
        }
    };
    assert_eq!(got.as_u16(), status, "{body}");
    assert_eq!(body["error"]["code"], code, "{body}");
    assert!(
        body["error"]["message"]
            .as_str()
            .is_some_and(|m| !m.is_empty()),
        "{body}"
    );
    assert_eq!(body["error"]["field"].as_str(), field, "{body}");
    assert!(
        body["error"].as_object().unwrap().contains_key("field"),
        "field is always present: {body}"
    );
    assert_eq!(
        snapshot(&app).await,
        before,
        "a rejected request changed something"
    );
}

#[actix_web::test]
async fn malformed_json() {
    reject(
        Req::Raw(
            Method::POST,
            CONVERSATIONS.into(),
            Some("application/json"),
            br#"{"userProfileId": "u", "#.to_vec(),
        ),
        400,
        "malformed_json",
        None,
    )
    .await;
}

#[actix_web::test]
async fn trailing_bytes_after_the_json() {
    reject(
        Req::Raw(
            Method::POST,
            CONVERSATIONS.into(),
            Some("application/json"),
            format!("{} x", upsert_with(json!({}))).into_bytes(),
        ),
        400,
        "malformed_json",
        None,
    )
    .await;
}

#[actix_web::test]
async fn empty_body() {
    reject(
        Req::Raw(
            Method::POST,
            CONVERSATIONS.into(),
            Some("application/json"),
            Vec::new(),
        ),
        400,
        "malformed_json",
        None,
    )
    .await;
}

#[actix_web::test]
async fn wrong_content_type() {
    let body = upsert_with(json!({})).to_string().into_bytes();
    reject(
        Req::Raw(Method::POST, CONVERSATIONS.into(), Some("text/plain"), body),
        415,
        "unsupported_media_type",
        None,
    )
    .await;
}

#[actix_web::test]
async fn no_content_type() {
    let body = upsert_with(json!({})).to_string().into_bytes();
    reject(
        Req::Raw(Method::POST, CONVERSATIONS.into(), None, body),
        415,
        "unsupported_media_type",
        None,
    )
    .await;
}

#[actix_web::test]
async fn body_over_the_limit() {
    let big = upsert_with(json!({"sourceText": "x".repeat(70 * 1024)}))
        .to_string()
        .into_bytes();
    reject(
        Req::Raw(
            Method::POST,
            CONVERSATIONS.into(),
            Some("application/json"),
            big,
        ),
        413,
        "payload_too_large",
        None,
    )
    .await;
}

#[actix_web::test]
async fn a_json_array_instead_of_an_object() {
    reject(post(json!([1, 2])), 400, "invalid_type", None).await;
}

#[actix_web::test]
async fn wrong_type_of_an_id() {
    reject(
        post(json!({"userProfileId": 5, "personaProfileId": "q", "memories": {}})),
        400,
        "invalid_type",
        Some("userProfileId"),
    )
    .await;
}

#[actix_web::test]
async fn wrong_type_of_tags() {
    reject(
        post(upsert_with(json!({"tags": "home"}))),
        400,
        "invalid_type",
        Some("memories.upsert[0].tags"),
    )
    .await;
}

#[actix_web::test]
async fn missing_user_profile_id() {
    reject(
        post(json!({"personaProfileId": "q", "memories": {}})),
        400,
        "missing_field",
        Some("userProfileId"),
    )
    .await;
}

#[actix_web::test]
async fn missing_description() {
    reject(
        post(upsert_with(json!({"description": null}))),
        400,
        "missing_field",
        Some("memories.upsert[0].description"),
    )
    .await;
}

#[actix_web::test]
async fn neither_messages_nor_memories() {
    reject(
        post(json!({"userProfileId": "u", "personaProfileId": "q"})),
        400,
        "missing_field",
        Some("memories"),
    )
    .await;
}

#[actix_web::test]
async fn unknown_top_level_field() {
    reject(
        post(json!({"userProfileId": "u", "personaProfileId": "q", "memorys": {}})),
        400,
        "unknown_field",
        Some("memorys"),
    )
    .await;
}

#[actix_web::test]
async fn unknown_memory_field() {
    reject(
        post(upsert_with(json!({"descripton": "typo"}))),
        400,
        "unknown_field",
        Some("memories.upsert[0].descripton"),
    )
    .await;
}

#[actix_web::test]
async fn empty_user_profile_id() {
    reject(
        post(json!({"userProfileId": "", "personaProfileId": "q", "memories": {}})),
        400,
        "invalid_value",
        Some("userProfileId"),
    )
    .await;
}

#[actix_web::test]
async fn over_long_persona_profile_id() {
    reject(
        post(json!({"userProfileId": "u", "personaProfileId": "é".repeat(129), "memories": {}})),
        400,
        "invalid_value",
        Some("personaProfileId"),
    )
    .await;
}

#[actix_web::test]
async fn control_character_in_a_unique_identifier() {
    reject(
        post(upsert_with(json!({"uniqueIdentifier": "a\u{0007}b"}))),
        400,
        "invalid_value",
        Some("memories.upsert[0].uniqueIdentifier"),
    )
    .await;
}

#[actix_web::test]
async fn unknown_target() {
    reject(
        post(upsert_with(json!({"target": "BOT"}))),
        400,
        "invalid_value",
        Some("memories.upsert[0].target"),
    )
    .await;
}

#[actix_web::test]
async fn malformed_category() {
    reject(
        post(upsert_with(json!({"category": "food preference"}))),
        400,
        "invalid_value",
        Some("memories.upsert[0].category"),
    )
    .await;
}

#[actix_web::test]
async fn empty_description() {
    reject(
        post(upsert_with(json!({"description": "   "}))),
        400,
        "invalid_value",
        Some("memories.upsert[0].description"),
    )
    .await;
}

#[actix_web::test]
async fn over_long_description() {
    reject(
        post(upsert_with(json!({"description": "d".repeat(1001)}))),
        400,
        "invalid_value",
        Some("memories.upsert[0].description"),
    )
    .await;
}

#[actix_web::test]
async fn more_than_ten_tags() {
    let tags: Vec<String> = (0..11).map(|i| format!("t{i}")).collect();
    reject(
        post(upsert_with(json!({"tags": tags}))),
        400,
        "invalid_value",
        Some("memories.upsert[0].tags"),
    )
    .await;
}

#[actix_web::test]
async fn malformed_event_date() {
    reject(
        post(upsert_with(
            json!({"category": "EVENT", "eventStartDate": "2026-13-01"}),
        )),
        400,
        "invalid_value",
        Some("memories.upsert[0].eventStartDate"),
    )
    .await;
}

#[actix_web::test]
async fn end_date_before_start_date() {
    let dates =
        json!({"category": "EVENT", "eventStartDate": "2026-05-02", "eventEndDate": "2026-05-01"});
    reject(
        post(upsert_with(dates)),
        400,
        "invalid_value",
        Some("memories.upsert[0].eventEndDate"),
    )
    .await;
}

#[actix_web::test]
async fn malformed_timestamp() {
    reject(
        post(upsert_with(json!({"timestamp": "yesterday"}))),
        400,
        "invalid_value",
        Some("memories.upsert[0].timestamp"),
    )
    .await;
}

#[actix_web::test]
async fn the_same_key_twice_in_one_update() {
    let m =
        json!({"uniqueIdentifier": "k2", "target": "USER", "category": "NAME", "description": "A"});
    let body =
        json!({"userProfileId": "u", "personaProfileId": "q", "memories": {"upsert": [m, m]}});
    reject(
        post(body),
        400,
        "duplicate_key",
        Some("memories.upsert[1].uniqueIdentifier"),
    )
    .await;
}

#[actix_web::test]
async fn a_message_from_an_unknown_sender() {
    let body = json!({"userProfileId": "u", "personaProfileId": "q", "messages": [{"id": "m1", "sender": "BOT", "date": "2026-04-10T14:30:00Z", "text": "hi"}]});
    reject(post(body), 400, "invalid_value", Some("messages[0].sender")).await;
}

#[actix_web::test]
async fn a_message_with_a_malformed_date() {
    let body = json!({"userProfileId": "u", "personaProfileId": "q", "messages": [{"id": "m1", "sender": "USER", "date": "10/04/2026", "text": "I live in Paris"}]});
    reject(post(body), 400, "invalid_value", Some("messages[0].date")).await;
}

#[actix_web::test]
async fn put_memories_of_the_wrong_type() {
    reject(
        Req::Json(
            Method::PUT,
            memories_path("p", "u", "q"),
            json!({"memories": {}}),
        ),
        400,
        "invalid_type",
        Some("memories"),
    )
    .await;
}

#[actix_web::test]
async fn relative_webhook_url() {
    reject(
        put_config(json!({"memoryWebhookUrl": "/hook"})),
        400,
        "invalid_value",
        Some("memoryWebhookUrl"),
    )
    .await;
}

#[actix_web::test]
async fn ftp_webhook_url() {
    reject(
        put_config(json!({"memoryWebhookUrl": "ftp://example.com/hook"})),
        400,
        "invalid_value",
        Some("memoryWebhookUrl"),
    )
    .await;
}

#[actix_web::test]
async fn webhook_url_with_credentials() {
    reject(
        put_config(json!({"memoryWebhookUrl": "https://user:pw@example.com/hook"})),
        400,
        "invalid_value",
        Some("memoryWebhookUrl"),
    )
    .await;
}

#[actix_web::test]
async fn header_value_with_cr_lf() {
    let config = json!({"memoryWebhookUrl": "https://example.com/", "memoryWebhookCustomHeaders": {"X-A": "1\r\nX-Injected: yes"}});
    reject(
        put_config(config),
        400,
        "invalid_value",
        Some("memoryWebhookCustomHeaders"),
    )
    .await;
}

#[actix_web::test]
async fn reserved_header_name() {
    let config = json!({"memoryWebhookUrl": "https://example.com/", "memoryWebhookCustomHeaders": {"User-Agent": "mine"}});
    reject(
        put_config(config),
        400,
        "invalid_value",
        Some("memoryWebhookCustomHeaders"),
    )
    .await;
}

#[actix_web::test]
async fn webhook_prefixed_header_name() {
    let config = json!({"memoryWebhookUrl": "https://example.com/", "memoryWebhookCustomHeaders": {"webhook-id": "x"}});
    reject(
        put_config(config),
        400,
        "invalid_value",
        Some("memoryWebhookCustomHeaders"),
    )
    .await;
}

#[actix_web::test]
async fn bad_mode() {
    reject(
        put_config(json!({"memoryWebhookUrl": "https://example.com/", "memoryWebhookMode": "ALL"})),
        400,
        "invalid_value",
        Some("memoryWebhookMode"),
    )
    .await;
}

#[actix_web::test]
async fn misspelt_config_field() {
    reject(
        put_config(json!({"memoryWebhookURL": "https://example.com/"})),
        400,
        "unknown_field",
        Some("memoryWebhookURL"),
    )
    .await;
}

#[actix_web::test]
async fn secret_not_in_standard_webhooks_form() {
    reject(
        put_config(
            json!({"memoryWebhookUrl": "https://example.com/", "memoryWebhookSecret": "hunter2"}),
        ),
        400,
        "invalid_value",
        Some("memoryWebhookSecret"),
    )
    .await;
}

#[actix_web::test]
async fn patch_that_would_remove_the_url() {
    reject(
        Req::Json(
            Method::PATCH,
            CONFIG.into(),
            json!({"memoryWebhookUrl": null}),
        ),
        400,
        "missing_field",
        Some("memoryWebhookUrl"),
    )
    .await;
}

#[actix_web::test]
async fn missing_admin_token() {
    reject(Req::Token(None), 401, "unauthorized", None).await;
}

#[actix_web::test]
async fn wrong_admin_token() {
    reject(Req::Token(Some("not-it")), 401, "unauthorized", None).await;
}

#[actix_web::test]
async fn page_limit_out_of_range() {
    reject(
        get("/v1/projects/p/pairs?limit=0"),
        400,
        "invalid_value",
        Some("limit"),
    )
    .await;
}

#[actix_web::test]
async fn page_limit_not_a_number() {
    reject(
        get("/v1/projects/p/pairs?limit=ten"),
        400,
        "invalid_value",
        Some("limit"),
    )
    .await;
}

#[actix_web::test]
async fn unknown_query_parameter() {
    reject(
        get("/v1/projects/p/events?stauts=failed"),
        400,
        "unknown_field",
        Some("stauts"),
    )
    .await;
}

#[actix_web::test]
async fn unknown_event_status_filter() {
    reject(
        get("/v1/projects/p/events?status=done"),
        400,
        "invalid_value",
        Some("status"),
    )
    .await;
}

#[actix_web::test]
async fn a_cursor_we_did_not_give_out() {
    reject(
        get("/v1/projects/p/events?cursor=!!!"),
        400,
        "invalid_value",
        Some("cursor"),
    )
    .await;
}

#[actix_web::test]
async fn an_empty_cursor() {
    for path in [
        "/v1/projects/p/events?cursor=",
        "/v1/projects/p/pairs?cursor=",
    ] {
        reject(get(path), 400, "invalid_value", Some("cursor")).await;
    }
}

#[actix_web::test]
async fn a_pair_cursor_that_is_base64_but_no_pair_key() {
    for path in [
        "/v1/projects/p/pairs?cursor=AAAA",
        "/v1/projects/p/pairs?cursor=_____w",
    ] {
        reject(get(path), 400, "invalid_value", Some("cursor")).await;
    }
}

#[actix_web::test]
async fn an_event_cursor_that_is_base64_but_no_event_id() {
    reject(
        get("/v1/projects/p/events?cursor=abc"),
        400,
        "invalid_value",
        Some("cursor"),
    )
    .await;
}

#[actix_web::test]
async fn over_long_project_id_in_the_path() {
    reject(
        get(&format!("/v1/projects/{}/pairs", "p".repeat(257))),
        400,
        "invalid_value",
        Some("projectId"),
    )
    .await;
}

#[actix_web::test]
async fn control_character_in_a_path_id() {
    reject(
        get(&memories_path("p", "u\nx", "q")),
        400,
        "invalid_value",
        Some("userProfileId"),
    )
    .await;
}

#[actix_web::test]
async fn unknown_route() {
    reject(get("/v1/projects/p/nothing-here"), 404, "not_found", None).await;
}

#[actix_web::test]
async fn wrong_method() {
    reject(
        Req::Raw(
            Method::POST,
            CONFIG.into(),
            Some("application/json"),
            b"{}".to_vec(),
        ),
        405,
        "method_not_allowed",
        None,
    )
    .await;
}

#[actix_web::test]
async fn redeliver_an_unknown_event() {
    let path = format!(
        "/v1/projects/p/events/{}/redeliver",
        enc("evt_0192f3a1b2c37d4e8f90a1b2c3d4e5f6")
    );
    reject(
        Req::Raw(Method::POST, path, None, Vec::new()),
        404,
        "not_found",
        None,
    )
    .await;
}

#[actix_web::test]
async fn timestamp_whose_offset_crosses_into_year_minus_one() {
    reject(
        post(upsert_with(
            json!({"timestamp": "0000-01-01T00:00:00+01:00"}),
        )),
        400,
        "invalid_value",
        Some("memories.upsert[0].timestamp"),
    )
    .await;
}

#[actix_web::test]
async fn timestamp_whose_offset_crosses_into_year_10000() {
    reject(
        post(upsert_with(
            json!({"timestamp": "9999-12-31T23:59:59-01:00"}),
        )),
        400,
        "invalid_value",
        Some("memories.upsert[0].timestamp"),
    )
    .await;
}

#[actix_web::test]
async fn message_date_past_year_9999() {
    let body = json!({"userProfileId": "u", "personaProfileId": "q", "messages": [{"id": "m1", "sender": "USER", "date": "9999-12-31T23:59:59-01:00", "text": "I live in Paris"}]});
    reject(post(body), 400, "invalid_value", Some("messages[0].date")).await;
}

#[actix_web::test]
async fn event_date_with_a_sign() {
    reject(
        post(upsert_with(
            json!({"category": "EVENT", "eventStartDate": "+2024-02-01"}),
        )),
        400,
        "invalid_value",
        Some("memories.upsert[0].eventStartDate"),
    )
    .await;
}

#[actix_web::test]
async fn path_escapes_that_are_not_utf8() {
    reject(
        get("/v1/projects/%C3/pairs"),
        400,
        "invalid_path",
        Some("path"),
    )
    .await;
}

#[actix_web::test]
async fn query_escapes_that_are_not_utf8() {
    reject(
        get("/v1/projects/p/events?userProfileId=%FF"),
        400,
        "invalid_query",
        Some("userProfileId"),
    )
    .await;
}

#[actix_web::test]
async fn a_query_parameter_name_that_is_not_utf8_is_named_as_sent() {
    reject(
        get("/v1/projects/p/events?%FF=1"),
        400,
        "invalid_query",
        Some("%FF"),
    )
    .await;
}

#[actix_web::test]
async fn the_mask_sent_back_as_a_header_value() {
    let config = json!({"memoryWebhookUrl": "https://example.com/", "memoryWebhookCustomHeaders": {"X-A": "********"}});
    reject(
        put_config(config),
        400,
        "invalid_value",
        Some("memoryWebhookCustomHeaders"),
    )
    .await;
}

#[actix_web::test]
async fn a_field_given_twice() {
    let body =
        br#"{"userProfileId": "u", "userProfileId": "v", "personaProfileId": "q", "memories": {}}"#
            .to_vec();
    reject(
        Req::Raw(
            Method::POST,
            CONVERSATIONS.into(),
            Some("application/json"),
            body,
        ),
        400,
        "duplicate_field",
        Some("userProfileId"),
    )
    .await;
}

#[actix_web::test]
async fn json_announced_in_another_charset() {
    let body = upsert_with(json!({})).to_string().into_bytes();
    reject(
        Req::Raw(
            Method::POST,
            CONVERSATIONS.into(),
            Some("application/json; charset=latin1"),
            body,
        ),
        415,
        "unsupported_media_type",
        None,
    )
    .await;
}
