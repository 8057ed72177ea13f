//! Past-tense statements that still say something about the speaker: "I moved to Berlin",
//! "I got married", "I graduated from NYU", "I won a pie eating contest".

use super::first_person::{Out, cut_at};
use super::lexicon::{self as lex, any};
use super::phrase::{ADVERBS, after, first_lower, lex_words, object, skip_words};
use super::statement::{Fact, Retraction};

/// `None` when `verb` is not a past form this module knows, so the caller tries others.
pub fn past(verb: &str, obj: &str) -> Option<Out> {
    let obj = skip_words(obj, ADVERBS);
    let said = |cat: &'static str, shown: &str| -> Out {
        match object(obj) {
            Some(o) => vec![Fact::new(cat, format!("{shown} {o}")).into()],
            None => Vec::new(),
        }
    };
    let out = match verb {
        "moved" => moved(obj),
        "retired" => vec![Fact::new("OCCUPATION", "Is retired").into()],
        "graduated" => said("EDUCATION", "Graduated"),
        "got" | "became" => got(verb, obj),
        "started" => {
            let lower = obj.to_lowercase();
            if lower.contains("job") || lower.contains("career") || lower.contains("working") {
                said("OCCUPATION", "Started")
            } else if lower.starts_with("a ")
                || lower.starts_with("my ")
                || first_lower(obj).ends_with("ing")
            {
                said("OTHER", "Started")
            } else {
                Vec::new()
            }
        }
        "adopted" | "rescued" => {
            let cat = if any(lex::PETS, &lex_words(obj)) {
                "PET"
            } else {
                "FAMILY"
            };
            said(cat, &capitalize_verb(verb))
        }
        "broke" | "fractured" | "sprained" | "tore" => {
            let lw = lex_words(obj);
            if lw.iter().any(|w| {
                matches!(
                    w.as_str(),
                    "arm"
                        | "leg"
                        | "wrist"
                        | "ankle"
                        | "back"
                        | "neck"
                        | "foot"
                        | "hand"
                        | "rib"
                        | "nose"
                        | "hip"
                        | "knee"
                        | "finger"
                        | "toe"
                        | "collarbone"
                        | "ligament"
                        | "acl"
                )
            }) {
                said("HEALTH", &capitalize_verb(verb))
            } else {
                Vec::new()
            }
        }
        "had" => {
            let lw = lex_words(obj);
            if lw.iter().any(|w| {
                matches!(
                    w.as_str(),
                    "baby"
                        | "surgery"
                        | "transplant"
                        | "operation"
                        | "stroke"
                        | "cancer"
                        | "accident"
                        | "heart"
                        | "twin"
                        | "son"
                        | "daughter"
                )
            }) {
                let cat = if lw
                    .iter()
                    .any(|w| matches!(w.as_str(), "baby" | "twin" | "son" | "daughter"))
                {
                    "FAMILY"
                } else {
                    "HEALTH"
                };
                said(cat, "Had")
            } else {
                Vec::new()
            }
        }
        "went" => {
            let Some(r) = after(obj, "to") else {
                return Some(Vec::new());
            };
            let lw = lex_words(r);
            if any(lex::SCHOOL_WORDS, &lw) {
                said("EDUCATION", "Went")
            } else if r
                .split_whitespace()
                .any(|w| w.starts_with(|c: char| c.is_uppercase()))
            {
                said("EVENT", "Went")
            } else {
                Vec::new()
            }
        }
        "met" => {
            let lw = lex_words(obj);
            let famous = obj
                .split_whitespace()
                .take(2)
                .all(|w| w.starts_with(|c: char| c.is_uppercase()));
            if any(lex::PARTNER_WORDS, &lw) {
                said("FAMILY", "Met")
            } else if famous {
                let who = cut_at(
                    obj,
                    &[
                        " the other day",
                        " last ",
                        " yesterday",
                        " once",
                        " when ",
                        " at ",
                        " in ",
                    ],
                );
                match object(who) {
                    Some(o) => vec![Fact::new("EVENT", format!("Met {o}")).into()],
                    None => Vec::new(),
                }
            } else {
                Vec::new()
            }
        }
        "turned" => {
            let n = first_lower(obj);
            if n.chars().all(|c| c.is_ascii_digit()) && !n.is_empty() {
                vec![Fact::new("AGE", format!("Is {n} years old")).into()]
            } else {
                Vec::new()
            }
        }
        "won" | "visited" | "traveled" | "travelled" | "climbed" | "finished" | "completed"
        | "published" | "founded" | "opened" | "ran" | "competed" | "survived" => {
            if verb == "ran"
                && !obj.to_lowercase().contains("marathon")
                && !obj.to_lowercase().contains("race")
            {
                return Some(Vec::new());
            }
            let cat = if verb == "survived" {
                "HEALTH"
            } else {
                "EVENT"
            };
            said(cat, &capitalize_verb(verb))
        }
        "learned" | "taught" => match after(obj, "to").or_else(|| after(obj, "how to")) {
            Some(_) if verb == "learned" => said("SKILL", "Learned"),
            _ if verb == "taught" && after(obj, "myself").is_some() => said("SKILL", "Taught"),
            _ => Vec::new(),
        },
        "served" => {
            let lw = lex_words(obj);
            if lw.iter().any(|w| {
                matches!(
                    w.as_str(),
                    "army" | "navy" | "military" | "marine" | "airforce" | "war" | "country"
                )
            }) {
                said("OTHER", "Served")
            } else {
                Vec::new()
            }
        }
        "wrote" | "built" | "bought" | "earned" | "received" | "made" => {
            let lower = obj.to_lowercase();
            let lasting = [
                "a book",
                "a novel",
                "a house",
                "a home",
                "my own",
                "my first",
                "a new house",
                "a new home",
                "our first",
                "an apartment",
                "a condo",
                "a degree",
                "my degree",
                "a car",
                "a farm",
                "a boat",
                "a scholarship",
                "a medal",
                "an award",
                "a award",
                "a ranch",
                "a cabin",
            ];
            if lasting.iter().any(|l| lower.starts_with(l)) {
                let cat = if lower.contains("degree") || lower.contains("scholarship") {
                    "EDUCATION"
                } else {
                    "OTHER"
                };
                said(cat, &capitalize_verb(verb))
            } else {
                Vec::new()
            }
        }
        _ => return None,
    };
    Some(out)
}

