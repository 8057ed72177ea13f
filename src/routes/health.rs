//! `/healthz` and `/metrics`: outside `/v1`, so probes and scrapers need no token.

use actix_web::{HttpResponse, web};
use serde_json::json;

use super::AppState;

pub async fn healthz(state: web::Data<AppState>) -> HttpResponse {
    match state.store.check() {
        Ok(()) => HttpResponse::Ok().json(json!({"status": "ok", "storage": "ok"})),
        Err(e) => HttpResponse::ServiceUnavailable()
            .json(json!({"status": "unavailable", "storage": e.to_string()})),
    }
}

pub async fn metrics(state: web::Data<AppState>) -> HttpResponse {
    state.metrics.active_pairs.set(state.pairs.active() as i64);
    HttpResponse::Ok()
        .content_type("text/plain; version=0.0.4; charset=utf-8")
        .body(state.metrics.render())
}
