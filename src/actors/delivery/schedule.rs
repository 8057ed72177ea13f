//! The delivery plan, free of actix and I/O: which event of which pair goes next, when, and
//! whether its endpoint has room.
//!
//! - Per pair, only the head (lowest version) is ever due or in flight (SPEC §5 ordering).
//! - One ordered set of due times serves every pair, so the actor needs a single timer however
//!   many events wait (100,000 events on a dead endpoint cost a queue entry each).
//! - Per project, at most `concurrency` attempts are in flight; due heads beyond that wait in
//!   the project's own line, so one slow endpoint never holds another project's slots.

use std::collections::{BTreeSet, HashMap, VecDeque};

use crate::domain::event::{EventKind, EventRecord};
use crate::domain::ids::{PairKey, ProjectId};
use crate::domain::timestamp::UnixMillis;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Head {
    /// Due at this time; the entry `(at, seq)` is in `Schedule::due`.
    Due(UnixMillis, u64),
    /// Due, but its endpoint is full.
    Waiting,
    InFlight,
}

#[derive(Debug)]
struct PairQueue {
    /// Pending events in version order.
    events: VecDeque<EventRecord>,
    head: Option<Head>,
}

#[derive(Debug, Default)]
struct Endpoint {
    in_flight: usize,
    waiting: VecDeque<PairKey>,
}

#[derive(Debug)]
pub struct Schedule {
    pairs: HashMap<PairKey, PairQueue>,
    due: BTreeSet<(UnixMillis, u64, PairKey)>,
    endpoints: HashMap<ProjectId, Endpoint>,
    concurrency: usize,
    seq: u64,
    len: usize,
}

/// An attempt to make now.
pub type Start = (PairKey, EventRecord);

impl Schedule {
    pub fn new(concurrency: usize) -> Self {
        Self {
            pairs: HashMap::new(),
            due: BTreeSet::new(),
            endpoints: HashMap::new(),
            concurrency: concurrency.max(1),
            seq: 0,
            len: 0,
        }
    }

    /// Events waiting or in flight.
    pub fn len(&self) -> usize {
        self.len
    }

    /// When the earliest due head is due.
    pub fn next_due(&self) -> Option<UnixMillis> {
        self.due.first().map(|(at, _, _)| *at)
    }

    /// Adds a pending event in version order. An event already planned is ignored (the same
    /// event can be announced by its change and found in the store at start). Answers the
    /// `memory.updated` events this one makes obsolete, now `superseded`.
    pub fn add(&mut self, pair: PairKey, record: EventRecord) -> Vec<EventRecord> {
        let queue = self.pairs.entry(pair.clone()).or_insert_with(|| PairQueue {
            events: VecDeque::new(),
            head: None,
        });
        let position = queue.events.partition_point(|e| e.version < record.version);
        if queue
            .events
            .get(position)
            .is_some_and(|e| e.id == record.id)
        {
            return Vec::new();
        }
        // Never in front of an attempt under way.
        let position = if queue.head == Some(Head::InFlight) {
            position.max(1)
        } else {
            position
        };
        queue.events.insert(position, record);
        self.len += 1;
        if position == 0 {
            // A new head (a redelivered older event) is due at its own time.
            self.unplan_head(&pair);
        }
        let superseded = self.supersede_obsolete(&pair);
        self.plan_head(&pair);
        superseded
    }

    /// Takes every head due by `now` whose endpoint has room; the others wait in line.
    pub fn take_due(&mut self, now: UnixMillis) -> Vec<Start> {
        let mut starts = Vec::new();
        while let Some((at, _, _)) = self.due.first() {
            if *at > now {
                break;
            }
            let (_, _, pair) = self.due.pop_first().expect("just looked");
            let endpoint = self.endpoints.entry(pair.project.clone()).or_default();
            let queue = self.pairs.get_mut(&pair).expect("a due pair has a queue");
            if endpoint.in_flight < self.concurrency {
                endpoint.in_flight += 1;
                queue.head = Some(Head::InFlight);
                starts.push((pair, queue.events[0].clone()));
            } else {
                queue.head = Some(Head::Waiting);
                endpoint.waiting.push_back(pair);
            }
        }
        starts
    }

