//! One actor per pair: the only writer of that pair's memory.
//!
//! Updates apply one at a time, in arrival order. Each change is queued with its event for
//! the store's group commit, and the answer waits until it is durable. The next update does
//! not wait for that: it applies to the state just queued, and the commit thread writes in
//! queue order, so a later change is never durable without the earlier ones. That lets one
//! busy pair share a transaction and a flush among many of its changes.

use std::collections::VecDeque;
use std::pin::Pin;
use std::sync::{Arc, Weak};
use std::time::{Duration, Instant};

use actix::prelude::*;

use super::delivery::Delivery;
use super::registry::Registry;
use crate::domain::change::{self, Change, Update};
use crate::domain::event::{self, EventId, EventKind, EventRecord};
use crate::domain::ids::PairKey;
use crate::domain::message::Message;
use crate::domain::pair::PairState;
use crate::domain::timestamp::{Timestamp, UnixMillis};
use crate::extract::{self, ExtractError, Extractor};
use crate::metrics::Metrics;
use crate::store::{NewEvent, Revision, Store, StoreError};

/// What every pair actor shares.
pub struct PairDeps {
    pub store: Store,
    pub extractor: Extractor,
    pub delivery: Delivery,
    pub metrics: Arc<Metrics>,
    pub idle_timeout: Duration,
}

/// Apply an update to the pair.
#[derive(Message, Clone)]
#[rtype(result = "Result<Outcome, PairError>")]
pub struct Apply {
    pub update: Arc<Update>,
    /// New messages for the extractor; their operations join `update`'s.
    pub messages: Arc<[Message]>,
}

/// What an update did.
#[derive(Debug, Clone)]
pub struct Outcome {
    pub version: u64,
    pub change: Change,
    pub event_id: Option<EventId>,
}

#[derive(Debug, thiserror::Error)]
pub enum PairError {
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error(
        "the update would leave the pair with {would_hold} memories; a pair holds at most {}",
        change::MAX_MEMORIES_PER_PAIR
    )]
    TooManyMemories { would_hold: usize },
    /// This actor stopped for being idle; the registry starts a fresh one.
    #[error("the pair's actor has retired")]
    Retired,
    #[error(transparent)]
    Extract(#[from] ExtractError),
    /// The pair's actor kept dying; the update was not applied.
    #[error("the pair is restarting; try again")]
    Unavailable,
}

/// Faults a test can inject to watch the pair recover.
#[doc(hidden)]
#[derive(Message, Clone, Copy, Debug)]
#[rtype(result = "()")]
pub enum Fault {
    /// The actor dies mid-message, as a bug would kill it.
    Panic,
    /// The next write fails, as a storage error would.
    FailNextWrite,
}

pub struct PairActor {
    key: PairKey,
    deps: Arc<PairDeps>,
    registry: Weak<Registry>,
    /// `None` until the first message loads it, and again after a restart.
    state: Option<PairState>,
    /// The revision `state` is (or will be, once queued writes land) stored at.
    revision: Revision,
    /// Changes written whose flush has not finished yet.
    unflushed: usize,
    /// Events written but not yet durable, in version order: delivery hears of them only once
    /// they are on disk, and in that order.
    undelivered: VecDeque<(u64, EventRecord)>,
    last_used: Instant,
    retired: bool,
    fail_next_write: bool,
}

impl PairActor {
    pub fn new(key: PairKey, deps: Arc<PairDeps>, registry: Weak<Registry>) -> Self {
        Self {
            key,
            deps,
            registry,
            state: None,
            revision: Revision::NEVER_WRITTEN,
            unflushed: 0,
            undelivered: VecDeque::new(),
            last_used: Instant::now(),
            retired: false,
            fail_next_write: false,
        }
    }

    fn state(&mut self) -> Result<&PairState, StoreError> {
        if self.state.is_none() {
            let (state, revision) = self.deps.store.pair_revision(&self.key)?;
            self.state = Some(state);
            self.revision = revision;
        }
        Ok(self.state.as_ref().expect("just loaded"))
    }

