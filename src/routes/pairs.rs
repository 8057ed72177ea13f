//! `GET /v1/projects/{projectId}/pairs`: the project's pairs with their versions.

use super::input::{self, ApiQuery, PageQuery};
use super::{AppState, ListAnswer};
use crate::error::ApiError;
use actix_web::{HttpResponse, web};

pub async fn list(
    state: web::Data<AppState>,
    path: web::Path<String>,
    ApiQuery(query): ApiQuery<PageQuery>,
) -> Result<HttpResponse, ApiError> {
    let project = input::project(path.into_inner())?;
    let limit = input::page_limit(query.limit)?;
    let page = state
        .store
        .pairs(&project, query.cursor.as_deref(), limit)?
        .map_err(|_| input::bad_cursor())?;
    Ok(HttpResponse::Ok().json(ListAnswer {
        items: page.items,
        next_cursor: page.next_cursor,
    }))
}
