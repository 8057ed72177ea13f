//! Turning statements into operations against the pair's memory: building memories with
//! stable keys, replacing single-valued facts, and taking back what a statement contradicts.

use std::collections::{BTreeMap, BTreeSet};

use time::Date;

use super::statement::{Fact, Retraction, Statement};
use super::text::{content_words, gerund_base, slug, words};
use super::verbs::is_verb;
use crate::domain::change::MemorySet;
use crate::domain::ids::{MAX_ID_BYTES, MemoryKey};
use crate::domain::memory::{
    Category, Deletion, Description, MAX_TAG_CHARS, Memory, SourceText, Tags, Target,
};
use crate::domain::message::Message;
use crate::domain::timestamp::EventDate;
use crate::extract::Extraction;

/// Categories that hold one value per target: a new fact replaces the old one.
#[rustfmt::skip]
pub const SINGLE_VALUED: &[&str] = &[
    "NAME", "AGE", "DATE_OF_BIRTH", "GENDER", "LOCATION", "NATIONALITY", "OCCUPATION",
    "RELATIONSHIP_STATUS", "RELIGION",
];

/// Most tags a fact gets: the category and a few content words.
const TAGS_PER_FACT: usize = 5;
/// Longest quote of the contradicting clause in a deletion reason.
const MAX_QUOTE_CHARS: usize = 150;

/// A statement as read from one clause of one message.
pub struct Said<'m> {
    pub statement: Statement,
    pub dates: Option<(Date, Option<Date>)>,
    pub clause: String,
    pub message: &'m Message,
    pub target: Target,
}

/// The pair's memory as the extraction goes, message by message.
pub struct State<'a> {
    current: &'a MemorySet,
    memories: BTreeMap<MemoryKey, Memory>,
    written: BTreeSet<MemoryKey>,
    /// Which message wrote each key in this extraction: two values said in one message
    /// ("I'm a piano teacher, but I'm also a software engineer") are both true.
    written_by: BTreeMap<MemoryKey, String>,
    reasons: BTreeMap<MemoryKey, String>,
}

impl<'a> State<'a> {
    pub fn new(current: &'a MemorySet) -> Self {
        Self {
            current,
            memories: current
                .iter()
                .map(|m| (m.unique_identifier.clone(), m.clone()))
                .collect(),
            written: BTreeSet::new(),
            written_by: BTreeMap::new(),
            reasons: BTreeMap::new(),
        }
    }

    pub fn apply(&mut self, said: Said) {
        match &said.statement {
            Statement::Fact(f) => {
                if let Some(memory) = memory(f, &said) {
                    self.write(memory, &said);
                }
            }
            Statement::Retract(r) => {
                let reason = contradiction_reason(said.message.text.as_str());
                let doomed: Vec<MemoryKey> = self
                    .memories
                    .values()
                    .filter(|m| m.target == said.target && retracts(r, m))
                    .map(|m| m.unique_identifier.clone())
                    .collect();
                for key in doomed {
                    self.remove(key, reason.clone());
                }
            }
        }
    }

    fn write(&mut self, memory: Memory, said: &Said) {
        let category = memory.category.as_str();
        let key = &memory.unique_identifier;
        let message_id = said.message.id.as_str();
        let mut doomed: Vec<(MemoryKey, String)> = Vec::new();
        if SINGLE_VALUED.contains(&category) && !is_additive(&said.clause) {
            let group = group_of(category, memory.description.as_str());
            for old in self.memories.values() {
                let old_group = group_of(category, old.description.as_str());
                if old.target == memory.target
                    && old.category == memory.category
                    && old.unique_identifier != *key
                    && self
                        .written_by
                        .get(&old.unique_identifier)
                        .map(String::as_str)
                        != Some(message_id)
                    && (old_group == group || old_group == "none" || group == "none")
                    && !is_kind_of_same(old.description.as_str(), memory.description.as_str())
                {
                    doomed.push((old.unique_identifier.clone(), replacement_reason(category)));
                }
            }
        }
        if let Some(new) = Prop::parse(memory.description.as_str()) {
            for old in self.memories.values() {
                if old.target != memory.target || old.unique_identifier == *key {
                    continue;
                }
                if Prop::parse(old.description.as_str()).is_some_and(|o| new.contradicts(&o)) {
                    doomed.push((
                        old.unique_identifier.clone(),
                        contradiction_reason(said.message.text.as_str()),
                    ));
                }
            }
        }
        for (k, reason) in doomed {
            self.remove(k, reason);
        }
        self.written.insert(key.clone());
        self.written_by.insert(key.clone(), message_id.to_owned());
        self.memories.insert(key.clone(), memory);
    }