    /// The attempt on the pair's head ended and `record` is what it came to. Answers the events
    /// superseded as a result, and attempts the freed endpoint slot allows now.
    pub fn finish(
        &mut self,
        pair: &PairKey,
        record: EventRecord,
    ) -> (Vec<EventRecord>, Vec<Start>) {
        let mut superseded = Vec::new();
        if let Some(queue) = self.pairs.get_mut(pair) {
            debug_assert_eq!(queue.head, Some(Head::InFlight));
            queue.head = None;
            if queue.events.front().is_some_and(|e| e.id == record.id) {
                if record.status == crate::domain::event::EventStatus::Pending {
                    queue.events[0] = record;
                    superseded = self.supersede_obsolete(pair);
                } else {
                    queue.events.pop_front();
                    self.len -= 1;
                }
            }
            self.plan_head(pair);
        }
        let mut starts = Vec::new();
        if let Some(endpoint) = self.endpoints.get_mut(&pair.project) {
            endpoint.in_flight -= 1;
            while endpoint.in_flight < self.concurrency {
                let Some(next) = endpoint.waiting.pop_front() else {
                    break;
                };
                let Some(queue) = self.pairs.get_mut(&next) else {
                    continue;
                };
                if queue.head != Some(Head::Waiting) {
                    continue;
                }
                endpoint.in_flight += 1;
                queue.head = Some(Head::InFlight);
                starts.push((next, queue.events[0].clone()));
            }
            if endpoint.in_flight == 0 && endpoint.waiting.is_empty() {
                self.endpoints.remove(&pair.project);
            }
        }
        (superseded, starts)
    }

    /// Removes the pair's `memory.updated` events that a later one makes obsolete, except an
    /// attempt under way (it is judged when it ends).
    fn supersede_obsolete(&mut self, pair: &PairKey) -> Vec<EventRecord> {
        let queue = self.pairs.get_mut(pair).expect("caller made the queue");
        let Some(latest) = queue
            .events
            .iter()
            .rposition(|e| e.event == EventKind::MemoryUpdated)
        else {
            return Vec::new();
        };
        let in_flight = queue.head == Some(Head::InFlight);
        let mut superseded = Vec::new();
        let mut kept = VecDeque::with_capacity(queue.events.len());
        for (index, mut event) in queue.events.drain(..).enumerate() {
            let obsolete = index < latest
                && event.event == EventKind::MemoryUpdated
                && !(index == 0 && in_flight);
            if obsolete {
                event.supersede();
                superseded.push(event);
            } else {
                kept.push_back(event);
            }
        }
        if !superseded.is_empty() && !in_flight {
            // The head may have been one of them: plan afresh.
            self.unplan_head(pair);
        }
        let queue = self.pairs.get_mut(pair).expect("still there");
        queue.events = kept;
        self.len -= superseded.len();
        superseded
    }

    fn unplan_head(&mut self, pair: &PairKey) {
        let queue = self.pairs.get_mut(pair).expect("caller made the queue");
        match queue.head.take() {
            Some(Head::Due(at, seq)) => {
                self.due.remove(&(at, seq, pair.clone()));
            }
            // Its place in the endpoint's line is skipped when reached.
            Some(Head::Waiting) | None => {}
            Some(Head::InFlight) => queue.head = Some(Head::InFlight),
        }
    }

