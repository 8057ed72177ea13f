//! Clauses whose subject is "I": the verb decides the pattern, the object the category.

use super::be;
use super::lexicon::{self as lex, any};
use super::phrase::{
    ADVERBS, after, first_lower, head, lex_words, object, objects, skip_words, split_word,
};
use super::statement::{Fact, Retraction, Statement};
use super::text::{third_person_verb, tidy_object};

pub type Out = Vec<Statement>;

use super::have::have;
use super::verbs::{
    believe, generic, go, grew, know, negated, speak, spend, stopped, used_to, verb_category,
};

/// Statements of a clause that starts with "I", given what follows the "I".
pub fn first_person(rest: &str, clause: &str) -> Out {
    let lower = clause.to_lowercase();
    let anymore = lower.contains("anymore")
        || lower.contains("any more")
        || lower.contains("no longer")
        || lower.contains("not any longer");
    let mut s = skip_words(rest, ADVERBS);
    let mut neg = false;
    for n in [
        "no longer",
        "never",
        "do not",
        "does not",
        "did not",
        "will not",
    ] {
        if let Some(r) = after(s, n) {
            neg = true;
            s = skip_words(r, ADVERBS);
            break;
        }
    }
    let (verb, obj) = split_word(s);
    let v = verb.to_lowercase();
    match v.as_str() {
        "am" => be::be(obj, neg, anymore),
        "was" if !neg => be::was(obj),
        "have" | "has" | "own" => have(obj, neg, v == "own"),
        "got" if !neg && starts_with_any(obj, &["a ", "an ", "two ", "three "]) => {
            // "I've got a dog": possession, not an event.
            have(obj, false, false)
        }
        "love" | "like" | "enjoy" | "adore" | "prefer" => like(&v, obj, neg),
        "hate" | "dislike" | "detest" | "despise" | "loathe" if !neg => dislike(&v, obj),
        "can" => can(obj, neg),
        "live" => live(obj, neg, anymore),
        "work" => work(obj, neg, anymore),
        "want" | "plan" | "intend" | "aspire" | "dream" | "hope" | "aim" if !neg => goal(&v, obj),
        "grew" if !neg => grew(obj),
        "used" if !neg => used_to(obj),
        "come" | "hail" if !neg => after(obj, "from")
            .and_then(object)
            .map(|o| vec![Fact::new("NATIONALITY", format!("Is from {o}")).into()])
            .unwrap_or_default(),
        "believe" if !neg => believe(obj),
        "believe" => match after(obj, "in").and_then(object) {
            Some(o) => vec![Fact::new("RELIGION", format!("Doesn't believe in {o}")).into()],
            None => Vec::new(),
        },
        "get" if !neg && after(obj, "to").is_some() => {
            first_person(after(obj, "to").unwrap_or_default(), clause)
        }
        "broke" if !neg && after(obj, "up with").is_some() => {
            broke_up(after(obj, "up with").unwrap_or_default())
        }
        "know" if !neg => know(obj),
        "speak" => speak(obj, neg),
        "do" if !neg && is_emphatic(obj) => first_person(obj, clause),
        "try" if !neg => match after(obj, "to") {
            Some(r) => tries(r),
            // "I try various coffees as a hobby": trying many kinds is a pastime.
            None if starts_with_any(obj, &["new ", "different ", "various ", "all kinds of "]) => {
                object(obj)
                    .map(|o| vec![Fact::new("HOBBY", format!("Tries {o}")).into()])
                    .unwrap_or_default()
            }
            None => Vec::new(),
        },
        "go" if !neg => go(obj),
        "spend" if !neg => spend(obj),
        "use" if !neg => {
            let o = object(obj).unwrap_or_default();
            if any(lex::HEALTH, &lex_words(&o)) || o.contains("hearing aid") || o.contains("walker")
            {
                vec![Fact::new("HEALTH", format!("Uses {o}")).into()]
            } else {
                Vec::new()
            }
        }
        "stopped" | "quit" | "gave" | "left" | "lost" | "sold" if !neg => stopped(&v, obj, clause),
        _ if !neg => super::past::past(&v, obj).unwrap_or_else(|| generic(&v, obj)),
        _ => negated(&v, obj),
    }
}

