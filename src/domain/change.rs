//! SPEC §3: applying an update to a pair's memory and working out exactly what changed.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::ids::MemoryKey;
use super::memory::{Deletion, Memory};

/// Reason given when a memory is deleted without one.
pub const REASON_DELETED: &str = "Deleted on request";
/// Reason for `DELETE .../memories` and `DELETE .../memories/{key}`.
pub const REASON_FORGOTTEN: &str = "Forgotten on request";
/// Reason for memories left out of a `PUT .../memories`.
pub const REASON_REPLACED: &str = "Not in the replacement memory set";

/// Most memories one pair may hold; beyond this an update is refused. Bounds the size of a
/// FULL_STATE payload and of a pair actor's cache.
pub const MAX_MEMORIES_PER_PAIR: usize = 10_000;

/// A pair's memories keyed by `uniqueIdentifier`; iteration is in key order, which is the order
/// every answer and payload uses.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(from = "Vec<Memory>", into = "Vec<Memory>")]
pub struct MemorySet(BTreeMap<MemoryKey, Memory>);

impl MemorySet {
    pub fn len(&self) -> usize {
        self.0.len()
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    pub fn get(&self, key: &MemoryKey) -> Option<&Memory> {
        self.0.get(key)
    }

    pub fn iter(&self) -> impl Iterator<Item = &Memory> {
        self.0.values()
    }

    /// Applies a change computed by [`apply`] against this set.
    pub fn apply_change(&mut self, change: &Change) {
        for d in &change.deleted {
            self.0.remove(&d.unique_identifier);
        }
        for m in &change.added {
            self.0.insert(m.unique_identifier.clone(), m.clone());
        }
    }
}

impl From<Vec<Memory>> for MemorySet {
    fn from(memories: Vec<Memory>) -> Self {
        Self(
            memories
                .into_iter()
                .map(|m| (m.unique_identifier.clone(), m))
                .collect(),
        )
    }
}

impl From<MemorySet> for Vec<Memory> {
    fn from(set: MemorySet) -> Vec<Memory> {
        set.0.into_values().collect()
    }
}

/// What one update asks for.
#[derive(Clone, Debug)]
pub enum Update {
    /// Explicit operations: the deletes apply first, then the upserts, so deleting and
    /// re-adding a key in one update replaces it.
    Operations {
        delete: Vec<Deletion>,
        upsert: Vec<Memory>,
    },
    /// `PUT .../memories`: the pair's memory becomes exactly this set.
    Replace(Vec<Memory>),
    /// `DELETE .../memories`: every memory is forgotten.
    ForgetAll,
}

/// The net effect of one update, both lists sorted by `uniqueIdentifier`.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Change {
    pub added: Vec<Memory>,
    pub deleted: Vec<Deletion>,
}

impl Change {
    pub fn is_empty(&self) -> bool {
        self.added.is_empty() && self.deleted.is_empty()
    }
}

/// The update would leave the pair with more memories than it may hold.
#[derive(Debug, PartialEq, Eq)]
pub struct TooManyMemories {
    pub would_hold: usize,
}

