//! Text plumbing for the rules: normalising chat English, cutting it into sentences and
//! clauses, and turning a first-person phrase into a third-person description.

use std::sync::LazyLock;

use regex::Regex;

/// Messages are at most 10,000 characters; this bounds the work per message even if that limit
/// moves, and no fact worth keeping sits past it.
const MAX_SCAN_CHARS: usize = 4000;

/// A sentence of a message, with whether it asks something.
#[derive(Debug)]
pub struct Sentence {
    pub text: String,
    pub question: bool,
}

/// Curly quotes, contractions and chat spellings, turned into the plain forms the patterns are
/// written against ("I'm" -> "I am", "don't" -> "do not", "im" -> "I am").
pub fn normalize(text: &str) -> String {
    static CONTRACTIONS: LazyLock<Vec<(Regex, &'static str)>> = LazyLock::new(|| {
        [
            (r"(?i)\b(can)[’']t\b", "$1 not"),
            (r"(?i)\bcannot\b", "can not"),
            (r"(?i)\b(w)on[’']t\b", "${1}ill not"),
            (r"(?i)\bain[’']t\b", "am not"),
            (r"(?i)\b(\w+)n[’']t\b", "$1 not"),
            (r"(?i)\bi[’']m\b", "I am"),
            (r"(?i)\bim\b", "I am"),
            (r"(?i)\bi[’']ve\b", "I have"),
            (r"(?i)\bive\b", "I have"),
            (r"(?i)\bi[’']ll\b", "I will"),
            (r"(?i)\bi[’']d\b", "I would"),
            (r"(?i)\b(we|you|they)[’']re\b", "$1 are"),
            (r"(?i)\b(we|you|they)[’']ve\b", "$1 have"),
            (r"(?i)\b(we|you|they|he|she|it)[’']ll\b", "$1 will"),
            (r"(?i)\b(we|you|they|he|she)[’']d\b", "$1 would"),
            (
                r"(?i)\b(it|that|what|he|she|there|here|who|where|how|this)[’']s\b",
                "$1 is",
            ),
            (r"(?i)\b(do|does|did|is|are|was|have|has)nt\b", "$1 not"),
            (r"(?i)\bdont\b", "do not"),
            (r"(?i)\bcant\b", "can not"),
            (r"\bi\b", "I"),
        ]
        .into_iter()
        .map(|(re, to)| (Regex::new(re).expect("contraction pattern"), to))
        .collect()
    });
    let mut s: String = text
        .chars()
        .take(MAX_SCAN_CHARS)
        .map(|c| match c {
            '’' | '‘' | '`' | '´' => '\'',
            '“' | '”' => '"',
            '–' | '—' => '-',
            c if c.is_whitespace() => ' ',
            c if c.is_control() => ' ',
            c => c,
        })
        .collect();
    for (re, to) in CONTRACTIONS.iter() {
        if re.is_match(&s) {
            s = re.replace_all(&s, *to).into_owned();
        }
    }
    s
}

/// Cuts normalised text into sentences at `.`, `!`, `?`, `;` and `…`. A full stop followed by
/// a lower-case word is not an end ("Super Smash Bros. and Pokemon").
pub fn sentences(text: &str) -> Vec<Sentence> {
    let chars: Vec<char> = text.chars().collect();
    let mut out = Vec::new();
    let mut cur = String::new();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        cur.push(c);
        if matches!(c, '.' | '!' | '?' | ';' | '…') {
            // Swallow runs like "?!" and "...".
            let mut question = c == '?';
            while i + 1 < chars.len() && matches!(chars[i + 1], '.' | '!' | '?' | '…') {
                i += 1;
                question |= chars[i] == '?';
                cur.push(chars[i]);
            }
            let next = chars[i + 1..].iter().find(|c| !c.is_whitespace());
            let ends = match next {
                None => true,
                Some(n) => c != '.' || !n.is_lowercase(),
            };
            if ends {
                push_sentence(&mut out, &cur, question);
                cur.clear();
            }
        }
        i += 1;
    }
    push_sentence(&mut out, &cur, false);
    out
}

fn push_sentence(out: &mut Vec<Sentence>, text: &str, question: bool) {
    let text = text.trim();
    if text.chars().any(|c| c.is_alphanumeric()) {
        out.push(Sentence {
            text: text.to_owned(),
            question,
        });
    }
}

