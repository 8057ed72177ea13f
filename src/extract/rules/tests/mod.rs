//! The extractor on real sentences, most of them from Synthetic-Persona-Chat (validation split,
//! by Jandaghi et al., Google, CC BY 4.0, https://creativecommons.org/licenses/by/4.0/; quoted
//! unchanged or shortened), applied the way the pair's server applies it.

use proptest::prelude::*;

use super::extract;
use crate::domain::change::{Change, MemorySet, Update, apply};
use crate::domain::ids::MAX_ID_BYTES;
use crate::domain::memory::{MAX_DESCRIPTION_CHARS, MAX_TAGS, Memory, Target};
use crate::domain::message::{Message, Sender};
use crate::domain::timestamp::Timestamp;

mod recall;

/// A Wednesday.
const DATE: &str = "2026-04-15T12:00:00Z";

fn message(sender: Sender, text: &str) -> Message {
    Message {
        id: "m1".to_string().try_into().unwrap(),
        sender,
        date: Timestamp::parse(DATE).unwrap(),
        text: text.to_string().try_into().unwrap(),
    }
}

fn user(text: &str) -> Message {
    message(Sender::User, text)
}

fn persona(text: &str) -> Message {
    message(Sender::Persona, text)
}

/// One conversation update, as the server makes it: extract, apply, store.
fn push(state: &mut MemorySet, messages: &[Message]) -> Change {
    let proposed = extract(state, messages);
    let change = apply(
        state,
        &Update::Operations {
            delete: proposed.delete,
            upsert: proposed.upsert,
        },
    )
    .unwrap();
    state.apply_change(&change);
    change
}

/// What one USER message teaches an empty memory: (category, description) pairs.
fn learned(text: &str) -> Vec<(String, String)> {
    let mut state = MemorySet::default();
    push(&mut state, &[user(text)])
        .added
        .iter()
        .map(|m| {
            (
                m.category.as_str().to_owned(),
                m.description.as_str().to_owned(),
            )
        })
        .collect()
}

fn has(text: &str, category: &str, description: &str) {
    let got = learned(text);
    assert!(
        got.iter().any(|(c, d)| c == category && d == description),
        "{text:?} should give {category} {description:?}, gave {got:?}"
    );
}

fn keys(change: &Change) -> Vec<&str> {
    change
        .added
        .iter()
        .map(|m| m.unique_identifier.as_str())
        .collect()
}

#[test]
fn every_category_from_a_real_sentence() {
    for (text, category, description) in [
        ("Hi, my name is Larry.", "NAME", "Name is Larry"),
        ("My friends call me Sunny.", "NICKNAME", "Goes by Sunny"),
        ("I'm 100 years old.", "AGE", "Is 100 years old"),
        ("I am four.", "AGE", "Is four years old"),
        (
            "I was born on May 3, 1990.",
            "DATE_OF_BIRTH",
            "Was born on May 3, 1990",
        ),
        ("I am a boy.", "GENDER", "Is a boy"),
        ("I live in Alaska.", "LOCATION", "Lives in Alaska"),
        ("I'm from Somalia.", "NATIONALITY", "Is from Somalia"),
        (
            "I speak Spanish and French.",
            "LANGUAGE",
            "Speaks Spanish and French",
        ),
        ("I am a Buddhist.", "RELIGION", "Is a Buddhist"),
        (
            "I work as a car salesman.",
            "OCCUPATION",
            "Works as a car salesman",
        ),
        (
            "I'm studying psychology.",
            "EDUCATION",
            "Is studying psychology",
        ),
        (
            "I can move objects with my mind.",
            "SKILL",
            "Can move objects with their mind",
        ),
        ("I am very shy.", "PERSONALITY", "Is shy"),
        ("I have rainbow hair.", "APPEARANCE", "Has rainbow hair"),
        (
            "I'm allergic to peanuts.",
            "HEALTH",
            "Is allergic to peanuts",
        ),
        (
            "I am married to a doctor.",
            "RELATIONSHIP_STATUS",
            "Is married to a doctor",
        ),
        (
            "I'm vegan, so I eat a lot of hummus.",
            "FOOD_PREFERENCE",
            "Is vegan",
        ),
        (
            "My favorite food is shawarma.",
            "FOOD_PREFERENCE",
            "Favorite food is shawarma",
        ),
        (
            "I have a german shepherd named Barnaby.",
            "PET",
            "Has a german shepherd named Barnaby",
        ),
        (
            "We're getting married on May 3rd!",
            "EVENT",
            "Is getting married",
        ),
        (
            "My parents are very wealthy bankers.",
            "FAMILY",
            "Parents are very wealthy bankers",
        ),
        (
            "I love to bake cookies and knit.",
            "HOBBY",
            "Loves to bake cookies",
        ),
        (
            "I'm a big fan of Travis Scott.",
            "LIKE",
            "Is a big fan of Travis Scott",
        ),
        ("I hate my job.", "DISLIKE", "Hates their job"),
        ("I want to be a lawyer.", "GOAL", "Wants to be a lawyer"),
        ("I have superpowers.", "OTHER", "Has superpowers"),
    ] {
        has(text, category, description);
    }
}

