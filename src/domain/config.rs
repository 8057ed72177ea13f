//! SPEC §6: a project's webhook configuration and the rules each field obeys.

use std::collections::BTreeMap;

use base64::Engine as _;
use serde::{Deserialize, Serialize};

/// Header names the service sets itself; a custom header may not set them (compared
/// case-insensitively). `X-Memory-Version` is ours too, so it is reserved with the spec's list.
const RESERVED_HEADERS: &[&str] = &[
    "content-type",
    "user-agent",
    "content-length",
    "host",
    "transfer-encoding",
    "x-memory-version",
];
const MAX_URL_BYTES: usize = 2048;
const MAX_CUSTOM_HEADERS: usize = 32;
const MAX_HEADER_VALUE_BYTES: usize = 4096;

/// What a masked value reads as in `GET .../config`.
pub const MASK: &str = "********";

/// Which body a change sends (SPEC §4).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum WebhookMode {
    /// `memory.updated` with every memory of the pair.
    #[default]
    FullState,
    /// `memory.changed` with what was added and deleted.
    ChangesOnly,
}

/// An absolute `http`/`https` URL without user-info.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct WebhookUrl(url::Url);

impl WebhookUrl {
    pub fn as_str(&self) -> &str {
        self.0.as_str()
    }
}

impl TryFrom<String> for WebhookUrl {
    type Error = String;
    fn try_from(text: String) -> Result<Self, String> {
        if text.len() > MAX_URL_BYTES {
            return Err(format!("is longer than {MAX_URL_BYTES} bytes"));
        }
        let url =
            url::Url::parse(&text).map_err(|e| format!("{text:?} is not an absolute URL ({e})"))?;
        if url.scheme() != "http" && url.scheme() != "https" {
            return Err(format!(
                "scheme {:?} is not supported; use http or https",
                url.scheme()
            ));
        }
        // The parser reads "http:///x" as host "x"; an empty authority is no host.
        let authority_empty = text
            .split_once("://")
            .is_some_and(|(_, rest)| rest.starts_with('/'));
        if authority_empty || url.host_str().is_none_or(str::is_empty) {
            return Err(format!("{text:?} has no host"));
        }
        if !url.username().is_empty() || url.password().is_some() {
            return Err(
                "must not carry credentials (user:password@); send them in memoryWebhookCustomHeaders"
                    .into(),
            );
        }
        Ok(Self(url))
    }
}

impl From<WebhookUrl> for String {
    fn from(u: WebhookUrl) -> String {
        u.0.into()
    }
}

/// Extra headers sent with every delivery.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(
    try_from = "BTreeMap<String, String>",
    into = "BTreeMap<String, String>"
)]
pub struct CustomHeaders(BTreeMap<String, String>);

impl CustomHeaders {
    pub fn iter(&self) -> impl Iterator<Item = (&str, &str)> {
        self.0.iter().map(|(k, v)| (k.as_str(), v.as_str()))
    }

    fn masked(&self) -> BTreeMap<String, String> {
        self.0
            .keys()
            .map(|k| (k.clone(), MASK.to_owned()))
            .collect()
    }
}

impl TryFrom<BTreeMap<String, String>> for CustomHeaders {
    type Error = String;
    fn try_from(headers: BTreeMap<String, String>) -> Result<Self, String> {
        if headers.len() > MAX_CUSTOM_HEADERS {
            return Err(format!(
                "has {} headers; the limit is {MAX_CUSTOM_HEADERS}",
                headers.len()
            ));
        }
        let mut seen = std::collections::BTreeSet::new();
        for (name, value) in &headers {
            let parsed = http::HeaderName::from_bytes(name.as_bytes())
                .map_err(|_| format!("{name:?} is not a valid header name"))?;
            let lower = parsed.as_str();
            if RESERVED_HEADERS.contains(&lower) || lower.starts_with("webhook-") {
                return Err(format!(
                    "header {name:?} is set by memhook itself and cannot be overridden"
                ));
            }
            if !seen.insert(lower.to_owned()) {
                return Err(format!(
                    "header {name:?} is given twice (names are case-insensitive)"
                ));
            }
            if value == MASK {
                return Err(format!(
                    "the value of {name:?} is the mask that GET shows, not a value: send the real one, or leave the header out of a PATCH to keep it"
                ));
            }
            if value.len() > MAX_HEADER_VALUE_BYTES {
                return Err(format!(
                    "the value of {name:?} is longer than {MAX_HEADER_VALUE_BYTES} bytes"
                ));
            }
            if value.contains(['\r', '\n']) || http::HeaderValue::from_str(value).is_err() {
                return Err(format!(
                    "the value of {name:?} is not a valid header value (no CR, LF or other control characters)"
                ));
            }
        }
        Ok(Self(headers))
    }
}

impl From<CustomHeaders> for BTreeMap<String, String> {
    fn from(h: CustomHeaders) -> Self {
        h.0
    }
}

/// A Standard Webhooks signing secret: `whsec_` and the base64 of 24 to 64 bytes.
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct WebhookSecret {
    text: String,
    key: Vec<u8>,
}

impl WebhookSecret {
    /// The HMAC key: the decoded bytes after `whsec_`.
    pub fn key(&self) -> &[u8] {
        &self.key
    }
}

