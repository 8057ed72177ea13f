//! Verbs of habit, change and belief: "I play the guitar", "I stopped eating meat", "I go to
//! church", and any other present-tense verb with a real object.

use super::first_person::{Out, cut_at};
use super::lexicon::{self as lex, any, has};
use super::phrase::{
    ADVERBS, after, first_lower, lex_words, object, objects, skip_words, split_word,
};
use super::statement::{Fact, Retraction};
use super::text::{capitalize, gerund_base, third_person_verb, tidy_object, words};

/// Habitual verbs and the category of what they say: "I play the guitar" -> HOBBY.
#[rustfmt::skip]
pub const VERBS: &[(&str, &str)] = &[
    ("play", "HOBBY"), ("drive", "OTHER"), ("volunteer", "HOBBY"), ("read", "HOBBY"),
    ("watch", "HOBBY"), ("listen", "HOBBY"), ("collect", "HOBBY"), ("paint", "HOBBY"),
    ("draw", "HOBBY"), ("write", "HOBBY"), ("sing", "HOBBY"), ("dance", "HOBBY"), ("run", "HOBBY"),
    ("swim", "HOBBY"), ("hike", "HOBBY"), ("bike", "HOBBY"), ("cycle", "HOBBY"), ("surf", "HOBBY"),
    ("ski", "HOBBY"), ("skate", "HOBBY"), ("skateboard", "HOBBY"), ("snowboard", "HOBBY"),
    ("knit", "HOBBY"), ("sew", "HOBBY"), ("crochet", "HOBBY"), ("garden", "HOBBY"),
    ("fish", "HOBBY"), ("hunt", "HOBBY"), ("camp", "HOBBY"), ("travel", "HOBBY"),
    ("cook", "HOBBY"), ("bake", "HOBBY"), ("golf", "HOBBY"), ("climb", "HOBBY"), ("box", "HOBBY"),
    ("meditate", "HOBBY"), ("exercise", "HOBBY"), ("workout", "HOBBY"), ("practice", "HOBBY"),
    ("train", "HOBBY"), ("jog", "HOBBY"), ("bowl", "HOBBY"), ("sail", "HOBBY"), ("kayak", "HOBBY"),
    ("lift", "HOBBY"), ("wrestle", "HOBBY"), ("race", "HOBBY"), ("compete", "HOBBY"),
    ("perform", "HOBBY"), ("act", "HOBBY"), ("blog", "HOBBY"), ("vlog", "HOBBY"),
    ("stream", "HOBBY"), ("code", "SKILL"), ("program", "SKILL"), ("build", "HOBBY"),
    ("make", "HOBBY"), ("grow", "HOBBY"), ("brew", "HOBBY"), ("craft", "HOBBY"),
    ("quilt", "HOBBY"), ("restore", "HOBBY"), ("design", "HOBBY"), ("walk", "HOBBY"),
    ("ride", "HOBBY"), ("coach", "HOBBY"), ("teach", "OTHER"), ("help", "OTHER"),
    ("tutor", "OTHER"), ("babysit", "OTHER"), ("eat", "FOOD_PREFERENCE"),
    ("drink", "FOOD_PREFERENCE"), ("smoke", "HEALTH"), ("vape", "HEALTH"), ("wear", "APPEARANCE"),
    ("pray", "RELIGION"), ("attend", "OTHER"), ("raise", "OTHER"), ("breed", "PET"),
    ("foster", "PET"), ("rescue", "PET"), ("care", "OTHER"), ("visit", "OTHER"),
    ("donate", "OTHER"), ("sleep", "OTHER"), ("shop", "HOBBY"), ("dye", "APPEARANCE"),
    ("follow", "LIKE"), ("support", "LIKE"), ("root", "LIKE"), ("do", "HOBBY"), ("hang", "HOBBY"),
    ("binge", "HOBBY"), ("party", "HOBBY"), ("homeschool", "FAMILY"), ("decorate", "HOBBY"),
    ("renovate", "HOBBY"), ("repair", "HOBBY"), ("fix", "HOBBY"), ("produce", "HOBBY"),
    ("record", "HOBBY"), ("compose", "HOBBY"), ("sculpt", "HOBBY"), ("sketch", "HOBBY"),
    ("journal", "HOBBY"), ("scrapbook", "HOBBY"), ("dive", "HOBBY"), ("snorkel", "HOBBY"),
    ("stargaze", "HOBBY"), ("birdwatch", "HOBBY"), ("juggle", "HOBBY"), ("skydive", "HOBBY"),
    ("canoe", "HOBBY"), ("rollerblade", "HOBBY"), ("tend", "OTHER"), ("feed", "OTHER"),
    ("fly", "OTHER"), ("sell", "OTHER"), ("manage", "OCCUPATION"), ("own", "OTHER"),
    ("serve", "OTHER"), ("belong", "OTHER"), ("participate", "HOBBY"), ("celebrate", "OTHER"),
    ("study", "EDUCATION"), ("major", "EDUCATION"), ("learn", "SKILL"), ("speak", "LANGUAGE"),
    ("take", "OTHER"), ("go", "HOBBY"), ("spend", "HOBBY"), ("use", "OTHER"), ("suffer", "HEALTH"),
    ("struggle", "HEALTH"), ("wake", "OTHER"), ("get", "OTHER"), ("organize", "HOBBY"),
    ("host", "HOBBY"), ("game", "HOBBY"), ("film", "HOBBY"), ("photograph", "HOBBY"),
    ("animate", "HOBBY"), ("edit", "HOBBY"), ("rap", "HOBBY"), ("dj", "HOBBY"),
    ("coordinate", "OTHER"), ("mentor", "OTHER"), ("clean", "OTHER"), ("see", "HOBBY"),
    ("diet", "HEALTH"), ("shoot", "HOBBY"), ("sing", "HOBBY"),
];