    fn remove(&mut self, key: MemoryKey, reason: String) {
        if self.memories.remove(&key).is_some() {
            self.written.remove(&key);
            self.reasons.insert(key, reason);
        }
    }

    pub fn into_extraction(self) -> Extraction {
        let delete = self
            .current
            .iter()
            .filter(|m| !self.memories.contains_key(&m.unique_identifier))
            .map(|m| Deletion {
                unique_identifier: m.unique_identifier.clone(),
                reason: self
                    .reasons
                    .get(&m.unique_identifier)
                    .cloned()
                    .unwrap_or_else(|| "No longer true".into()),
            })
            .collect();
        let upsert = self
            .written
            .iter()
            .filter_map(|k| self.memories.get(k).cloned())
            .collect();
        Extraction { delete, upsert }
    }
}

/// "I also work as a custodian", "a piano teacher on the side": a second value, not a new one.
fn is_additive(clause: &str) -> bool {
    static ADDITIVE: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
        regex::Regex::new(r"(?i)\b(?:also|too|as well|on the side|part[- ]time|second job|side job|other job|besides|in addition)\b")
            .expect("additive pattern")
    });
    ADDITIVE.is_match(clause)
}

fn replacement_reason(category: &str) -> String {
    format!(
        "Replaced by more accurate {} information",
        category.to_lowercase().replace('_', " ")
    )
}

fn contradiction_reason(message: &str) -> String {
    let clause = message.trim();
    let mut quote: String = clause.chars().take(MAX_QUOTE_CHARS).collect();
    if clause.chars().count() > MAX_QUOTE_CHARS {
        quote.push('…');
    }
    format!("Contradicted by a newer statement: \"{quote}\"")
}

/// Within a single-valued category, the kind of value a description gives: being from a place
/// and growing up there are both NATIONALITY, but one does not replace the other; nor does a
/// workplace replace a job title. "none" (retired, unemployed) replaces every kind.
fn group_of(category: &str, description: &str) -> &'static str {
    let d = description.to_lowercase();
    match category {
        "NATIONALITY" if d.starts_with("grew up") || d.starts_with("was raised") => "grew_up",
        "NATIONALITY" if d.starts_with("was born") => "born",
        "OCCUPATION"
            if ["is retired", "is unemployed", "is jobless"]
                .iter()
                .any(|p| d.starts_with(p)) =>
        {
            "none"
        }
        "OCCUPATION"
            if [
                "works at",
                "works for",
                "works in",
                "works from",
                "works with",
                "works part",
                "works full",
                "works remotely",
                "works nights",
                "works weekends",
                "works two",
                "has a job at",
            ]
            .iter()
            .any(|p| d.starts_with(p)) =>
        {
            "workplace"
        }
        // Serving in the army is not replaced by what the speaker does there ("Is a medic").
        "OCCUPATION"
            if [
                "is in the army",
                "is in the navy",
                "is in the military",
                "is in the air force",
                "is in the marines",
            ]
            .iter()
            .any(|p| d.starts_with(p)) =>
        {
            "service"
        }
        // What the work is about ("Teaches kindergarten", "Works on web applications") tells
        // more about the same job, it does not name a new one.
        "OCCUPATION"
            if ["teaches ", "works on ", "works their ", "helps "]
                .iter()
                .any(|p| d.starts_with(p)) =>
        {
            "duty"
        }
        _ => "",
    }
}

/// "Is a doctor" and "Is a pediatrician", "Is a nurse" and "Is a pediatric nurse": the same
/// job said more or less exactly, where one does not replace the other.
fn is_kind_of_same(a: &str, b: &str) -> bool {
    #[rustfmt::skip]
    const KINDS: &[(&str, &[&str])] = &[
        ("doctor", &["pediatrician", "practitioner", "surgeon", "physician", "cardiologist",
            "dermatologist", "psychiatrist", "neurologist", "oncologist", "gp", "resident"]),
        ("musician", &["singer", "songwriter", "singer-songwriter", "guitarist", "drummer",
            "pianist", "violinist", "rapper", "bassist"]),
        ("engineer", &["developer", "programmer"]),
        ("soldier", &["medic"]),
        ("athlete", &["gymnast", "swimmer", "runner", "player"]),
    ];
    let title = |d: &str| {
        let d = d.to_lowercase();
        let rest = ["is a ", "is an ", "works as a ", "works as an "]
            .iter()
            .find_map(|p| d.strip_prefix(p).map(str::to_owned))?;
        super::phrase::head(&rest)
    };
    let (Some(x), Some(y)) = (title(a), title(b)) else {
        return false;
    };
    x == y
        || KINDS.iter().any(|(general, kinds)| {
            (x == *general && kinds.contains(&y.as_str()))
                || (y == *general && kinds.contains(&x.as_str()))
        })
}

