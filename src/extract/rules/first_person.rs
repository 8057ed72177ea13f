//! Clauses whose subject is "I": the verb decides the pattern, the object the category.

use super::be;
use super::lexicon::{self as lex, any, has};
use super::phrase::{
    ADVERBS, after, first_lower, head, lex_words, object, objects, skip_words, split_word,
};
use super::statement::{Fact, Retraction, Statement};
use super::text::{capitalize, gerund_base, third_person_verb, tidy_object, words};

pub type Out = Vec<Statement>;

/// Habitual verbs and the category of what they say: "I play the guitar" -> HOBBY.
#[rustfmt::skip]
const VERBS: &[(&str, &str)] = &[
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
const INTRANSITIVE: &[&str] = &[
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
fn liked_category(item: &str) -> &'static str {
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
const HAVE_NOT_FACTS: &[&str] = &[
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
const APPOINTMENTS: &[&str] = &[
    "appointment", "meeting", "exam", "test", "interview", "date", "party", "game", "match",
    "recital", "concert", "trip", "flight", "wedding", "vacation", "holiday", "presentation",
    "deadline", "shift", "tournament", "competition", "audition", "surgery", "operation",
    "checkup", "graduation", "ceremony", "show", "performance", "race", "event", "class",
];

#[rustfmt::skip]
const PARTICIPLES: &[&str] = &[
    "won", "run", "written", "taught", "had", "seen", "met", "read", "done", "been", "grown",
    "known", "ridden", "flown", "driven", "gone", "lost", "broken", "built", "sung", "swum",
    "always", "recently", "just",
];

/// "I have never been to Paris", "I have visited Spain", "I have always loved animals".
fn perfect(obj: &str, never: bool) -> Out {
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
fn have_none(obj: &str) -> Out {
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
    if !ok.contains(&first.as_str()) {
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

fn grew(obj: &str) -> Out {
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

fn used_to(obj: &str) -> Out {
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

fn believe(obj: &str) -> Out {
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

fn know(obj: &str) -> Out {
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

fn speak(obj: &str, neg: bool) -> Out {
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

fn go(obj: &str) -> Out {
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

fn spend(obj: &str) -> Out {
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
fn stopped(verb: &str, obj: &str, clause: &str) -> Out {
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
fn generic(verb: &str, obj: &str) -> Out {
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
fn other_verb(verb: &str, obj: &str) -> Out {
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
    match object(obj) {
        Some(o) if o.split_whitespace().count() >= 2 => {
            vec![Fact::new("OTHER", format!("{} {o}", third_person_verb(&v))).into()]
        }
        _ => Vec::new(),
    }
}

/// "I don't eat meat", "I never smoke", "I don't play golf anymore".
fn negated(verb: &str, obj: &str) -> Out {
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