fn capitalize_verb(v: &str) -> String {
    super::text::capitalize(v)
}

fn is_dwelling(o: &str) -> bool {
    lex_words(o).last().is_some_and(|w| {
        matches!(
            w.as_str(),
            "home" | "house" | "apartment" | "condo" | "flat" | "dorm" | "trailer" | "place"
        )
    })
}

/// "I moved to Berlin": the new home replaces the old (LOCATION is single-valued).
fn moved(obj: &str) -> Out {
    let obj = skip_words(obj, &["here", "there", "over", "back", "out", "away"]);
    let lower = obj.to_lowercase();
    if let Some(i) = lower
        .find("from ")
        .filter(|&i| i == 0 || lower[..i].ends_with(' '))
    {
        // "I just moved here from Germany": where the speaker comes from.
        let from = cut_at(
            &obj[i + 5..],
            &[
                " a few ",
                " last ",
                " when ",
                " because ",
                " years ago",
                " months ago",
                " for ",
            ],
        );
        if let Some(o) = object(from).filter(|o| {
            o.starts_with(|c: char| c.is_uppercase()) || o.to_lowercase().starts_with("the ")
        }) {
            let mut out: Out =
                vec![Fact::new("NATIONALITY", format!("Moved here from {o}")).into()];
            out.push(Retraction::of("live", &o).also_in(&["LOCATION"]).into());
            if i > 0 {
                out.extend(moved(&obj[..i]));
            }
            return out;
        }
    }
    if let Some(r) = after(obj, "to")
        .or_else(|| after(obj, "into"))
        .or_else(|| after(obj, "back to"))
    {
        let r = cut_at(
            r,
            &[
                " for ",
                " when ",
                " after ",
                " because ",
                " with ",
                " last ",
                " a few ",
                " in 20",
                " in 19",
                " years ago",
                " months ago",
                " recently",
            ],
        );
        // "I just moved into my first home", "I recently moved to this country": a new home,
        // which says nothing of where it is, so it replaces no LOCATION.
        if r.to_lowercase().starts_with("this country") {
            return vec![Fact::new("OTHER", "Moved to this country").into()];
        }
        let into = after(obj, "into").is_some();
        return match object(r) {
            Some(o) if into && is_dwelling(&o) => {
                vec![Fact::new("OTHER", format!("Moved into {o}")).into()]
            }
            Some(o) => {
                let named = o
                    .split_whitespace()
                    .any(|w| w.starts_with(|c: char| c.is_uppercase()));
                let place = named
                    || any(
                        &[
                            "town",
                            "city",
                            "village",
                            "country",
                            "countryside",
                            "suburb",
                            "farm",
                            "ranch",
                            "state",
                            "island",
                            "coast",
                            "area",
                        ],
                        &lex_words(&o),
                    );
                if place {
                    vec![Fact::new("LOCATION", format!("Moved to {o}")).into()]
                } else {
                    Vec::new()
                }
            }
            None => Vec::new(),
        };
    }
    if let Some(r) = after(obj, "from")
        .or_else(|| after(obj, "out of"))
        .or_else(|| after(obj, "away from"))
    {
        return match object(r) {
            Some(o) => vec![Retraction::of("live", &o).also_in(&["LOCATION"]).into()],
            None => Vec::new(),
        };
    }
    Vec::new()
}

