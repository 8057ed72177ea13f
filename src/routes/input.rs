//! Reading requests: JSON bodies, query strings and path ids, each failure turned into an
//! [`ApiError`] that names the field at fault.

use actix_web::error::PayloadError;
use actix_web::{FromRequest, HttpMessage, HttpRequest, dev::Payload, web};
use futures_util::future::LocalBoxFuture;
use serde::de::DeserializeOwned;

use crate::domain::ids::{PairKey, PersonaProfileId, ProjectId, UserProfileId};
use crate::error::ApiError;

/// A JSON body, parsed with the path of any failure (`memories.upsert[2].tags`).
pub struct ApiJson<T>(pub T);

impl<T: DeserializeOwned + 'static> FromRequest for ApiJson<T> {
    type Error = ApiError;
    type Future = LocalBoxFuture<'static, Result<Self, ApiError>>;

    fn from_request(req: &HttpRequest, payload: &mut Payload) -> Self::Future {
        if let Err(e) = check_content_type(req) {
            return Box::pin(async move { Err(e) });
        }
        let limit = req
            .app_data::<BodyLimit>()
            .map_or(DEFAULT_BODY_LIMIT, |l| l.0);
        let body = web::Bytes::from_request(req, payload);
        Box::pin(async move {
            let bytes = body.await.map_err(|e| match e.as_error::<PayloadError>() {
                Some(PayloadError::Overflow) => ApiError::TooLarge { limit },
                _ => ApiError::Invalid {
                    code: "unreadable_body",
                    message: format!("the request body could not be read: {e}"),
                    field: None,
                },
            })?;
            parse_json(&bytes).map(ApiJson)
        })
    }
}

/// The largest body accepted, in bytes, as app data beside the `PayloadConfig` that enforces
/// it (which does not say its limit back, and our 413 names it).
#[derive(Clone, Copy, Debug)]
pub struct BodyLimit(pub usize);

const DEFAULT_BODY_LIMIT: usize = 4 * 1024 * 1024;

/// `application/json` or any `+json` type (`application/merge-patch+json` for PATCH).
fn check_content_type(req: &HttpRequest) -> Result<(), ApiError> {
    let found = req
        .headers()
        .get(actix_web::http::header::CONTENT_TYPE)
        .map(|v| String::from_utf8_lossy(v.as_bytes()).into_owned());
    match req.mime_type() {
        Ok(Some(mime))
            if mime.type_() == mime::APPLICATION
                && (mime.subtype() == mime::JSON || mime.suffix() == Some(mime::JSON))
                // JSON is UTF-8 (RFC 8259); a body announced in another charset is not read as if it were.
                && mime.get_param(mime::CHARSET).is_none_or(|c| c == mime::UTF_8) =>
        {
            Ok(())
        }
        _ => Err(ApiError::UnsupportedMediaType { found }),
    }
}

pub fn parse_json<T: DeserializeOwned>(bytes: &[u8]) -> Result<T, ApiError> {
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Err(ApiError::Invalid {
            code: "malformed_json",
            message: "the request body is empty; it must be a JSON object".into(),
            field: None,
        });
    }
    // serde would read an array as a struct's fields in order; every body here is an object.
    if bytes.iter().find(|b| !b.is_ascii_whitespace()) == Some(&b'[') {
        return Err(ApiError::Invalid {
            code: "invalid_type",
            message: "the request body is a JSON array; it must be a JSON object".into(),
            field: None,
        });
    }
    let de = &mut serde_json::Deserializer::from_slice(bytes);
    let value = serde_path_to_error::deserialize(&mut *de)
        .map_err(|e| ApiError::from_serde(&e.path().to_string(), e.inner()))?;
    de.end().map_err(|e| ApiError::from_serde("", &e))?;
    Ok(value)
}

/// A query string, parsed the same way as a body.
pub struct ApiQuery<T>(pub T);

impl<T: DeserializeOwned> FromRequest for ApiQuery<T> {
    type Error = ApiError;
    type Future = std::future::Ready<Result<Self, ApiError>>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        let de = serde_urlencoded::Deserializer::new(url::form_urlencoded::parse(
            req.query_string().as_bytes(),
        ));
        std::future::ready(
            serde_path_to_error::deserialize(de)
                .map(ApiQuery)
                .map_err(|e| ApiError::from_query(&e.path().to_string(), e.inner())),
        )
    }
}

/// `?limit=&cursor=`: at most 1000, 100 by default (SPEC §7).
#[derive(Debug, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PageQuery {
    pub limit: Option<u32>,
    pub cursor: Option<String>,
}

pub const DEFAULT_PAGE: usize = 100;
pub const MAX_PAGE: usize = 1000;

pub fn page_limit(limit: Option<u32>) -> Result<usize, ApiError> {
    match limit {
        None => Ok(DEFAULT_PAGE),
        Some(n) if (1..=MAX_PAGE as u32).contains(&n) => Ok(n as usize),
        Some(n) => Err(ApiError::invalid(
            "limit",
            format!("limit {n} is out of range; use 1 to {MAX_PAGE}"),
        )),
    }
}

pub fn bad_cursor() -> ApiError {
    ApiError::invalid(
        "cursor",
        "cursor is not one this server gave out; use the nextCursor of the previous page",
    )
}

/// An id from the path, checked with the same rules as in a body.
pub fn path_id<T: TryFrom<String, Error = String>>(
    field: &str,
    raw: String,
) -> Result<T, ApiError> {
    T::try_from(raw).map_err(|e| ApiError::invalid(field, format!("{field} {e}")))
}

pub fn project(raw: String) -> Result<ProjectId, ApiError> {
    path_id("projectId", raw)
}

pub fn pair(project_raw: String, user: String, persona: String) -> Result<PairKey, ApiError> {
    Ok(PairKey {
        project: project(project_raw)?,
        user: path_id::<UserProfileId>("userProfileId", user)?,
        persona: path_id::<PersonaProfileId>("personaProfileId", persona)?,
    })
}

/// Memories from a body: the rules between fields, and each key at most once per request.
/// `path` is where the list sits in the body (`memories.upsert`).
pub fn memories(
    inputs: Vec<crate::domain::memory::MemoryInput>,
    path: &str,
    now: crate::domain::timestamp::Timestamp,
) -> Result<Vec<crate::domain::memory::Memory>, ApiError> {
    let mut seen = std::collections::HashSet::new();
    inputs
        .into_iter()
        .enumerate()
        .map(|(i, input)| {
            if !seen.insert(input.unique_identifier.clone()) {
                return Err(duplicate(path, i, input.unique_identifier.as_str()));
            }
            input.into_memory(now).map_err(|rule| {
                ApiError::invalid(format!("{path}[{i}].{}", rule.field), rule.message)
            })
        })
        .collect()
}

pub fn duplicate(path: &str, index: usize, key: &str) -> ApiError {
    ApiError::Invalid {
        code: "duplicate_key",
        message: format!(
            "uniqueIdentifier {key:?} appears more than once in {path}; give each memory once per request"
        ),
        field: Some(format!("{path}[{index}].uniqueIdentifier")),
    }
}