impl std::fmt::Debug for WebhookSecret {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("WebhookSecret(..)")
    }
}

impl TryFrom<String> for WebhookSecret {
    type Error = String;
    fn try_from(text: String) -> Result<Self, String> {
        const FORM: &str =
            "secrets have the form whsec_ followed by the base64 of 24 to 64 random bytes";
        let encoded = text
            .strip_prefix("whsec_")
            .ok_or_else(|| format!("does not start with whsec_; {FORM}"))?;
        let key = base64::engine::general_purpose::STANDARD
            .decode(encoded)
            .map_err(|_| format!("the part after whsec_ is not base64; {FORM}"))?;
        if !(24..=64).contains(&key.len()) {
            return Err(format!("decodes to {} bytes; {FORM}", key.len()));
        }
        Ok(Self { text, key })
    }
}

impl From<WebhookSecret> for String {
    fn from(s: WebhookSecret) -> String {
        s.text
    }
}

/// The stored configuration of one project.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ProjectConfig {
    pub memory_webhook_url: WebhookUrl,
    #[serde(default)]
    pub memory_webhook_custom_headers: CustomHeaders,
    #[serde(default)]
    pub memory_webhook_mode: WebhookMode,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub memory_webhook_secret: Option<WebhookSecret>,
}

/// The configuration as `GET` shows it: header values and the secret replaced by a mask.
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct MaskedConfig {
    pub memory_webhook_url: String,
    pub memory_webhook_custom_headers: BTreeMap<String, String>,
    pub memory_webhook_mode: WebhookMode,
    pub memory_webhook_secret: Option<&'static str>,
}

impl ProjectConfig {
    pub fn masked(&self) -> MaskedConfig {
        MaskedConfig {
            memory_webhook_url: self.memory_webhook_url.as_str().to_owned(),
            memory_webhook_custom_headers: self.memory_webhook_custom_headers.masked(),
            memory_webhook_mode: self.memory_webhook_mode,
            memory_webhook_secret: self.memory_webhook_secret.as_ref().map(|_| MASK),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn parse(v: serde_json::Value) -> Result<ProjectConfig, String> {
        serde_json::from_value(v).map_err(|e| e.to_string())
    }

    #[test]
    fn defaults_apply() {
        let c = parse(json!({"memoryWebhookUrl": "https://example.com/hook"})).unwrap();
        assert_eq!(c.memory_webhook_mode, WebhookMode::FullState);
        assert_eq!(c.memory_webhook_custom_headers, CustomHeaders::default());
        assert!(c.memory_webhook_secret.is_none());
    }

    #[test]
    fn urls_must_be_absolute_http_without_credentials() {
        for bad in [
            "/hook",
            "ftp://example.com/x",
            "https://u:p@example.com/",
            "https://u@example.com/",
            "example.com",
            "http://",
        ] {
            assert!(parse(json!({"memoryWebhookUrl": bad})).is_err(), "{bad}");
        }
        assert!(parse(json!({"memoryWebhookUrl": "http://127.0.0.1:9/x?a=b"})).is_ok());
    }

    #[test]
    fn headers_are_checked_and_reserved_names_refused() {
        let with = |h: serde_json::Value| {
            parse(json!({"memoryWebhookUrl": "https://e.com", "memoryWebhookCustomHeaders": h}))
        };
        assert!(with(json!({"Authorization": "Bearer x", "X-Team": "a b"})).is_ok());
        for bad in [
            json!({"X-A": "a\r\nInjected: 1"}),
            json!({"X-A": "a\nb"}),
            json!({"Bad Name": "x"}),
            json!({"": "x"}),
            json!({"content-TYPE": "text/plain"}),
            json!({"User-Agent": "me"}),
            json!({"Webhook-Signature": "v1,x"}),
            json!({"Host": "x"}),
            json!({"X-A": "1", "x-a": "2"}),
            json!({"Authorization": MASK}),
        ] {
            assert!(with(bad.clone()).is_err(), "{bad}");
        }
    }

    #[test]
    fn secrets_follow_the_standard_webhooks_form() {
        let key24 = base64::engine::general_purpose::STANDARD.encode([7u8; 24]);
        let key16 = base64::engine::general_purpose::STANDARD.encode([7u8; 16]);
        let with = |s: String| {
            parse(json!({"memoryWebhookUrl": "https://e.com", "memoryWebhookSecret": s}))
        };
        assert_eq!(
            with(format!("whsec_{key24}"))
                .unwrap()
                .memory_webhook_secret
                .unwrap()
                .key(),
            [7u8; 24]
        );
        assert!(with(format!("whsec_{key16}")).is_err());
        assert!(with(key24.clone()).is_err());
        assert!(with("whsec_!!!".into()).is_err());
    }

    #[test]
    fn masking_hides_values_and_the_secret() {
        let key = base64::engine::general_purpose::STANDARD.encode([1u8; 32]);
        let c = parse(json!({"memoryWebhookUrl": "https://e.com/", "memoryWebhookCustomHeaders": {"X-Key": "s3cret"}, "memoryWebhookSecret": format!("whsec_{key}")})).unwrap();
        let shown = serde_json::to_string(&c.masked()).unwrap();
        assert!(
            !shown.contains("s3cret") && !shown.contains(&key),
            "{shown}"
        );
        assert!(shown.contains("X-Key"));
    }
}
