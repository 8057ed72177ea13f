//! Small helpers for walking a clause word by word and turning what follows a verb into the
//! object of a description.

use super::text::{self, third_person_phrase, tidy_object};

/// The first word of `s` (letters, digits, apostrophes, hyphens) and the rest, trimmed.
pub fn split_word(s: &str) -> (&str, &str) {
    let s = s.trim_start();
    let end = s
        .char_indices()
        .find(|(_, c)| !(c.is_alphanumeric() || *c == '\'' || *c == '-'))
        .map(|(i, _)| i)
        .unwrap_or(s.len());
    (&s[..end], s[end..].trim_start())
}

/// The first word, lower-case.
pub fn first_lower(s: &str) -> String {
    split_word(s).0.to_lowercase()
}

/// `s` without a leading `prefix` of whole words, compared without case.
pub fn after<'a>(s: &'a str, prefix: &str) -> Option<&'a str> {
    let s = s.trim_start();
    let head = s.get(..prefix.len())?;
    if !head.eq_ignore_ascii_case(prefix) {
        return None;
    }
    let rest = &s[prefix.len()..];
    if rest.starts_with(|c: char| c.is_alphanumeric()) {
        return None;
    }
    Some(rest.trim_start_matches([',', ' ']))
}

/// `s` without any leading words from `list` (each may be several words), repeatedly.
pub fn skip_words<'a>(mut s: &'a str, list: &[&str]) -> &'a str {
    'outer: loop {
        for w in list {
            if let Some(rest) = after(s, w) {
                s = rest;
                continue 'outer;
            }
        }
        return s.trim_start();
    }
}

/// Adverbs that change nothing about a fact ("I really/also/just love ...").
#[rustfmt::skip]
pub const ADVERBS: &[&str] = &[
    "really", "also", "just", "still", "actually", "absolutely", "definitely", "totally", "truly",
    "usually", "mostly", "currently", "recently", "always", "often", "sometimes", "generally",
    "even", "only", "kind of", "sort of", "kinda", "sorta", "pretty much", "personally",
    "literally", "honestly", "seriously", "certainly", "mainly", "normally", "typically",
    "occasionally", "regularly", "frequently", "finally", "now", "already", "basically", "simply",
    "genuinely", "obviously", "clearly", "too", "especially", "mostly", "secretly", "officially",
    "proudly", "happily", "luckily", "sadly", "sincerely", "absolutely", "so", "very",
    "definitely", "originally",
];

/// Intensifiers in front of an adjective or a noun phrase ("very shy", "a huge fan").
#[rustfmt::skip]
pub const INTENSIFIERS: &[&str] = &[
    "very", "so", "really", "pretty", "quite", "extremely", "super", "totally", "kind of",
    "sort of", "kinda", "a bit", "a little bit", "a little", "incredibly", "fairly", "rather",
    "somewhat", "too", "also", "actually", "just", "still", "always", "currently", "now",
    "definitely", "absolutely", "naturally", "originally", "basically", "officially",
    "technically", "completely", "fully", "deeply", "deathly", "terribly", "seriously", "highly",
    "partly", "partially", "proudly", "happily", "recently", "newly", "only",
];

/// Words that, first in an object, make it about something other than a lasting fact of the
/// speaker ("I love that", "I like your idea", "I have one").
#[rustfmt::skip]
const BAD_FIRST: &[&str] = &[
    "it", "that", "this", "them", "those", "these", "you", "your", "yours", "ones", "so", "too",
    "well", "what", "how", "anything", "everything", "something", "nothing", "him", "her", "he",
    "she", "they", "there", "here", "both", "which", "who", "why", "where", "when", "whatever",
    "such", "same", "to hear", "hearing", "yourself", "it's", "thats", "the idea", "the sound",
    "the same", "no idea", "a question", "to know", "to see that", "to help you", "meeting you",
    "to meet", "doing that", "doing this", "doing it", "that idea", "not", "the way", "the fact",
    "either", "because", "if", "like", "more", "less", "better", "worse", "about", "plenty",
    "fun", "sure", "a lot of things", "a lot of stuff", "lots of things", "lots of stuff",
    "many things", "all kinds of", "all sorts of", "different things", "new things",
    "other things",
];

