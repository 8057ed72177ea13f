//! Clauses about the speaker's things and people: "My name is ...", "My favorite food is ...",
//! "My sister lives in Rome", "Pizza is my favorite food", and "we ..." clauses that are about
//! the speaker too ("We're getting married on May 3rd").

use std::sync::LazyLock;

use regex::Regex;

use super::first_person::{Out, first_person};
use super::lexicon::{self as lex, any, has};
use super::phrase::{after, first_lower, lex_words, object, skip_words, split_word};
use super::statement::{Fact, Retraction};
use super::text::{capitalize, slug, third_person_phrase, tidy_object};

/// Statements of a clause starting with "my" (the "my" removed).
pub fn my(rest: &str, clause: &str) -> Out {
    static FAVORITE: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i)^(?:all[\s-]time\s+|absolute\s+|very\s+|most\s+)?(?:favorite|favourite|fav|fave|preferred)\s+([\p{L}\p{N}' -]{1,40}?)\s+(is|are|was|were|has to be|would have to be|would be|has always been|have always been|at the moment is|right now is|of all time is)\s+(.+)$").expect("favorite")
    });
    static PLAIN_FAVORITE: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i)^(?:favorite|favourite)s?\s+(?:is|are)\s+(.+)$").expect("plain favorite")
    });
    if let Some(c) = FAVORITE.captures(rest) {
        return favorite(&c[1], &c[2], &c[3], false);
    }
    if let Some(c) = PLAIN_FAVORITE.captures(rest) {
        let value = skip_words(&c[1], &["probably", "definitely", "still"]);
        return object(value)
            .map(|o| vec![Fact::new("LIKE", format!("Favorites are {o}")).into()])
            .unwrap_or_default();
    }
    let lower = rest.to_lowercase();
    for (noun, cat) in [
        ("full name is", "NAME"),
        ("name is", "NAME"),
        ("real name is", "NAME"),
        ("nickname is", "NICKNAME"),
        ("nick name is", "NICKNAME"),
    ] {
        if let Some(r) = after(rest, noun) {
            return name(cat, r);
        }
    }
    if let Some(r) = ["friends call me", "family calls me", "friends all call me"]
        .iter()
        .find_map(|p| after(rest, p))
    {
        return name("NICKNAME", r);
    }
    if let Some(r) = after(rest, "birthday is") {
        let r = skip_words(r, &["on", "in"]);
        return object(r)
            .map(|o| vec![Fact::new("DATE_OF_BIRTH", format!("Birthday is {o}")).into()])
            .unwrap_or_default();
    }
    if let Some(r) = after(rest, "age is") {
        return super::be::be(r, false, false);
    }
    for (nouns, cat) in [
        (
            &[
                "job is",
                "job is as",
                "occupation is",
                "profession is",
                "career is",
            ][..],
            "OCCUPATION",
        ),
        (
            &[
                "hobby is",
                "hobbies are",
                "hobbies include",
                "passion is",
                "passions are",
                "pastime is",
                "favorite pastime is",
            ][..],
            "HOBBY",
        ),
        (
            &[
                "dream is",
                "goal is",
                "ambition is",
                "dream job is",
                "goal in life is",
                "biggest dream is",
                "dream in life is",
                "plan is",
                "life goal is",
                "lifelong dream is",
            ][..],
            "GOAL",
        ),
        (
            &[
                "native language is",
                "first language is",
                "mother tongue is",
            ][..],
            "LANGUAGE",
        ),
        (&["religion is", "faith is"][..], "RELIGION"),
        (
            &[
                "hair is",
                "eyes are",
                "skin is",
                "height is",
                "hair color is",
            ][..],
            "APPEARANCE",
        ),
        (
            &[
                "house is",
                "home is",
                "apartment is",
                "bedroom is",
                "room is",
                "car is",
                "truck is",
                "garden is",
                "farm is",
            ][..],
            "OTHER",
        ),
        (
            &[
                "best friend is",
                "zodiac sign is",
                "star sign is",
                "sign is",
            ][..],
            "OTHER",
        ),
    ] {
        for n in nouns {
            if let Some(r) = after(rest, n) {
                let Some(o) = object(r) else {
                    return Vec::new();
                };
                let lead = capitalize(n);
                return vec![Fact::new(cat, format!("{lead} {o}")).into()];
            }
        }
    }
    static DREAM: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i)^dream\s+([\p{L} ]{2,30}?)\s+(?:is|are|would be)\s+(.+)$").expect("dream")
    });
    if let Some(c) = DREAM.captures(rest) {
        if let Some(o) = object(&c[2]) {
            return vec![Fact::new("GOAL", format!("Dream {} is {o}", c[1].to_lowercase())).into()];
        }
    }
    let (first, after_first) = split_word(rest);
    let first_l = first.to_lowercase();
    let relation = relation_words(rest);
    if let Some((member, tail)) = relation {
        return family(&member, tail, clause);
    }
    if has(lex::PETS, &super::text::singular(&first_l)) && first_l != "animal" {
        return pet(first, after_first);
    }
    let _ = lower;
    Vec::new()
}

