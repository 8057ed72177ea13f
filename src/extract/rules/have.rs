//! "I have ...", "I own ...", "I have never ...": possessions, pets, family, looks, conditions,
//! and what the speaker has done.

use super::be;
use super::first_person::{Out, like, liked_category, live, work};
use super::lexicon::{self as lex, any};
use super::phrase::{after, first_lower, head, lex_words, object, skip_words, split_word};
use super::statement::{Fact, Retraction, Statement};

/// What follows "I have" (or "I own"): possessions, pets, family, looks, conditions.
pub fn have(obj: &str, neg: bool, own: bool) -> Out {
    let obj = skip_words(
        obj,
        &[
            "got", "already", "also", "just", "recently", "still", "ever",
        ],
    );
    let first = first_lower(obj);
    if first == "to" {
        return Vec::new();
    }
    if let Some(r) = after(obj, "been") {
        return be::been(r, neg);
    }
    if let Some(r) = after(obj, "never") {
        return perfect(r, true);
    }
    if !neg && (first.ends_with("ed") || lex::has(PARTICIPLES, &first)) && first != "red" {
        return perfect(
            skip_words(obj, &["always", "recently", "just", "already", "ever"]),
            false,
        );
    }
    if let Some(r) = after(obj, "no") {
        if first_lower(r) == "idea" {
            return Vec::new();
        }
        return have_none(r);
    }
    if neg {
        return have_none(skip_words(obj, &["any", "a", "an"]));
    }
    let Some(o) = object(obj) else {
        return Vec::new();
    };
    let verb = if own { "Owns" } else { "Has" };
    let lower = o.to_lowercase();
    for (phrase, cat) in [
        ("a weakness for", ""),
        ("a passion for", "HOBBY"),
        ("a thing for", "LIKE"),
        ("a soft spot for", "LIKE"),
        ("an interest in", "LIKE"),
        ("a love for", "LIKE"),
        ("a love of", "LIKE"),
        ("a fear of", "OTHER"),
        ("a phobia of", "OTHER"),
        ("experience", "SKILL"),
        ("a talent for", "SKILL"),
        ("a knack for", "SKILL"),
        ("a degree", "EDUCATION"),
        ("a bachelor", "EDUCATION"),
        ("a master", "EDUCATION"),
        ("a phd", "EDUCATION"),
        ("a crush on", "OTHER"),
    ] {
        if lower.starts_with(phrase) {
            let cat = if cat.is_empty() {
                liked_category(&o[phrase.len()..])
            } else {
                cat
            };
            let cat = if cat == "HOBBY" && phrase == "a weakness for" {
                "LIKE"
            } else {
                cat
            };
            return vec![Fact::new(cat, format!("{verb} {o}")).into()];
        }
    }
    let np = skip_words(
        &o,
        &[
            "a lot of",
            "lots of",
            "a ton of",
            "tons of",
            "so many",
            "many",
            "some",
            "a few",
            "a couple of",
            "a couple",
            "plenty of",
            "a bunch of",
            "several",
            "a",
            "an",
            "one",
            "two",
            "three",
            "four",
            "five",
            "six",
            "seven",
            "eight",
            "nine",
            "ten",
            "their own",
            "their",
            "my",
            "big",
            "huge",
            "small",
            "little",
            "new",
        ],
    );
    let Some(h) = head(np) else {
        return Vec::new();
    };
    if np.to_lowercase().starts_with("best friend") {
        return vec![Fact::new("OTHER", format!("{verb} {o}")).into()];
    }
    if lex::has(HAVE_NOT_FACTS, &h) || lex::has(HAVE_NOT_FACTS, &first_lower(np)) {
        return Vec::new();
    }
    let lw = lex_words(np);
    let fact = if lex::has(APPOINTMENTS, &h) {
        Fact::new("EVENT", format!("{verb} {o}")).dated_only()
    } else if lex::has(lex::PARTNER_WORDS, &h)
        && (lower.starts_with("a ") || lower.starts_with("an "))
    {
        Fact::new("RELATIONSHIP_STATUS", format!("{verb} {o}"))
    } else if lex::has(lex::FAMILY_WORDS, &h) || lex::has(lex::PARTNER_WORDS, &h) {
        Fact::new("FAMILY", format!("{verb} {o}"))
    } else if any(lex::PETS, &lw) {
        Fact::new("PET", format!("{verb} {o}"))
    } else if any(lex::APPEARANCE, &lw) {
        Fact::new("APPEARANCE", format!("{verb} {o}"))
    } else if any(lex::HEALTH, &lw) {
        Fact::new("HEALTH", format!("{verb} {o}"))
    } else if h == "job" || h == "career" {
        Fact::new("OCCUPATION", format!("{verb} {o}"))
    } else {
        Fact::new("OTHER", format!("{verb} {o}"))
    };
    vec![fact.into()]
}

/// Heads after "I have" that make no lasting fact: "I have a question", "I have fun".
#[rustfmt::skip]
pub const HAVE_NOT_FACTS: &[&str] = &[
    "time", "fun", "idea", "question", "feeling", "chance", "problem", "point", "clue", "day",
    "night", "week", "weekend", "news", "luck", "thought", "answer", "pleasure", "issue", "doubt",
    "opinion", "moment", "blast", "ball", "go", "look", "try", "choice", "reason", "suggestion",
    "advice", "story", "conversation", "talk", "word", "plan", "way", "work", "thing", "something",
    "anything", "nothing", "everything", "one", "same", "friend", "hard", "tough", "lot",
    "favorite", "favourite", "feel", "sense", "mind", "bit", "little", "break", "rest", "headache",
    "tip", "recommendation", "say", "fan", "one", "experience", "trouble", "difficulty",
    "question", "concern", "request", "confession", "secret", "homework", "errand", "chore", "to",
    "been", "had", "heard", "seen", "done", "mine", "yours", "it", "them", "that", "this", "those",
    "these", "money", "enough", "more", "less", "any", "no", "faith", "hope", "patience", "energy",
    "priorities", "priority",
];