/// A description read back as "(not) <verb> <things>", to tell when two facts contradict:
/// "Has a cat named Tom" and "Doesn't have a cat", "Eats meat" and "Stopped eating meat".
#[derive(Debug, PartialEq, Eq)]
struct Prop {
    positive: bool,
    lemma: String,
    words: Vec<String>,
}

impl Prop {
    fn parse(description: &str) -> Option<Prop> {
        let w = words(description);
        let rest = |n: usize| -> Vec<String> {
            let tail = w.get(n..).unwrap_or_default().join(" ");
            content_words(&tail)
                .into_iter()
                .filter(|x| x != "not" && x != "anymore")
                .collect()
        };
        let word = |i: usize| w.get(i).map(String::as_str).unwrap_or("");
        let neg = |lemma: &str, n: usize| {
            Some(Prop {
                positive: false,
                lemma: lemma.into(),
                words: rest(n),
            })
        };
        let pos = |lemma: &str, n: usize| {
            Some(Prop {
                positive: true,
                lemma: lemma.into(),
                words: rest(n),
            })
        };
        match (word(0), word(1), word(2)) {
            ("doesn't", v, _) => neg(&normal(v), 2),
            ("does" | "do", "not", v) => neg(&normal(v), 3),
            ("no", "longer", v) => neg(&lemma_of(v), 3),
            ("never", v, _) => neg(&lemma_of(v), 2),
            ("stopped" | "quit", g, _) => {
                neg(&gerund_base(g, is_verb).unwrap_or_else(|| g.to_owned()), 2)
            }
            ("gave", "up", g) => neg(&gerund_base(g, is_verb).unwrap_or_else(|| g.to_owned()), 3),
            ("hates" | "dislikes" | "detests" | "despises" | "loathes", _, _) => neg("like", 1),
            ("can't", "stand", _) => neg("like", 2),
            ("is", "not", "a") if matches!(word(3), "fan" | "big") => neg("like", 3),
            ("is", "not", "into") => neg("like", 3),
            ("is", "not", _) => neg("be", 2),
            ("used" | "favorite" | "favorites" | "has", "never" | "to", _) => None,
            ("favorite" | "favorites", _, _) => None,
            ("is", "a" | "an", _)
                if matches!(word(2), "fan" | "big" | "huge") && w.contains(&"fan".to_string()) =>
            {
                pos("like", 2)
            }
            ("is", "into" | "interested" | "obsessed" | "passionate", _) => pos("like", 2),
            ("works", "as", _) => pos("be", 2),
            ("is", _, _) => pos("be", 1),
            (v, _, _) if !v.is_empty() => pos(&normal(&lemma_of(v)), 1),
            _ => None,
        }
    }

    fn contradicts(&self, other: &Prop) -> bool {
        if self.positive == other.positive || self.lemma != other.lemma {
            return false;
        }
        let (neg, pos) = if self.positive {
            (other, self)
        } else {
            (self, other)
        };
        neg.words.iter().all(|w| pos.words.contains(w))
    }
}

/// The verb class a description's verb belongs to: liking verbs are one class, having another.
fn normal(lemma: &str) -> String {
    match lemma {
        "love" | "like" | "enjoy" | "adore" | "prefer" => "like".into(),
        "own" | "have" => "have".into(),
        l => l.into(),
    }
}

/// The base form of a third-person verb: "has" -> "have", "watches" -> "watch".
fn lemma_of(v: &str) -> String {
    match v {
        "has" => return "have".into(),
        "is" => return "be".into(),
        "does" => return "do".into(),
        "goes" => return "go".into(),
        _ => {}
    }
    for (suffix, repl) in [
        ("ies", "y"),
        ("ches", "ch"),
        ("shes", "sh"),
        ("sses", "ss"),
        ("xes", "x"),
        ("oes", "o"),
        ("s", ""),
    ] {
        if let Some(stem) = v.strip_suffix(suffix) {
            if !stem.is_empty() {
                return format!("{stem}{repl}");
            }
        }
    }
    v.to_owned()
}