/// Objects that are nothing on their own: "I have one", "I love both".
#[rustfmt::skip]
const BAD_ALONE: &[&str] = &[
    "one", "some", "any", "all", "both", "two", "mine", "ours", "much", "more", "a lot", "lots",
    "lot", "things", "stuff", "everything",
];

/// Last words that point back into the conversation: "I've always wanted to try it".
#[rustfmt::skip]
const BAD_LAST: &[&str] = &[
    "it", "that", "them", "this", "those", "these", "him", "her", "one", "too", "there", "so",
];

/// "the <noun>" objects that only make sense in the conversation ("I love the plot").
#[rustfmt::skip]
const CONTEXT_NOUNS: &[&str] = &[
    "people", "plot", "character", "color", "colour", "idea", "sound", "way", "story", "name",
    "place", "atmosphere", "feeling", "part", "thing", "fact", "look", "smell", "taste", "vibe",
    "energy", "view", "design", "style", "concept", "premise", "ending", "beginning", "rest",
    "whole", "setting", "writing", "acting", "show", "movie", "book", "song", "game", "series",
    "picture", "photo", "food", "music", "weather", "city", "town", "one", "ones", "same", "other",
    "first", "second", "last", "new", "old", "best", "most", "little", "small", "big", "community",
    "challenge", "freedom", "variety", "sense", "satisfaction", "experience", "history", "culture",
    "scenery", "nature", "feel", "outdoors", "idea", "question",
];

/// Most words an object may have: longer ones are rambling and match nothing well.
const MAX_OBJECT_WORDS: usize = 16;

/// What follows a verb, made into the object of a description: tidied, in the third person,
/// or `None` when it is about the listener, a pronoun, or nothing.
pub fn object(raw: &str) -> Option<String> {
    let tidy = tidy_object(raw);
    let words = text::words(&tidy);
    if words.is_empty() || words.len() > MAX_OBJECT_WORDS {
        return None;
    }
    if words.iter().any(|w| {
        matches!(
            w.as_str(),
            "you" | "your" | "yours" | "yourself" | "ya" | "u"
        )
    }) {
        return None;
    }
    let lower = tidy.to_lowercase();
    if BAD_FIRST
        .iter()
        .any(|b| lower == *b || after(&lower, b).is_some())
    {
        return None;
    }
    if words.iter().all(|w| text::is_stop_word(w)) && !is_title(&tidy) {
        return None;
    }
    if BAD_ALONE.contains(&lower.as_str()) {
        return None;
    }
    // "I work in IT": the trade, not the pronoun.
    let trade_it = tidy.split_whitespace().any(|w| w == "IT")
        && tidy
            .split_whitespace()
            .any(|w| w.chars().any(char::is_lowercase));
    if words.last().is_some_and(|w| BAD_LAST.contains(&w.as_str())) && !trade_it {
        return None;
    }
    if words.first().is_some_and(|w| w == "the")
        && words
            .get(1)
            .is_some_and(|w| CONTEXT_NOUNS.contains(&text::singular(w).as_str()))
    {
        return None;
    }
    // "those things", "the same way": pointing back into the conversation.
    if words
        .iter()
        .any(|w| matches!(w.as_str(), "those" | "these" | "this"))
        || lower.contains("the same")
    {
        return None;
    }
    Some(third_person_phrase(&tidy))
}

/// A name made of small words ("The Who", "UP"): a capital after the first word, or a word
/// in capitals, says it is a title and not a pronoun.
fn is_title(s: &str) -> bool {
    let mut ws = s.split_whitespace();
    let first = ws.next().unwrap_or_default();
    let shouted = |w: &str| w.len() >= 2 && w.chars().all(|c| c.is_uppercase());
    shouted(first) || ws.any(|w| w.starts_with(|c: char| c.is_uppercase()) && w != "I")
}