#[test]
fn lists_become_one_fact_per_item() {
    let got = learned("I like to read, play video games, and watch movies.");
    let descriptions: Vec<&str> = got.iter().map(|(_, d)| d.as_str()).collect();
    assert_eq!(
        descriptions,
        [
            "Likes to play video games",
            "Likes to read",
            "Likes to watch movies"
        ]
    );
}

#[test]
fn the_sender_decides_the_target_and_the_key_prefix() {
    let mut state = MemorySet::default();
    let change = push(
        &mut state,
        &[
            user("I love to bake cookies."),
            persona("I can move objects with my mind."),
        ],
    );
    let by_key: Vec<(&str, Target)> = change
        .added
        .iter()
        .map(|m| (m.unique_identifier.as_str(), m.target))
        .collect();
    assert_eq!(
        by_key,
        [
            ("persona_can_move_objects_with_their_mind", Target::Persona),
            ("user_loves_to_bake_cookies", Target::User),
        ]
    );
}

#[test]
fn memories_carry_the_message_and_a_few_lower_case_tags() {
    let mut state = MemorySet::default();
    let change = push(
        &mut state,
        &[user("I've been living in Paris for 3 years now")],
    );
    let m: &Memory = &change.added[0];
    assert_eq!(m.unique_identifier.as_str(), "user_lives_in_paris");
    assert_eq!(
        m.source_text.as_str(),
        "I've been living in Paris for 3 years now"
    );
    assert_eq!(m.timestamp.to_string(), DATE);
    assert_eq!(m.tags.as_slice(), ["location", "paris"]);
    assert_eq!(m.event_start_date, None);
}

#[test]
fn a_restated_fact_is_no_change_and_keeps_its_key() {
    let mut state = MemorySet::default();
    let first = push(&mut state, &[user("I love dogs.")]);
    assert_eq!(keys(&first), ["user_loves_dogs"]);
    // The same turn again, and the same fact in other words.
    assert!(push(&mut state, &[user("I love dogs.")]).is_empty());
    assert!(push(&mut state, &[user("Oh, I really love dogs too!")]).is_empty());
    assert!(push(&mut state, &[persona("What kind?"), user("I love dogs")]).is_empty());
}

#[test]
fn a_single_valued_fact_replaces_the_old_one_with_a_reason() {
    let mut state = MemorySet::default();
    push(&mut state, &[user("I live in Paris.")]);
    let moved = push(&mut state, &[user("I just moved to Berlin!")]);
    assert_eq!(keys(&moved), ["user_moved_to_berlin"]);
    assert_eq!(moved.deleted.len(), 1);
    assert_eq!(
        moved.deleted[0].unique_identifier.as_str(),
        "user_lives_in_paris"
    );
    assert_eq!(
        moved.deleted[0].reason,
        "Replaced by more accurate location information"
    );

    push(&mut state, &[user("I'm a plumber.")]);
    let job = push(&mut state, &[user("I work as a school teacher.")]);
    assert_eq!(
        job.deleted[0].unique_identifier.as_str(),
        "user_is_a_plumber"
    );
    assert!(job.deleted[0].reason.contains("occupation"));

    push(&mut state, &[user("I'm 34")]);
    let older = push(&mut state, &[user("I just turned 35 yesterday!")]);
    assert_eq!(keys(&older), ["user_is_35_years_old"]);
    assert_eq!(
        older.deleted[0].unique_identifier.as_str(),
        "user_is_34_years_old"
    );
}