/// Verbs whose third-person form alone is a fact ("I paint" -> "Paints").
#[rustfmt::skip]
pub const INTRANSITIVE: &[&str] = &[
    "smoke", "drink", "pray", "paint", "draw", "write", "sing", "dance", "cook", "bake", "knit",
    "sew", "swim", "hike", "run", "read", "travel", "volunteer", "surf", "ski", "skate", "fish",
    "hunt", "garden", "meditate", "exercise", "workout", "jog", "camp", "climb", "box", "golf",
    "crochet", "quilt", "vape", "skateboard", "snowboard", "bowl", "sail", "kayak", "lift",
    "wrestle", "race", "compete", "perform", "act", "blog", "vlog", "stream", "code", "program",
];

pub fn verb_category(lemma: &str) -> Option<&'static str> {
    VERBS.iter().find(|(v, _)| *v == lemma).map(|(_, c)| *c)
}

pub fn is_verb(lemma: &str) -> bool {
    verb_category(lemma).is_some()
        || matches!(
            lemma,
            "live" | "work" | "love" | "like" | "enjoy" | "hate" | "have" | "want" | "plan"
        )
}

pub fn grew(obj: &str) -> Out {
    let Some(r) = after(obj, "up") else {
        return Vec::new();
    };
    let first = first_lower(r);
    if !matches!(
        first.as_str(),
        "in" | "on" | "near" | "around" | "by" | "outside" | "with" | "poor" | "rich" | "in the"
    ) {
        return Vec::new();
    }
    let r = cut_at(r, &[" so ", " and moved", " but "]);
    match object(r) {
        Some(o) if first == "with" => vec![Fact::new("FAMILY", format!("Grew up with {o}")).into()],
        Some(o) => vec![Fact::new("NATIONALITY", format!("Grew up {o}")).into()],
        None => Vec::new(),
    }
}

pub fn used_to(obj: &str) -> Out {
    let Some(r) = after(obj, "to") else {
        return Vec::new();
    };
    let (v, rest) = split_word(r);
    let lemma = v.to_lowercase();
    if !is_verb(&lemma) && !matches!(lemma.as_str(), "be" | "live" | "own") {
        return Vec::new();
    }
    let Some(o) = object(r) else {
        return Vec::new();
    };
    let mut out: Out = vec![Fact::new("OTHER", format!("Used to {o}")).into()];
    let what = skip_words(rest, &["a", "an", "the"]);
    if object(what).is_some() {
        let mut retract = Retraction::of(&lemma, what);
        if lemma == "have" || lemma == "own" {
            retract = retract.also_in(&["PET"]);
        }
        out.push(retract.into());
    }
    out
}

pub fn believe(obj: &str) -> Out {
    let Some(r) = after(obj, "in") else {
        return Vec::new();
    };
    let Some(o) = object(r) else {
        return Vec::new();
    };
    let lw = lex_words(&o);
    let religious = lw.iter().any(|w| {
        matches!(
            w.as_str(),
            "god"
                | "jesus"
                | "christ"
                | "buddha"
                | "allah"
                | "heaven"
                | "afterlife"
                | "reincarnation"
                | "karma"
                | "religion"
                | "lord"
        )
    });
    let cat = if religious { "RELIGION" } else { "OTHER" };
    vec![Fact::new(cat, format!("Believes in {o}")).into()]
}

