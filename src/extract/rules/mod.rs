//! The built-in offline extractor: English statements about the categories of SPEC §2.
//!
//! Each message is cut into sentences and clauses; a clause whose subject is the speaker ("I",
//! "my", "we") is matched against patterns keyed by its verb, which yield facts and
//! retractions. Questions, hypotheticals and clauses about other people are left alone: a
//! missed fact costs less than a false one. `resolve` then turns the statements into deletes
//! and upserts against the pair's current memory.
//!
//! Categories memhook adds to the hosted list: FAMILY (relatives and household), HOBBY
//! (pastimes), LIKE and DISLIKE (tastes that are not food), GOAL (plans and wishes stated as
//! intentions) and OTHER (anything else about the speaker).

mod be;
mod dates;
mod first_person;
mod have;
mod implied;
mod lexicon;
mod past;
mod phrase;
mod possessive;
mod resolve;
mod statement;
mod text;
mod verbs;

#[cfg(test)]
mod tests;

use std::sync::LazyLock;

use regex::Regex;
use time::Date;

use self::phrase::after;
use self::resolve::{Said, State};
use self::statement::{Fact, Statement};
use super::Extraction;
use crate::domain::change::MemorySet;
use crate::domain::memory::Target;
use crate::domain::message::{Message, Sender};

/// Proposes the operations that `messages` imply for a pair whose memory is `current`.
pub fn extract(current: &MemorySet, messages: &[Message]) -> Extraction {
    let mut state = State::new(current);
    let mut previous: Option<&Message> = None;
    for message in messages {
        let target = match message.sender {
            Sender::User => Target::User,
            Sender::Persona => Target::Persona,
        };
        let asked = previous
            .filter(|p| p.sender != message.sender)
            .and_then(|p| question_asked(p.text.as_str()));
        for (statement, dates, clause) in read(message, asked.as_ref()) {
            state.apply(Said {
                statement,
                dates,
                clause,
                message,
                target,
            });
        }
        previous = Some(message);
    }
    state.into_extraction()
}

type Read = (Statement, Option<(Date, Option<Date>)>, String);

/// Every statement a message makes about its sender, in order.
fn read(message: &Message, asked: Option<&Asked>) -> Vec<Read> {
    // The message's own calendar day, for "tomorrow" and "next Friday".
    let today = time::OffsetDateTime::from_unix_timestamp(message.date.unix_seconds())
        .map(|t| t.date())
        .unwrap_or(time::Date::MIN);
    let normal = text::normalize(message.text.as_str());
    let mut out = Vec::new();
    for (i, sentence) in text::sentences(&normal).into_iter().enumerate() {
        if i == 0 {
            if let Some(a) = asked {
                if let Some(fact) = answer(a, &sentence.text) {
                    out.push((fact.into(), None, sentence.text.clone()));
                    continue;
                }
            }
        }
        let body = if sentence.question {
            match text::strip_tag_question(&sentence.text) {
                Some(stated) if !stated.ends_with('?') => stated,
                _ => continue,
            }
        } else {
            sentence.text
        };
        let clauses = text::clauses(&body).into_iter().flat_map(|c| {
            let c = text::time_to_end(text::strip_openers(&c).trim());
            // What a hypothetical says stays with it: "I am thinking about quitting and work
            // on a farm".
            if is_hypothetical(&c) {
                vec![c]
            } else {
                text::split_shared_subject(&c)
            }
        });
        let mut previous: Option<String> = None;
        for clause in clauses {
            let clause = match previous.replace(clause.clone()) {
                Some(p) => name_the_favorite(&p, &clause),
                None => clause,
            };
            if clause.is_empty() || is_hypothetical(&clause) {
                continue;
            }
            let said = read_clause(&clause, today);
            // "My sister lives in Rome" says more than "Has a sister" would.
            let implied: Vec<Read> = implied::implied(&clause)
                .into_iter()
                .filter(|i| !said.iter().any(|(s, _, _)| same_head(s, i)))
                .map(|s| (s, None, clause.clone()))
                .collect();
            out.extend(said);
            out.extend(implied);
        }
    }
    out
}

