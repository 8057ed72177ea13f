//! SPEC §4 and §5: the webhook event a change makes, its payload, and the life of its delivery.

use std::fmt;
use std::time::Duration;

use serde::{Deserialize, Serialize};

use super::change::{Change, MemorySet};
use super::config::WebhookMode;
use super::ids::{PersonaProfileId, UserProfileId};
use super::memory::{Deletion, Memory};
use super::timestamp::UnixMillis;

/// An event's id, sent as `webhook-id`: `evt_` and a UUIDv7 (time-ordered, and unique even
/// across a wiped data folder, so receivers that dedupe on it never drop a new event).
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct EventId(uuid::Uuid);

impl EventId {
    /// Bytes in the binary form (keys, cursors).
    pub const LEN: usize = 16;

    pub fn new() -> Self {
        Self(uuid::Uuid::now_v7())
    }

    pub fn parse(text: &str) -> Option<Self> {
        let hex = text.strip_prefix("evt_")?;
        (hex.len() == 32)
            .then(|| uuid::Uuid::try_parse(hex).ok())
            .flatten()
            .map(Self)
    }

    pub fn as_bytes(&self) -> &[u8; Self::LEN] {
        self.0.as_bytes()
    }

    pub fn from_bytes(bytes: [u8; Self::LEN]) -> Self {
        Self(uuid::Uuid::from_bytes(bytes))
    }
}

impl Default for EventId {
    fn default() -> Self {
        Self::new()
    }
}

impl fmt::Display for EventId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "evt_{}", self.0.simple())
    }
}

impl fmt::Debug for EventId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(self, f)
    }
}

impl Serialize for EventId {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for EventId {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let text = String::deserialize(d)?;
        Self::parse(&text).ok_or_else(|| serde::de::Error::custom("not an event id"))
    }
}

/// The `event` field of a body.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum EventKind {
    #[serde(rename = "memory.updated")]
    MemoryUpdated,
    #[serde(rename = "memory.changed")]
    MemoryChanged,
}

impl EventKind {
    pub fn for_mode(mode: WebhookMode) -> Self {
        match mode {
            WebhookMode::FullState => Self::MemoryUpdated,
            WebhookMode::ChangesOnly => Self::MemoryChanged,
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum EventStatus {
    Pending,
    Delivered,
    Failed,
    Superseded,
}

impl fmt::Display for EventStatus {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Self::Pending => "pending",
            Self::Delivered => "delivered",
            Self::Failed => "failed",
            Self::Superseded => "superseded",
        })
    }
}

impl EventStatus {
    pub fn parse(text: &str) -> Option<Self> {
        serde_json::from_value(serde_json::Value::String(text.to_owned())).ok()
    }
}

#[derive(Serialize)]
struct Body<D> {
    event: EventKind,
    data: D,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Updated<'a> {
    user_profile_id: &'a UserProfileId,
    persona_profile_id: &'a PersonaProfileId,
    memories: Vec<&'a Memory>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Changed<'a> {
    user_profile_id: &'a UserProfileId,
    persona_profile_id: &'a PersonaProfileId,
    added: &'a [Memory],
    deleted: &'a [Deletion],
}

/// The exact body of the webhook for a change: `state` is the pair's memory after it.
pub fn payload(
    kind: EventKind,
    user: &UserProfileId,
    persona: &PersonaProfileId,
    state: &MemorySet,
    change: &Change,
) -> String {
    let result = match kind {
        EventKind::MemoryUpdated => serde_json::to_string(&Body {
            event: kind,
            data: Updated {
                user_profile_id: user,
                persona_profile_id: persona,
                memories: state.iter().collect(),
            },
        }),
        EventKind::MemoryChanged => serde_json::to_string(&Body {
            event: kind,
            data: Changed {
                user_profile_id: user,
                persona_profile_id: persona,
                added: &change.added,
                deleted: &change.deleted,
            },
        }),
    };
    result.expect("memories always serialise")
}

/// What the delivery of one event has come to: everything but its payload and attempts.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct EventRecord {
    pub id: EventId,
    pub event: EventKind,
    pub user_profile_id: UserProfileId,
    pub persona_profile_id: PersonaProfileId,
    pub version: u64,
    pub status: EventStatus,
    pub attempt_count: u32,
    /// Attempts made before the last redelivery: they do not count against the new budget.
    #[serde(default)]
    pub budget_start: u32,
    pub created_at: UnixMillis,
    pub next_attempt_at: Option<UnixMillis>,
    pub delivered_at: Option<UnixMillis>,
    pub last_error: Option<String>,
}

/// The retry rules of SPEC §5, as settings.
#[derive(Clone, Copy, Debug)]
pub struct RetryPolicy {
    pub interval: Duration,
    pub max_retries: u32,
}

/// What one attempt came to.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Attempt {
    pub at: UnixMillis,
    pub duration_ms: u64,
    pub status_code: Option<u16>,
    pub error: Option<String>,
    pub response_body: Option<String>,
}

impl Attempt {
    /// SPEC §5: any 2xx is a success; everything else, a 3xx included, is a failure.
    pub fn succeeded(&self) -> bool {
        self.error.is_none() && self.status_code.is_some_and(|s| (200..300).contains(&s))
    }

    fn describe_failure(&self) -> String {
        match (&self.error, self.status_code) {
            (Some(e), _) => e.clone(),
            (None, Some(code)) => format!("HTTP {code}"),
            (None, None) => "no answer".into(),
        }
    }
}

/// The event cannot be redelivered: only a `failed` event can.
#[derive(Debug, PartialEq, Eq)]
pub struct NotFailed(pub EventStatus);

