//! What a clause takes for granted about its speaker: "I like to go for walks with my dogs"
//! says the speaker has dogs, whatever else it says.

use std::sync::LazyLock;

use regex::Regex;

use super::have::have;
use super::statement::Statement;

/// Pets and close family that "my <word>" says the speaker has. Parents and other relatives
/// are left out: everyone has them, so "Has a mom" would tell nothing.
#[rustfmt::skip]
const HELD: &[&str] = &[
    "dog", "dogs", "cat", "cats", "puppy", "puppies", "kitten", "kittens", "pets", "horse",
    "horses", "kids", "children", "son", "sons", "daughter", "daughters", "husband", "wife",
    "boyfriend", "girlfriend", "brother", "brothers", "sister", "sisters", "grandkids",
    "grandchildren",
];

/// Words that make "my dog" something of the past or of someone else's ("my dog died", "when I
/// was a kid my dog ...", "my ex-wife"), after which nothing is implied.
fn is_past_or_lost(clause: &str) -> bool {
    static PAST: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i)\b(?:was|were|had|died|dies|passed|pass away|lost|lose|miss|missed|used to|late|ran away|put down|gone|ex|former|broke up|divorced?|divorcing|left|leaving|sick|cancer|funeral|heaven|rip|childhood|growing up|grew up|younger|someday|one day|going to|gonna|will|want|hope|plan|not|never|no)\b")
            .expect("past pattern")
    });
    PAST.is_match(clause)
}

/// The possessions "my <word>" in `clause` implies, as the facts "I have <word>" would give.
pub fn implied(clause: &str) -> Vec<Statement> {
    static MY: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i)\bmy\s+((?:two|three|four|five|2|3|4|5)\s+)?([a-z]+)\b([^\s]?)")
            .expect("my pattern")
    });
    if is_past_or_lost(clause) {
        return Vec::new();
    }
    let mut out: Vec<Statement> = Vec::new();
    for c in MY.captures_iter(clause) {
        let noun = c[2].to_lowercase();
        // "my sister-in-law": another relative.
        if !HELD.contains(&noun.as_str()) || &c[3] == "-" {
            continue;
        }
        let count = c.get(1).map(|n| n.as_str().trim().to_lowercase());
        let plural = noun.ends_with('s') || noun == "children" || noun == "puppies";
        let obj = match count {
            Some(n) => format!("{n} {noun}"),
            None if plural => noun,
            None => format!("a {noun}"),
        };
        for s in have(&obj, false, false) {
            // A hint must not replace what was said outright ("Is married" by "Has a wife").
            let single = matches!(&s, Statement::Fact(f)
                if super::resolve::SINGLE_VALUED.contains(&f.category));
            if !single && !out.contains(&s) {
                out.push(s);
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::rules::statement::Fact;

    fn descriptions(clause: &str) -> Vec<String> {
        implied(clause)
            .into_iter()
            .filter_map(|s| match s {
                Statement::Fact(Fact { description, .. }) => Some(description),
                _ => None,
            })
            .collect()
    }

    #[test]
    fn my_pets_and_children_are_had() {
        assert_eq!(
            descriptions("I like to go for walks with my dogs."),
            ["Has dogs"]
        );
        assert_eq!(
            descriptions("I'm just hanging out with my two dogs."),
            ["Has two dogs"]
        );
        assert_eq!(
            descriptions("I love to bake cookies, knit, and spend time with my dog."),
            ["Has a dog"]
        );
        assert!(descriptions("My dog passed away last year.").is_empty());
        assert_eq!(descriptions("My dog's name is Max."), ["Has a dog"]);
        assert!(descriptions("My sister-in-law is nice.").is_empty());
        assert!(descriptions("I love my mom.").is_empty());
        assert!(descriptions("I miss my cat.").is_empty());
    }
}
