//! `/v1/projects/{projectId}/config` (SPEC §6).

use actix_web::{HttpResponse, web};

use super::AppState;
use super::input::{self, ApiJson};
use crate::domain::config::ProjectConfig;
use crate::error::ApiError;

pub async fn put(
    state: web::Data<AppState>,
    path: web::Path<String>,
    ApiJson(config): ApiJson<ProjectConfig>,
) -> Result<HttpResponse, ApiError> {
    let project = input::project(path.into_inner())?;
    let stored = state.store.put_config(&project, config).await?;
    Ok(HttpResponse::Ok().json(stored.masked()))
}

/// JSON merge patch (RFC 7396) over the stored configuration; the result must be valid as a
/// whole, as if it had been PUT.
pub async fn patch(
    state: web::Data<AppState>,
    path: web::Path<String>,
    ApiJson(patch): ApiJson<serde_json::Value>,
) -> Result<HttpResponse, ApiError> {
    let project = input::project(path.into_inner())?;
    if !patch.is_object() {
        return Err(ApiError::Invalid {
            code: "invalid_type",
            message: "a merge patch is a JSON object of the fields to change".into(),
            field: None,
        });
    }
    let current = state
        .store
        .config(&project)
        .ok_or_else(|| no_config(&project))?;
    let mut document = serde_json::to_value(&*current).expect("configs serialise");
    json_patch::merge(&mut document, &patch);
    let config: ProjectConfig = serde_path_to_error::deserialize(document)
        .map_err(|e| ApiError::from_serde(&e.path().to_string(), e.inner()))?;
    let stored = state.store.put_config(&project, config).await?;
    Ok(HttpResponse::Ok().json(stored.masked()))
}

pub async fn get(
    state: web::Data<AppState>,
    path: web::Path<String>,
) -> Result<HttpResponse, ApiError> {
    let project = input::project(path.into_inner())?;
    let config = state
        .store
        .config(&project)
        .ok_or_else(|| no_config(&project))?;
    Ok(HttpResponse::Ok().json(config.masked()))
}

pub async fn delete(
    state: web::Data<AppState>,
    path: web::Path<String>,
) -> Result<HttpResponse, ApiError> {
    let project = input::project(path.into_inner())?;
    if state.store.delete_config(&project).await? {
        Ok(HttpResponse::NoContent().finish())
    } else {
        Err(no_config(&project))
    }
}

fn no_config(project: &crate::domain::ids::ProjectId) -> ApiError {
    ApiError::NotFound(format!("project {project:?} has no webhook configuration"))
}
