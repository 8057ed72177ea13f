//! "I am ...", "I was ...", "I have been ...": who the speaker is.

use std::sync::LazyLock;

use regex::Regex;

use super::first_person::{Out, cut_at, live, work};
use super::lexicon::{self as lex, any, has};
use super::phrase::{
    INTENSIFIERS, after, first_lower, head, lex_words, object, skip_words, split_word,
};
use super::statement::{Fact, Retraction, Statement};
use super::text::{gerund_base, tidy_object};
use super::verbs::{is_verb, verb_category};

/// What follows "I am".
pub fn be(comp: &str, neg: bool, anymore: bool) -> Out {
    let (neg, comp) = match after(comp, "not") {
        Some(r) => (true, r),
        None => (neg, comp),
    };
    let comp = skip_words(
        comp,
        &[
            "also",
            "really",
            "actually",
            "still",
            "currently",
            "now",
            "just",
            "originally",
            "definitely",
            "both",
            "officially",
            "always",
            "kind of",
            "sort of",
            "pretty much",
            "probably",
        ],
    );
    if neg || anymore && after(comp, "no longer").is_some() {
        return be_not(skip_words(comp, &["no longer"]));
    }
    if anymore {
        return be_not(comp);
    }
    if let Some(f) = age(comp) {
        return vec![f.into()];
    }
    let (first, rest) = split_word(comp);
    let first = first.to_lowercase();
    if first.ends_with("ing") && first.len() > 4 {
        return progressive(&first, rest);
    }
    if let Some(r) = after(comp, "from") {
        let r = cut_at(r, &[" but ", " originally", " and now", " and live"]);
        return object(r)
            .map(|o| vec![Fact::new("NATIONALITY", format!("Is from {o}")).into()])
            .unwrap_or_default();
    }
    if let Some(r) = after(comp, "into") {
        return object(r)
            .map(|o| vec![Fact::new("LIKE", format!("Is into {o}")).into()])
            .unwrap_or_default();
    }
    if let Some(r) = after(comp, "in") {
        return be_in(r);
    }
    if let Some(r) = after(comp, "on") {
        let lw = lex_words(r);
        let cat = if lw
            .iter()
            .any(|w| matches!(w.as_str(), "team" | "squad" | "crew" | "club"))
        {
            "HOBBY"
        } else if lw.iter().any(|w| {
            matches!(
                w.as_str(),
                "diet" | "medication" | "medicine" | "disability" | "dialysis"
            )
        }) {
            "HEALTH"
        } else if lw
            .iter()
            .any(|w| matches!(w.as_str(), "board" | "committee" | "council" | "staff"))
        {
            "OCCUPATION"
        } else {
            return Vec::new();
        };
        return object(r)
            .map(|o| vec![Fact::new(cat, format!("Is on {o}")).into()])
            .unwrap_or_default();
    }
    if let Some(r) = after(comp, "a").or_else(|| after(comp, "an")) {
        let article = if after(comp, "a").is_some() {
            "a"
        } else {
            "an"
        };
        return be_a(article, r);
    }
    if let Some(r) = after(comp, "the") {
        return be_the(r);
    }
    be_adjective(comp)
}

fn lower_starts(s: &str, prefixes: &[&str]) -> bool {
    let l = s.to_lowercase();
    prefixes.iter().any(|p| l.starts_with(p))
}