    /// Makes the pair's head due, or drops an empty queue.
    fn plan_head(&mut self, pair: &PairKey) {
        let queue = self.pairs.get_mut(pair).expect("caller made the queue");
        if queue.head.is_some() {
            return;
        }
        let Some(head) = queue.events.front() else {
            self.pairs.remove(pair);
            return;
        };
        let at = head.next_attempt_at.unwrap_or(head.created_at);
        self.seq += 1;
        queue.head = Some(Head::Due(at, self.seq));
        self.due.insert((at, self.seq, pair.clone()));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::event::{EventId, EventStatus};

    fn pair(user: &str) -> PairKey {
        pair_in("p", user)
    }

    fn pair_in(project: &str, user: &str) -> PairKey {
        PairKey {
            project: project.try_into().unwrap(),
            user: user.try_into().unwrap(),
            persona: "persona".try_into().unwrap(),
        }
    }

    fn event(kind: EventKind, version: u64, at: i64) -> EventRecord {
        EventRecord::new(
            EventId::new(),
            kind,
            "u".try_into().unwrap(),
            "persona".try_into().unwrap(),
            version,
            UnixMillis(at),
        )
    }

    fn versions(starts: &[Start]) -> Vec<u64> {
        starts.iter().map(|(_, e)| e.version).collect()
    }

    #[test]
    fn a_pair_sends_one_event_at_a_time_in_version_order() {
        let mut s = Schedule::new(8);
        let a = pair("a");
        // Announced out of order, planned in order.
        s.add(a.clone(), event(EventKind::MemoryChanged, 2, 0));
        s.add(a.clone(), event(EventKind::MemoryChanged, 1, 0));
        let started = s.take_due(UnixMillis(0));
        assert_eq!(versions(&started), [1]);
        assert!(
            s.take_due(UnixMillis(10)).is_empty(),
            "version 2 waits for version 1"
        );
        let (_, mut first) = started.into_iter().next().unwrap();
        first.status = EventStatus::Delivered;
        s.finish(&a, first);
        assert_eq!(versions(&s.take_due(UnixMillis(10))), [2]);
    }

    #[test]
    fn pairs_never_wait_for_each_other() {
        let mut s = Schedule::new(8);
        s.add(pair("a"), event(EventKind::MemoryChanged, 1, 0));
        s.add(pair("b"), event(EventKind::MemoryChanged, 1, 0));
        assert_eq!(s.take_due(UnixMillis(0)).len(), 2);
    }

    #[test]
    fn a_retry_is_due_at_its_next_attempt_time() {
        let mut s = Schedule::new(8);
        let a = pair("a");
        s.add(a.clone(), event(EventKind::MemoryChanged, 1, 0));
        let (_, mut e) = s.take_due(UnixMillis(0)).pop().unwrap();
        e.next_attempt_at = Some(UnixMillis(500));
        s.finish(&a, e);
        assert_eq!(s.next_due(), Some(UnixMillis(500)));
        assert!(s.take_due(UnixMillis(499)).is_empty());
        assert_eq!(versions(&s.take_due(UnixMillis(500))), [1]);
    }

    #[test]
    fn a_full_endpoint_makes_only_its_own_project_wait() {
        let mut s = Schedule::new(1);
        s.add(pair_in("slow", "a"), event(EventKind::MemoryChanged, 1, 0));
        s.add(pair_in("slow", "b"), event(EventKind::MemoryChanged, 1, 0));
        s.add(pair_in("fast", "c"), event(EventKind::MemoryChanged, 1, 0));
        let started = s.take_due(UnixMillis(0));
        let projects: Vec<&str> = started.iter().map(|(p, _)| p.project.as_str()).collect();
        assert_eq!(projects.len(), 2);
        assert!(projects.contains(&"fast") && projects.contains(&"slow"));
        // When the slow attempt ends, the waiting pair of the same project starts.
        let (slow_pair, mut e) = started
            .into_iter()
            .find(|(p, _)| p.project.as_str() == "slow")
            .unwrap();
        e.status = EventStatus::Delivered;
        let (_, next) = s.finish(&slow_pair, e);
        assert_eq!(next.len(), 1);
        assert_eq!(next[0].0.project.as_str(), "slow");
        assert_ne!(next[0].0, slow_pair);
    }

    #[test]
    fn a_newer_full_state_supersedes_queued_ones_but_not_the_attempt_under_way() {
        let mut s = Schedule::new(8);
        let a = pair("a");
        s.add(a.clone(), event(EventKind::MemoryUpdated, 1, 0));
        let (_, in_flight) = s.take_due(UnixMillis(0)).pop().unwrap();
        assert!(
            s.add(a.clone(), event(EventKind::MemoryUpdated, 2, 0))
                .is_empty()
        );
        let superseded = s.add(a.clone(), event(EventKind::MemoryUpdated, 3, 0));
        assert_eq!(
            superseded
                .iter()
                .map(|e| (e.version, e.status))
                .collect::<Vec<_>>(),
            [(2, EventStatus::Superseded)]
        );
        // The attempt under way fails: it is obsolete now, so it is superseded, not retried.
        let mut failed = in_flight;
        failed.next_attempt_at = Some(UnixMillis(100));
        let (superseded, _) = s.finish(&a, failed);
        assert_eq!(
            superseded.iter().map(|e| e.version).collect::<Vec<_>>(),
            [1]
        );
        assert_eq!(versions(&s.take_due(UnixMillis(0))), [3]);
        assert_eq!(s.len(), 1);
    }

    #[test]
    fn changes_only_events_are_never_superseded() {
        let mut s = Schedule::new(8);
        let a = pair("a");
        for v in 1..=3 {
            assert!(
                s.add(a.clone(), event(EventKind::MemoryChanged, v, 0))
                    .is_empty()
            );
        }
        assert_eq!(s.len(), 3);
    }

    #[test]
    fn the_same_event_announced_twice_is_planned_once() {
        let mut s = Schedule::new(8);
        let e = event(EventKind::MemoryChanged, 1, 0);
        s.add(pair("a"), e.clone());
        s.add(pair("a"), e);
        assert_eq!(s.len(), 1);
    }
}
