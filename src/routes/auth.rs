//! The admin token (SPEC §9): when set, every `/v1` call needs `Authorization: Bearer <token>`.

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
            .and_then(|v| v.strip_prefix("Bearer "));
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