/// "I got married", "I got a job as a nurse", "I became a teacher", "I got a puppy".
fn got(verb: &str, obj: &str) -> Out {
    let lower = obj.to_lowercase();
    let shown = super::text::capitalize(verb);
    for (state, desc) in [
        ("married", "Is married"),
        ("engaged", "Is engaged"),
        ("divorced", "Is divorced"),
    ] {
        if lower.starts_with(state) {
            let rest = cut_at(
                &obj[state.len()..],
                &[
                    " last ",
                    " a few ",
                    " in 20",
                    " in 19",
                    " years ago",
                    " months ago",
                    " recently",
                    " when ",
                ],
            );
            let d = match object(rest) {
                Some(o) if o.to_lowercase().starts_with("to ") => format!("{desc} {o}"),
                _ => desc.to_owned(),
            };
            return vec![Fact::new("RELATIONSHIP_STATUS", d).into()];
        }
    }
    let Some(o) = object(obj) else {
        return Vec::new();
    };
    let lw = lex_words(&o);
    if verb == "became" {
        let np = skip_words(&o, &["a", "an"]);
        return match super::be::noun_category(np) {
            Some("OCCUPATION") => vec![Fact::new("OCCUPATION", format!("Is {o}")).into()],
            Some(c) if c != "OTHER" && c != "LIKE" => {
                vec![Fact::new(c, format!("Became {o}")).into()]
            }
            _ => Vec::new(),
        };
    }
    let cat = if lw.iter().any(|w| w == "job" || w == "promotion") {
        "OCCUPATION"
    } else if lw.iter().any(|w| {
        matches!(
            w.as_str(),
            "degree" | "diploma" | "scholarship" | "into" | "accepted"
        )
    }) {
        "EDUCATION"
    } else if any(lex::PETS, &lw)
        && (lower.starts_with("a ") || lower.starts_with("an ") || lower.starts_with("two "))
    {
        "PET"
    } else if lw
        .iter()
        .any(|w| matches!(w.as_str(), "tattoo" | "piercing" | "haircut"))
    {
        "APPEARANCE"
    } else {
        return Vec::new();
    };
    vec![Fact::new(cat, format!("{shown} {o}")).into()]
}