/// "I am not married anymore", "I'm not a big fan of jazz".
fn be_not(comp: &str) -> Out {
    static FAN: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i)^(?:a\s+)?(?:(?:big|huge|great|massive|real)\s+)?fan of\s+(.+)$")
            .expect("fan")
    });
    if let Some(c) = FAN.captures(comp) {
        let Some(o) = c.get(1).and_then(|m| object(m.as_str())) else {
            return Vec::new();
        };
        let said = tidy_object(comp);
        return vec![
            Fact::new(
                "DISLIKE",
                format!("Is not {}", super::text::third_person_phrase(&said)),
            )
            .into(),
            Retraction::of("like", &o).into(),
        ];
    }
    if let Some(r) = after(comp, "into") {
        return object(r)
            .map(|o| {
                vec![
                    Fact::new("DISLIKE", format!("Is not into {o}")).into(),
                    Retraction::of("like", &o).into(),
                ]
            })
            .unwrap_or_default();
    }
    // "I'm not a morning person", "I'm not very social": a trait worth keeping.
    let positive = be(comp, false, false);
    let trait_fact = positive.iter().find_map(|s| match s {
        Statement::Fact(f) if matches!(f.category, "PERSONALITY" | "SKILL" | "APPEARANCE") => {
            Some(f.clone())
        }
        Statement::Fact(f) if f.category == "OTHER" && !lower_starts(comp, &["in ", "on "]) => {
            Some(f.clone())
        }
        _ => None,
    });
    if let Some(f) = trait_fact {
        let d = f.description.replacen("Is ", "Is not ", 1);
        let mut r = Retraction::of("be", split_word(&f.description).1);
        r.lemma = Some("be".into());
        return vec![
            Fact {
                description: d,
                ..f
            }
            .into(),
            r.into(),
        ];
    }
    let what = skip_words(
        comp,
        &[
            "a",
            "an",
            "the",
            "working as a",
            "working as an",
            "working at",
            "working",
            "employed",
            "living in",
            "living",
            "in",
        ],
    );
    match object(what) {
        Some(o) if o.split_whitespace().count() <= 4 => {
            let lw = lex_words(&o);
            let mut r = Retraction::of("be", &o);
            if any(lex::RELATIONSHIP_STATES, &lw) {
                r = r.also_in(&["RELATIONSHIP_STATUS"]);
            }
            if comp.to_lowercase().starts_with("working") || any(lex::OCCUPATIONS, &lw) {
                r = r.also_in(&["OCCUPATION"]);
            }
            if comp.to_lowercase().starts_with("living") {
                r = r.also_in(&["LOCATION"]);
            }
            vec![r.into()]
        }
        _ => Vec::new(),
    }
}

fn number_word(w: &str) -> Option<u32> {
    #[rustfmt::skip]
    const UNITS: &[&str] = &[
        "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
        "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen",
        "nineteen",
    ];
    #[rustfmt::skip]
    const TENS: &[&str] = &[
        "", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety",
    ];
    if let Ok(n) = w.parse::<u32>() {
        return Some(n);
    }
    let w = w.to_lowercase();
    if let Some(i) = UNITS.iter().position(|u| *u == w) {
        return Some(i as u32);
    }
    if let Some(i) = TENS.iter().position(|t| !t.is_empty() && *t == w) {
        return Some(i as u32 * 10);
    }
    let (t, u) = w.split_once(['-', ' '])?;
    let t = TENS.iter().position(|x| !x.is_empty() && *x == t)? as u32;
    let u = UNITS
        .iter()
        .position(|x| *x == u)
        .filter(|&i| (1..10).contains(&i))? as u32;
    Some(t * 10 + u)
}

/// "I am 34", "I'm 34 years old", "I'm twenty-five", "I am a hundred years old".
fn age(comp: &str) -> Option<Fact> {
    static AGE: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(
            r"(?i)^(?:almost|nearly|about|around|over|under|only|just|turning|barely|finally)?\s*(\d{1,3}|(?:a|one)\s+hundred|(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:[-\s](?:one|two|three|four|five|six|seven|eight|nine))?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen)(?:\s*(?:years?|yrs?)(?:\s*(?:old|young|of age))?|\s*y/?o)?(?:\s+now|\s+today|\s+this year)?\s*[.!,]*(?:\s*(?:,|\band\b|\bbut\b|\bso\b).*)?$",
        )
        .expect("age pattern")
    });
    let c = AGE.captures(comp.trim())?;
    let said = c.get(1)?.as_str();
    let raw = said.to_lowercase();
    let n = if raw.ends_with("hundred") {
        100
    } else {
        number_word(&raw)?
    };
    if !(1..=120).contains(&n) {
        return None;
    }
    // The number as said ("four", "34"): the speaker's own words match best later.
    Some(Fact::new("AGE", format!("Is {raw} years old")))
}