/// "I broke up with my boyfriend": no longer with them.
fn broke_up(r: &str) -> Out {
    let Some(o) = object(r) else {
        return Vec::new();
    };
    let mut out: Out = vec![Fact::new("RELATIONSHIP_STATUS", format!("Broke up with {o}")).into()];
    if let Some(h) = head(&o) {
        let retract = Retraction {
            lemma: None,
            words: vec![h],
            categories: vec!["RELATIONSHIP_STATUS", "FAMILY"],
        };
        out.push(retract.into());
    }
    out
}

/// "I try to walk three miles every day": a habit the speaker keeps up.
fn tries(r: &str) -> Out {
    let v = first_lower(r);
    let Some(category) = verb_category(&v) else {
        return Vec::new();
    };
    if matches!(
        v.as_str(),
        "get" | "use" | "take" | "do" | "make" | "see" | "go" | "keep" | "help"
    ) {
        return Vec::new();
    }
    match object(r) {
        Some(o) => vec![Fact::new(category, format!("Tries to {o}")).into()],
        None => Vec::new(),
    }
}

fn starts_with_any(s: &str, list: &[&str]) -> bool {
    let l = s.to_lowercase();
    list.iter().any(|p| l.starts_with(p))
}

/// "I do love it": an emphatic "do" before a verb, not the verb "do" ("I do yoga").
fn is_emphatic(obj: &str) -> bool {
    let (w, rest) = split_word(obj);
    match w.to_lowercase().as_str() {
        "love" | "like" | "enjoy" | "have" | "hate" => true,
        // "I do live in Paris", but "I do live action roleplaying".
        "live" | "work" => matches!(
            first_lower(rest).as_str(),
            "in" | "at" | "on" | "as" | "with" | "for" | "from" | "near"
        ),
        _ => false,
    }
}

/// The category of something liked: food, a pastime ("to bake", "baking") or anything else.
pub fn liked_category(item: &str) -> &'static str {
    let lw = lex_words(item);
    if any(lex::FOODS, &lw) {
        return "FOOD_PREFERENCE";
    }
    let first = first_lower(item);
    if first == "to" || (first.ends_with("ing") && first.len() > 4) {
        return "HOBBY";
    }
    "LIKE"
}

pub fn like(verb: &str, obj: &str, neg: bool) -> Out {
    if neg {
        let Some(o) = object(obj) else {
            return Vec::new();
        };
        return vec![
            Fact::new("DISLIKE", format!("Doesn't {verb} {o}")).into(),
            Retraction::of("like", &o).into(),
        ];
    }
    let v3 = third_person_verb(verb);
    objects(obj)
        .into_iter()
        .map(|i| Fact::new(liked_category(&i), format!("{v3} {i}")).into())
        .collect()
}

fn dislike(verb: &str, obj: &str) -> Out {
    let Some(o) = object(obj) else {
        return Vec::new();
    };
    vec![
        Fact::new("DISLIKE", format!("{} {o}", third_person_verb(verb))).into(),
        Retraction::of("like", &o).into(),
    ]
}

fn can(obj: &str, neg: bool) -> Out {
    let (neg, obj) = match after(obj, "not") {
        Some(r) => (true, r),
        None => (neg, obj),
    };
    let obj = skip_words(obj, ADVERBS);
    let v = first_lower(obj);
    if v == "wait" && neg {
        let r = after(split_word(obj).1, "to").unwrap_or_default();
        let next = first_lower(r);
        if matches!(
            next.as_str(),
            "hear" | "see" | "talk" | "chat" | "meet" | "try" | "read" | "get"
        ) {
            return Vec::new();
        }
        return object(r)
            .map(|o| vec![Fact::new("EVENT", format!("Can't wait to {o}")).into()])
            .unwrap_or_default();
    }
    if v == "stand" && neg {
        return dislike("can't stand", split_word(obj).1)
            .into_iter()
            .map(|s| match s {
                Statement::Fact(f) => Fact::new(
                    "DISLIKE",
                    f.description.replacen("Can't stands", "Can't stand", 1),
                )
                .into(),
                other => other,
            })
            .collect();
    }
    #[rustfmt::skip]
    const SKIP: &[&str] = &[
        "wait", "believe", "see", "imagine", "tell", "relate", "understand", "try", "help", "do",
        "say", "think", "recommend", "send", "show", "give", "get", "go", "come", "hear", "feel",
        "guess", "agree", "remember", "find", "take", "be", "only", "sympathize", "empathize",
        "afford", "handle", "picture", "totally", "definitely", "always", "share", "ask", "talk",
        "chat", "let", "check", "look", "stop", "put", "deal", "manage", "still", "also",
        "really", "probably", "certainly", "usually", "sometimes",
    ];
    if v.is_empty()
        || !v.chars().all(char::is_alphabetic)
        || v.ends_with("ly")
        || lex::has(SKIP, &v)
    {
        return Vec::new();
    }
    match object(obj) {
        Some(o) => {
            let cat = if any(lex::LANGUAGES, &lex_words(&o)) && v == "speak" {
                "LANGUAGE"
            } else {
                "SKILL"
            };
            let d = if neg {
                format!("Can't {o}")
            } else {
                format!("Can {o}")
            };
            vec![Fact::new(cat, d).into()]
        }
        None => Vec::new(),
    }
}

