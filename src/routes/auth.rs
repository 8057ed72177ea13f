//! What every `/v1` call must pass first: the admin token (SPEC §9), when one is set, and a
//! path that decodes to UTF-8.

use actix_web::body::MessageBody;
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::middleware::Next;
use sha2::{Digest, Sha256};

use crate::error::ApiError;

/// The token, kept as its SHA-256: comparing digests leaks nothing useful about the token
/// through timing, as comparing the token itself byte by byte would.
#[derive(Clone)]
pub struct AdminToken(Option<[u8; 32]>);

impl AdminToken {
    pub fn new(token: Option<&str>) -> Self {
        Self(token.map(|t| Sha256::digest(t.as_bytes()).into()))
    }

    fn admits(&self, req: &ServiceRequest) -> bool {
        let Some(expected) = &self.0 else { return true };
        let given = req
            .headers()
            .get(actix_web::http::header::AUTHORIZATION)
            .and_then(|v| v.to_str().ok())
            // The scheme is case-insensitive (RFC 9110).
            .and_then(|v| v.split_once(' '))
            .filter(|(scheme, _)| scheme.eq_ignore_ascii_case("bearer"))
            .map(|(_, token)| token.trim());
        given.is_some_and(|t| <[u8; 32]>::from(Sha256::digest(t.as_bytes())) == *expected)
    }
}

pub async fn require_token(
    req: ServiceRequest,
    next: Next<impl MessageBody>,
) -> Result<ServiceResponse<impl MessageBody>, actix_web::Error> {
    let admitted = req
        .app_data::<AdminToken>()
        .is_none_or(|token| token.admits(&req));
    if !admitted {
        return Err(ApiError::Unauthorized.into());
    }
    next.call(req).await
}

/// Ids must round-trip exactly, so a path or query whose percent-escapes are not UTF-8 is
/// refused rather than read with U+FFFD in their place (which would make `%C3` and `%C4` the
/// same project).
pub async fn require_utf8(
    req: ServiceRequest,
    next: Next<impl MessageBody>,
) -> Result<ServiceResponse<impl MessageBody>, actix_web::Error> {
    if !is_utf8(req.path()) {
        return Err(ApiError::Invalid {
            code: "invalid_path",
            message: "the path holds percent-escapes that are not UTF-8; ids are UTF-8 text".into(),
            field: Some("path".into()),
        }
        .into());
    }
    let query = req.query_string();
    if let Some(bad) = query
        .split('&')
        .find(|pair| !is_utf8(pair))
        .map(|pair| pair.split('=').next().unwrap_or_default())
    {
        // A name that is itself not UTF-8 is named as sent.
        let name = percent_encoding::percent_decode_str(bad)
            .decode_utf8()
            .map_or_else(|_| bad.to_owned(), |name| name.into_owned());
        return Err(ApiError::Invalid {
            code: "invalid_query",
            message: format!(
                "the query parameter {name:?} holds percent-escapes that are not UTF-8"
            ),
            field: Some(name),
        }
        .into());
    }
    next.call(req).await
}

fn is_utf8(text: &str) -> bool {
    percent_encoding::percent_decode_str(text)
        .decode_utf8()
        .is_ok()
}
