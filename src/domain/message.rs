//! SPEC §8: the messages of a conversation, as the extractor reads them.

use serde::{Deserialize, Serialize};

use super::ids::check_id;
use super::timestamp::Timestamp;

/// Longest message text, in characters.
pub const MAX_MESSAGE_CHARS: usize = 10_000;

/// Who wrote a message: the person chatting, or the AI persona.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "UPPERCASE")]
pub enum Sender {
    User,
    Persona,
}

/// A message id: the same rules as every other id.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct MessageId(String);

impl TryFrom<String> for MessageId {
    type Error = String;
    fn try_from(value: String) -> Result<Self, String> {
        check_id(&value)?;
        Ok(Self(value))
    }
}

impl From<MessageId> for String {
    fn from(id: MessageId) -> String {
        id.0
    }
}

impl MessageId {
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// A message's text: at most 10,000 characters.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct MessageText(String);

impl TryFrom<String> for MessageText {
    type Error = String;
    fn try_from(value: String) -> Result<Self, String> {
        let chars = value.chars().count();
        if chars > MAX_MESSAGE_CHARS {
            return Err(format!(
                "is {chars} characters long; the limit is {MAX_MESSAGE_CHARS}"
            ));
        }
        Ok(Self(value))
    }
}

impl From<MessageText> for String {
    fn from(t: MessageText) -> String {
        t.0
    }
}

impl MessageText {
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Message {
    pub id: MessageId,
    pub sender: Sender,
    pub date: Timestamp,
    pub text: MessageText,
}