/// Where a place-like phrase is a place one lives: a named one, or a kind of place.
fn is_place(place: &str) -> bool {
    #[rustfmt::skip]
    const PLACES: &[&str] = &[
        "town", "city", "village", "country", "countryside", "suburb", "farm", "ranch", "state",
        "area", "neighborhood", "neighbourhood", "island", "coast", "mountain", "desert", "cloud",
        "capital", "valley", "forest", "wood", "beach", "lake", "ocean", "sea", "river", "bay",
        "county", "province", "region", "north", "south", "east", "west", "midwest", "downtown",
        "uptown", "outskirt", "border", "shore", "hill", "countryside", "boonies", "sky", "space",
        "castle", "palace", "jungle", "swamp", "prairie", "plain", "tundra",
    ];
    place
        .split_whitespace()
        .any(|w| w.starts_with(|c: char| c.is_uppercase()))
        || any(PLACES, &lex_words(place))
}

pub fn live(obj: &str, neg: bool, anymore: bool) -> Out {
    let obj = skip_words(obj, ADVERBS);
    if neg || anymore {
        let place = skip_words(obj, &["in", "on", "at", "near", "with", "by"]);
        return match object(place) {
            Some(o) => vec![Retraction::of("live", &o).also_in(&["LOCATION"]).into()],
            None => Vec::new(),
        };
    }
    let lower = obj.to_lowercase();
    if let Some(r) = after(obj, "with") {
        return object(r)
            .map(|o| {
                let cat = if any(lex::FAMILY_WORDS, &lex_words(&o))
                    || any(lex::PARTNER_WORDS, &lex_words(&o))
                {
                    "FAMILY"
                } else {
                    "OTHER"
                };
                vec![Fact::new(cat, format!("Lives with {o}")).into()]
            })
            .unwrap_or_default();
    }
    if lower.starts_with("alone")
        || lower.starts_with("by myself")
        || lower.starts_with("on my own")
    {
        return vec![Fact::new("OTHER", "Lives alone").into()];
    }
    let prep = first_lower(obj);
    let preps = [
        "in", "on", "near", "at", "by", "outside", "close", "just", "right", "across", "next",
        "around", "downtown", "overseas", "abroad",
    ];
    if matches!(prep.as_str(), "here" | "there") {
        return match lower.find(" with ") {
            Some(i) => live(&obj[i + 1..], false, false),
            None => Vec::new(),
        };
    }
    if !preps.contains(&prep.as_str()) {
        return Vec::new();
    }
    // "in a small town with my family": the place, and who with.
    let (place, with) = match lower.find(" with ") {
        Some(i) => (&obj[..i], Some(&obj[i + 6..])),
        None => (obj, None),
    };
    let place = cut_at(
        place,
        &[
            " for ",
            " since ",
            " now",
            " right now",
            " all my life",
            " my whole life",
            " where ",
            " which ",
        ],
    );
    let mut out = Out::new();
    let Some(o) = object(place) else {
        return out;
    };
    if !is_place(&o) {
        // "in an apartment with my best friend": not a place to move from, keep it whole.
        let whole = cut_at(
            obj,
            &[" for ", " since ", " now", " all my life", " my whole life"],
        );
        if let Some(w) = object(whole) {
            out.push(Fact::new("OTHER", format!("Lives {w}")).into());
        }
        return out;
    }
    out.push(Fact::new("LOCATION", format!("Lives {o}")).into());
    if let Some(w) = with.and_then(object) {
        let cat =
            if any(lex::FAMILY_WORDS, &lex_words(&w)) || any(lex::PARTNER_WORDS, &lex_words(&w)) {
                "FAMILY"
            } else {
                "OTHER"
            };
        out.push(Fact::new(cat, format!("Lives with {w}")).into());
    }
    out
}