/// Things one "has" that are events when a date comes with them.
#[rustfmt::skip]
pub const APPOINTMENTS: &[&str] = &[
    "appointment", "meeting", "exam", "test", "interview", "date", "party", "game", "match",
    "recital", "concert", "trip", "flight", "wedding", "vacation", "holiday", "presentation",
    "deadline", "shift", "tournament", "competition", "audition", "surgery", "operation",
    "checkup", "graduation", "ceremony", "show", "performance", "race", "event", "class",
];

#[rustfmt::skip]
pub const PARTICIPLES: &[&str] = &[
    "won", "run", "written", "taught", "had", "seen", "met", "read", "done", "been", "grown",
    "known", "ridden", "flown", "driven", "gone", "lost", "broken", "built", "sung", "swum",
    "always", "recently", "just",
];

/// "I have never been to Paris", "I have visited Spain", "I have always loved animals".
pub fn perfect(obj: &str, never: bool) -> Out {
    let obj = skip_words(
        obj,
        &["always", "recently", "just", "already", "ever", "never"],
    );
    let (p, rest) = split_word(obj);
    let p = p.to_lowercase();
    if never {
        return match object(obj) {
            Some(o)
                if !matches!(p.as_str(), "heard" | "thought" | "seen" | "tried")
                    || o.split_whitespace().count() > 2 =>
            {
                vec![Fact::new("OTHER", format!("Has never {o}")).into()]
            }
            _ => Vec::new(),
        };
    }
    match p.as_str() {
        "loved" | "liked" | "enjoyed" | "adored" => like(&p[..p.len() - 1], rest, false),
        "wanted" => object(rest)
            .map(|o| vec![Fact::new("GOAL", format!("Has always wanted {o}")).into()])
            .unwrap_or_default(),
        "lived" => live(rest, false, false),
        "worked" => work(rest, false, false),
        "had" => have(rest, false, false)
            .into_iter()
            .map(|s| match s {
                Statement::Fact(f) => Fact {
                    description: f.description.replacen("Has ", "Has had ", 1),
                    ..f
                }
                .into(),
                other => other,
            })
            .collect(),
        "seen"
            if rest.to_lowercase().contains("concert") || rest.to_lowercase().contains(" live") =>
        {
            object(rest)
                .map(|o| vec![Fact::new("OTHER", format!("Has seen {o}")).into()])
                .unwrap_or_default()
        }
        "been" => be::been(rest, false),
        "visited" | "traveled" | "travelled" | "won" | "competed" | "completed" | "run"
        | "climbed" | "written" | "published" | "taught" | "coached" | "raised" | "adopted"
        | "collected" | "volunteered" | "studied" | "owned" | "played" | "performed"
        | "survived" | "served" | "started" | "finished" | "lost" | "broken" | "met" | "read" => {
            match object(rest) {
                Some(o) => {
                    let cat = match p.as_str() {
                        "adopted" => "PET",
                        "lost" | "broken" | "survived" => "HEALTH",
                        "studied" => "EDUCATION",
                        "played" | "collected" | "volunteered" => "HOBBY",
                        _ => "OTHER",
                    };
                    vec![Fact::new(cat, format!("Has {p} {o}")).into()]
                }
                _ => Vec::new(),
            }
        }
        _ => Vec::new(),
    }
}

/// "I don't have a cat (anymore)", "I have no siblings": takes back what it denies.
pub fn have_none(obj: &str) -> Out {
    let Some(o) = object(obj) else {
        return Vec::new();
    };
    let lw = lex_words(&o);
    let generic_pets = lw
        .iter()
        .all(|w| matches!(w.as_str(), "pet" | "animal" | "any" | "furry" | "friend"));
    if generic_pets {
        return vec![Retraction::category("PET").into()];
    }
    let mut out: Out = vec![
        Retraction::of("have", &o)
            .also_in(&["PET", "FAMILY"])
            .into(),
    ];
    // "I don't have many friends": a fact about the speaker, not a friend taken back.
    if let Some(r) = after(&o, "many").or_else(|| after(&o, "a lot of")) {
        if matches!(first_lower(r).as_str(), "friends" | "hobbies" | "interests") {
            return vec![Fact::new("OTHER", format!("Doesn't have {o}")).into()];
        }
    }
    let h = head(&o).unwrap_or_default();
    if any(lex::FAMILY_WORDS, &lw) && !o.contains(' ') {
        out.push(Fact::new("FAMILY", format!("Has no {o}")).into());
    } else if !lex::has(HAVE_NOT_FACTS, &h)
        && !any(lex::PETS, &lw)
        && !any(lex::FAMILY_WORDS, &lw)
        && !lex::has(APPOINTMENTS, &h)
        && o.split_whitespace().count() <= 4
    {
        // "I don't have a smartphone": worth remembering; a missing pet or relative is
        // only a retraction.
        out.push(Fact::new("OTHER", format!("Doesn't have {o}")).into());
    }
    out
}