/// Drops a trailing tag question ("I love hiking, do you?", "..., what about you?") so that
/// the statement before it still counts. Returns whether one was dropped.
pub fn strip_tag_question(sentence: &str) -> Option<String> {
    static TAG: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(
            r"(?i)[,-]\s*(?:and\s+|so\s+|but\s+)?(?:do|did|are|have|can|would|will|is|was|what|how|where|who|which|why|right|huh|eh|ever|any|got)\b[^,]*\?+\s*$",
        )
        .expect("tag pattern")
    });
    TAG.find(sentence)
        .map(|m| sentence[..m.start()].trim().to_owned())
}

/// Cuts a sentence before each new first-person subject that follows a comma or a
/// conjunction: "I live in Paris and I have a cat" -> two clauses.
pub fn clauses(sentence: &str) -> Vec<String> {
    static JOIN: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(
            r"(?i)(?:\s*,\s*(?:(?:and|but|so|because|cause|since|though|although|while|plus|or|yet|then|as)\s+)?|\s+-\s+|\s+(?:and|but|so|because|cause|since|though|although|while|plus|yet)\s+)(?:(?:now|also|then|still|actually|currently|recently|i think|honestly)\s*,?\s+)?(I|my|we)\b",
        )
        .expect("clause pattern")
    });
    let mut out = Vec::new();
    let mut start = 0;
    for caps in JOIN.captures_iter(sentence) {
        let (whole, subject) = (caps.get(0).expect("match"), caps.get(1).expect("group"));
        let piece = sentence[start..whole.start()].trim();
        if !piece.is_empty() {
            out.push(piece.to_owned());
        }
        start = subject.start();
    }
    let piece = sentence[start..].trim();
    if !piece.is_empty() {
        out.push(piece.to_owned());
    }
    out
}

/// "I'm a recording engineer and own my own studio" -> "I'm a recording engineer", "I own my
/// own studio": a second verb after "and" shares the subject "I". Not after a verb that takes
/// the "and" into its object ("I like to read and write" is one list).
pub fn split_shared_subject(clause: &str) -> Vec<String> {
    if let Some(parts) = split_relative(clause) {
        return parts;
    }
    #[rustfmt::skip]
    const SECOND: &[&str] = &[
        "own", "have", "work", "live", "love", "like", "enjoy", "hate", "play", "read", "write",
        "teach", "volunteer", "coach", "collect", "drive", "speak", "study", "attend", "spend",
        "cook", "bake", "sing", "grow", "raise", "ride", "watch", "listen", "run", "go", "also",
    ];
    // Verbs of plain facts; "I like to read and write" is one list, and "I think that ... and
    // teach us" has another subject before the "and".
    #[rustfmt::skip]
    const FIRST: &[&str] = &[
        "am", "work", "live", "play", "read", "watch", "teach", "go", "own", "volunteer", "coach",
        "run", "drive", "study", "attend", "cook", "bake", "write", "sing", "ride", "grow",
        "raise", "collect", "speak", "spend", "listen", "stay",
    ];
    let Some(rest) = clause.strip_prefix("I ") else {
        return vec![clause.to_owned()];
    };
    let first = rest
        .split_whitespace()
        .find(|w| {
            !matches!(
                w.to_lowercase().as_str(),
                "really" | "also" | "just" | "still" | "actually" | "usually" | "mostly" | "often"
            )
        })
        .unwrap_or_default()
        .to_lowercase();
    if !FIRST.contains(&first.as_str()) {
        return vec![clause.to_owned()];
    }
    let lower = clause.to_lowercase();
    let Some(i) = lower.find(" and ") else {
        return vec![clause.to_owned()];
    };
    if words(&clause[..i]).iter().any(|w| {
        matches!(
            w.as_str(),
            "that" | "who" | "which" | "it" | "they" | "he" | "she" | "you" | "we" | "us" | "to"
        )
    }) {
        return vec![clause.to_owned()];
    }
    let next = clause[i + 5..].trim_start();
    let w = next
        .split_whitespace()
        .next()
        .unwrap_or_default()
        .to_lowercase();
    if !SECOND.contains(&w.as_str()) {
        return vec![clause.to_owned()];
    }
    let mut out = vec![clause[..i].trim().to_owned()];
    out.extend(split_shared_subject(&format!("I {next}")));
    out
}

/// "I am an electrician who works on my parents' farm" -> "I am an electrician", "I work on my
/// parents' farm": the speaker is the one the relative clause is about.
fn split_relative(clause: &str) -> Option<Vec<String>> {
    static WHO: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"^(I am an? [^,]+?) (?:who|that) (works|lives|loves|plays|teaches|owns|has|enjoys|likes|volunteers|coaches|writes|sings|studies) (.+)$")
            .expect("relative pattern")
    });
    let c = WHO.captures(clause)?;
    let verb = match &c[2] {
        "has" => "have".to_owned(),
        "teaches" | "coaches" => c[2][..c[2].len() - 2].to_owned(),
        "studies" => "study".to_owned(),
        v => v[..v.len() - 1].to_owned(),
    };
    Some(vec![c[1].to_owned(), format!("I {verb} {}", &c[3])])
}

