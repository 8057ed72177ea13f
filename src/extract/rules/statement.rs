//! What a clause says about its speaker: facts to keep and facts it takes back.

use super::text::{capitalize, is_stop_word, singular, words};

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
            words: core_words(object),
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

/// The content words of an object's first phrase, without the time and place said around it:
/// "meat last year" -> ["meat"], "a cat anymore" -> ["cat"]. What a retraction must find in a
/// memory, so that "I stopped eating meat last year" still finds "Eats meat every day".
fn core_words(object: &str) -> Vec<String> {
    #[rustfmt::skip]
    const STOPS: &[&str] = &[
        "last", "ago", "yesterday", "recently", "every", "since", "for", "when", "because",
        "anymore", "now", "today", "this", "few", "year", "month", "week", "day", "in", "at", "on",
        "with", "from", "to", "after", "before", "lately", "though", "either", "any", "longer",
    ];
    let mut out: Vec<String> = Vec::new();
    for w in words(object) {
        let s = singular(&w);
        if !out.is_empty() && STOPS.contains(&s.as_str()) {
            break;
        }
        if !is_stop_word(&s) && !STOPS.contains(&s.as_str()) && !out.contains(&s) {
            out.push(s);
        }
    }
    out
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