pub fn know(obj: &str) -> Out {
    if let Some(r) = after(obj, "how to") {
        return object(r)
            .map(|o| vec![Fact::new("SKILL", format!("Knows how to {o}")).into()])
            .unwrap_or_default();
    }
    match object(obj) {
        Some(o) if any(lex::LANGUAGES, &lex_words(&o)) && o.split_whitespace().count() <= 3 => {
            vec![Fact::new("LANGUAGE", format!("Knows {o}")).into()]
        }
        _ => Vec::new(),
    }
}

pub fn speak(obj: &str, neg: bool) -> Out {
    let Some(o) = object(skip_words(obj, ADVERBS)) else {
        return Vec::new();
    };
    if !any(lex::LANGUAGES, &lex_words(&o)) {
        return Vec::new();
    }
    let d = if neg {
        format!("Doesn't speak {o}")
    } else {
        format!("Speaks {o}")
    };
    vec![Fact::new("LANGUAGE", d).into()]
}

pub fn go(obj: &str) -> Out {
    let obj = skip_words(obj, ADVERBS);
    let first = first_lower(obj);
    if first == "to" {
        let dest = split_word(obj).1;
        let lw = lex_words(dest);
        let Some(o) = object(obj) else {
            return Vec::new();
        };
        if lw.iter().any(
            |w| matches!(w.as_str(), "bed" | "sleep" | "work" | "home" | "the" if lw.len() == 1),
        ) {
            return Vec::new();
        }
        if lw
            .first()
            .is_some_and(|w| matches!(w.as_str(), "bed" | "sleep" | "work" | "home"))
        {
            return Vec::new();
        }
        let cat = if lw.iter().any(|w| {
            matches!(
                w.as_str(),
                "church" | "mass" | "temple" | "mosque" | "synagogue"
            )
        }) {
            "RELIGION"
        } else if any(lex::SCHOOL_WORDS, &lw) {
            "EDUCATION"
        } else {
            "HOBBY"
        };
        return vec![Fact::new(cat, format!("Goes {o}")).into()];
    }
    if first.ends_with("ing") || first == "for" {
        return object(obj)
            .map(|o| vec![Fact::new("HOBBY", format!("Goes {o}")).into()])
            .unwrap_or_default();
    }
    Vec::new()
}

pub fn spend(obj: &str) -> Out {
    let lower = obj.to_lowercase();
    if !(lower.contains("time")
        || lower.contains("weekend")
        || lower.contains("day")
        || lower.contains("summer"))
    {
        return Vec::new();
    }
    let obj = skip_words(
        obj,
        &[
            "a lot of",
            "lots of",
            "most of",
            "much of",
            "all of",
            "some of",
            "a great deal of",
        ],
    );
    object(obj)
        .map(|o| vec![Fact::new("HOBBY", format!("Spends {o}")).into()])
        .unwrap_or_default()
}