/// "I'm studying psychology", "I'm getting married", "I'm moving to Berlin".
fn progressive(gerund: &str, rest: &str) -> Out {
    let rest_l = rest.to_lowercase();
    let said = |cat: &'static str| -> Out {
        match object(rest) {
            Some(o) => vec![Fact::new(cat, format!("Is {gerund} {o}")).into()],
            None => Vec::new(),
        }
    };
    match gerund {
        "studying" | "majoring" => said("EDUCATION"),
        "taking" if any(lex::SCHOOL_WORDS, &lex_words(rest)) => said("EDUCATION"),
        "learning" => {
            if any(lex::LANGUAGES, &lex_words(rest)) && rest.split_whitespace().count() <= 3 {
                said("LANGUAGE")
            } else {
                said("SKILL")
            }
        }
        "working" => {
            let first = first_lower(rest);
            match first.as_str() {
                "as" | "at" | "for" | "in" | "part-time" | "part" | "full-time" | "from" => {
                    work(rest, false, false)
                }
                "on" => said("OTHER"),
                _ => Vec::new(),
            }
        }
        "living" => live(rest, false, false),
        "trying"
            if matches!(
                first_lower(split_word(rest).1).as_str(),
                "keep"
                    | "stay"
                    | "be"
                    | "figure"
                    | "decide"
                    | "make"
                    | "get"
                    | "find"
                    | "think"
                    | "remember"
                    | "understand"
                    | "see"
                    | "help"
                    | "relax"
                    | "cope"
                    | "focus"
            ) =>
        {
            Vec::new()
        }
        "training" | "saving" | "planning" | "trying" | "hoping" | "preparing"
            if !rest_l.starts_with("to be honest") =>
        {
            said("GOAL")
        }
        "expecting" => {
            if any(
                &[
                    "baby", "child", "twin", "boy", "girl", "kid", "triplet", "son", "daughter",
                ],
                &lex_words(rest),
            ) {
                said("FAMILY")
            } else {
                Vec::new()
            }
        }
        "getting"
            if ["married", "engaged", "divorced", "a ", "my "]
                .iter()
                .any(|p| rest_l.starts_with(p)) =>
        {
            said("EVENT")
        }
        "going" => {
            let bad = [
                "to have to",
                "to try",
                "to bed",
                "to sleep",
                "to go to bed",
                "to be fine",
                "to be ok",
                "to check",
                "to miss",
                "to need",
                "to be honest",
                "through",
                "to say",
                "to look",
                "to let",
                "to see what",
                "to see how",
                "to see you",
                "to tell",
                "to ask",
                "to talk",
                "to do that",
                "to get some",
                "well",
                "to make it",
            ];
            if bad.iter().any(|b| rest_l.starts_with(b)) || !rest_l.starts_with("to") {
                Vec::new()
            } else {
                said("EVENT")
            }
        }
        "having"
            if any(
                &["baby", "twin", "triplet", "child", "boy", "girl", "kid"],
                &lex_words(rest),
            ) =>
        {
            said("FAMILY")
        }
        "dreaming" if rest_l.starts_with("of ") || rest_l.starts_with("about ") => said("GOAL"),
        "getting" if rest_l.starts_with("ready to") => said("EVENT"),
        "looking"
            if rest_l.starts_with("for a job")
                || rest_l.starts_with("for work")
                || rest_l.starts_with("for a new job") =>
        {
            said("GOAL")
        }
        "moving" | "starting" | "retiring" | "turning" | "graduating" | "traveling"
        | "travelling" | "visiting" | "flying" | "leaving" | "heading" | "looking" => {
            if gerund == "looking" && !rest_l.starts_with("forward to") {
                return Vec::new();
            }
            if gerund == "looking"
                && (rest_l.contains("talking")
                    || rest_l.contains("hearing")
                    || rest_l.contains(" it"))
            {
                return Vec::new();
            }
            said("EVENT")
        }
        "dating" | "seeing" if gerund == "dating" || rest_l.starts_with("someone") => {
            said("RELATIONSHIP_STATUS")
        }
        "writing" if ["a ", "my ", "an "].iter().any(|p| rest_l.starts_with(p)) => said("HOBBY"),
        "building" | "renovating" | "restoring"
            if ["a ", "my ", "an ", "our "]
                .iter()
                .any(|p| rest_l.starts_with(p)) =>
        {
            said("OTHER")
        }
        "raising" => said("FAMILY"),
        "volunteering" | "coaching" | "teaching" => said("HOBBY"),
        "recovering" | "battling" | "fighting"
            if any(lex::HEALTH, &lex_words(rest)) || rest_l.starts_with("from") =>
        {
            said("HEALTH")
        }
        "pregnant" => said("HEALTH"),
        _ => Vec::new(),
    }
}

