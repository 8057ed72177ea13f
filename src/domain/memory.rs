//! The memory object of SPEC §2 and the rules its fields obey.

use std::fmt;

use serde::{Deserialize, Serialize};

use super::ids::MemoryKey;
use super::timestamp::{EventDate, Timestamp};

/// Longest `description`, in characters.
pub const MAX_DESCRIPTION_CHARS: usize = 1000;
/// Most tags a memory may carry.
pub const MAX_TAGS: usize = 10;
/// Longest tag, in characters: tags are keywords, not sentences.
pub const MAX_TAG_CHARS: usize = 100;
/// Longest `sourceText`, in characters. The spec sets no limit; this bounds what one memory
/// can cost while leaving room for any chat message.
pub const MAX_SOURCE_TEXT_CHARS: usize = 10_000;
/// Longest category name.
pub const MAX_CATEGORY_CHARS: usize = 64;

/// Who a fact is about.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "UPPERCASE")]
pub enum Target {
    User,
    Persona,
}

/// The categories the hosted service documents, then memhook's own additions.
/// This is the one list in the code; the README repeats it for readers.
pub const KNOWN_CATEGORIES: &[&str] = &[
    "NAME",
    "NICKNAME",
    "AGE",
    "DATE_OF_BIRTH",
    "GENDER",
    "LOCATION",
    "NATIONALITY",
    "LANGUAGE",
    "RELIGION",
    "CULTURE",
    "OCCUPATION",
    "EDUCATION",
    "SKILL",
    "PERSONALITY",
    "APPEARANCE",
    "HEALTH",
    "RELATIONSHIP_STATUS",
    "FOOD_PREFERENCE",
    "PET",
    "EVENT",
    // memhook's own
    "FAMILY",
    "HOBBY",
    "LIKE",
    "DISLIKE",
    "GOAL",
    "OTHER",
];

/// A category: a known one, or any other `UPPER_SNAKE_CASE` name, which is kept as given.
#[derive(Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Category(String);

impl Category {
    pub fn as_str(&self) -> &str {
        &self.0
    }

    pub fn is_known(&self) -> bool {
        KNOWN_CATEGORIES.contains(&self.0.as_str())
    }

    /// A category from the built-in list; panics on a name that is not in it, which is a bug in
    /// the caller, not bad input.
    pub fn known(name: &str) -> Self {
        assert!(KNOWN_CATEGORIES.contains(&name), "unknown category {name}");
        Self(name.to_owned())
    }
}

impl TryFrom<String> for Category {
    type Error = String;
    fn try_from(value: String) -> Result<Self, String> {
        let upper_snake = value.split('_').all(|part| {
            !part.is_empty()
                && part
                    .bytes()
                    .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit())
        }) && value.starts_with(|c: char| c.is_ascii_uppercase());
        if !upper_snake || value.len() > MAX_CATEGORY_CHARS {
            return Err(format!(
                "{value:?} is not a category: use one of {} or another UPPER_SNAKE_CASE name of at most {MAX_CATEGORY_CHARS} characters",
                KNOWN_CATEGORIES.join(", ")
            ));
        }
        Ok(Self(value))
    }
}

impl From<Category> for String {
    fn from(c: Category) -> String {
        c.0
    }
}

