//! Events: the outbox written with each change, the attempts made, and the lists of the API.

use super::{
    BadCursor, Page, Store, StoreError, cursor_decode, cursor_encode, decode, encode, keys,
};
use crate::domain::event::{Attempt, EventId, EventRecord, EventStatus};
use crate::domain::ids::{PersonaProfileId, ProjectId, UserProfileId};

/// An event and the body it sends, as a change writes them.
#[derive(Clone, Debug)]
pub struct NewEvent {
    pub record: EventRecord,
    pub payload: String,
}

/// An event still to deliver, as found at start.
#[derive(Clone, Debug)]
pub struct PendingEvent {
    pub project: ProjectId,
    pub record: EventRecord,
}

/// Which events a list shows.
#[derive(Clone, Debug, Default)]
pub struct EventFilter {
    pub status: Option<EventStatus>,
    pub user: Option<UserProfileId>,
    pub persona: Option<PersonaProfileId>,
}

impl EventFilter {
    fn matches(&self, e: &EventRecord) -> bool {
        self.status.is_none_or(|s| s == e.status)
            && self.user.as_ref().is_none_or(|u| *u == e.user_profile_id)
            && self
                .persona
                .as_ref()
                .is_none_or(|p| *p == e.persona_profile_id)
    }
}

impl Store {
    /// Every event whose delivery is not finished, in no particular order. An index entry
    /// whose record has moved on (a crash between the two writes of a status change) is
    /// cleaned up here.
    pub fn pending_events(&self) -> Result<Vec<PendingEvent>, StoreError> {
        let mut pending = Vec::new();
        for entry in self.inner.pending.iter() {
            let (key, _) = entry?;
            let (project, _) = keys::event_ids(&key)
                .ok_or_else(|| StoreError::Corrupt("a pending key does not decode".into()))?;
            let record: Option<EventRecord> = match self.inner.events.get(&key)? {
                Some(bytes) => Some(decode("event", &bytes)?),
                None => None,
            };
            match record {
                Some(record) if record.status == EventStatus::Pending => {
                    pending.push(PendingEvent { project, record })
                }
                _ => {
                    self.inner.pending.remove(&key)?;
                }
            }
        }
        Ok(pending)
    }

    pub fn event(
        &self,
        project: &ProjectId,
        id: &EventId,
    ) -> Result<Option<EventRecord>, StoreError> {
        match self.inner.events.get(keys::event(project, id))? {
            Some(bytes) => Ok(Some(decode("event", &bytes)?)),
            None => Ok(None),
        }
    }

    /// The exact body of an event.
    pub fn payload(
        &self,
        project: &ProjectId,
        id: &EventId,
    ) -> Result<Option<sled::IVec>, StoreError> {
        Ok(self.inner.payloads.get(keys::event(project, id))?)
    }

    pub fn attempts(&self, project: &ProjectId, id: &EventId) -> Result<Vec<Attempt>, StoreError> {
        self.inner
            .attempts
            .scan_prefix(keys::event(project, id))
            .map(|entry| {
                let (_, value) = entry?;
                decode("attempt", &value)
            })
            .collect()
    }

    /// Records an attempt and the event's new state. Neither flushed nor a transaction:
    /// delivery is at least once, so the writes go in the order that makes any crash between
    /// them cost one more attempt, never a lost event: the attempt, the record, and only then
    /// the end of its pending entry.
    pub fn record_attempt(
        &self,
        project: &ProjectId,
        record: &EventRecord,
        attempt: &Attempt,
    ) -> Result<(), StoreError> {
        let key = keys::event(project, &record.id);
        self.inner
            .attempts
            .insert(keys::attempt(&key, record.attempt_count), encode(attempt))?;
        self.save_record(&key, record)
    }

    /// Saves an event whose status changed without an attempt (superseded, redelivered,
    /// failed for want of a configuration).
    pub fn save_event(&self, project: &ProjectId, record: &EventRecord) -> Result<(), StoreError> {
        self.save_record(&keys::event(project, &record.id), record)
    }

    /// The pending index is entered before the record says pending, and left after it says
    /// otherwise; [`Store::pending_events`] drops entries a crash left behind.
    fn save_record(&self, key: &[u8], record: &EventRecord) -> Result<(), StoreError> {
        let inner = &self.inner;
        if record.status == EventStatus::Pending {
            inner.pending.insert(key, &[])?;
            inner.events.insert(key, encode(record))?;
        } else {
            inner.events.insert(key, encode(record))?;
            inner.pending.remove(key)?;
        }
        Ok(())
    }

    /// The project's events, newest first.
    pub fn events(
        &self,
        project: &ProjectId,
        filter: &EventFilter,
        cursor: Option<&str>,
        limit: usize,
    ) -> Result<Result<Page<EventRecord>, BadCursor>, StoreError> {
        let prefix = keys::project(project);
        let mut end = prefix.clone();
        match cursor {
            Some(cursor) => match cursor_decode(cursor) {
                // An event cursor is an event id.
                Ok(before) if before.len() == EventId::LEN => end.extend_from_slice(&before),
                Ok(_) => return Ok(Err(BadCursor)),
                Err(e) => return Ok(Err(e)),
            },
            // Past every 16-byte event id of this project.
            None => end.extend_from_slice(&[0xff; 17]),
        }
        let mut items = Vec::new();
        for entry in self.inner.events.range(prefix.clone()..end).rev() {
            let (key, value) = entry?;
            let record: EventRecord = decode("event", &value)?;
            if !filter.matches(&record) {
                continue;
            }
            if items.len() == limit {
                let last: &EventRecord = items.last().expect("limit is at least 1");
                return Ok(Ok(Page {
                    next_cursor: Some(cursor_encode(last.id.as_bytes())),
                    items,
                }));
            }
            debug_assert!(key.starts_with(&prefix));
            items.push(record);
        }
        Ok(Ok(Page {
            items,
            next_cursor: None,
        }))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::event::{EventId, EventKind};
    use crate::domain::ids::PairKey;
    use crate::domain::pair::PairState;
    use crate::domain::timestamp::UnixMillis;
    use crate::store::{Revision, StoreOptions};

    #[actix_web::test]
    async fn a_pending_entry_whose_record_moved_on_is_dropped_at_start() {
        let dir = tempfile::TempDir::new().unwrap();
        let store = Store::open(dir.path(), &StoreOptions::default(), |_| {}).unwrap();
        let pair = PairKey {
            project: "p".try_into().unwrap(),
            user: "u".try_into().unwrap(),
            persona: "q".try_into().unwrap(),
        };
        let record = EventRecord::new(
            EventId::new(),
            EventKind::MemoryChanged,
            pair.user.clone(),
            pair.persona.clone(),
            1,
            UnixMillis(0),
        );
        let event = NewEvent {
            record: record.clone(),
            payload: "{}".into(),
        };
        let state = PairState {
            version: 1,
            ..PairState::default()
        };
        let (_, durable) =
            store.commit_change(&pair, Revision::NEVER_WRITTEN, &state, Some(&event), None);
        durable.await.unwrap();
        assert_eq!(store.pending_events().unwrap().len(), 1);

        // A crash after the record said "delivered" but before the index entry went.
        let mut delivered = record;
        delivered.status = EventStatus::Delivered;
        let key = keys::event(&pair.project, &delivered.id);
        store.inner.events.insert(&key, encode(&delivered)).unwrap();
        assert!(store.pending_events().unwrap().is_empty());
        assert!(
            store.inner.pending.get(&key).unwrap().is_none(),
            "the stale entry is gone"
        );
    }
}