/// "I stopped eating meat", "I quit my job", "I gave up smoking", "I lost my dog".
pub fn stopped(verb: &str, obj: &str, clause: &str) -> Out {
    let obj = skip_words(obj, ADVERBS);
    let lower = obj.to_lowercase();
    let quote = clause.to_lowercase();
    let job = [
        "my job",
        "my position",
        "the job",
        "work",
        "my career",
        "my work",
    ];
    if matches!(verb, "quit" | "left" | "lost") && job.iter().any(|j| lower.starts_with(j)) {
        return vec![Retraction::category("OCCUPATION").into()];
    }
    if verb == "lost" {
        let rest = skip_words(obj, &["my", "our"]);
        let lw = lex_words(rest);
        if any(lex::PETS, &lw) {
            return match object(rest) {
                Some(o) => vec![Retraction::of("have", &o).also_in(&["PET"]).into()],
                None => Vec::new(),
            };
        }
        if any(lex::FAMILY_WORDS, &lw) || any(lex::PARTNER_WORDS, &lw) {
            return object(obj)
                .map(|o| vec![Fact::new("FAMILY", format!("Lost {o}")).into()])
                .unwrap_or_default();
        }
        if lw
            .iter()
            .any(|w| matches!(w.as_str(), "weight" | "pound" | "kilo" | "lb" | "lbs"))
        {
            return object(obj)
                .map(|o| vec![Fact::new("HEALTH", format!("Lost {o}")).into()])
                .unwrap_or_default();
        }
        return Vec::new();
    }
    if verb == "sold" {
        let rest = skip_words(obj, &["my", "our"]);
        return match object(rest) {
            Some(o) => vec![Retraction::of("have", &o).into()],
            None => Vec::new(),
        };
    }
    let rest = if verb == "gave" {
        match after(obj, "up") {
            Some(r) => r,
            None => return Vec::new(),
        }
    } else {
        obj
    };
    let Some(o) = object(rest) else {
        return Vec::new();
    };
    let (g, thing) = split_word(rest);
    let lemma = gerund_base(g, is_verb);
    let shown = if verb == "gave" {
        "Gave up"
    } else {
        &capitalize(verb)
    };
    let category = match lemma.as_deref() {
        Some("eat") | Some("drink") => "FOOD_PREFERENCE",
        Some("smoke") | Some("vape") => "HEALTH",
        _ if any(lex::FOODS, &lex_words(&o)) => "FOOD_PREFERENCE",
        _ => "OTHER",
    };
    let mut out: Out = vec![Fact::new(category, format!("{shown} {o}")).into()];
    match lemma {
        Some(l) => {
            let thing = if thing.trim().is_empty() { "" } else { thing };
            out.push(Retraction::of(&l, thing).into());
        }
        None => out.push(
            Retraction {
                lemma: None,
                words: super::text::content_words(&o),
                categories: vec!["FOOD_PREFERENCE", "HOBBY", "LIKE", "HEALTH", "OTHER"],
            }
            .into(),
        ),
    }
    let _ = quote;
    out
}

/// A habitual verb: "I play the guitar", "I drive a truck", "I volunteer at the shelter".
pub fn generic(verb: &str, obj: &str) -> Out {
    let Some(category) = verb_category(verb) else {
        return other_verb(verb, obj);
    };
    if matches!(verb, "get" | "use" | "take" | "do" | "make") {
        // Too often about the moment ("I get it", "I take your point", "I make do").
        let o = object(obj).unwrap_or_default();
        if o.is_empty() || o.split_whitespace().count() < 2 && verb != "do" {
            return Vec::new();
        }
        if verb == "get" || verb == "use" {
            return Vec::new();
        }
    }
    let v3 = third_person_verb(verb);
    let obj = skip_words(obj, ADVERBS);
    let category = match (verb, category) {
        ("play", _) if any(lex::INSTRUMENTS, &lex_words(obj)) => "SKILL",
        ("attend", _) if any(lex::SCHOOL_WORDS, &lex_words(obj)) => "EDUCATION",
        ("run", _)
            if lex_words(obj).iter().any(|w| {
                matches!(
                    w.as_str(),
                    "business"
                        | "company"
                        | "shop"
                        | "store"
                        | "bakery"
                        | "restaurant"
                        | "farm"
                        | "ranch"
                        | "bar"
                        | "cafe"
                        | "salon"
                )
            }) =>
        {
            "OCCUPATION"
        }
        ("teach", _)
            if lex_words(obj).iter().any(|w| {
                matches!(
                    w.as_str(),
                    "grade" | "school" | "student" | "class" | "college" | "kindergarten" | "high"
                )
            }) =>
        {
            "OCCUPATION"
        }
        (_, c) => c,
    };
    if verb == "see"
        && !["concert", "every", "live", "regularly"]
            .iter()
            .any(|w| obj.to_lowercase().contains(w))
    {
        return Vec::new();
    }
    let list = if matches!(category, "HOBBY" | "FOOD_PREFERENCE" | "LIKE") {
        objects(obj)
    } else {
        object(obj).into_iter().collect()
    };
    if !list.is_empty() {
        return list
            .into_iter()
            .map(|i| Fact::new(category, format!("{v3} {i}")).into())
            .collect();
    }
    let tail = tidy_object(obj);
    let tail_words = words(&tail);
    let pronoun = tail_words.iter().any(|w| {
        matches!(
            w.as_str(),
            "it" | "that"
                | "you"
                | "your"
                | "them"
                | "this"
                | "those"
                | "these"
                | "him"
                | "her"
                | "so"
                | "too"
        )
    });
    if has(INTRANSITIVE, verb) && !pronoun && tail_words.len() <= 5 {
        let d = if tail.is_empty() {
            v3
        } else {
            format!("{v3} {tail}")
        };
        return vec![Fact::new(category, d).into()];
    }
    Vec::new()
}

