//! The `openai` extractor: asks any OpenAI-compatible chat-completions server for the operations,
//! with a JSON schema for the answer, and checks what comes back against SPEC §2 before any of
//! it is applied. A failure is an error, never "no facts": nothing changes.

use std::cell::RefCell;
use std::sync::Arc;
use std::time::Duration;

use futures_util::future::LocalBoxFuture;
use serde::Deserialize;
use serde_json::{Value, json};

use super::{ExtractError, Extraction};
use crate::domain::change::MemorySet;
use crate::domain::ids::MemoryKey;
use crate::domain::memory::{Deletion, KNOWN_CATEGORIES, MemoryInput};
use crate::domain::message::Message;
use crate::domain::timestamp::Timestamp;

/// Largest answer read from the model server.
const ANSWER_LIMIT: usize = 4 * 1024 * 1024;

pub struct OpenAi {
    endpoint: String,
    model: String,
    api_key: Option<String>,
    timeout: Duration,
    tls: Arc<rustls::ClientConfig>,
}

thread_local! {
    // awc clients are per thread; each pair thread makes its own on first use.
    static CLIENT: RefCell<Option<awc::Client>> = const { RefCell::new(None) };
}

impl OpenAi {
    pub fn new(
        base_url: &url::Url,
        model: String,
        api_key: Option<String>,
        timeout: Duration,
        tls: Arc<rustls::ClientConfig>,
    ) -> Self {
        Self {
            endpoint: format!(
                "{}/chat/completions",
                base_url.as_str().trim_end_matches('/')
            ),
            model,
            api_key,
            timeout,
            tls,
        }
    }

    fn client(&self) -> awc::Client {
        CLIENT.with(|cell| {
            cell.borrow_mut()
                .get_or_insert_with(|| {
                    let connector = awc::Connector::new()
                        .rustls_0_23(Arc::clone(&self.tls))
                        .timeout(self.timeout);
                    awc::Client::builder()
                        .connector(connector)
                        .timeout(self.timeout)
                        .finish()
                })
                .clone()
        })
    }

    /// The request: the pair's memory and the new messages, and the schema of the answer.
    pub fn request(&self, current: &MemorySet, messages: &[Message]) -> Value {
        let memories: Vec<_> = current.iter().collect();
        json!({
            "model": self.model,
            "temperature": 0,
            "messages": [
                {"role": "system", "content": system_prompt()},
                {"role": "user", "content": json!({"currentMemories": memories, "newMessages": messages}).to_string()},
            ],
            "response_format": {
                "type": "json_schema",
                "json_schema": {"name": "memory_operations", "strict": true, "schema": answer_schema()},
            },
        })
    }

    pub fn extract(
        &self,
        current: &MemorySet,
        messages: &[Message],
    ) -> LocalBoxFuture<'static, Result<Extraction, ExtractError>> {
        let body = self.request(current, messages);
        let mut request = self.client().post(&self.endpoint).timeout(self.timeout);
        if let Some(key) = &self.api_key {
            request = request.bearer_auth(key);
        }
        let (timeout, endpoint) = (self.timeout, self.endpoint.clone());
        let too_slow = move || {
            ExtractError::Timeout(format!(
                "no answer from {endpoint} within {}",
                humantime::format_duration(timeout)
            ))
        };
        let endpoint = self.endpoint.clone();
        // Facts are dated by the message they came from.
        let now = messages.last().map_or_else(Timestamp::now, |m| m.date);
        Box::pin(async move {
            let exchange = async {
                let mut response = request.send_json(&body).await.map_err(|e| match e {
                    awc::error::SendRequestError::Timeout => too_slow(),
                    e => ExtractError::Failed(format!("{endpoint}: {e}")),
                })?;
                let status = response.status();
                let bytes = response.body().limit(ANSWER_LIMIT).await.map_err(|e| {
                    ExtractError::Failed(format!("{endpoint}: reading the answer: {e}"))
                })?;
                if !status.is_success() {
                    let text = String::from_utf8_lossy(&bytes[..bytes.len().min(500)]).into_owned();
                    return Err(ExtractError::Failed(format!(
                        "{endpoint} answered {status}: {text}"
                    )));
                }
                Ok(bytes)
            };
            let bytes = actix_web::rt::time::timeout(timeout, exchange)
                .await
                .map_err(|_| too_slow())??;
            parse_answer(&bytes, now)
        })
    }
}

#[derive(Deserialize)]
struct ChatCompletion {
    choices: Vec<Choice>,
}

#[derive(Deserialize)]
struct Choice {
    message: ChoiceMessage,
}

