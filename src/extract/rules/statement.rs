//! What a clause says about its speaker: facts to keep and facts it takes back.

use super::text::{capitalize, content_words};

/// A fact about the speaker, before it becomes a memory.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Fact {
    pub category: &'static str,
    /// Third person, without the subject: "Lives in Paris".
    pub description: String,
    /// A key to use instead of one made from the description, for facts that are one value of
    /// a named slot ("favorite food"): a new value then replaces the old under the same key.
    pub slot_key: Option<String>,
    /// Only a fact when the clause also names a date ("I have an exam" alone is no memory).
    pub needs_date: bool,
}

impl Fact {
    pub fn new(category: &'static str, description: impl AsRef<str>) -> Self {
        Self {
            category,
            description: capitalize(description.as_ref().trim()),
            slot_key: None,
            needs_date: false,
        }
    }

    pub fn keyed(mut self, key: String) -> Self {
        self.slot_key = Some(key);
        self
    }

    pub fn dated_only(mut self) -> Self {
        self.needs_date = true;
        self
    }
}

/// A statement that something said before is no longer true: "I don't have a cat anymore"
/// takes back memories about having a cat; "I quit my job" every OCCUPATION memory.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Retraction {
    /// The verb the memory must use ("have", "like", "live"), or `None` for any.
    pub lemma: Option<String>,
    /// Content words the memory must all contain; empty matches every memory the other
    /// conditions allow.
    pub words: Vec<String>,
    /// Categories a memory may be in to be taken back even when its verb differs.
    pub categories: Vec<&'static str>,
}

impl Retraction {
    pub fn of(lemma: &str, object: &str) -> Self {
        Self {
            lemma: Some(lemma.to_owned()),
            words: content_words(object),
            categories: Vec::new(),
        }
    }

    pub fn category(category: &'static str) -> Self {
        Self {
            lemma: None,
            words: Vec::new(),
            categories: vec![category],
        }
    }

    pub fn also_in(mut self, categories: &[&'static str]) -> Self {
        self.categories.extend_from_slice(categories);
        self
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Statement {
    Fact(Fact),
    Retract(Retraction),
}

impl From<Fact> for Statement {
    fn from(f: Fact) -> Self {
        Statement::Fact(f)
    }
}

impl From<Retraction> for Statement {
    fn from(r: Retraction) -> Self {
        Statement::Retract(r)
    }
}