    /// Applies the update and queues its change for the group commit; answers the outcome,
    /// the event it made, if any, and the write's completion.
    fn write(&mut self, update: &Update) -> Result<Option<Written>, PairError> {
        self.state()?;
        let state = self.state.as_ref().expect("just loaded");
        let change =
            change::apply(&state.memories, update).map_err(|e| PairError::TooManyMemories {
                would_hold: e.would_hold,
            })?;
        if change.is_empty() {
            return Ok(None);
        }
        let next = state.next(&change, Timestamp::now());
        let event = self.deps.store.config(&self.key.project).map(|config| {
            let kind = EventKind::for_mode(config.memory_webhook_mode);
            let payload = event::payload(
                kind,
                &self.key.user,
                &self.key.persona,
                &next.memories,
                &change,
            );
            let record = EventRecord::new(
                EventId::new(),
                kind,
                self.key.user.clone(),
                self.key.persona.clone(),
                next.version,
                UnixMillis::now(),
            );
            NewEvent { record, payload }
        });
        if std::mem::take(&mut self.fail_next_write) {
            return Err(StoreError::Injected("write failed").into());
        }
        let (revision, durable) =
            self.deps
                .store
                .commit_change(&self.key, self.revision, &next, event.as_ref());
        let outcome = Outcome {
            version: next.version,
            change,
            event_id: event.as_ref().map(|e| e.record.id),
        };
        // The next update builds on this state at once; if the write fails, every later one
        // of this pair is refused as stale and the actor restarts from the store.
        self.state = Some(next);
        self.revision = revision;
        Ok(Some(Written {
            outcome,
            event: event.map(|e| e.record),
            durable: Box::pin(durable),
        }))
    }

    /// Hands delivery every event up to `version`, now that a flush covered it.
    fn release_events(&mut self, version: u64) {
        while self.undelivered.front().is_some_and(|(v, _)| *v <= version) {
            let (_, record) = self.undelivered.pop_front().expect("checked");
            self.deps.delivery.enqueue(self.key.clone(), record);
        }
    }

    fn retire_if_idle(&mut self, ctx: &mut Context<Self>) {
        if self.unflushed > 0 || self.last_used.elapsed() < self.deps.idle_timeout {
            return;
        }
        let address = ctx.address();
        let removed = self
            .registry
            .upgrade()
            .is_none_or(|registry| registry.forget(&self.key, &address));
        if removed {
            // From here on every message is answered `Retired` and resent to a fresh actor.
            self.retired = true;
            ctx.stop();
        }
    }
}

impl Actor for PairActor {
    type Context = Context<Self>;

    fn started(&mut self, ctx: &mut Context<Self>) {
        self.deps.metrics.active_pairs.inc();
        let every = (self.deps.idle_timeout / 2).max(Duration::from_millis(10));
        ctx.run_interval(every, Self::retire_if_idle);
    }

    fn stopped(&mut self, _: &mut Context<Self>) {
        self.deps.metrics.active_pairs.dec();
    }
}

impl Supervised for PairActor {
    /// After a failure the cached state may be wrong: read it again from the store. Events
    /// not yet released are in the store's outbox and will be sent after the next start.
    fn restarting(&mut self, _: &mut Context<Self>) {
        log::warn!("pair {:?} restarts and reloads from the store", self.key);
        self.state = None;
        self.unflushed = 0;
        self.undelivered.clear();
    }
}

/// A change queued for the group commit.
struct Written {
    outcome: Outcome,
    event: Option<EventRecord>,
    durable: Pin<Box<dyn Future<Output = Result<(), StoreError>>>>,
}

/// An update's answer: known now, or once its change is durable.
enum Answer {
    Now(Result<Outcome, PairError>),
    Later(ResponseActFuture<PairActor, Result<Outcome, PairError>>),
}