fn be_in(r: &str) -> Out {
    static AGE_RANGE: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i)^my\s+((?:early|mid|late)[\s-]+)?(\d0s|twenties|thirties|forties|fifties|sixties|seventies|eighties|nineties)\b").expect("age range")
    });
    if let Some(c) = AGE_RANGE.captures(r) {
        return vec![
            Fact::new(
                "AGE",
                format!(
                    "Is in their {}{}",
                    c.get(1).map_or("", |m| m.as_str()),
                    &c[2]
                ),
            )
            .into(),
        ];
    }
    let Some(o) = object(r) else {
        return Vec::new();
    };
    let lw = lex_words(&o);
    #[rustfmt::skip]
    const TRANSIENT: &[&str] = &[
        "mood", "hurry", "rush", "trouble", "bed", "middle", "town", "boat", "kitchen", "car",
        "office", "line", "shower", "touch", "luck", "way", "process", "agreement", "favor", "awe",
        "shock", "heaven", "tear", "denial", "need", "debt", "danger", "doubt", "store", "room",
        "house", "area", "neighborhood", "meeting", "class", "traffic", "hospital", "same",
        "right", "wrong", "favour", "time", "place", "position", "minority", "majority", "mind",
        "state", "stage", "phase", "spirit", "habit", "world",
    ];
    let first_noun = head(&o).unwrap_or_default();
    let cat = if lw.first().is_some_and(|w| w == "charge") {
        "OCCUPATION"
    } else if any(lex::SCHOOL_WORDS, &lw) && !lw.contains(&"class".to_string())
        || lw.iter().any(|w| w.ends_with("grade"))
    {
        "EDUCATION"
    } else if lw
        .iter()
        .any(|w| matches!(w.as_str(), "relationship" | "love"))
    {
        "RELATIONSHIP_STATUS"
    } else if lw.iter().any(|w| {
        matches!(
            w.as_str(),
            "army"
                | "navy"
                | "military"
                | "marine"
                | "airforce"
                | "reserve"
                | "guard"
                | "police"
                | "force"
        )
    }) {
        "OCCUPATION"
    } else if lw.iter().any(|w| {
        matches!(
            w.as_str(),
            "band"
                | "choir"
                | "club"
                | "team"
                | "orchestra"
                | "league"
                | "scout"
                | "group"
                | "troupe"
                | "chorus"
        )
    }) {
        "HOBBY"
    } else if lw.iter().any(|w| {
        matches!(
            w.as_str(),
            "wheelchair"
                | "rehab"
                | "therapy"
                | "recovery"
                | "remission"
                | "pain"
                | "cast"
                | "shape"
        )
    }) {
        "HEALTH"
    } else if has(TRANSIENT, &first_noun) || lw.iter().any(|w| has(TRANSIENT, w)) {
        return Vec::new();
    } else {
        "OTHER"
    };
    vec![Fact::new(cat, format!("Is in {o}")).into()]
}

/// The category of "a/an <noun phrase>" the speaker says they are.
pub fn noun_category(np: &str) -> Option<&'static str> {
    let lower = np.to_lowercase();
    let lw = lex_words(np);
    let h = head(np)?;
    #[rustfmt::skip]
    const NOT_NOUNS: &[&str] = &[
        "bit", "little", "lot", "mess", "loss", "hurry", "rush", "way", "while", "minute",
        "second", "tad", "tiny", "part", "fan", "believer", "sucker", "good", "great", "big",
        "huge", "real", "true", "bad", "quick", "fast", "slow", "long", "short", "few", "couple",
        "pleasure", "problem", "question", "pain", "joke", "shame", "thing", "type", "kind",
        "sort", "one", "lot",
    ];
    if lower.starts_with("stay at home") || lower.starts_with("stay-at-home") {
        return Some("OCCUPATION");
    }
    if h == "fan"
        || lower.contains("fan of")
        || lower.starts_with("sucker for")
        || lower.contains("lover")
    {
        return Some("LIKE");
    }
    if has(NOT_NOUNS, &h) {
        return None;
    }
    if any(lex::STUDENT_WORDS, &lw)
        && (has(lex::STUDENT_WORDS, &h) || lw.contains(&"student".to_string()))
    {
        return Some("EDUCATION");
    }
    if has(lex::GENDER_WORDS, &h) {
        return Some("GENDER");
    }
    if any(lex::OCCUPATIONS, &lw) && (has(lex::OCCUPATIONS, &h) || lw.len() <= 3) {
        return Some("OCCUPATION");
    }
    if has(lex::FAMILY_WORDS, &h)
        || matches!(
            h.as_str(),
            "mom" | "dad" | "grandma" | "grandpa" | "parent" | "mommy"
        )
    {
        return Some("FAMILY");
    }
    if any(lex::DIETS, &lw) {
        return Some("FOOD_PREFERENCE");
    }
    if any(lex::RELIGIONS, &lw) {
        return Some("RELIGION");
    }
    if has(lex::NATIONALITIES, &h) {
        return Some("NATIONALITY");
    }
    if any(lex::HEALTH, &lw) && !lw.iter().any(|w| w == "heart") {
        return Some("HEALTH");
    }
    if any(lex::PERSONALITY, &lw) {
        return Some("PERSONALITY");
    }
    Some("OTHER")
}