/// "older sister", "two brothers", "mom": the family member a "my" clause is about, and the
/// rest of the clause.
fn relation_words(rest: &str) -> Option<(String, &str)> {
    let mut s = rest;
    let mut member = String::new();
    for _ in 0..3 {
        let (w, r) = split_word(s);
        let lw = w.to_lowercase();
        let base = lw.trim_end_matches("'s");
        let sing = super::text::singular(base);
        if member.is_empty() && (base == "ex" || base.starts_with("ex-")) {
            let (next, _) = split_word(r);
            let next_sing = super::text::singular(&next.to_lowercase());
            if base != "ex"
                || !(has(lex::FAMILY_WORDS, &next_sing) || has(lex::PARTNER_WORDS, &next_sing))
            {
                member.push_str(w);
                return Some((member, r));
            }
        }
        if matches!(
            sing.as_str(),
            "older"
                | "younger"
                | "little"
                | "big"
                | "twin"
                | "baby"
                | "oldest"
                | "youngest"
                | "eldest"
                | "step"
                | "late"
                | "ex"
                | "two"
                | "three"
                | "best"
                | "dear"
                | "elderly"
                | "grown"
        ) {
            member.push_str(w);
            member.push(' ');
            s = r;
            continue;
        }
        if has(lex::FAMILY_WORDS, &sing)
            || has(lex::PARTNER_WORDS, &sing)
            || has(lex::FAMILY_WORDS, base)
            || matches!(
                sing.as_str(),
                "friend" | "roommate" | "neighbor" | "neighbour" | "boss" | "coworker"
            )
        {
            member.push_str(w);
            // "my husband and I love hiking" is about the speaker.
            return Some((member, r));
        }
        return None;
    }
    None
}

/// "My sister lives in Rome", "My parents are very wealthy bankers": FAMILY facts; never a
/// fact of the relative's own category about the speaker.
fn family(member: &str, tail: &str, clause: &str) -> Out {
    if let Some(r) = after(tail, "and I") {
        return first_person(r, clause);
    }
    if member.ends_with("'s")
        && after(tail, "name is").is_none()
        && after(tail, "names are").is_none()
    {
        return Vec::new();
    }
    let (verb, _) = split_word(tail);
    let v = verb.to_lowercase();
    #[rustfmt::skip]
    const SKIP: &[&str] = &[
        "said", "says", "told", "tells", "thinks", "thought", "asked", "asks", "wants", "would",
        "will", "can", "could", "should", "might", "and", "or", "too", "also", "is", "just",
        "always", "never", "wanted", "keeps", "called", "calls", "made", "makes", "let", "lets",
        "gave", "gives", "got", "gets", "did", "does", "do", "came", "comes", "took", "takes",
        "went", "goes", "sent", "sends", "bought", "was", "were", "are", "have", "has", "had",
        "think", "say", "tell", "want", "keep", "get",
    ];
    let negated =
        matches!(v.as_str(), "does" | "do" | "did") && after(split_word(tail).1, "not").is_some();
    let be_like = negated
        || matches!(
            v.as_str(),
            "is" | "are" | "was" | "were" | "has" | "have" | "had"
        );
    let verb_like = v.ends_with('s')
        || v.ends_with("ed")
        || matches!(
            v.as_str(),
            "taught"
                | "drove"
                | "left"
                | "ran"
                | "built"
                | "grew"
                | "won"
                | "lost"
                | "wrote"
                | "fought"
                | "sang"
                | "swam"
                | "flew"
                | "became"
                | "died"
                | "passed"
                | "owns"
        );
    if !be_like && (!verb_like || has(SKIP, &v)) {
        return Vec::new();
    }
    let tidy = tidy_object(tail);
    let words = super::text::words(&tidy);
    if words.len() < 2
        || words.len() > 14
        || words
            .iter()
            .any(|w| matches!(w.as_str(), "you" | "your" | "it" | "that" | "this"))
    {
        return Vec::new();
    }
    if be_like
        && words.len() <= 2
        && matches!(
            words.get(1).map(String::as_str),
            Some(
                "great"
                    | "good"
                    | "fine"
                    | "okay"
                    | "ok"
                    | "here"
                    | "home"
                    | "well"
                    | "busy"
                    | "nice"
                    | "awesome"
                    | "amazing"
                    | "happy"
                    | "sad"
                    | "there"
            )
        )
    {
        return Vec::new();
    }
    let who = capitalize(&third_person_phrase(member));
    let relatives = lex_words(member)
        .iter()
        .any(|w| has(lex::FAMILY_WORDS, w) || has(lex::PARTNER_WORDS, w) || w.starts_with("ex"));
    let cat = if relatives { "FAMILY" } else { "OTHER" };
    vec![Fact::new(cat, format!("{who} {}", third_person_phrase(&tidy))).into()]
}