fn retracts(r: &Retraction, m: &Memory) -> bool {
    let prop = Prop::parse(m.description.as_str());
    if prop.as_ref().is_some_and(|p| !p.positive) {
        return false;
    }
    let have = content_words(m.description.as_str());
    if !r.words.iter().all(|w| have.contains(w)) {
        return false;
    }
    let lemma_ok = match (&r.lemma, &prop) {
        (Some(l), Some(p)) => normal(l) == p.lemma,
        _ => false,
    };
    let category_ok = r.categories.contains(&m.category.as_str());
    lemma_ok || category_ok
}

/// The memory a fact becomes, or `None` when a field breaks a rule (the fact is skipped).
fn memory(f: &Fact, said: &Said) -> Option<Memory> {
    if f.needs_date && said.dates.is_none() {
        return None;
    }
    let prefix = match said.target {
        Target::User => "user",
        Target::Persona => "persona",
    };
    let source = f.slot_key.as_deref().unwrap_or(&f.description);
    let key = format!("{prefix}_{}", slug(source, MAX_ID_BYTES - prefix.len() - 1));
    let (start, end) = match said.dates {
        Some((s, e)) if f.category == "EVENT" => {
            (Some(EventDate::from_date(s)), e.map(EventDate::from_date))
        }
        _ => (None, None),
    };
    let text = said.message.text.as_str();
    let source_text = SourceText::try_from(text.to_owned())
        .or_else(|_| SourceText::try_from(text.chars().take(1000).collect::<String>()))
        .ok()?;
    Some(Memory {
        unique_identifier: MemoryKey::try_from(key).ok()?,
        target: said.target,
        category: Category::try_from(f.category.to_owned()).ok()?,
        description: Description::try_from(f.description.clone()).ok()?,
        event_start_date: start,
        event_end_date: end,
        source_text,
        timestamp: said.message.date,
        tags: Tags::try_from(tags(f)).ok()?,
    })
}

/// A few lower-case keywords: the category and the description's content words.
fn tags(f: &Fact) -> Vec<String> {
    #[rustfmt::skip]
    const SKIP: &[&str] = &[
        "loves", "likes", "enjoys", "adores", "prefers", "lives", "works", "wants", "goes",
        "eats", "drinks", "plays", "speaks", "hates", "was", "can't", "doesn't", "stopped",
        "moved", "grew", "getting", "spends", "tries", "knows", "believes", "uses", "owns",
        "years", "going", "studying",
        "love", "like", "enjoy", "favorite", "favourite", "live", "work", "want", "doesn't",
        "can't", "used", "year", "old", "name",
    ];
    let mut out = vec![f.category.to_lowercase().replace('_', " ")];
    for w in words(&f.description)
        .into_iter()
        .filter(|w| !super::text::is_stop_word(w))
    {
        if out.len() >= TAGS_PER_FACT {
            break;
        }
        if w.chars().count() < 3
            || SKIP.contains(&w.as_str())
            || !w.chars().any(char::is_alphabetic)
        {
            continue;
        }
        let w: String = w.chars().take(MAX_TAG_CHARS).collect();
        if !out.contains(&w) {
            out.push(w);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn descriptions_read_back_as_propositions() {
        let p = Prop::parse("Has a cat named Tom").unwrap();
        assert!(p.positive && p.lemma == "have" && p.words == ["cat", "tom"]);
        let n = Prop::parse("Doesn't have a cat").unwrap();
        assert!(!n.positive && n.contradicts(&p));
        let meat = Prop::parse("Stopped eating meat").unwrap();
        assert!(meat.contradicts(&Prop::parse("Eats meat").unwrap()));
        assert!(!meat.contradicts(&Prop::parse("Eats fish").unwrap()));
        assert!(
            Prop::parse("Hates jazz")
                .unwrap()
                .contradicts(&Prop::parse("Loves jazz").unwrap())
        );
    }

    #[test]
    fn groups_keep_kinds_of_single_values_apart() {
        assert_eq!(group_of("OCCUPATION", "Works at a hospital"), "workplace");
        assert_eq!(group_of("OCCUPATION", "Is a nurse"), "");
        assert_eq!(group_of("NATIONALITY", "Grew up in Ohio"), "grew_up");
    }
}
