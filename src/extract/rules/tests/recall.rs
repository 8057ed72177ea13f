//! Sentences that the recall work on Synthetic-Persona-Chat taught the extractor: verb phrases
//! split into facts, what "my dogs" implies, favorites named by the clause before, and job
//! titles said more exactly. Same source and licence as the parent module.

use super::*;

#[test]
fn what_the_work_is_about_keeps_the_job_title() {
    let mut state = MemorySet::default();
    push(&mut state, &[persona("I'm a school teacher.")]);
    let more = push(&mut state, &[persona("I teach second grade.")]);
    assert!(more.deleted.is_empty());
    push(&mut state, &[user("I'm a plumber.")]);
    let work = push(
        &mut state,
        &[user("I work on all sorts of different things.")],
    );
    assert!(work.deleted.is_empty());
}

#[test]
fn new_homes_titles_of_small_words_and_times_said_first() {
    has(
        "I just moved into my first home.",
        "OTHER",
        "Moved into their first home",
    );
    has(
        "I just moved to this country and I'm still getting settled in.",
        "OTHER",
        "Moved to this country",
    );
    has(
        "My favorite band is The Who.",
        "LIKE",
        "Favorite band is The Who",
    );
    has(
        "On weekends I do live action roleplaying events.",
        "HOBBY",
        "Does live action roleplaying events on weekends",
    );
    // A home says nothing of the town: the town stays.
    let mut state = MemorySet::default();
    push(&mut state, &[user("I live in Paris.")]);
    let moved = push(&mut state, &[user("I just moved into a new apartment.")]);
    assert!(moved.deleted.is_empty());
}

#[test]
fn my_dogs_in_a_pastime_say_the_speaker_has_dogs() {
    has(
        "I like to play chess, take bubble baths, and spend time with my dogs.",
        "PET",
        "Has dogs",
    );
    has(
        "I'm just hanging out with my two dogs.",
        "PET",
        "Has two dogs",
    );
}

#[test]
fn a_more_exact_name_of_the_same_job_keeps_the_first() {
    let mut state = MemorySet::default();
    push(&mut state, &[persona("I'm a doctor.")]);
    let exact = push(&mut state, &[persona("I'm a pediatrician.")]);
    assert!(exact.deleted.is_empty());
    push(&mut state, &[user("I'm a nurse.")]);
    let exact = push(&mut state, &[user("I'm a pediatric nurse.")]);
    assert!(exact.deleted.is_empty());
}

#[test]
fn a_second_verb_after_and_is_a_second_fact() {
    has(
        "I'm a recording engineer and own my own studio.",
        "OCCUPATION",
        "Is a recording engineer",
    );
    has(
        "I'm a recording engineer and own my own studio.",
        "OTHER",
        "Owns their own studio",
    );
}

#[test]
fn a_favorite_takes_its_kind_from_the_clause_before() {
    has(
        "I like a lot of different kinds of music, but my favorite is probably rock.",
        "LIKE",
        "Favorite music is rock",
    );
    has(
        "I like a lot of different bands, but my favorites are probably Metallica, Guns N' Roses, and AC/DC.",
        "LIKE",
        "Favorite bands are Metallica, Guns N' Roses, and AC/DC",
    );
    has(
        "I love a lot of movies, but my favorite is probably The Wizard of Oz.",
        "LIKE",
        "Favorite movie is The Wizard of Oz",
    );
}

#[test]
fn fantasies_and_few_friends() {
    has(
        "I fantasize about taking over the world.",
        "OTHER",
        "Fantasizes about taking over the world",
    );
    has(
        "I don't have many friends.",
        "OTHER",
        "Doesn't have many friends",
    );
}

#[test]
fn a_relative_clause_about_the_speaker_is_a_second_fact() {
    let said = "I'm an electrician who works on my parent's farm.";
    has(said, "OCCUPATION", "Is an electrician");
    let mut state = MemorySet::default();
    let change = push(&mut state, &[user(said)]);
    assert_eq!(change.added.len(), 2, "{:?}", change.added);
    let mut state = MemorySet::default();
    push(&mut state, &[user("I'm in the army.")]);
    let medic = push(&mut state, &[user("I'm a medic.")]);
    assert!(medic.deleted.is_empty());
}

#[test]
fn my_husband_in_passing_does_not_replace_being_married() {
    let mut state = MemorySet::default();
    push(&mut state, &[user("I'm married.")]);
    let change = push(&mut state, &[user("I like to go hiking with my husband.")]);
    assert!(change.deleted.is_empty(), "{:?}", change.deleted);
}

#[test]
fn work_in_it_and_on_the_family_farm() {
    has("I work in IT.", "OCCUPATION", "Works in IT");
    has(
        "I work my parents' farm.",
        "OCCUPATION",
        "Works their parents' farm",
    );
    let mut state = MemorySet::default();
    push(&mut state, &[user("I'm an electrician.")]);
    let farm = push(&mut state, &[user("I work my parents' farm.")]);
    assert!(farm.deleted.is_empty());
}

#[test]
fn school_not_finished() {
    has(
        "I didn't graduate high school.",
        "EDUCATION",
        "Didn't graduate high school",
    );
}

#[test]
fn trying_many_kinds_is_a_pastime() {
    has(
        "I try various coffees as a hobby.",
        "HOBBY",
        "Tries various coffees as a hobby",
    );
    assert_eq!(learned("I try my best."), [] as [(String, String); 0]);
}