/// "I like a lot of different kinds of music, but my favorite is rock": the favorite of the
/// kind the clause before names ("my favorite music is rock").
fn name_the_favorite(previous: &str, clause: &str) -> String {
    static PLAIN: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i)^my\s+(?:favorite|favourite)s?\s+(is|are)\s+(.+)$").expect("plain")
    });
    static KIND: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i)\b(?:kinds?|sorts?|types?|lots?|variety|bunch|plenty|genres?|all|many|different|various|favorite)\s+(?:of\s+)?(?:different\s+|favorite\s+)?(\p{L}+)(?:\s+(?:too|as well))?[\s.!,]*$").expect("kind")
    });
    let (Some(c), Some(k)) = (PLAIN.captures(clause), KIND.captures(previous)) else {
        return clause.to_owned();
    };
    let topic = k[1].to_lowercase();
    if matches!(
        topic.as_str(),
        "things" | "stuff" | "people" | "ones" | "kinds" | "sorts" | "types" | "of" | "different"
    ) {
        return clause.to_owned();
    }
    let verb = c[1].to_lowercase();
    let topic = if verb == "is" {
        match topic.as_str() {
            "movies" | "cookies" | "brownies" | "smoothies" | "zombies" | "pies" => {
                topic[..topic.len() - 1].to_owned()
            }
            _ => text::singular(&topic),
        }
    } else {
        topic
    };
    format!("my favorite {topic} {verb} {}", &c[2])
}

/// Whether a fact about a pet or a relative already names what `b` would ("Sister lives in
/// Rome" and "Has a sister"); "Likes to go for walks with their dogs" is about walks.
fn same_head(a: &Statement, b: &Statement) -> bool {
    let (Statement::Fact(a), Statement::Fact(b)) = (a, b) else {
        return false;
    };
    if !matches!(a.category, "PET" | "FAMILY" | "RELATIONSHIP_STATUS") {
        return false;
    }
    let Some(h) = text::words(&b.description)
        .last()
        .map(|w| text::singular(w))
    else {
        return false;
    };
    text::words(&a.description)
        .iter()
        .any(|w| text::singular(w) == h)
}

/// Clauses that say what might be rather than what is: "if I lived in Paris", "I wish I had a
/// cat", "I would love to", "maybe I should".
fn is_hypothetical(clause: &str) -> bool {
    static HYPOTHETICAL: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i)\b(?:if|wish|would|could|might|maybe|perhaps|imagine|suppose|supposed|pretend|pretending|should|unless|hopefully|whether|wonder|wondering|ought|considering|thinking about|thinking of|dreamt|dreamed)\b")
            .expect("hypothetical pattern")
    });
    HYPOTHETICAL.is_match(clause)
}

/// The statements of one clause. A date in the clause turns plans and happenings into EVENT
/// facts with that date, and leaves the date out of the description (the dates carry it, and
/// the key stays the same when the date moves).
fn read_clause(clause: &str, today: Date) -> Vec<Read> {
    let when = dates::find(clause, today);
    let plain = statements(clause);
    let Some(when) = when else {
        return plain
            .into_iter()
            .map(|s| (s, None, clause.to_owned()))
            .collect();
    };
    let is_birth = plain.iter().any(|s| {
        matches!(s, Statement::Fact(f) if matches!(f.category, "DATE_OF_BIRTH" | "AGE" | "NAME"))
    });
    if is_birth {
        return plain
            .into_iter()
            .map(|s| (s, None, clause.to_owned()))
            .collect();
    }
    let mut stripped = String::with_capacity(clause.len());
    stripped.push_str(&clause[..when.span.start]);
    stripped.push(' ');
    stripped.push_str(&clause[when.span.end..]);
    let stripped = stripped.split_whitespace().collect::<Vec<_>>().join(" ");
    let dated = statements(&stripped);
    let chosen = if dated.is_empty() { plain } else { dated };
    chosen
        .into_iter()
        .map(|s| match s {
            Statement::Fact(f) if f.needs_date || is_event_like(f.category) => (
                Fact {
                    category: "EVENT",
                    ..f
                }
                .into(),
                Some((when.start, when.end)),
                clause.to_owned(),
            ),
            other => (other, None, clause.to_owned()),
        })
        .collect()
}

fn is_event_like(category: &str) -> bool {
    matches!(category, "EVENT" | "OTHER" | "GOAL" | "HOBBY" | "FAMILY")
}