/// Any other present-tense verb with a real object ("I fantasize about taking over the world"),
/// as OTHER. Verbs about the conversation itself (think, mean, agree, hope, ...) are left out,
/// and so are past forms, which mostly tell a story rather than a lasting fact.
pub fn other_verb(verb: &str, obj: &str) -> Out {
    #[rustfmt::skip]
    const NOT_FACTS: &[&str] = &[
        "think", "know", "mean", "guess", "agree", "understand", "hope", "bet", "wonder", "need",
        "remember", "feel", "appreciate", "recommend", "suggest", "promise", "doubt", "miss",
        "imagine", "hear", "tell", "say", "thank", "thanks", "apologize", "look", "sound", "seem",
        "find", "call", "ask", "wish", "worry", "mind", "forget", "realize", "notice", "admit",
        "assume", "suppose", "expect", "prefer", "let", "keep", "put", "give", "come", "would",
        "should", "could", "may", "might", "must", "will", "shall", "am", "was", "were", "can",
        "just", "also", "really", "usually", "often", "sometimes", "always", "still", "actually",
        "totally", "definitely", "probably", "hate", "want", "try", "see", "bought", "met", "left",
        "said", "told", "saw", "felt", "knew", "thought", "heard", "took", "gave", "came", "went",
        "got", "had", "did", "made", "ran", "won", "lost", "sent", "spent", "kept", "found",
        "meant", "understood", "wrote", "read", "became", "began", "brought", "caught", "chose",
        "fell", "forgot", "hid", "hit", "hurt", "let", "paid", "rode", "sang", "sat", "slept",
        "spoke", "stood", "swam", "taught", "threw", "wore", "love", "like", "enjoy", "hope",
        "haven't", "dunno", "gotta", "wanna", "gonna", "believe", "second", "totally", "cannot",
        "recall", "reckon", "relate", "sympathize", "envy", "admire", "respect", "trust",
        "care", "owe", "count", "figure", "check", "wait", "plan", "decided", "decide", "hate",
        "know", "personally", "only", "even", "truly", "kinda", "sorta", "super", "so", "too",
        "definitely", "bet", "guess", "swear", "suggest", "think", "love", "am", "and", "but",
    ];
    let v = verb.to_lowercase();
    if v.len() < 3
        || !v.chars().all(|c| c.is_ascii_alphabetic())
        || v.ends_with("ed")
        || v.ends_with("ing")
        || v.ends_with("ly")
        || lex::has(NOT_FACTS, &v)
    {
        return Vec::new();
    }
    // "I fantasize about taking over the world": "about" starts the object of some verbs.
    let (about, obj) = match after(obj, "about") {
        Some(r)
            if matches!(
                v.as_str(),
                "fantasize" | "dream" | "obsess" | "blog" | "write"
            ) =>
        {
            ("about ", r)
        }
        _ => ("", obj),
    };
    match object(obj) {
        Some(o) if o.split_whitespace().count() >= 2 => {
            vec![Fact::new("OTHER", format!("{} {about}{o}", third_person_verb(&v))).into()]
        }
        _ => Vec::new(),
    }
}

/// "I don't eat meat", "I never smoke", "I don't play golf anymore".
pub fn negated(verb: &str, obj: &str) -> Out {
    // "I didn't graduate high school": schooling the speaker did not finish.
    if verb == "graduate" {
        let o = skip_words(obj, &["from"]);
        return match object(o).filter(|o| any(lex::SCHOOL_WORDS, &lex_words(o))) {
            Some(o) => vec![Fact::new("EDUCATION", format!("Didn't graduate {o}")).into()],
            None => Vec::new(),
        };
    }
    let Some(category) = verb_category(verb) else {
        return Vec::new();
    };
    if matches!(
        verb,
        "get" | "use" | "take" | "do" | "make" | "know" | "go" | "spend"
    ) {
        return Vec::new();
    }
    let obj = skip_words(obj, ADVERBS);
    let o = object(obj);
    let mut out = Out::new();
    if matches!(verb, "eat" | "drink" | "smoke" | "vape") {
        let d = match &o {
            Some(o) => format!("Doesn't {verb} {o}"),
            None if tidy_object(obj).is_empty() => format!("Doesn't {verb}"),
            None => return Vec::new(),
        };
        out.push(Fact::new(category, d).into());
    }
    out.push(Retraction::of(verb, o.as_deref().unwrap_or("")).into());
    out
}