/// Works out the net change `update` makes to `current`.
///
/// A memory written with the content it already has is no change (the stored copy, with its
/// original `timestamp` and `sourceText`, stays); a delete of a missing key is no change.
pub fn apply(current: &MemorySet, update: &Update) -> Result<Change, TooManyMemories> {
    let replaced;
    let forgotten;
    let (deletes, upserts): (&[Deletion], &[Memory]) = match update {
        Update::Operations { delete, upsert } => (delete, upsert),
        Update::Replace(memories) => {
            let keep: std::collections::BTreeSet<&MemoryKey> =
                memories.iter().map(|m| &m.unique_identifier).collect();
            let deletes = current
                .0
                .keys()
                .filter(|k| !keep.contains(k))
                .map(|k| Deletion {
                    unique_identifier: k.clone(),
                    reason: REASON_REPLACED.into(),
                })
                .collect::<Vec<_>>();
            replaced = deletes;
            (&replaced, memories)
        }
        Update::ForgetAll => {
            forgotten = current
                .0
                .keys()
                .map(|k| Deletion {
                    unique_identifier: k.clone(),
                    reason: REASON_FORGOTTEN.into(),
                })
                .collect::<Vec<_>>();
            (&forgotten, &[])
        }
    };

    // The state after every operation, in order; then compare it with `current`.
    let mut next: BTreeMap<&MemoryKey, Option<&Memory>> = BTreeMap::new();
    let mut reasons: BTreeMap<&MemoryKey, &str> = BTreeMap::new();
    for d in deletes {
        next.insert(&d.unique_identifier, None);
        reasons.insert(&d.unique_identifier, &d.reason);
    }
    for m in upserts {
        next.insert(&m.unique_identifier, Some(m));
    }

    let mut change = Change::default();
    let mut size = current.len();
    for (key, after) in next {
        match (current.get(key), after) {
            (Some(_), None) => {
                size -= 1;
                change.deleted.push(Deletion {
                    unique_identifier: key.clone(),
                    reason: reasons
                        .get(key)
                        .copied()
                        .unwrap_or(REASON_DELETED)
                        .to_owned(),
                });
            }
            (Some(before), Some(after)) if before.same_content(after) => {}
            (Some(_), Some(after)) => change.added.push(after.clone()),
            (None, Some(after)) => {
                size += 1;
                change.added.push(after.clone());
            }
            (None, None) => {}
        }
    }
    if size > MAX_MEMORIES_PER_PAIR {
        return Err(TooManyMemories { would_hold: size });
    }
    Ok(change)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::memory::{Category, Description, SourceText, Tags, Target};
    use crate::domain::timestamp::Timestamp;
    use proptest::prelude::*;

    fn memory(key: &str, description: &str, tags: &[&str], at: &str) -> Memory {
        Memory {
            unique_identifier: MemoryKey::try_from(key).unwrap(),
            target: Target::User,
            category: Category::known("LOCATION"),
            description: Description::try_from(description.to_string()).unwrap(),
            event_start_date: None,
            event_end_date: None,
            source_text: SourceText::try_from(format!("said at {at}")).unwrap(),
            timestamp: Timestamp::parse(at).unwrap(),
            tags: Tags::try_from(tags.iter().map(|t| t.to_string()).collect::<Vec<_>>()).unwrap(),
        }
    }

    fn key(k: &str) -> MemoryKey {
        MemoryKey::try_from(k).unwrap()
    }

    const T1: &str = "2026-01-01T00:00:00Z";
    const T2: &str = "2026-02-01T00:00:00Z";

    #[test]
    fn writing_identical_content_is_no_change_and_keeps_the_stored_copy() {
        let current = MemorySet::from(vec![memory(
            "home",
            "Lives in Paris",
            &["paris", "home"],
            T1,
        )]);
        // Same content, other timestamp, source text and tag order.
        let again = memory("home", "Lives in Paris", &["HOME", "paris"], T2);
        let change = apply(
            &current,
            &Update::Operations {
                delete: vec![],
                upsert: vec![again],
            },
        )
        .unwrap();
        assert!(change.is_empty());
    }

    #[test]
    fn delete_then_readd_with_identical_content_is_no_change() {
        let current = MemorySet::from(vec![memory("home", "Lives in Paris", &[], T1)]);
        let update = Update::Operations {
            delete: vec![Deletion {
                unique_identifier: key("home"),
                reason: "moved".into(),
            }],
            upsert: vec![memory("home", "Lives in Paris", &[], T2)],
        };
        assert!(apply(&current, &update).unwrap().is_empty());
    }

    #[test]
    fn deleting_a_missing_key_is_no_change() {
        let update = Update::Operations {
            delete: vec![Deletion {
                unique_identifier: key("nope"),
                reason: "x".into(),
            }],
            upsert: vec![],
        };
        assert!(apply(&MemorySet::default(), &update).unwrap().is_empty());
    }

    #[test]
    fn new_content_under_an_existing_key_is_added_not_deleted() {
        let current = MemorySet::from(vec![memory("home", "Lives in Paris", &[], T1)]);
        let moved = memory("home", "Lives in Berlin", &[], T2);
        let change = apply(
            &current,
            &Update::Operations {
                delete: vec![],
                upsert: vec![moved.clone()],
            },
        )
        .unwrap();
        assert_eq!(change.added, vec![moved]);
        assert!(change.deleted.is_empty());
    }

    #[test]
    fn replace_deletes_what_the_new_set_leaves_out() {
        let current = MemorySet::from(vec![memory("a", "A", &[], T1), memory("b", "B", &[], T1)]);
        let change = apply(
            &current,
            &Update::Replace(vec![memory("b", "B", &[], T2), memory("c", "C", &[], T2)]),
        )
        .unwrap();
        assert_eq!(
            change
                .added
                .iter()
                .map(|m| m.unique_identifier.as_str())
                .collect::<Vec<_>>(),
            ["c"]
        );
        assert_eq!(
            change.deleted,
            vec![Deletion {
                unique_identifier: key("a"),
                reason: REASON_REPLACED.into()
            }]
        );
    }

    #[test]
    fn forget_all_deletes_every_memory_with_the_forgotten_reason() {
        let current = MemorySet::from(vec![memory("a", "A", &[], T1), memory("b", "B", &[], T1)]);
        let change = apply(&current, &Update::ForgetAll).unwrap();
        assert_eq!(change.deleted.len(), 2);
        assert!(change.deleted.iter().all(|d| d.reason == REASON_FORGOTTEN));
        assert!(
            apply(&MemorySet::default(), &Update::ForgetAll)
                .unwrap()
                .is_empty()
        );
    }

    #[test]
    fn a_pair_cannot_grow_past_its_limit() {
        let many: Vec<Memory> = (0..=MAX_MEMORIES_PER_PAIR)
            .map(|i| memory(&format!("k{i}"), "d", &[], T1))
            .collect();
        let err = apply(&MemorySet::default(), &Update::Replace(many)).unwrap_err();
        assert_eq!(err.would_hold, MAX_MEMORIES_PER_PAIR + 1);
    }

    fn arb_memory() -> impl Strategy<Value = Memory> {
        (
            "[a-e]",
            prop::sample::select(vec!["Paris", "Berlin", "Rome"]),
            prop::collection::vec(prop::sample::select(vec!["x", "y", "Z", " z "]), 0..3),
            prop::sample::select(vec![T1, T2]),
        )
            .prop_map(|(k, d, tags, at)| memory(&k, d, &tags, at))
    }

    fn arb_update() -> impl Strategy<Value = Update> {
        prop_oneof![
            (
                prop::collection::vec("[a-e]", 0..4),
                prop::collection::vec(arb_memory(), 0..5)
            )
                .prop_map(|(del, upsert)| {
                    // Later upserts of a key win, as in the map; keep one per key for a
                    // well-formed update (the API refuses duplicates).
                    let mut seen = std::collections::BTreeSet::new();
                    let upsert = upsert
                        .into_iter()
                        .rev()
                        .filter(|m| seen.insert(m.unique_identifier.clone()))
                        .collect();
                    Update::Operations {
                        delete: del
                            .into_iter()
                            .map(|k| Deletion {
                                unique_identifier: key(&k),
                                reason: "r".into(),
                            })
                            .collect(),
                        upsert,
                    }
                }),
            prop::collection::vec(arb_memory(), 0..5).prop_map(|ms| {
                let mut seen = std::collections::BTreeSet::new();
                Update::Replace(
                    ms.into_iter()
                        .filter(|m| seen.insert(m.unique_identifier.clone()))
                        .collect(),
                )
            }),
            Just(Update::ForgetAll),
        ]
    }

    /// The state an update asks for, computed the naive way.
    fn intended(current: &MemorySet, update: &Update) -> BTreeMap<MemoryKey, Memory> {
        let mut state = current.0.clone();
        match update {
            Update::Operations { delete, upsert } => {
                for d in delete {
                    state.remove(&d.unique_identifier);
                }
                for m in upsert {
                    state.insert(m.unique_identifier.clone(), m.clone());
                }
            }
            Update::Replace(ms) => {
                state = ms
                    .iter()
                    .map(|m| (m.unique_identifier.clone(), m.clone()))
                    .collect();
            }
            Update::ForgetAll => state.clear(),
        }
        state
    }

    proptest! {
        #[test]
        fn applying_the_change_gives_the_intended_state(
            start in prop::collection::vec(arb_memory(), 0..5),
            update in arb_update(),
        ) {
            let current = MemorySet::from(start);
            let want = intended(&current, &update);
            let change = apply(&current, &update).unwrap();
            let mut got = current.clone();
            got.apply_change(&change);
            prop_assert_eq!(got.0.keys().collect::<Vec<_>>(), want.keys().collect::<Vec<_>>());
            for (k, m) in &want {
                prop_assert!(got.0[k].same_content(m));
            }
            // Output is sorted by key and every entry is a real change.
            prop_assert!(change.added.windows(2).all(|w| w[0].unique_identifier < w[1].unique_identifier));
            prop_assert!(change.deleted.windows(2).all(|w| w[0].unique_identifier < w[1].unique_identifier));
            for m in &change.added {
                prop_assert!(current.get(&m.unique_identifier).is_none_or(|old| !old.same_content(m)));
            }
            for d in &change.deleted {
                prop_assert!(current.get(&d.unique_identifier).is_some());
            }
        }

        #[test]
        fn the_same_update_twice_is_no_change_the_second_time(
            start in prop::collection::vec(arb_memory(), 0..5),
            update in arb_update(),
        ) {
            let mut state = MemorySet::from(start);
            let first = apply(&state, &update).unwrap();
            state.apply_change(&first);
            prop_assert!(apply(&state, &update).unwrap().is_empty());
        }
    }
}