#[test]
fn two_values_in_one_message_or_with_also_are_both_kept() {
    let mut state = MemorySet::default();
    let both = push(
        &mut state,
        &[persona(
            "I'm a piano teacher on the side, but I'm also a software engineer.",
        )],
    );
    assert_eq!(both.added.len(), 2);
    let again = push(
        &mut state,
        &[persona("I also work as a custodian to help pay the bills.")],
    );
    assert!(again.deleted.is_empty());
}

#[test]
fn negations_delete_what_they_contradict() {
    let mut state = MemorySet::default();
    push(&mut state, &[user("I have a cat named Tom.")]);
    let gone = push(&mut state, &[user("I don't have a cat anymore.")]);
    assert_eq!(gone.deleted.len(), 1);
    assert_eq!(
        gone.deleted[0].unique_identifier.as_str(),
        "user_has_a_cat_named_tom"
    );
    assert!(
        gone.deleted[0]
            .reason
            .contains("I don't have a cat anymore")
    );

    push(&mut state, &[user("I eat meat every day.")]);
    let veg = push(&mut state, &[user("I stopped eating meat last year.")]);
    assert_eq!(
        veg.deleted[0].unique_identifier.as_str(),
        "user_eats_meat_every_day"
    );
    assert_eq!(keys(&veg), ["user_stopped_eating_meat_last_year"]);

    push(&mut state, &[user("I work as a nurse.")]);
    let quit = push(
        &mut state,
        &[user("I quit my job to pursue my spirituality full time.")],
    );
    assert_eq!(
        quit.deleted[0].unique_identifier.as_str(),
        "user_works_as_a_nurse"
    );

    push(&mut state, &[user("I love jazz.")]);
    let taste = push(&mut state, &[user("I don't like jazz anymore.")]);
    assert_eq!(
        taste.deleted[0].unique_identifier.as_str(),
        "user_loves_jazz"
    );
    assert_eq!(keys(&taste), ["user_doesnt_like_jazz"]);
}

#[test]
fn a_fact_does_not_delete_an_unrelated_one() {
    let mut state = MemorySet::default();
    push(&mut state, &[user("I have a dog named Max.")]);
    let change = push(&mut state, &[user("I don't have a cat.")]);
    assert!(change.deleted.is_empty());
}

#[test]
fn questions_hypotheticals_and_small_talk_are_not_facts() {
    for text in [
        "Do you have a dog?",
        "What's your name?",
        "So, what do you do for a living?",
        "I'm sorry to hear that.",
        "I'm glad you're using your time to help others.",
        "I'm not sure.",
        "I'm doing well, thanks!",
        "I'm a little bored, but I'm trying to keep busy.",
        "If I lived in Paris, I would go to the Louvre every day.",
        "I wish I had a cat.",
        "I would love to!",
        "I'd love to try it sometime.",
        "I love that!",
        "I think so too.",
        "I know what you mean.",
        "I'll have to try it sometime.",
        "That sounds like a lot of fun!",
    ] {
        assert_eq!(learned(text), [] as [(String, String); 0], "{text:?}");
    }
}

#[test]
fn a_tag_question_does_not_hide_the_statement_before_it() {
    has("I love hiking, do you?", "HOBBY", "Loves hiking");
}

#[test]
fn statements_about_other_people_are_not_facts_about_the_speaker() {
    let got = learned("My sister lives in Rome.");
    assert_eq!(
        got,
        [("FAMILY".to_string(), "Sister lives in Rome".to_string())]
    );
    for text in [
        "He's a German Shepherd.",
        "She's a child prodigy.",
        "They're constantly on my back about everything.",
        "You should get one!",
        "Your dog sounds lovely.",
    ] {
        assert!(
            learned(text)
                .iter()
                .all(|(c, _)| c == "FAMILY" || c == "OTHER"),
            "{text:?}"
        );
        assert!(
            learned(text)
                .iter()
                .all(|(c, _)| c != "LOCATION" && c != "PET"),
            "{text:?}"
        );
    }
}

