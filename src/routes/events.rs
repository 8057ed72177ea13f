//! `/v1/projects/{projectId}/events`: what was sent, how each attempt went, and redelivery.

use actix_web::{HttpResponse, web};
use serde::{Deserialize, Serialize};
use serde_json::value::RawValue;

use super::input::{self, ApiQuery};
use super::{AppState, ListAnswer};
use crate::actors::delivery::RedeliverError;
use crate::domain::event::{Attempt, EventId, EventKind, EventRecord, EventStatus};
use crate::domain::ids::{PersonaProfileId, ProjectId, UserProfileId};
use crate::error::ApiError;
use crate::store::EventFilter;

/// An event as the API shows it (SPEC §7); times in RFC 3339 with milliseconds.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct EventView<'a> {
    id: String,
    event: EventKind,
    user_profile_id: &'a UserProfileId,
    persona_profile_id: &'a PersonaProfileId,
    version: u64,
    status: EventStatus,
    attempt_count: u32,
    created_at: String,
    next_attempt_at: Option<String>,
    delivered_at: Option<String>,
    last_error: Option<&'a str>,
}

impl<'a> From<&'a EventRecord> for EventView<'a> {
    fn from(e: &'a EventRecord) -> Self {
        Self {
            id: e.id.to_string(),
            event: e.event,
            user_profile_id: &e.user_profile_id,
            persona_profile_id: &e.persona_profile_id,
            version: e.version,
            status: e.status,
            attempt_count: e.attempt_count,
            created_at: e.created_at.to_rfc3339(),
            next_attempt_at: e.next_attempt_at.map(|t| t.to_rfc3339()),
            delivered_at: e.delivered_at.map(|t| t.to_rfc3339()),
            last_error: e.last_error.as_deref(),
        }
    }
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct AttemptView<'a> {
    at: String,
    duration_ms: u64,
    status_code: Option<u16>,
    error: Option<&'a str>,
    response_body: Option<&'a str>,
}

impl<'a> From<&'a Attempt> for AttemptView<'a> {
    fn from(a: &'a Attempt) -> Self {
        Self {
            at: a.at.to_rfc3339(),
            duration_ms: a.duration_ms,
            status_code: a.status_code,
            error: a.error.as_deref(),
            response_body: a.response_body.as_deref(),
        }
    }
}

#[derive(Serialize)]
struct EventDetail<'a> {
    #[serde(flatten)]
    event: EventView<'a>,
    payload: Option<&'a RawValue>,
    attempts: Vec<AttemptView<'a>>,
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct EventQuery {
    limit: Option<u32>,
    cursor: Option<String>,
    status: Option<String>,
    user_profile_id: Option<String>,
    persona_profile_id: Option<String>,
}

pub async fn list(
    state: web::Data<AppState>,
    path: web::Path<String>,
    ApiQuery(query): ApiQuery<EventQuery>,
) -> Result<HttpResponse, ApiError> {
    let project = input::project(path.into_inner())?;
    let limit = input::page_limit(query.limit)?;
    let status = query
        .status
        .map(|s| {
            EventStatus::parse(&s).ok_or_else(|| {
                ApiError::invalid(
                    "status",
                    format!("status {s:?} is not one of pending, delivered, failed, superseded"),
                )
            })
        })
        .transpose()?;
    let filter = EventFilter {
        status,
        user: query
            .user_profile_id
            .map(|u| input::path_id("userProfileId", u))
            .transpose()?,
        persona: query
            .persona_profile_id
            .map(|p| input::path_id("personaProfileId", p))
            .transpose()?,
    };
    let page = state
        .store
        .events(&project, &filter, query.cursor.as_deref(), limit)?
        .map_err(|_| input::bad_cursor())?;
    let items: Vec<EventView> = page.items.iter().map(EventView::from).collect();
    Ok(HttpResponse::Ok().json(ListAnswer {
        items,
        next_cursor: page.next_cursor,
    }))
}

fn event_id(raw: &str) -> Result<EventId, ApiError> {
    EventId::parse(raw).ok_or_else(|| {
        ApiError::NotFound(format!(
            "there is no event {raw:?}; event ids look like evt_0192f3…"
        ))
    })
}

fn no_event(project: &ProjectId, id: &EventId) -> ApiError {
    ApiError::NotFound(format!("project {project:?} has no event {id}"))
}

pub async fn get(
    state: web::Data<AppState>,
    path: web::Path<(String, String)>,
) -> Result<HttpResponse, ApiError> {
    let (project, id) = path.into_inner();
    let project = input::project(project)?;
    let id = event_id(&id)?;
    let record = state
        .store
        .event(&project, &id)?
        .ok_or_else(|| no_event(&project, &id))?;
    let payload = state.store.payload(&project, &id)?;
    let payload: Option<&RawValue> = match &payload {
        Some(bytes) => std::str::from_utf8(bytes)
            .ok()
            .and_then(|text| serde_json::from_str(text).ok()),
        None => None,
    };
    let attempts = state.store.attempts(&project, &id)?;
    Ok(HttpResponse::Ok().json(EventDetail {
        event: EventView::from(&record),
        payload,
        attempts: attempts.iter().map(AttemptView::from).collect(),
    }))
}

/// Sends a `failed` event again with a fresh retry budget.
pub async fn redeliver(
    state: web::Data<AppState>,
    path: web::Path<(String, String)>,
) -> Result<HttpResponse, ApiError> {
    let (project, id) = path.into_inner();
    let project = input::project(project)?;
    let id = event_id(&id)?;
    match state
        .delivery
        .redeliver(&state.store, project.clone(), id)
        .await
    {
        Ok(record) => Ok(HttpResponse::Accepted().json(EventView::from(&record))),
        Err(RedeliverError::NotFound(_)) => Err(no_event(&project, &id)),
        Err(e @ RedeliverError::NotFailed(..)) => Err(ApiError::Conflict {
            code: "not_failed",
            message: e.to_string(),
        }),
        Err(RedeliverError::Store(e)) => Err(e.into()),
        Err(e @ RedeliverError::Unavailable) => Err(ApiError::Unavailable(e.to_string())),
    }
}