fn be_a(article: &str, np: &str) -> Out {
    let lower = np.to_lowercase();
    if ["little ", "bit ", "lot ", "tad "]
        .iter()
        .any(|p| lower.starts_with(p))
    {
        let rest = skip_words(np, &["little bit", "little", "bit", "lot", "tad"]);
        let w = first_lower(rest);
        // "a little shy" is an adjective; "a little girl" a noun phrase.
        if !matches!(head(rest).as_deref(), Some(h) if has(lex::GENDER_WORDS, h) || has(lex::OCCUPATIONS, h))
        {
            return if has(lex::PERSONALITY, &w) || has(lex::APPEARANCE, &w) {
                be_adjective(rest)
            } else {
                Vec::new()
            };
        }
    }
    let Some(o) = object(np) else {
        return Vec::new();
    };
    let Some(cat) = noun_category(&o) else {
        return Vec::new();
    };
    let mut out: Out = vec![Fact::new(cat, format!("Is {article} {o}")).into()];
    // "a 56 year old woman": the age is a fact of its own.
    static YEARS_OLD: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i)^(\d{1,3}|[a-z]+(?:-[a-z]+)?)[\s-]+years?[\s-]+old\b").expect("years old")
    });
    if let Some(c) = YEARS_OLD.captures(&o) {
        if let Some(f) = age(&c[1]) {
            out.push(f.into());
        }
    }
    out
}

fn be_the(r: &str) -> Out {
    let Some(o) = object(r) else {
        return Vec::new();
    };
    let lw = lex_words(&o);
    let first = lw.first().map(String::as_str).unwrap_or("");
    let cat = match first {
        "oldest" | "youngest" | "eldest" | "middle" | "only" | "baby" | "first" | "second"
        | "third" => "FAMILY",
        "owner" | "founder" | "ceo" | "president" | "captain" | "manager" | "head" | "leader"
        | "lead" | "boss" | "chef" | "coach" | "director" | "principal" => "OCCUPATION",
        _ => return Vec::new(),
    };
    vec![Fact::new(cat, format!("Is the {o}")).into()]
}