/// Splits a list ("read, play games, and watch movies") into its items, carrying an
/// infinitive "to" over to every item. Two verb phrases joined by "and" are two items too ("to
/// play soccer and hang out with friends", "hiking and camping"): each is true on its own, and
/// a short item says its one thing with fewer words.
pub fn items(obj: &str) -> Vec<String> {
    let parts: Vec<String> = if obj.contains(',') {
        comma_items(obj)
    } else {
        vec![obj.to_owned()]
    };
    let mut out = Vec::new();
    for part in parts {
        let infinitive = part.to_lowercase().starts_with("to ");
        for item in split_verb_phrases(&part, infinitive) {
            if infinitive && !item.to_lowercase().starts_with("to ") {
                out.push(format!("to {item}"));
            } else {
                out.push(item);
            }
        }
    }
    out
}

fn comma_items(obj: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for part in obj.split(',') {
        let mut p = part.trim();
        for joiner in ["and", "or", "&"] {
            if let Some(r) = after(p, joiner) {
                p = r;
            }
        }
        if p.is_empty() {
            continue;
        }
        let mut item = p.to_owned();
        let first_is_to = out
            .first()
            .is_some_and(|f| f.to_lowercase().starts_with("to "));
        // "to go fishing, hunting": only a verb takes the "to" over, not "hunting" or "puzzle
        // games".
        let verb = first_lower(&item);
        if first_is_to && !item.to_lowercase().starts_with("to ") && is_verb_like(&verb) {
            item = format!("to {item}");
        }
        out.push(item);
    }
    out
}

/// Verbs that are seldom a noun: after "and", they start a new verb phrase ("to read and
/// write"), where "fish" or "dance" may end a list of things ("to eat chicken and fish").
fn is_plain_verb(word: &str) -> bool {
    #[rustfmt::skip]
    const NOUNISH: &[&str] = &[
        "fish", "garden", "box", "game", "film", "race", "code", "program", "dance", "paint",
        "drink", "party", "shop", "journal", "diet", "stream", "record", "design", "craft", "bike",
        "camp", "walk", "run", "act", "train", "lift", "root", "support", "care", "use", "host",
        "sketch", "dj", "rap", "golf", "quilt", "mentor", "coach", "tutor", "blog", "vlog", "feed",
        "fly", "ride", "swim", "hike", "sail", "ski", "skate", "surf", "study", "dive", "clean",
        "see", "get", "have", "do", "make", "take", "go", "like", "love", "work", "live", "want",
        "plan", "hate", "enjoy", "own", "sleep", "exercise", "practice", "sing", "jog", "bowl",
    ];
    super::verbs::is_verb(word) && !NOUNISH.contains(&word)
}

/// Verbs that carry the "to" of a list over, beyond the habit verbs ("to play football, write
/// poetry, and try different coffees").
fn is_verb_like(word: &str) -> bool {
    super::verbs::is_verb(word)
        || matches!(
            word,
            "meet" | "try" | "explore" | "relax" | "chill" | "grill" | "bbq" | "spend" | "learn"
        )
}

/// A gerund first in an item ("hiking", "spending time"); not a noun in "-ing" ("morning").
fn is_gerund(word: &str) -> bool {
    #[rustfmt::skip]
    const ING_NOUNS: &[&str] = &[
        "morning", "evening", "thing", "something", "anything", "nothing", "everything", "spring",
        "string", "ring", "king", "wing", "sibling", "pudding", "stuffing", "frosting", "icing",
        "wedding", "building", "clothing", "ceiling", "darling", "earring", "bedding", "dressing",
        "seasoning", "filling", "topping", "lightning", "ending", "beginning", "feeling",
        "awning", "duckling", "dumpling", "herring", "viking", "viewing", "offspring",
    ];
    word.len() >= 5 && word.ends_with("ing") && !ING_NOUNS.contains(&word)
}