fn statements(clause: &str) -> Vec<Statement> {
    if let Some(rest) = after(clause, "I") {
        return first_person::first_person(rest, clause);
    }
    if let Some(rest) = after(clause, "my") {
        return possessive::my(rest, clause);
    }
    if let Some(rest) = after(clause, "we") {
        return possessive::we(rest, clause);
    }
    possessive::inverted(clause)
}

/// A question the other side asked that a short reply answers ("What's your favorite food?"
/// "Pizza!").
enum Asked {
    Favorite(String),
    Name,
    From,
    Age,
}

fn question_asked(text: &str) -> Option<Asked> {
    static FAVORITE: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i)\b(?:what|who)(?:'s| is| are)\s+your\s+(?:all[\s-]time\s+)?(?:favorite|favourite|fave)\s+([\p{L} ]{2,30}?)\s*\?").expect("favorite question")
    });
    // "My favorite color is blue. What's yours?": the asker's own favorite names the kind.
    static MINE: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i)\bmy\s+(?:favorite|favourite)\s+([\p{L} ]{2,30}?)\s+(?:is|are)\b")
            .expect("own favorite")
    });
    let normal = text::normalize(text);
    let last = text::sentences(&normal).into_iter().last()?;
    if !last.question {
        return None;
    }
    let q = last.text.to_lowercase();
    if let Some(c) = FAVORITE.captures(&last.text) {
        return Some(Asked::Favorite(c[1].trim().to_owned()));
    }
    if matches!(
        q.trim_end_matches('?').trim(),
        "what is yours" | "what are yours" | "how about you" | "what about you" | "and you"
    ) {
        if let Some(c) = MINE.captures(&normal) {
            return Some(Asked::Favorite(c[1].trim().to_owned()));
        }
    }
    if q.contains("what is your name") {
        return Some(Asked::Name);
    }
    if q.contains("where are you from") {
        return Some(Asked::From);
    }
    if q.contains("how old are you") {
        return Some(Asked::Age);
    }
    None
}

/// The fact a short reply states, given the question it answers.
fn answer(asked: &Asked, sentence: &str) -> Option<Fact> {
    // "Hi Tom! I'm Sarah.": a greeting names the other side, not the speaker.
    if ["hi ", "hey ", "hello ", "thanks ", "thank you", "nice "]
        .iter()
        .any(|g| sentence.to_lowercase().starts_with(g))
    {
        return None;
    }
    let reply = text::strip_openers(sentence);
    let reply = phrase::skip_words(
        reply,
        &[
            "I would say",
            "I would have to say",
            "I have to say",
            "I think",
            "probably",
            "definitely",
            "it has to be",
            "it is",
            "that would be",
            "mine is",
            "my favorite is",
            "my favourite is",
            "has to be",
            "hmm",
            "easily",
            "gotta be",
            "I am from",
            "I am originally from",
            "from",
            "I am",
            "my name is",
            "call me",
        ],
    );
    let tidy = text::tidy_object(reply);
    let words = text::words(&tidy);
    if words.is_empty() || words.len() > 6 || sentence.ends_with('?') {
        return None;
    }
    if words.iter().any(|w| {
        matches!(
            w.as_str(),
            "i" | "you"
                | "your"
                | "my"
                | "it"
                | "that"
                | "not"
                | "no"
                | "too"
                | "yes"
                | "same"
                | "what"
                | "so"
        )
    }) {
        return None;
    }
    match asked {
        Asked::Favorite(what) => match possessive::favorite(what, "is", &tidy, false)
            .into_iter()
            .next()
        {
            Some(Statement::Fact(f)) => Some(f),
            _ => None,
        },
        Asked::Name if words.len() <= 2 && tidy.starts_with(|c: char| c.is_uppercase()) => {
            Some(Fact::new("NAME", format!("Name is {tidy}")))
        }
        Asked::From => Some(Fact::new("NATIONALITY", format!("Is from {tidy}"))),
        Asked::Age => {
            let n: u32 = words.first()?.parse().ok()?;
            (1..=120)
                .contains(&n)
                .then(|| Fact::new("AGE", format!("Is {n} years old")))
        }
        _ => None,
    }
}