fn be_adjective(comp: &str) -> Out {
    let comp = skip_words(comp, INTENSIFIERS);
    let (w, rest) = split_word(comp);
    let w = w.to_lowercase();
    let tidy = tidy_object(comp);
    let rest_l = split_word(&tidy).1.to_lowercase();
    let short = tidy.split_whitespace().count() <= 4;
    let said = |cat: &'static str| -> Out {
        match object(comp) {
            Some(o) => vec![Fact::new(cat, format!("Is {o}")).into()],
            None => Vec::new(),
        }
    };
    let with_prep = |preps: &[&str], cat: &'static str| -> Out {
        if preps.iter().any(|p| after(rest, p).is_some()) {
            said(cat)
        } else {
            Vec::new()
        }
    };
    if has(lex::RELATIONSHIP_STATES, &w) {
        if w == "taken" && !rest.trim().is_empty() {
            return Vec::new();
        }
        return said("RELATIONSHIP_STATUS");
    }
    match w.as_str() {
        "excited" | "thrilled" | "stoked" | "eager" | "ready" if after(rest, "to").is_some() => {
            let r = after(rest, "to").unwrap_or_default();
            let v = first_lower(r);
            if matches!(
                v.as_str(),
                "hear"
                    | "see"
                    | "talk"
                    | "chat"
                    | "meet"
                    | "help"
                    | "try"
                    | "learn"
                    | "share"
                    | "get"
                    | "know"
            ) {
                return Vec::new();
            }
            return object(r)
                .map(|o| vec![Fact::new("EVENT", format!("Is excited to {o}")).into()])
                .unwrap_or_default();
        }
        "ex" | "former" if !rest.is_empty() => return said("OTHER"),
        "pregnant" => return said("HEALTH"),
        "retired" | "unemployed" | "jobless" | "self-employed" | "employed" => {
            return said("OCCUPATION");
        }
        "allergic" => return with_prep(&["to"], "HEALTH"),
        "afraid" | "scared" | "terrified" | "frightened" | "fearful" => {
            return with_prep(&["of"], "OTHER");
        }
        "good" | "great" | "excellent" | "skilled" | "talented" | "decent" | "bad" | "terrible"
        | "awful" | "amazing" | "gifted" => {
            return with_prep(&["at", "with"], "SKILL");
        }
        "fluent" | "bilingual" | "trilingual" | "multilingual" => return said("LANGUAGE"),
        "interested" | "obsessed" | "addicted" | "passionate" | "crazy" | "fond" | "keen"
        | "nuts" | "mad" | "big" => {
            return with_prep(&["in", "with", "to", "about", "of", "on"], "LIKE");
        }
        "able" => return with_prep(&["to"], "SKILL"),
        "known" => return with_prep(&["as", "for"], "OTHER"),
        "called" | "named" => {
            return object(rest)
                .filter(|n| n.split_whitespace().count() <= 3)
                .map(|n| vec![Fact::new("NAME", format!("Name is {n}")).into()])
                .unwrap_or_default();
        }
        "lactose" | "gluten" => return said("HEALTH"),
        _ => {}
    }
    if !short {
        return Vec::new();
    }
    if has(lex::DIETS, &w) {
        return said("FOOD_PREFERENCE");
    }
    if has(lex::RELIGIONS, &w) {
        return said("RELIGION");
    }
    if has(lex::NATIONALITIES, &w) {
        return said("NATIONALITY");
    }
    if has(lex::HEALTH, &w)
        && !matches!(
            w.as_str(),
            "sick"
                | "ill"
                | "cold"
                | "broken"
                | "pain"
                | "deathly"
                | "heart"
                | "smoking"
                | "smoke"
                | "cast"
                | "hearing"
                | "condition"
                | "virus"
                | "flu"
                | "add"
        )
    {
        return said("HEALTH");
    }
    if has(lex::PERSONALITY, &w) && rest_l.is_empty() {
        return said("PERSONALITY");
    }
    if has(lex::APPEARANCE, &w) && (rest_l.is_empty() || rest_l.starts_with("and")) {
        return said("APPEARANCE");
    }
    static HEIGHT: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r#"(?i)^\d(?:'\d{1,2}"?|\s*(?:feet|foot|ft)(?:\s*\d{1,2}(?:\s*inches)?)?)\s*(?:tall)?$"#).expect("height")
    });
    if HEIGHT.is_match(&tidy) {
        return vec![Fact::new("APPEARANCE", format!("Is {tidy}")).into()];
    }
    // "I'm Sarah": a capitalised name, said alone.
    static NAME: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"^([A-Z][a-z]+)(?:\s+([A-Z][a-z]+))?$").expect("name"));
    if NAME.is_match(&tidy) {
        let lw = lex_words(&tidy);
        #[rustfmt::skip]
        const NOT_NAMES: &[&str] = &[
            "good", "fine", "okay", "great", "sorry", "glad", "here", "back", "home", "happy",
            "well", "ready", "done", "sure", "so", "very", "really", "just", "not", "also",
        ];
        let known = lw.iter().any(|w| {
            has(NOT_NAMES, w)
                || has(lex::NATIONALITIES, w)
                || has(lex::RELIGIONS, w)
                || has(lex::PERSONALITY, w)
                || has(lex::APPEARANCE, w)
                || has(lex::HEALTH, w)
        });
        if !known {
            return vec![Fact::new("NAME", format!("Name is {tidy}")).into()];
        }
    }
    Vec::new()
}