/// "My dog's name is Max", "My dog Max is three": PET facts, in the same words as
/// "I have a dog named Max" so that both say the same fact.
fn pet(animal: &str, rest: &str) -> Out {
    static NAMED: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"^(?i:'s name is|s name is| is named| is called| named| called|'s called)\s+([A-Z][\p{L}]+(?:\s[A-Z][\p{L}]+)?)").expect("named")
    });
    let rest_full = format!(" {rest}");
    let rest_full = if animal.ends_with("'s") {
        format!("'s{rest_full}")
    } else {
        rest_full
    };
    let animal = animal.trim_end_matches("'s");
    if let Some(c) = NAMED
        .captures(rest_full.trim_end())
        .or_else(|| NAMED.captures(&rest_full))
    {
        return vec![
            Fact::new(
                "PET",
                format!("Has a {} named {}", animal.to_lowercase(), &c[1]),
            )
            .into(),
        ];
    }
    let tidy = tidy_object(rest);
    let (v, _) = split_word(&tidy);
    let v = v.to_lowercase();
    if matches!(v.as_str(), "is" | "are") {
        let words = super::text::words(&tidy);
        if (3..=10).contains(&words.len())
            && !words
                .iter()
                .any(|w| matches!(w.as_str(), "you" | "your" | "it" | "that"))
        {
            return vec![
                Fact::new(
                    "PET",
                    format!(
                        "{} {}",
                        capitalize(&animal.to_lowercase()),
                        third_person_phrase(&tidy)
                    ),
                )
                .into(),
            ];
        }
    }
    if matches!(v.as_str(), "died" | "passed") {
        return vec![Retraction::of("have", animal).also_in(&["PET"]).into()];
    }
    Vec::new()
}

fn name(cat: &'static str, r: &str) -> Out {
    static NAME: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"^([\p{L}][\p{L}'-]*(?:\s+[\p{Lu}][\p{L}'-]*){0,2})").expect("name")
    });
    let Some(c) = NAME.captures(r.trim()) else {
        return Vec::new();
    };
    let n = c[1].trim();
    let first = first_lower(n);
    if text_is_not_a_name(&first) {
        return Vec::new();
    }
    let n = capitalize(n);
    let d = if cat == "NAME" {
        format!("Name is {n}")
    } else {
        format!("Goes by {n}")
    };
    vec![Fact::new(cat, d).into()]
}

fn text_is_not_a_name(w: &str) -> bool {
    matches!(
        w,
        "not"
            | "a"
            | "the"
            | "what"
            | "pretty"
            | "very"
            | "kind"
            | "hard"
            | "weird"
            | "also"
            | "actually"
            | "user"
            | "unknown"
            | "long"
            | "short"
            | "unique"
            | "funny"
            | "same"
            | "too"
            | "just"
            | "spelled"
    )
}

/// "my favorite X is Y" (or "Y is my favorite X"): one value of a named slot, so a new
/// favorite replaces the old one under the same key.
pub fn favorite(what: &str, verb: &str, value: &str, one_of: bool) -> Out {
    let what = tidy_object(what);
    let value = skip_words(
        value,
        &[
            "probably",
            "definitely",
            "either",
            "still",
            "by far",
            "currently",
            "easily",
            "hands down",
            "a tie between",
            "got to be",
        ],
    );
    let value = super::first_person::cut_at(value, &[" by far", " hands down", " of all time"]);
    let Some(v) = object(value) else {
        return Vec::new();
    };
    let what_words = lex_words(&what);
    if what_words.is_empty()
        || what_words.len() > 5
        || what_words
            .iter()
            .any(|w| matches!(w.as_str(), "you" | "your"))
    {
        return Vec::new();
    }
    let cat = if what_words.iter().any(|w| {
        matches!(
            w.as_str(),
            "food"
                | "meal"
                | "dish"
                | "snack"
                | "dessert"
                | "drink"
                | "beverage"
                | "cuisine"
                | "fruit"
                | "vegetable"
                | "candy"
                | "flavor"
                | "flavour"
                | "restaurant"
                | "cereal"
                | "treat"
                | "breakfast"
                | "dinner"
                | "lunch"
                | "beer"
                | "wine"
                | "coffee"
                | "tea"
                | "pizza"
                | "topping"
                | "soda"
                | "cake"
                | "cookie"
                | "sandwich"
                | "chip"
                | "ice"
                | "cheese"
                | "spice"
                | "sauce"
        )
    }) || any(lex::FOODS, &what_words)
    {
        "FOOD_PREFERENCE"
    } else if what_words.iter().any(|w| {
        matches!(
            w.as_str(),
            "hobby" | "activity" | "sport" | "pastime" | "thing" | "exercise"
        )
    }) {
        "HOBBY"
    } else {
        "LIKE"
    };
    if one_of {
        return vec![Fact::new(cat, format!("{v} is one of their favorite {what}")).into()];
    }
    let verb = if verb.eq_ignore_ascii_case("are") || verb.eq_ignore_ascii_case("were") {
        "are"
    } else {
        "is"
    };
    let key = format!("favorite_{}", slug(&what.to_lowercase(), 80));
    vec![
        Fact::new(cat, format!("Favorite {} {verb} {v}", what.to_lowercase()))
            .keyed(key)
            .into(),
    ]
}