impl fmt::Debug for Category {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// A short English summary: non-empty, at most 1000 characters.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Description(String);

impl Description {
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl TryFrom<String> for Description {
    type Error = String;
    fn try_from(value: String) -> Result<Self, String> {
        if value.trim().is_empty() {
            return Err("must not be empty".into());
        }
        let chars = value.chars().count();
        if chars > MAX_DESCRIPTION_CHARS {
            return Err(format!(
                "is {chars} characters long; the limit is {MAX_DESCRIPTION_CHARS}"
            ));
        }
        Ok(Self(value))
    }
}

impl From<Description> for String {
    fn from(d: Description) -> String {
        d.0
    }
}

/// The message a fact came from; may be empty.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct SourceText(String);

impl SourceText {
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl TryFrom<String> for SourceText {
    type Error = String;
    fn try_from(value: String) -> Result<Self, String> {
        let chars = value.chars().count();
        if chars > MAX_SOURCE_TEXT_CHARS {
            return Err(format!(
                "is {chars} characters long; the limit is {MAX_SOURCE_TEXT_CHARS}"
            ));
        }
        Ok(Self(value))
    }
}

impl From<SourceText> for String {
    fn from(s: SourceText) -> String {
        s.0
    }
}

/// Keywords, kept trimmed, lower-case, without duplicates and sorted, so that two memories with
/// the same tags in any order or case compare (and serialise) equal.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "Vec<String>", into = "Vec<String>")]
pub struct Tags(Vec<String>);

impl Tags {
    pub fn as_slice(&self) -> &[String] {
        &self.0
    }
}

impl TryFrom<Vec<String>> for Tags {
    type Error = String;
    fn try_from(raw: Vec<String>) -> Result<Self, String> {
        let mut tags = Vec::with_capacity(raw.len());
        for (i, tag) in raw.iter().enumerate() {
            let tag = tag.trim().to_lowercase();
            if tag.is_empty() {
                return Err(format!("tag {i} is empty; tags are non-empty keywords"));
            }
            if tag.chars().count() > MAX_TAG_CHARS {
                return Err(format!("tag {i} is longer than {MAX_TAG_CHARS} characters"));
            }
            if tag.chars().any(char::is_control) {
                return Err(format!("tag {i} contains a control character"));
            }
            tags.push(tag);
        }
        tags.sort();
        tags.dedup();
        if tags.len() > MAX_TAGS {
            return Err(format!(
                "has {} different tags; a memory has at most {MAX_TAGS}",
                tags.len()
            ));
        }
        Ok(Self(tags))
    }
}

impl From<Tags> for Vec<String> {
    fn from(t: Tags) -> Vec<String> {
        t.0
    }
}

/// One fact. Fields are declared in the order of SPEC §2, which is the order they are written in.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Memory {
    pub unique_identifier: MemoryKey,
    pub target: Target,
    pub category: Category,
    pub description: Description,
    pub event_start_date: Option<EventDate>,
    pub event_end_date: Option<EventDate>,
    pub source_text: SourceText,
    pub timestamp: Timestamp,
    pub tags: Tags,
}

impl Memory {
    /// SPEC §3: two memories with the same content are the same fact, whatever their
    /// `timestamp` and `sourceText`.
    pub fn same_content(&self, other: &Memory) -> bool {
        self.target == other.target
            && self.category == other.category
            && self.description == other.description
            && self.event_start_date == other.event_start_date
            && self.event_end_date == other.event_end_date
            && self.tags == other.tags
    }
}

/// A memory as a client sends it: optional fields may be left out.
#[derive(Clone, Debug, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct MemoryInput {
    pub unique_identifier: MemoryKey,
    pub target: Target,
    pub category: Category,
    pub description: Description,
    #[serde(default)]
    pub event_start_date: Option<EventDate>,
    #[serde(default)]
    pub event_end_date: Option<EventDate>,
    #[serde(default)]
    pub source_text: SourceText,
    #[serde(default)]
    pub timestamp: Option<Timestamp>,
    #[serde(default)]
    pub tags: Tags,
}

/// A rule that holds between fields, broken: names the field relative to the memory.
#[derive(Debug, PartialEq, Eq)]
pub struct FieldRule {
    pub field: &'static str,
    pub message: String,
}

impl MemoryInput {
    /// The memory this input describes; `now` stands in for a missing `timestamp`.
    pub fn into_memory(self, now: Timestamp) -> Result<Memory, FieldRule> {
        if let (Some(start), Some(end)) = (self.event_start_date, self.event_end_date) {
            if end < start {
                return Err(FieldRule {
                    field: "eventEndDate",
                    message: format!("eventEndDate {end} is before eventStartDate {start}"),
                });
            }
        }
        Ok(Memory {
            unique_identifier: self.unique_identifier,
            target: self.target,
            category: self.category,
            description: self.description,
            event_start_date: self.event_start_date,
            event_end_date: self.event_end_date,
            source_text: self.source_text,
            timestamp: self.timestamp.unwrap_or(now),
            tags: self.tags,
        })
    }
}

/// A deleted memory as it appears in answers and payloads.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Deletion {
    pub unique_identifier: MemoryKey,
    pub reason: String,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn input(json: serde_json::Value) -> Result<MemoryInput, serde_json::Error> {
        serde_json::from_value(json)
    }