#[test]
fn events_get_dates_from_the_message_date() {
    let mut state = MemorySet::default();
    let change = push(&mut state, &[user("I have a job interview tomorrow.")]);
    let m = &change.added[0];
    assert_eq!(m.category.as_str(), "EVENT");
    assert_eq!(m.description.as_str(), "Has a job interview");
    assert_eq!(m.event_start_date.unwrap().to_string(), "2026-04-16");

    let trip = push(
        &mut state,
        &[user("I'm going to Tokyo from June 5 to June 9.")],
    );
    let m = &trip.added[0];
    assert_eq!(m.description.as_str(), "Is going to Tokyo");
    assert_eq!(m.event_start_date.unwrap().to_string(), "2026-06-05");
    assert_eq!(m.event_end_date.unwrap().to_string(), "2026-06-09");

    // An appointment without a date is not worth a memory.
    assert_eq!(learned("I have a meeting."), [] as [(String, String); 0]);
}

#[test]
fn a_short_answer_to_a_question_is_a_fact() {
    let mut state = MemorySet::default();
    let change = push(
        &mut state,
        &[user("What's your favorite color?"), persona("Orange!")],
    );
    assert_eq!(keys(&change), ["persona_favorite_color"]);
    assert_eq!(
        change.added[0].description.as_str(),
        "Favorite color is Orange"
    );
    // A new favorite replaces the old one under the same key.
    let change = push(&mut state, &[persona("My favorite color is blue.")]);
    assert_eq!(
        change.added[0].description.as_str(),
        "Favorite color is blue"
    );
    assert!(change.deleted.is_empty());
    assert_eq!(state.len(), 1);

    let mut state = MemorySet::default();
    let change = push(
        &mut state,
        &[
            user("I like the color blue. My favorite color is blue. What's yours?"),
            persona("Mine is navy blue."),
        ],
    );
    assert!(
        change
            .added
            .iter()
            .any(|m| m.description.as_str() == "Favorite color is navy blue")
    );
    let change = push(
        &mut state,
        &[user("Who's your favorite skater?"), persona("Rob Dryden.")],
    );
    assert_eq!(
        change.added[0].description.as_str(),
        "Favorite skater is Rob Dryden"
    );
}

fn assert_valid(m: &Memory) {
    let key = m.unique_identifier.as_str();
    assert!(key.len() <= MAX_ID_BYTES && !key.chars().any(char::is_control));
    assert!(m.description.as_str().chars().count() <= MAX_DESCRIPTION_CHARS);
    assert!(m.tags.as_slice().len() <= MAX_TAGS);
}

#[test]
fn odd_and_long_input_gives_valid_memories() {
    let long = format!("I love {}.", "very long words ".repeat(600));
    let emoji = "I love 🍕 and 🐶!!! I live in 東京 😀 I have a dog named 🐕";
    let many = "I like cats. ".repeat(700);
    for text in [
        long.as_str(),
        emoji,
        many.as_str(),
        "?!?!",
        "",
        "I",
        "my",
        "I am",
        "...I...my...we",
    ] {
        let mut state = MemorySet::default();
        for m in push(&mut state, &[user(text)]).added {
            assert_valid(&m);
        }
    }
    let mut state = MemorySet::default();
    let tokyo = push(&mut state, &[user("I live in 東京")]);
    assert_eq!(keys(&tokyo), ["user_lives_in_東京"]);
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn never_panics_and_repeats_are_no_change(
        words in prop::collection::vec(
            prop::sample::select(vec![
                "I", "I'm", "my", "we", "am", "not", "don't", "have", "a", "cat", "named", "Max",
                "love", "live", "in", "Paris", "work", "as", "nurse", "favorite", "food", "is",
                "pizza", ",", ".", "?", "!", "and", "but", "tomorrow", "on", "May", "3rd", "😀",
                "東京", "anymore", "quit", "job", "moved", "to", "34", "years", "old", "sister",
                "used", "stopped", "eating", "meat", "'", "\"", "-", "…", "if", "would",
            ]),
            0..40,
        ),
    ) {
        let text = words.join(" ");
        let mut state = MemorySet::default();
        let first = push(&mut state, &[user(&text), persona(&text)]);
        for m in &first.added {
            assert_valid(m);
        }
        prop_assert!(push(&mut state, &[user(&text), persona(&text)]).is_empty());
    }
}
