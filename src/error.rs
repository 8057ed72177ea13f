//! The one error type of the HTTP API and its JSON body (SPEC §7):
//! `{"error": {"code": "...", "message": "...", "field": "..."}}`.

use actix_web::http::StatusCode;
use actix_web::{HttpResponse, ResponseError};
use serde::Serialize;

use crate::store::StoreError;

#[derive(Debug, thiserror::Error)]
pub enum ApiError {
    /// The request breaks a rule; `field` is the JSON path (or parameter) at fault.
    #[error("{message}")]
    Invalid {
        code: &'static str,
        message: String,
        field: Option<String>,
    },
    #[error("the request body is larger than the limit of {limit} bytes")]
    TooLarge { limit: usize },
    #[error("request bodies must be JSON sent with Content-Type: application/json{}", found.as_ref().map(|f| format!(" (got {f:?})")).unwrap_or_default())]
    UnsupportedMediaType { found: Option<String> },
    #[error("a valid admin token is needed: send Authorization: Bearer <token>")]
    Unauthorized,
    #[error("{0}")]
    NotFound(String),
    #[error("{0}")]
    MethodNotAllowed(String),
    #[error("{message}")]
    Conflict { code: &'static str, message: String },
    #[error("{0}")]
    Unavailable(String),
    #[error("the memory extractor failed: {0}")]
    Extractor(String),
    #[error("the memory extractor did not answer in time: {0}")]
    ExtractorTimeout(String),
    #[error(transparent)]
    Store(#[from] StoreError),
}

impl ApiError {
    pub fn invalid(field: impl Into<String>, message: impl Into<String>) -> Self {
        Self::Invalid {
            code: "invalid_value",
            message: message.into(),
            field: Some(field.into()),
        }
    }

    /// Turns a serde failure at `path` into the error a client can act on: which field, and
    /// whether it was unknown, missing, of the wrong type or of a wrong value.
    pub fn from_serde(path: &str, error: &serde_json::Error) -> Self {
        use serde_json::error::Category;
        let text = error.to_string();
        // serde_json appends " at line L column C"; the path says where more usefully.
        let message = match text.rfind(" at line ") {
            Some(i) if error.line() > 0 => text[..i].to_owned(),
            _ => text,
        };
        if matches!(
            error.classify(),
            Category::Syntax | Category::Eof | Category::Io
        ) {
            return Self::Invalid {
                code: "malformed_json",
                message: format!(
                    "the body is not valid JSON: {message} (line {}, column {})",
                    error.line(),
                    error.column()
                ),
                field: None,
            };
        }
        Self::classify(path, message)
    }

    /// A query string that does not fit: the same classification as a JSON body's.
    pub fn from_query(path: &str, error: &serde_urlencoded::de::Error) -> Self {
        Self::classify(path, error.to_string())
    }

    fn classify(path: &str, message: String) -> Self {
        // serde names our Rust types ("expected struct ConversationBody"); users know objects.
        let message = match message.find("expected struct ") {
            Some(i) => format!("{}expected a JSON object", &message[..i]),
            None => message,
        };
        let quoted = |prefix: &str| {
            message
                .strip_prefix(prefix)
                .and_then(|rest| rest.split('`').nth(1))
                .map(str::to_owned)
        };
        // serde_path_to_error's path already ends at an unknown field, but stops at the
        // parent of a missing one.
        let (code, field) = if quoted("unknown field").is_some() {
            ("unknown_field", path.to_owned())
        } else if let Some(name) = quoted("missing field") {
            let field = if path.is_empty() || path == "." {
                name
            } else {
                format!("{path}.{name}")
            };
            ("missing_field", field)
        } else if let Some(name) = quoted("duplicate field") {
            let field = if path.is_empty() || path == "." {
                name
            } else {
                format!("{path}.{name}")
            };
            ("duplicate_field", field)
        } else if message.starts_with("invalid type") {
            ("invalid_type", path.to_owned())
        } else {
            ("invalid_value", path.to_owned())
        };
        let field = (!field.is_empty() && field != ".").then_some(field);
        let message = match &field {
            Some(f) if code == "invalid_value" || code == "invalid_type" => {
                format!("{f}: {message}")
            }
            _ => message,
        };
        Self::Invalid {
            code,
            message,
            field,
        }
    }

    fn code(&self) -> &'static str {
        match self {
            Self::Invalid { code, .. } | Self::Conflict { code, .. } => code,
            Self::TooLarge { .. } => "payload_too_large",
            Self::UnsupportedMediaType { .. } => "unsupported_media_type",
            Self::Unauthorized => "unauthorized",
            Self::NotFound(_) => "not_found",
            Self::MethodNotAllowed(_) => "method_not_allowed",
            Self::Unavailable(_) => "unavailable",
            Self::Extractor(_) => "extractor_failed",
            Self::ExtractorTimeout(_) => "extractor_timeout",
            Self::Store(_) => "storage_error",
        }
    }

    fn field(&self) -> Option<&str> {
        match self {
            Self::Invalid { field, .. } => field.as_deref(),
            _ => None,
        }
    }
}

#[derive(Serialize)]
struct Body<'a> {
    error: Detail<'a>,
}