    #[test]
    fn optional_fields_take_their_defaults() {
        let now = Timestamp::parse("2026-01-01T00:00:00Z").unwrap();
        let m = input(serde_json::json!({
            "uniqueIdentifier": "user_name", "target": "USER", "category": "NAME",
            "description": "Name is Ana"
        }))
        .unwrap()
        .into_memory(now)
        .unwrap();
        assert_eq!(m.timestamp, now);
        assert_eq!(m.source_text.as_str(), "");
        assert!(m.tags.as_slice().is_empty());
        assert_eq!(
            serde_json::to_string(&m).unwrap(),
            r#"{"uniqueIdentifier":"user_name","target":"USER","category":"NAME","description":"Name is Ana","eventStartDate":null,"eventEndDate":null,"sourceText":"","timestamp":"2026-01-01T00:00:00Z","tags":[]}"#
        );
    }

    #[test]
    fn tags_are_normalised_into_a_sorted_set() {
        let tags = Tags::try_from(vec![" Paris ".into(), "home".into(), "paris".into()]).unwrap();
        assert_eq!(tags.as_slice(), ["home", "paris"]);
        assert!(Tags::try_from(vec!["  ".into()]).is_err());
        let eleven: Vec<String> = (0..11).map(|i| format!("t{i}")).collect();
        assert!(Tags::try_from(eleven).unwrap_err().contains("at most 10"));
        // Eleven spellings of ten tags are ten tags.
        let mut ten: Vec<String> = (0..10).map(|i| format!("t{i}")).collect();
        ten.push("T0".into());
        assert!(Tags::try_from(ten).is_ok());
    }

    #[test]
    fn categories_are_upper_snake_case() {
        for ok in ["NAME", "FAVOURITE_SPORT", "TOP_10"] {
            assert!(Category::try_from(ok.to_string()).is_ok(), "{ok}");
        }
        for bad in ["", "name", "Food", "_X", "X_", "A__B", "1ST", "A-B", "A B"] {
            assert!(Category::try_from(bad.to_string()).is_err(), "{bad}");
        }
    }

    #[test]
    fn descriptions_are_non_empty_and_bounded() {
        assert!(Description::try_from(" ".to_string()).is_err());
        assert!(Description::try_from("é".repeat(1000)).is_ok());
        assert!(Description::try_from("é".repeat(1001)).is_err());
    }

    #[test]
    fn an_event_cannot_end_before_it_starts() {
        let rule = input(serde_json::json!({
            "uniqueIdentifier": "trip", "target": "USER", "category": "EVENT",
            "description": "Trip", "eventStartDate": "2026-05-02", "eventEndDate": "2026-05-01"
        }))
        .unwrap()
        .into_memory(Timestamp::now())
        .unwrap_err();
        assert_eq!(rule.field, "eventEndDate");
    }

    #[test]
    fn unknown_fields_and_targets_are_refused() {
        let err = input(serde_json::json!({
            "uniqueIdentifier": "k", "target": "USER", "category": "NAME",
            "description": "d", "descripton": "typo"
        }))
        .unwrap_err();
        assert!(err.to_string().contains("descripton"));
        let err = input(serde_json::json!({
            "uniqueIdentifier": "k", "target": "BOT", "category": "NAME", "description": "d"
        }))
        .unwrap_err();
        assert!(err.to_string().contains("BOT"));
    }
}