/// "Pizza is my favorite food", "Horror movies are my favorites", "Knitting is my passion".
pub fn inverted(clause: &str) -> Out {
    static INVERTED: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i)^(.{2,60}?)\s+(is|are)\s+(?:probably\s+|definitely\s+|also\s+|still\s+|really\s+)?(one of\s+)?my\s+(?:all[\s-]time\s+|absolute\s+|very\s+|most\s+)?(?:favorite|favourite|fav|fave|preferred)s?(?:\s+(.{1,40}?))?\s*[.!]*$").expect("inverted")
    });
    static PASSION: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i)^(.{2,60}?)\s+(?:is|are)\s+(?:also\s+|really\s+)?my\s+(passion|hobby|life|thing|jam|obsession|guilty pleasure|weakness|specialty|speciality)\s*[.!]*$").expect("passion")
    });
    let subject_ok = |s: &str| {
        let f = first_lower(s);
        !matches!(
            f.as_str(),
            "it" | "that"
                | "this"
                | "they"
                | "those"
                | "these"
                | "he"
                | "she"
                | "which"
                | "what"
                | "who"
                | "there"
                | "here"
                | "you"
                | "and"
                | "but"
                | "so"
                | "mine"
                | "yours"
                | "one"
                | "both"
        ) && !s.to_lowercase().contains("you")
    };
    if let Some(c) = INVERTED.captures(clause) {
        let subject = c[1].trim();
        if !subject_ok(subject) {
            return Vec::new();
        }
        let verb = &c[2];
        return match c.get(4) {
            Some(what) => favorite(what.as_str(), verb, subject, c.get(3).is_some()),
            None => object(subject)
                .map(|o| {
                    vec![
                        Fact::new("LIKE", format!("{o} {} a favorite", verb.to_lowercase())).into(),
                    ]
                })
                .unwrap_or_default(),
        };
    }
    if let Some(c) = PASSION.captures(clause) {
        let subject = c[1].trim();
        if !subject_ok(subject) {
            return Vec::new();
        }
        let what = c[2].to_lowercase();
        let cat = if what == "guilty pleasure" || what == "weakness" {
            "LIKE"
        } else {
            "HOBBY"
        };
        return object(subject)
            .map(|o| vec![Fact::new(cat, format!("{} is {o}", capitalize(&what))).into()])
            .unwrap_or_default();
    }
    Vec::new()
}

/// "We ..." clauses that are about the speaker: a wedding, a baby, a move, a household.
pub fn we(rest: &str, clause: &str) -> Out {
    let rest = skip_words(rest, &["just", "also", "finally", "recently", "both"]);
    if let Some(r) = after(rest, "are") {
        let g = first_lower(r);
        if matches!(
            g.as_str(),
            "getting" | "expecting" | "moving" | "married" | "engaged"
        ) {
            return first_person(&format!("am {r}"), clause);
        }
        return Vec::new();
    }
    let v = first_lower(rest);
    if matches!(v.as_str(), "have" | "live" | "got" | "own") {
        let out = first_person(rest, clause);
        return out
            .into_iter()
            .filter(|s| match s {
                super::statement::Statement::Fact(f) => matches!(
                    f.category,
                    "FAMILY" | "PET" | "LOCATION" | "RELATIONSHIP_STATUS" | "EVENT"
                ),
                _ => true,
            })
            .collect();
    }
    let _ = any(lex::PETS, &[]);
    Vec::new()
}