#[derive(Deserialize)]
struct ChoiceMessage {
    content: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Operations {
    upsert: Vec<MemoryInput>,
    delete: Vec<DeletionAnswer>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
struct DeletionAnswer {
    unique_identifier: MemoryKey,
    reason: String,
}

/// Checks a chat-completions answer and turns its content into operations.
pub fn parse_answer(bytes: &[u8], now: Timestamp) -> Result<Extraction, ExtractError> {
    let invalid = |what: String| ExtractError::Invalid(what);
    let completion: ChatCompletion = serde_json::from_slice(bytes)
        .map_err(|e| invalid(format!("not a chat-completions answer: {e}")))?;
    let content = completion
        .choices
        .into_iter()
        .next()
        .and_then(|c| c.message.content)
        .ok_or_else(|| invalid("the answer has no message content".into()))?;
    let de = &mut serde_json::Deserializer::from_str(&content);
    let operations: Operations = serde_path_to_error::deserialize(de).map_err(|e| {
        invalid(format!(
            "the operations do not fit the schema at {}: {}",
            e.path(),
            e.inner()
        ))
    })?;
    let upsert = operations
        .upsert
        .into_iter()
        .enumerate()
        .map(|(i, m)| {
            m.into_memory(now)
                .map_err(|rule| invalid(format!("upsert[{i}].{}: {}", rule.field, rule.message)))
        })
        .collect::<Result<_, _>>()?;
    let delete = operations
        .delete
        .into_iter()
        .map(|d| Deletion {
            unique_identifier: d.unique_identifier,
            reason: if d.reason.trim().is_empty() {
                "Contradicted by the conversation".into()
            } else {
                d.reason
            },
        })
        .collect();
    Ok(Extraction { delete, upsert })
}

fn system_prompt() -> String {
    format!(
        "You keep the long-term memory of a chat between a USER and an AI PERSONA. You get the \
current memories and the new messages as JSON. Answer with the operations that keep the memory \
true: `upsert` new or changed facts, `delete` facts the messages contradict (with a short \
reason). Rules: a fact is about the speaker (USER messages give target USER, PERSONA messages \
target PERSONA), never about third parties, questions or hypotheticals. uniqueIdentifier is a \
stable snake_case key such as user_lives_in_paris; reuse the existing key when restating a fact. \
category is one of {}. For single-valued categories (NAME, AGE, DATE_OF_BIRTH, GENDER, LOCATION, \
OCCUPATION, RELATIONSHIP_STATUS) a new fact replaces the old one: delete the old key. description \
is a short English summary without the subject (\"Lives in Paris\"). eventStartDate and \
eventEndDate are YYYY-MM-DD or null. sourceText is the message the fact came from. tags are at \
most 5 lower-case keywords. Leave out anything already stored with the same content.",
        KNOWN_CATEGORIES.join(", ")
    )
}

fn answer_schema() -> Value {
    let nullable_date =
        json!({"type": ["string", "null"], "pattern": "^[0-9]{4}-[0-9]{2}-[0-9]{2}$"});
    json!({
        "type": "object",
        "additionalProperties": false,
        "required": ["upsert", "delete"],
        "properties": {
            "upsert": {"type": "array", "items": {
                "type": "object",
                "additionalProperties": false,
                "required": ["uniqueIdentifier", "target", "category", "description", "eventStartDate", "eventEndDate", "sourceText", "tags"],
                "properties": {
                    "uniqueIdentifier": {"type": "string"},
                    "target": {"type": "string", "enum": ["USER", "PERSONA"]},
                    "category": {"type": "string"},
                    "description": {"type": "string"},
                    "eventStartDate": nullable_date,
                    "eventEndDate": nullable_date,
                    "sourceText": {"type": "string"},
                    "tags": {"type": "array", "items": {"type": "string"}, "maxItems": 10},
                },
            }},
            "delete": {"type": "array", "items": {
                "type": "object",
                "additionalProperties": false,
                "required": ["uniqueIdentifier", "reason"],
                "properties": {"uniqueIdentifier": {"type": "string"}, "reason": {"type": "string"}},
            }},
        },
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn completion(content: &str) -> Vec<u8> {
        json!({"choices": [{"message": {"role": "assistant", "content": content}}]})
            .to_string()
            .into_bytes()
    }

    fn now() -> Timestamp {
        Timestamp::parse("2026-04-10T14:30:00Z").unwrap()
    }

    #[test]
    fn a_good_answer_becomes_operations_dated_by_the_message() {
        let content = json!({"upsert": [{"uniqueIdentifier": "user_lives_in_paris", "target": "USER", "category": "LOCATION", "description": "Lives in Paris", "eventStartDate": null, "eventEndDate": null, "sourceText": "I live in Paris", "tags": ["Paris"]}],
            "delete": [{"uniqueIdentifier": "user_lives_in_rome", "reason": "Moved to Paris"}]});
        let ex = parse_answer(&completion(&content.to_string()), now()).unwrap();
        assert_eq!(ex.upsert[0].timestamp, now());
        assert_eq!(ex.upsert[0].tags.as_slice(), ["paris"]);
        assert_eq!(ex.delete[0].reason, "Moved to Paris");
    }

    #[test]
    fn answers_that_break_the_rules_are_refused() {
        for content in [
            "not json".to_string(),
            json!({"upsert": []}).to_string(),
            json!({"upsert": [{"uniqueIdentifier": "k", "target": "BOT", "category": "NAME", "description": "x"}], "delete": []}).to_string(),
            json!({"upsert": [{"uniqueIdentifier": "", "target": "USER", "category": "NAME", "description": "x"}], "delete": []}).to_string(),
            json!({"upsert": [], "delete": [], "extra": 1}).to_string(),
        ] {
            assert!(matches!(parse_answer(&completion(&content), now()), Err(ExtractError::Invalid(_))), "{content}");
        }
        assert!(parse_answer(b"{}", now()).is_err());
        assert!(parse_answer(br#"{"choices": []}"#, now()).is_err());
    }
}