/// "to play soccer and hang out" -> ["to play soccer", "hang out"]; "hiking and camping" ->
/// ["hiking", "camping"]; anything else stays whole.
fn split_verb_phrases(item: &str, infinitive: bool) -> Vec<String> {
    let gerunds = !infinitive && is_gerund(&first_lower(item));
    if !infinitive && !gerunds {
        return vec![item.to_owned()];
    }
    let mut out = Vec::new();
    let mut rest = item;
    while let Some(i) = rest.find(" and ") {
        let next = &rest[i + 5..];
        let (w, after_w) = split_word(next.trim_start_matches("to "));
        let w = w.to_lowercase();
        // "dance in the moonlight": a word that may be a noun is a verb before these.
        let verb_follows = matches!(
            first_lower(after_w).as_str(),
            "in" | "at" | "on" | "with" | "around" | "outside" | "my" | "the" | "a" | "an" | "for"
        );
        let starts_phrase = if gerunds {
            is_gerund(&w)
        } else {
            is_plain_verb(&w) || (verb_follows && super::verbs::is_verb(&w))
        };
        if !starts_phrase {
            break;
        }
        out.push(rest[..i].trim().to_owned());
        rest = next;
    }
    out.push(rest.trim().to_owned());
    out.retain(|p| !p.is_empty());
    out
}

/// The objects of a verb that may take a list: each item made an object on its own.
pub fn objects(raw: &str) -> Vec<String> {
    let tidy = tidy_object(raw);
    let list = items(&tidy);
    if list.len() == 1 {
        return object(&tidy).into_iter().collect();
    }
    list.iter().filter_map(|i| object(i)).collect()
}

/// The lower-case singular content words of a phrase, for lexicon look-ups.
pub fn lex_words(s: &str) -> Vec<String> {
    text::words(s).iter().map(|w| text::singular(w)).collect()
}

/// The noun phrase's head: its last word before a relative clause or a prepositional phrase
/// ("a little girl who lives in the cloud" -> "girl", "a dog named Max" -> "dog").
pub fn head(s: &str) -> Option<String> {
    #[rustfmt::skip]
    const STOPS: &[&str] = &[
        "who", "that", "which", "with", "from", "at", "in", "on", "for", "of", "named", "called",
        "and", "to", "by", "since", "when", "where", "whose", "but", "or", "like", "than",
        "because", "now", "here", "there", "as",
    ];
    let words = text::words(s);
    let cut = words
        .iter()
        .position(|w| STOPS.contains(&w.as_str()))
        .unwrap_or(words.len());
    words[..cut].last().map(|w| text::singular(w))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_and_prefixes() {
        assert_eq!(split_word("love, to bake"), ("love", ", to bake"));
        assert_eq!(after("Am a nurse", "am"), Some("a nurse"));
        assert_eq!(after("America", "am"), None);
        assert_eq!(skip_words("really also just love it", ADVERBS), "love it");
    }

    #[test]
    fn objects_refuse_pronouns_and_the_listener() {
        assert_eq!(
            object("to bake cookies!").as_deref(),
            Some("to bake cookies")
        );
        assert_eq!(object("my garden too").as_deref(), Some("their garden"));
        assert_eq!(object("that"), None);
        assert_eq!(object("it when it rains"), None);
        assert_eq!(object("your style"), None);
        assert_eq!(object("talking to you"), None);
    }

    #[test]
    fn lists_split_into_items_that_keep_their_infinitive() {
        assert_eq!(
            items("to read, play video games, and watch movies"),
            ["to read", "to play video games", "to watch movies"]
        );
        assert_eq!(items("mac and cheese"), ["mac and cheese"]);
        assert_eq!(
            items("to play soccer and hang out with my friends"),
            ["to play soccer", "to hang out with my friends"]
        );
        assert_eq!(items("hiking and camping"), ["hiking", "camping"]);
        assert_eq!(
            items("to drink wine and dance in the moonlight"),
            ["to drink wine", "to dance in the moonlight"]
        );
        assert_eq!(
            items("grilling outdoors and going gambling"),
            ["grilling outdoors", "going gambling"]
        );
        assert_eq!(
            items("to play football, write poetry, and try different coffees"),
            [
                "to play football",
                "to write poetry",
                "to try different coffees"
            ]
        );
        assert_eq!(
            items("to eat chicken and fish"),
            ["to eat chicken and fish"]
        );
        assert_eq!(items("the peace and quiet"), ["the peace and quiet"]);
    }

    #[test]
    fn heads_of_noun_phrases() {
        assert_eq!(
            head("a little girl who lives in the cloud").as_deref(),
            Some("girl")
        );
        assert_eq!(head("a dog named Max").as_deref(), Some("dog"));
        assert_eq!(head("three Arabian horses").as_deref(), Some("horse"));
    }
}