#[derive(Serialize)]
struct Detail<'a> {
    code: &'a str,
    message: String,
    /// Always present (null where no one field is at fault), as SPEC §7 shows the body.
    field: Option<&'a str>,
}

impl ResponseError for ApiError {
    fn status_code(&self) -> StatusCode {
        match self {
            Self::Invalid { .. } => StatusCode::BAD_REQUEST,
            Self::TooLarge { .. } => StatusCode::PAYLOAD_TOO_LARGE,
            Self::UnsupportedMediaType { .. } => StatusCode::UNSUPPORTED_MEDIA_TYPE,
            Self::Unauthorized => StatusCode::UNAUTHORIZED,
            Self::NotFound(_) => StatusCode::NOT_FOUND,
            Self::MethodNotAllowed(_) => StatusCode::METHOD_NOT_ALLOWED,
            Self::Conflict { .. } => StatusCode::CONFLICT,
            Self::Unavailable(_) => StatusCode::SERVICE_UNAVAILABLE,
            Self::Extractor(_) => StatusCode::BAD_GATEWAY,
            Self::ExtractorTimeout(_) => StatusCode::GATEWAY_TIMEOUT,
            Self::Store(_) => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }

    fn error_response(&self) -> HttpResponse {
        if let Self::Store(e) = self {
            log::error!("answering 500: {e}");
        }
        let mut response = HttpResponse::build(self.status_code());
        if matches!(self, Self::Unauthorized) {
            response.insert_header(("WWW-Authenticate", "Bearer"));
        }
        response.json(Body {
            error: Detail {
                code: self.code(),
                message: self.to_string(),
                field: self.field(),
            },
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn serde_error(path_json: &str) -> (String, serde_json::Error) {
        #[derive(serde::Deserialize, Debug)]
        #[serde(deny_unknown_fields)]
        #[allow(dead_code)]
        struct Inner {
            name: String,
        }
        #[derive(serde::Deserialize, Debug)]
        #[allow(dead_code)]
        struct Outer {
            items: Vec<Inner>,
        }
        let de = &mut serde_json::Deserializer::from_str(path_json);
        let err = serde_path_to_error::deserialize::<_, Outer>(de).unwrap_err();
        (err.path().to_string(), err.into_inner())
    }

    fn parts(e: ApiError) -> (&'static str, Option<String>) {
        match e {
            ApiError::Invalid { code, field, .. } => (code, field),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn serde_failures_name_the_field_and_the_kind() {
        let (path, e) = serde_error(r#"{"items": [{"name": "a"}, {"nam": "b"}]}"#);
        assert_eq!(
            parts(ApiError::from_serde(&path, &e)),
            ("unknown_field", Some("items[1].nam".into()))
        );
        let (path, e) = serde_error(r#"{"items": [{}]}"#);
        assert_eq!(
            parts(ApiError::from_serde(&path, &e)),
            ("missing_field", Some("items[0].name".into()))
        );
        let (path, e) = serde_error(r#"{"items": [{"name": 5}]}"#);
        assert_eq!(
            parts(ApiError::from_serde(&path, &e)),
            ("invalid_type", Some("items[0].name".into()))
        );
        let (path, e) = serde_error(r#"{"items": [{"name": "a"}"#);
        assert_eq!(
            parts(ApiError::from_serde(&path, &e)),
            ("malformed_json", None)
        );
        let (path, e) = serde_error(r#"{}"#);
        assert_eq!(
            parts(ApiError::from_serde(&path, &e)),
            ("missing_field", Some("items".into()))
        );
    }
}