impl EventRecord {
    pub fn new(
        id: EventId,
        event: EventKind,
        user: UserProfileId,
        persona: PersonaProfileId,
        version: u64,
        now: UnixMillis,
    ) -> Self {
        Self {
            id,
            event,
            user_profile_id: user,
            persona_profile_id: persona,
            version,
            status: EventStatus::Pending,
            attempt_count: 0,
            budget_start: 0,
            created_at: now,
            next_attempt_at: Some(now),
            delivered_at: None,
            last_error: None,
        }
    }

    /// Counts an attempt and moves the event on: delivered, due again after the interval, or
    /// failed once the budget (1 + max_retries attempts) is spent.
    pub fn record(&mut self, attempt: &Attempt, policy: RetryPolicy) {
        self.attempt_count += 1;
        if attempt.succeeded() {
            self.status = EventStatus::Delivered;
            self.delivered_at = Some(attempt.at);
            self.next_attempt_at = None;
            self.last_error = None;
            return;
        }
        self.last_error = Some(attempt.describe_failure());
        let used = self.attempt_count - self.budget_start;
        if used > policy.max_retries {
            self.status = EventStatus::Failed;
            self.next_attempt_at = None;
        } else {
            let finished = attempt.at.plus(Duration::from_millis(attempt.duration_ms));
            self.next_attempt_at = Some(finished.plus(policy.interval));
        }
    }

    /// A newer `memory.updated` of the same pair made this one obsolete.
    pub fn supersede(&mut self) {
        self.status = EventStatus::Superseded;
        self.next_attempt_at = None;
    }

    /// The webhook configuration is gone: the event cannot be sent, but may be redelivered
    /// once one is configured again.
    pub fn fail_unconfigured(&mut self) {
        self.status = EventStatus::Failed;
        self.next_attempt_at = None;
        self.last_error = Some("the project has no webhook configured".into());
    }

    /// A `failed` event gets a fresh budget and is due now.
    pub fn redeliver(&mut self, now: UnixMillis) -> Result<(), NotFailed> {
        if self.status != EventStatus::Failed {
            return Err(NotFailed(self.status));
        }
        self.status = EventStatus::Pending;
        self.budget_start = self.attempt_count;
        self.next_attempt_at = Some(now);
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn record() -> EventRecord {
        EventRecord::new(
            EventId::new(),
            EventKind::MemoryChanged,
            UserProfileId::try_from("u").unwrap(),
            PersonaProfileId::try_from("p").unwrap(),
            1,
            UnixMillis(1_000),
        )
    }

    fn attempt(at: i64, status: Option<u16>, error: Option<&str>) -> Attempt {
        Attempt {
            at: UnixMillis(at),
            duration_ms: 5,
            status_code: status,
            error: error.map(Into::into),
            response_body: None,
        }
    }

    const POLICY: RetryPolicy = RetryPolicy {
        interval: Duration::from_millis(100),
        max_retries: 2,
    };

    #[test]
    fn event_ids_round_trip_and_sort_by_creation() {
        let a = EventId::new();
        let b = EventId::new();
        assert!(a < b);
        assert_eq!(EventId::parse(&a.to_string()), Some(a));
        assert_eq!(EventId::parse("evt_123"), None);
        assert_eq!(EventId::parse(&a.to_string().replace("evt_", "msg_")), None);
    }

    #[test]
    fn only_2xx_succeeds() {
        assert!(attempt(0, Some(204), None).succeeded());
        for failed in [
            attempt(0, Some(302), None),
            attempt(0, Some(500), None),
            attempt(0, None, Some("refused")),
        ] {
            assert!(!failed.succeeded());
        }
    }

    #[test]
    fn an_event_fails_after_one_attempt_plus_max_retries() {
        let mut e = record();
        for i in 0..3 {
            assert_eq!(e.status, EventStatus::Pending, "before attempt {i}");
            e.record(&attempt(2_000, Some(500), None), POLICY);
        }
        assert_eq!(e.status, EventStatus::Failed);
        assert_eq!(e.attempt_count, 3);
        assert_eq!(e.last_error.as_deref(), Some("HTTP 500"));
        assert_eq!(e.next_attempt_at, None);
    }

    #[test]
    fn a_failure_is_due_again_one_interval_after_the_attempt_ended() {
        let mut e = record();
        e.record(&attempt(2_000, None, Some("connection refused")), POLICY);
        assert_eq!(e.next_attempt_at, Some(UnixMillis(2_105)));
        e.record(&attempt(2_105, Some(200), None), POLICY);
        assert_eq!(e.status, EventStatus::Delivered);
        assert_eq!(e.delivered_at, Some(UnixMillis(2_105)));
        assert_eq!(e.last_error, None);
    }

    #[test]
    fn redelivery_gives_a_failed_event_a_fresh_budget() {
        let mut e = record();
        assert_eq!(
            e.redeliver(UnixMillis(0)),
            Err(NotFailed(EventStatus::Pending))
        );
        for _ in 0..3 {
            e.record(&attempt(2_000, Some(500), None), POLICY);
        }
        e.redeliver(UnixMillis(5_000)).unwrap();
        assert_eq!(
            (e.status, e.next_attempt_at),
            (EventStatus::Pending, Some(UnixMillis(5_000)))
        );
        for _ in 0..2 {
            e.record(&attempt(6_000, Some(500), None), POLICY);
            assert_eq!(e.status, EventStatus::Pending);
        }
        e.record(&attempt(6_000, Some(500), None), POLICY);
        assert_eq!((e.status, e.attempt_count), (EventStatus::Failed, 6));
    }
}