/// Removes openers that carry no fact ("Oh, yes, well, I ..." -> "I ...").
pub fn strip_openers(clause: &str) -> &str {
    static OPENER: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(
            r"(?i)^(?:(?:oh|ah|aw|yes|yeah|yep|yup|yea|no|nope|nah|well|so|hi|hey|hello|haha|hahaha|lol|wow|okay|ok|um|uh|hmm|actually|honestly|and|but|also|now|sure|right|really|great|cool|awesome|nice|of course|definitely|absolutely|totally|indeed|true|exactly|thanks|thank you|me too|same here|same|wait|anyway|anyways|plus|personally|basically|fun fact|in fact|as for me|for me|me|myself|good|ha|omg|dear|sadly|unfortunately|luckily|fortunately|still|then|otherwise|besides|currently|recently|lately|these days|nowadays|right now|at the moment)\b[\s,!.:;-]*)+",
        )
        .expect("opener pattern")
    });
    match OPENER.find(clause) {
        Some(m) => &clause[m.end()..],
        None => clause,
    }
}

/// "On weekends I do live action roleplaying": a time said before the "I" goes after the
/// verb phrase, so that the clause starts with its subject and keeps its time.
pub fn time_to_end(clause: &str) -> String {
    static FRONT: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(
            r"(?i)^((?:on|during) (?:the )?weekends?|in my (?:spare|free|down) time|on (?:mon|tues|wednes|thurs|fri|satur|sun)days|every (?:day|weekend|morning|evening|night|summer|winter|week|year|sunday|saturday)|at night|in the (?:mornings?|evenings?|summers?|winters?))\s*,?\s+(I\s.*?)([.!]*)$",
        )
        .expect("front time pattern")
    });
    match FRONT.captures(clause) {
        Some(c) => format!("{} {}{}", &c[2], c[1].to_lowercase(), &c[3]),
        None => clause.to_owned(),
    }
}

/// The words of a phrase, lower-case, letters, digits and inner apostrophes only.
pub fn words(text: &str) -> Vec<String> {
    static WORD: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"[\p{L}\p{N}]+(?:'[\p{L}]+)*").expect("word pattern"));
    WORD.find_iter(text)
        .map(|m| m.as_str().to_lowercase())
        .collect()
}

/// A crude singular, enough to compare "cats" with "cat" and "puppies" with "puppy".
pub fn singular(word: &str) -> String {
    let w = word.to_lowercase();
    if w.len() > 4 && w.ends_with("ies") {
        return format!("{}y", &w[..w.len() - 3]);
    }
    if w.len() > 3 && w.ends_with('s') && !w.ends_with("ss") && !w.ends_with("us") {
        return w[..w.len() - 1].to_owned();
    }
    w
}

/// Words that carry no content: kept out of tags and of what a retraction compares.
pub fn is_stop_word(word: &str) -> bool {
    #[rustfmt::skip]
    const STOP: &[&str] = &[
        "a", "an", "the", "and", "or", "but", "of", "to", "in", "on", "at", "for", "with", "by",
        "from", "about", "as", "into", "like", "my", "their", "them", "they", "theirs", "i", "me",
        "is", "are", "was", "were", "be", "been", "being", "am", "do", "does", "did", "has",
        "have", "had", "it", "its", "this", "that", "these", "those", "who", "which", "what", "so",
        "very", "really", "too", "also", "just", "all", "some", "any", "lot", "lots", "much",
        "many", "more", "most", "not", "no", "never", "up", "out", "over", "than", "then", "there",
        "here", "when", "where", "how", "why", "can", "will", "would", "could", "should", "one",
        "ones", "our", "we", "us", "themselves", "own", "named", "called",
    ];
    STOP.contains(&word)
}

/// Content words of a phrase, singular, in order, without repeats.
pub fn content_words(text: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for w in words(text) {
        let w = singular(&w);
        if !is_stop_word(&w) && !out.contains(&w) {
            out.push(w);
        }
    }
    out
}