impl PairActor {
    /// Applies `update` and writes its change; the answer waits for the flush.
    fn apply(&mut self, update: &Update, ctx: &mut Context<Self>) -> Answer {
        let written = match self.write(update) {
            Ok(written) => written,
            Err(PairError::Store(e)) => {
                // The cache may no longer match the disk: stop, and the supervisor restarts
                // this actor, which reloads.
                ctx.stop();
                return Answer::Now(Err(e.into()));
            }
            Err(e) => return Answer::Now(Err(e)),
        };
        let Some(Written {
            outcome,
            event,
            durable,
        }) = written
        else {
            let version = self.state.as_ref().map_or(0, |s| s.version);
            let unchanged = Outcome {
                version,
                change: Change::default(),
                event_id: None,
            };
            if self.unflushed == 0 {
                return Answer::Now(Ok(unchanged));
            }
            // The version we answer with is not durable yet: wait for it.
            let flushed = self.deps.store.flushed();
            return Answer::Later(Box::pin(
                async move { flushed.await.map(|()| unchanged).map_err(Into::into) }
                    .into_actor(self),
            ));
        };
        self.deps.metrics.changes.inc();
        if let Some(record) = event {
            self.deps.metrics.events_created.inc();
            self.undelivered.push_back((outcome.version, record));
        }
        self.unflushed += 1;
        Answer::Later(Box::pin(durable.into_actor(self).map(
            move |result, act, ctx| {
                act.unflushed = act.unflushed.saturating_sub(1);
                match result {
                    Ok(()) => {
                        act.release_events(outcome.version);
                        Ok(outcome)
                    }
                    Err(e) => {
                        ctx.stop();
                        Err(e.into())
                    }
                }
            },
        )))
    }

    /// For an extractor that must be awaited: the actor takes no other message until the
    /// extraction is back and its change written, so the pair's order holds.
    fn apply_after_extraction(&mut self, msg: Apply, ctx: &mut Context<Self>) -> Answer {
        let current = &self.state.as_ref().expect("loaded by the caller").memories;
        let extraction = self.deps.extractor.extract_later(current, &msg.messages);
        let (tx, rx) = tokio::sync::oneshot::channel();
        ctx.wait(
            extraction
                .into_actor(self)
                .map(move |extraction, act, ctx| {
                    let answer = match extraction {
                        Ok(extraction) => {
                            act.apply(&extract::combine(extraction, &msg.update), ctx)
                        }
                        Err(e) => Answer::Now(Err(PairError::Extract(e))),
                    };
                    match answer {
                        Answer::Now(result) => {
                            let _ = tx.send(result);
                        }
                        Answer::Later(durable) => {
                            ctx.spawn(durable.map(move |result, _, _| {
                                let _ = tx.send(result);
                            }));
                        }
                    }
                }),
        );
        Answer::Later(Box::pin(
            async move { rx.await.unwrap_or(Err(PairError::Unavailable)) }.into_actor(self),
        ))
    }
}

impl Handler<Apply> for PairActor {
    /// `ActorResponse` so that an immediate answer is sent before the handler returns: an
    /// actor that stops after a store error must still deliver that error.
    type Result = ActorResponse<Self, Result<Outcome, PairError>>;

    fn handle(&mut self, msg: Apply, ctx: &mut Context<Self>) -> Self::Result {
        self.last_used = Instant::now();
        if self.retired {
            return ActorResponse::reply(Err(PairError::Retired));
        }
        self.deps.metrics.updates.inc();
        if let Err(e) = self.state() {
            ctx.stop();
            return ActorResponse::reply(Err(e.into()));
        }
        let extraction = match &self.state {
            Some(state) if !msg.messages.is_empty() => Some(
                self.deps
                    .extractor
                    .extract_now(&state.memories, &msg.messages),
            ),
            _ => None,
        };
        let answer = match extraction {
            None => self.apply(&msg.update, ctx),
            Some(Some(extraction)) => self.apply(&extract::combine(extraction, &msg.update), ctx),
            Some(None) => self.apply_after_extraction(msg, ctx),
        };
        match answer {
            Answer::Now(result) => ActorResponse::reply(result),
            Answer::Later(future) => ActorResponse::r#async(future),
        }
    }
}

impl Handler<Fault> for PairActor {
    type Result = ();

    fn handle(&mut self, fault: Fault, _: &mut Context<Self>) {
        match fault {
            Fault::Panic => panic!("injected fault: pair {:?} panics", self.key),
            Fault::FailNextWrite => self.fail_next_write = true,
        }
    }
}
