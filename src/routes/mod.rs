//! The HTTP API of SPEC §7: one file per resource, wired here.

mod auth;
mod config;
mod conversations;
mod events;
mod health;
pub mod input;
mod memories;
mod pairs;

use std::sync::Arc;

use actix_web::{HttpRequest, HttpResponse, web};
use serde::Serialize;

use crate::actors::delivery::Delivery;
use crate::actors::pair::{Outcome, PairError};
use crate::actors::registry::Registry;
use crate::domain::memory::{Deletion, Memory};
use crate::error::ApiError;
use crate::extract::ExtractError;
use crate::metrics::Metrics;
use crate::store::Store;

pub use auth::AdminToken;

/// What every handler may use.
pub struct AppState {
    pub store: Store,
    pub pairs: Arc<Registry>,
    pub delivery: Delivery,
    pub metrics: Arc<Metrics>,
}

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.service(resource("/healthz").get(health::healthz))
        .service(resource("/metrics").get(health::metrics))
        .service(
            web::scope("/v1")
                .wrap(actix_web::middleware::from_fn(auth::require_utf8))
                .wrap(actix_web::middleware::from_fn(auth::require_token))
                .service(
                    resource("/projects/{projectId}/config")
                        .put(config::put)
                        .patch(config::patch)
                        .get(config::get)
                        .delete(config::delete),
                )
                .service(resource("/projects/{projectId}/conversations").post(conversations::post))
                .service(
                    resource("/projects/{projectId}/users/{userProfileId}/personas/{personaProfileId}/memories")
                        .get(memories::get)
                        .put(memories::put)
                        .delete(memories::forget_all),
                )
                .service(
                    resource("/projects/{projectId}/users/{userProfileId}/personas/{personaProfileId}/memories/{uniqueIdentifier}")
                        .delete(memories::forget_one),
                )
                .service(resource("/projects/{projectId}/pairs").get(pairs::list))
                .service(resource("/projects/{projectId}/events").get(events::list))
                .service(resource("/projects/{projectId}/events/{eventId}").get(events::get))
                .service(resource("/projects/{projectId}/events/{eventId}/redeliver").post(events::redeliver)),
        );
}

/// A resource that answers a wrong method with our error body.
fn resource(path: &str) -> actix_web::Resource {
    web::resource(path).default_service(web::to(method_not_allowed))
}

async fn method_not_allowed(req: HttpRequest) -> Result<HttpResponse, ApiError> {
    Err(ApiError::MethodNotAllowed(format!(
        "{} is not allowed on {}",
        req.method(),
        req.path()
    )))
}

/// For every path the API does not have.
pub async fn not_found(req: HttpRequest) -> Result<HttpResponse, ApiError> {
    Err(ApiError::NotFound(format!(
        "there is no {} {} in this API",
        req.method(),
        req.path()
    )))
}

/// A page of a list (SPEC §7).
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct ListAnswer<T> {
    items: Vec<T>,
    next_cursor: Option<String>,
}

/// The answer to every update: what it changed, once it is durable (SPEC §8).
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct ChangeAnswer {
    version: u64,
    changed: bool,
    added: Vec<Memory>,
    deleted: Vec<Deletion>,
    event_id: Option<String>,
}

fn change_answer(result: Result<Outcome, PairError>) -> Result<HttpResponse, ApiError> {
    let outcome = result.map_err(|e| match e {
        PairError::Store(e) => ApiError::Store(e),
        PairError::TooManyMemories { .. } => ApiError::Invalid {
            code: "too_many_memories",
            message: e.to_string(),
            field: Some("memories".into()),
        },
        PairError::Retired | PairError::Unavailable => ApiError::Unavailable(e.to_string()),
        PairError::Extract(ExtractError::Timeout(e)) => ApiError::ExtractorTimeout(e),
        PairError::Extract(e) => ApiError::Extractor(e.to_string()),
    })?;
    Ok(HttpResponse::Ok().json(ChangeAnswer {
        version: outcome.version,
        changed: !outcome.change.is_empty(),
        added: outcome.change.added,
        deleted: outcome.change.deleted,
        event_id: outcome.event_id.map(|id| id.to_string()),
    }))
}