/// First-person words inside a phrase, turned to the third person: the description speaks
/// about the speaker ("grow roses in my garden" -> "grow roses in their garden").
pub fn third_person_phrase(text: &str) -> String {
    static SWAPS: LazyLock<Vec<(Regex, &'static str)>> = LazyLock::new(|| {
        [
            (r"\bI am\b", "they are"),
            (r"\bI was\b", "they were"),
            (r"\bI have\b", "they have"),
            (r"\bI\b", "they"),
            (r"(?i)\bmy\b", "their"),
            (r"(?i)\bmine\b", "theirs"),
            (r"(?i)\bmyself\b", "themselves"),
            (r"(?i)\bme\b", "them"),
            (r"(?i)\bour\b", "their"),
            (r"(?i)\bours\b", "theirs"),
            (r"(?i)\bus\b", "them"),
            (r"(?i)\bwe are\b", "they are"),
            (r"(?i)\bwe\b", "they"),
        ]
        .into_iter()
        .map(|(re, to)| (Regex::new(re).expect("swap pattern"), to))
        .collect()
    });
    let mut s = text.to_owned();
    for (re, to) in SWAPS.iter() {
        if re.is_match(&s) {
            s = re.replace_all(&s, *to).into_owned();
        }
    }
    s
}

/// The third-person singular of a verb: "love" -> "loves", "watch" -> "watches",
/// "study" -> "studies", "have" -> "has".
pub fn third_person_verb(verb: &str) -> String {
    let v = verb.to_lowercase();
    match v.as_str() {
        "have" => return "has".into(),
        "be" | "am" => return "is".into(),
        "do" => return "does".into(),
        "go" => return "goes".into(),
        "can" | "will" | "used" => return v,
        _ => {}
    }
    if v.ends_with('y') && v.len() > 1 && !v[..v.len() - 1].ends_with(['a', 'e', 'o', 'u']) {
        format!("{}ies", &v[..v.len() - 1])
    } else if v.ends_with("ss")
        || v.ends_with("sh")
        || v.ends_with("ch")
        || v.ends_with('x')
        || v.ends_with('z')
        || v.ends_with('o')
    {
        format!("{v}es")
    } else {
        format!("{v}s")
    }
}

/// The base form of a gerund, among the verbs `known` accepts: "living" -> "live",
/// "running" -> "run", "playing" -> "play".
pub fn gerund_base(gerund: &str, known: impl Fn(&str) -> bool) -> Option<String> {
    let g = gerund.to_lowercase();
    let stem = g.strip_suffix("ing")?;
    let mut candidates = vec![stem.to_owned(), format!("{stem}e")];
    let b = stem.as_bytes();
    if b.len() >= 2 && b[b.len() - 1] == b[b.len() - 2] {
        candidates.push(stem[..stem.len() - 1].to_owned());
    }
    if let Some(s) = stem.strip_suffix('y') {
        candidates.push(format!("{s}ie"));
    }
    candidates.into_iter().find(|c| known(c))
}

/// Upper-cases the first letter.
pub fn capitalize(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// Trims what ends a phrase without adding to it: punctuation, emoji, and trailing fillers
/// ("too", "as well", "lol"). Also cuts at a following subordinate clause ("..., but it is
/// hard", "... because ..."), which belongs to another statement.
pub fn tidy_object(text: &str) -> String {
    static CUT: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(
            r"(?i)(?:\s*,\s*(?:but|so|because|since|although|though|which|especially|like|and it|and that|and they|it|that|they|this|there|you|he|she|if|when|except|unless|though)\b|\s+(?:but|because|cause|cuz|since|although|though|if|unless|whenever|so that|so I|as I|and it|and that is|and they|lol|haha|hahaha)\b|\s*[:(\[]|\s+-\s+).*$",
        )
        .expect("cut pattern")
    });
    static TAIL: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(
            r"(?i)(?:[\s,]+(?:too|also|as well|either|anyway|anymore|any more|though|honestly|lol|haha|hahaha|haha+|tbh|now|right now|these days|nowadays|for sure|of course|actually|really|so much|very much|myself|obviously|to be honest))+\s*$|[^\p{L}\p{N}%)'\x22]+$",
        )
        .expect("tail pattern")
    });
    // ", especially paella" narrows what was said, so it stays.
    let kept = text.trim().replace(", especially", " especially");
    let mut s = CUT.replace(&kept, "").into_owned();
    loop {
        let t = TAIL.replace(s.trim(), "").trim().to_owned();
        if t == s {
            break;
        }
        s = t;
    }
    // Quotes are kept only when balanced: a title in quotes stays readable.
    if s.matches('"').count() % 2 == 1 {
        s = s.replace('"', "");
    }
    s.trim().to_owned()
}