/// `s` up to the first of `stops` (compared without case).
pub fn cut_at<'a>(s: &'a str, stops: &[&str]) -> &'a str {
    let lower = s.to_lowercase();
    let end = stops
        .iter()
        .filter_map(|st| lower.find(st))
        .min()
        .unwrap_or(s.len());
    s.get(..end).unwrap_or(s)
}

pub fn work(obj: &str, neg: bool, anymore: bool) -> Out {
    let obj = skip_words(obj, ADVERBS);
    let first = first_lower(obj);
    if neg || anymore {
        return match object(skip_words(obj, &["as", "at", "for", "in", "a", "an"])) {
            Some(o) => vec![Retraction::of("work", &o).also_in(&["OCCUPATION"]).into()],
            None if neg && obj.trim().is_empty() => vec![Retraction::category("OCCUPATION").into()],
            None => Vec::new(),
        };
    }
    if first == "out" {
        return vec![Fact::new("HOBBY", format!("Works {}", tidy_object(obj))).into()];
    }
    let ok = [
        "as",
        "at",
        "for",
        "in",
        "on",
        "from",
        "with",
        "part",
        "part-time",
        "full",
        "full-time",
        "nights",
        "weekends",
        "two",
        "remotely",
        "freelance",
        "construction",
        "retail",
        "security",
        "overtime",
        "night",
        "long",
        "hard",
    ];
    // "I work my parents' farm": land is worked without a preposition.
    let land = first == "my"
        && lex_words(obj)
            .iter()
            .any(|w| matches!(w.as_str(), "farm" | "ranch" | "land" | "field"));
    if !ok.contains(&first.as_str()) && !land {
        return Vec::new();
    }
    if matches!(first.as_str(), "long" | "hard") {
        return Vec::new();
    }
    let obj = cut_at(obj, &[" for a living", " every day", " all day"]);
    match object(obj) {
        Some(o) => vec![Fact::new("OCCUPATION", format!("Works {o}")).into()],
        None => Vec::new(),
    }
}

fn goal(verb: &str, obj: &str) -> Out {
    let obj = skip_words(obj, ADVERBS);
    let lower = obj.to_lowercase();
    let (verb3, rest) = match verb {
        "want" => ("Wants", obj),
        "hope" | "plan" | "intend" | "aim" | "aspire" if lower.starts_with("to ") => (
            match verb {
                "hope" => "Hopes",
                "plan" => "Plans",
                "intend" => "Intends",
                "aim" => "Aims",
                _ => "Aspires",
            },
            obj,
        ),
        "plan" if lower.starts_with("on ") => ("Plans", obj),
        "dream" if lower.starts_with("of ") || lower.starts_with("about ") => ("Dreams", obj),
        _ => return Vec::new(),
    };
    if let Some(after_to) = after(rest, "to") {
        #[rustfmt::skip]
        const SKIP: &[&str] = &[
            "know", "hear", "ask", "say", "thank", "tell", "talk", "check", "make", "be", "meet",
            "apologize", "let", "give", "show", "help", "see", "try", "chat", "go", "get", "do",
            "keep", "share", "come", "stay", "wish", "learn",
        ];
        let next = first_lower(after_to);
        let keeps = match next.as_str() {
            "be" => {
                let then = first_lower(split_word(after_to).1);
                matches!(
                    then.as_str(),
                    "a" | "an" | "the" | "able" | "famous" | "rich"
                )
            }
            "go" => {
                let then = first_lower(split_word(after_to).1);
                matches!(then.as_str(), "to" | "back") && !after_to.to_lowercase().contains("bed")
            }
            "learn" => true,
            "see" => after_to.split_whitespace().count() > 2,
            n => !lex::has(SKIP, n),
        };
        if !keeps {
            return Vec::new();
        }
    } else if verb == "want" {
        // "I want a dog": wanting a thing is a goal only when it is one.
        let np = skip_words(obj, &["a", "an"]);
        if !any(lex::PETS, &lex_words(np))
            && !lower.contains("job")
            && !lower.contains("house")
            && !lower.contains("kids")
        {
            return Vec::new();
        }
    }
    match object(rest) {
        Some(o) => vec![Fact::new("GOAL", format!("{verb3} {o}")).into()],
        None => Vec::new(),
    }
}