/// What follows "I was": birth, upbringing, a past role.
pub fn was(comp: &str) -> Out {
    let comp = skip_words(
        comp,
        &["also", "actually", "originally", "just", "recently"],
    );
    if let Some(r) = after(comp, "born") {
        let Some(o) = object(r) else {
            return Vec::new();
        };
        let has_date = o.chars().any(|c| c.is_ascii_digit())
            || lex_words(&o).iter().any(|w| {
                super::dates::find(w, time::macros::date!(2000 - 01 - 01)).is_some()
                    || w.starts_with("jan")
                    || w.starts_with("feb")
                    || w.starts_with("dec")
            });
        let cat = if has_date {
            "DATE_OF_BIRTH"
        } else {
            "NATIONALITY"
        };
        return vec![Fact::new(cat, format!("Was born {o}")).into()];
    }
    if let Some(r) = after(comp, "raised") {
        return object(r)
            .map(|o| {
                let cat = if first_lower(&o) == "by" {
                    "FAMILY"
                } else {
                    "NATIONALITY"
                };
                vec![Fact::new(cat, format!("Was raised {o}")).into()]
            })
            .unwrap_or_default();
    }
    if let Some(r) = after(comp, "diagnosed") {
        return object(r)
            .map(|o| vec![Fact::new("HEALTH", format!("Was diagnosed {o}")).into()])
            .unwrap_or_default();
    }
    if let Some(r) = after(comp, "adopted") {
        let _ = r;
        return vec![Fact::new("FAMILY", "Was adopted").into()];
    }
    if let Some(r) = after(comp, "in") {
        let lw = lex_words(r);
        if lw.iter().any(|w| {
            matches!(
                w.as_str(),
                "army" | "navy" | "military" | "marine" | "airforce" | "band" | "choir" | "peace"
            )
        }) {
            return object(r)
                .map(|o| vec![Fact::new("OTHER", format!("Was in {o}")).into()])
                .unwrap_or_default();
        }
        return Vec::new();
    }
    let lower = comp.to_lowercase();
    if [
        "growing up",
        "as a kid",
        "as a child",
        "when I was young",
        "in high school",
        "in college",
    ]
    .iter()
    .any(|p| lower.contains(&p.to_lowercase()))
    {
        if let Some(o) = object(comp).filter(|o| o.split_whitespace().count() <= 8) {
            return vec![Fact::new("OTHER", format!("Was {o}")).into()];
        }
    }
    if let Some(r) = after(comp, "a").or_else(|| after(comp, "an")) {
        let article = if after(comp, "a").is_some() {
            "a"
        } else {
            "an"
        };
        let r = cut_at(r, &[" when ", " back ", " once", " before"]);
        return match object(r) {
            Some(o)
                if matches!(noun_category(&o), Some("OCCUPATION") | Some("OTHER"))
                    && !matches!(
                        head(&o).as_deref(),
                        Some("kid" | "child" | "teenager" | "teen" | "baby")
                    ) =>
            {
                vec![Fact::new("OTHER", format!("Was {article} {o}")).into()]
            }
            _ => Vec::new(),
        };
    }
    Vec::new()
}

/// What follows "I have been": a state held for some time, or an ongoing pursuit.
pub fn been(rest: &str, neg: bool) -> Out {
    if neg {
        return Vec::new();
    }
    let rest = skip_words(
        rest,
        &["always", "also", "really", "just", "recently", "now"],
    );
    if let Some(r) = after(rest, "to") {
        return object(r)
            .filter(|o| !o.to_lowercase().starts_with("there"))
            .map(|o| vec![Fact::new("OTHER", format!("Has been to {o}")).into()])
            .unwrap_or_default();
    }
    let (g, obj) = split_word(rest);
    let g = g.to_lowercase();
    if g.ends_with("ing") && g.len() > 4 {
        if let Some(base) = gerund_base(&g, is_verb) {
            match base.as_str() {
                "live" => return live(obj, false, false),
                "work" => return work(obj, false, false),
                _ => {}
            }
            if let Some(cat) = verb_category(&base) {
                return object(rest)
                    .filter(|_| !obj.trim().is_empty() || cat == "HOBBY")
                    .map(|o| vec![Fact::new(cat, format!("Has been {o}")).into()])
                    .unwrap_or_default();
            }
        }
        if matches!(g.as_str(), "trying" | "saving" | "training" | "planning") {
            return object(rest)
                .map(|o| vec![Fact::new("GOAL", format!("Has been {o}")).into()])
                .unwrap_or_default();
        }
    }
    if g == "retired" {
        return vec![Fact::new("OCCUPATION", "Is retired").into()];
    }
    be(rest, false, false)
        .into_iter()
        .filter_map(|s| match s {
            Statement::Fact(f)
                if f.category != "EVENT" && f.category != "AGE" && f.category != "NAME" =>
            {
                let d = f.description.replacen("Is ", "Has been ", 1);
                Some(
                    Fact {
                        description: d,
                        ..f
                    }
                    .into(),
                )
            }
            _ => None,
        })
        .collect()
}