/// A machine key from a description: lower-case snake_case of its letters and digits, short
/// enough for SPEC §1 with room for the target prefix; a truncated key ends in a hash of the
/// whole description so that two long descriptions sharing a start do not collide.
pub fn slug(text: &str, max_bytes: usize) -> String {
    let mut out = String::new();
    let mut gap = false;
    for c in text.chars() {
        if c.is_alphanumeric() {
            if gap && !out.is_empty() {
                out.push('_');
            }
            gap = false;
            out.extend(c.to_lowercase());
        } else if c != '\'' {
            gap = true;
        }
    }
    if out.len() <= max_bytes {
        return out;
    }
    let hash = format!("_{:08x}", fnv1a(text.as_bytes()) as u32);
    let mut cut = max_bytes.saturating_sub(hash.len());
    while !out.is_char_boundary(cut) {
        cut -= 1;
    }
    let head = out[..cut].trim_end_matches('_');
    format!("{head}{hash}")
}

/// FNV-1a: a stable hash (the standard library's may change between releases, and keys must
/// not).
fn fnv1a(bytes: &[u8]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in bytes {
        h ^= u64::from(*b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    h
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn contractions_and_chat_spellings_are_expanded() {
        assert_eq!(
            normalize("I’m sure I don't know"),
            "I am sure I do not know"
        );
        assert_eq!(
            normalize("im 34 and i can't swim"),
            "I am 34 and I can not swim"
        );
        assert_eq!(
            normalize("I've got a dog, it's cute"),
            "I have got a dog, it is cute"
        );
    }

    #[test]
    fn sentences_split_on_ends_but_not_inside_names() {
        let s = sentences("I like Super Smash Bros. and Pokemon. Do you?! Cool");
        let texts: Vec<&str> = s.iter().map(|s| s.text.as_str()).collect();
        assert_eq!(
            texts,
            ["I like Super Smash Bros. and Pokemon.", "Do you?!", "Cool"]
        );
        assert!(s[1].question && !s[0].question);
    }

    #[test]
    fn a_second_verb_shares_the_subject() {
        assert_eq!(
            split_shared_subject("I am a recording engineer and own my own studio."),
            ["I am a recording engineer", "I own my own studio."]
        );
        assert_eq!(
            split_shared_subject("I like to read and write"),
            ["I like to read and write"]
        );
        assert_eq!(
            split_shared_subject("I am an electrician who works on my parent's farm."),
            ["I am an electrician", "I work on my parent's farm."]
        );
        assert_eq!(
            split_shared_subject("I play soccer and read books"),
            ["I play soccer", "I read books"]
        );
    }

    #[test]
    fn clauses_split_before_a_new_first_person_subject() {
        assert_eq!(
            clauses("I live in Paris and I have a cat, but my sister lives in Rome"),
            ["I live in Paris", "I have a cat", "my sister lives in Rome"]
        );
        assert_eq!(
            clauses("the city where I grew up"),
            ["the city where I grew up"]
        );
    }

    #[test]
    fn objects_lose_trailing_fillers_and_other_clauses() {
        assert_eq!(tidy_object("board games too!"), "board games");
        assert_eq!(
            tidy_object("cooking, especially pasta"),
            "cooking especially pasta"
        );
        assert_eq!(tidy_object("cooking, which is fun"), "cooking");
        assert_eq!(tidy_object("dogs because they are loyal 🐶"), "dogs");
        assert_eq!(tidy_object("\"Sicko Mode\"."), "\"Sicko Mode\"");
    }

    #[test]
    fn verbs_and_pronouns_move_to_the_third_person() {
        assert_eq!(third_person_verb("watch"), "watches");
        assert_eq!(third_person_verb("study"), "studies");
        assert_eq!(third_person_verb("play"), "plays");
        assert_eq!(
            third_person_phrase("my friends and me"),
            "their friends and them"
        );
        assert_eq!(
            gerund_base("running", |v| v == "run").as_deref(),
            Some("run")
        );
        assert_eq!(
            gerund_base("living", |v| v == "live").as_deref(),
            Some("live")
        );
    }

    #[test]
    fn slugs_are_snake_case_and_bounded() {
        assert_eq!(slug("Has a dog named Max!", 200), "has_a_dog_named_max");
        assert_eq!(slug("Lives in 東京", 200), "lives_in_東京");
        let long = slug(&"word ".repeat(100), 50);
        assert!(long.len() <= 50, "{long}");
        assert_ne!(long, slug(&format!("{} other", "word ".repeat(100)), 50));
    }
}
