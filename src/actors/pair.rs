//! One actor per pair: the only writer of that pair's memory.
//!
//! Updates apply one at a time, in arrival order. Each change is queued with its event for
//! the store's group commit, and the actor answers at once with the outcome and a future of
//! its durability, which the caller awaits: the actor is free for the next update, which
//! applies to the state just queued. The commit thread writes in queue order, so a later
//! change is never durable without the earlier ones, and it hands each event to delivery
//! once durable, so delivery sees a pair's events in version order without the answer
//! travelling back through this actor's thread.

use std::pin::Pin;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
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
use crate::store::{NewEvent, Revision, Store, StoreError, Then};

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
#[rtype(result = "Result<Applied, PairError>")]
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

/// An update applied, and the future that says when it is durable. The outcome must not be
/// told to anyone before `durable` resolves `Ok`.
pub struct Applied {
    pub outcome: Outcome,
    pub durable: Durable,
}

pub type Durable = Pin<Box<dyn Future<Output = Result<(), StoreError>> + Send>>;

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

/// Retire now if no write is in flight: the registry holds more actors than its cap.
#[derive(Message)]
#[rtype(result = "()")]
pub struct Retire;

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
    /// `None` until the first message loads it, and again after a restart or a failed write.
    state: Option<PairState>,
    /// The revision `state` is (or will be, once queued writes land) stored at.
    revision: Revision,
    /// What the commit thread tells this actor about its writes.
    writes: Arc<Writes>,
    last_used: Instant,
    retired: bool,
    fail_next_write: bool,
}

/// Shared with the commit thread, which settles each write of the pair.
#[derive(Default)]
struct Writes {
    /// Queued and not yet settled.
    in_flight: AtomicUsize,
    /// A write was refused or failed: the cached state is ahead of the store.
    failed: AtomicBool,
}

impl PairActor {
    pub fn new(key: PairKey, deps: Arc<PairDeps>, registry: Weak<Registry>) -> Self {
        Self {
            key,
            deps,
            registry,
            state: None,
            revision: Revision::NEVER_WRITTEN,
            writes: Arc::default(),
            last_used: Instant::now(),
            retired: false,
            fail_next_write: false,
        }
    }

    fn state(&mut self) -> Result<&PairState, StoreError> {
        if self.writes.failed.swap(false, Ordering::AcqRel) {
            // Later writes of the broken chain are refused as stale; start again from disk.
            self.state = None;
        }
        if self.state.is_none() {
            let (state, revision) = self.deps.store.pair_revision(&self.key)?;
            self.state = Some(state);
            self.revision = revision;
        }
        Ok(self.state.as_ref().expect("just loaded"))
    }

    /// Applies the update and queues its change for the group commit.
    fn apply(&mut self, update: &Update) -> Result<Applied, PairError> {
        let state = self.state()?;
        let change =
            change::apply(&state.memories, update).map_err(|e| PairError::TooManyMemories {
                would_hold: e.would_hold,
            })?;
        if change.is_empty() {
            let outcome = Outcome {
                version: state.version,
                change: Change::default(),
                event_id: None,
            };
            // The version answered may still be on its way to disk: wait for it.
            let durable: Durable = if self.writes.in_flight.load(Ordering::Acquire) == 0 {
                Box::pin(std::future::ready(Ok(())))
            } else {
                Box::pin(self.deps.store.flushed())
            };
            return Ok(Applied { outcome, durable });
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
        self.deps.metrics.changes.inc();
        if event.is_some() {
            self.deps.metrics.events_created.inc();
        }
        let then = self.settle(event.as_ref().map(|e| e.record.clone()));
        let (revision, durable) = self.deps.store.commit_change(
            &self.key,
            self.revision,
            &next,
            event.as_ref(),
            Some(then),
        );
        let outcome = Outcome {
            version: next.version,
            change,
            event_id: event.as_ref().map(|e| e.record.id),
        };
        // The next update builds on this state at once; if the write fails, every later one
        // of this pair is refused as stale and the state is read again from the store.
        self.state = Some(next);
        self.revision = revision;
        Ok(Applied {
            outcome,
            durable: Box::pin(durable),
        })
    }

    /// What the commit thread does once a write of this pair is settled.
    fn settle(&self, event: Option<EventRecord>) -> Then {
        let writes = Arc::clone(&self.writes);
        writes.in_flight.fetch_add(1, Ordering::AcqRel);
        let (key, delivery) = (self.key.clone(), self.deps.delivery.clone());
        Box::new(move |durable| {
            if durable {
                if let Some(record) = event {
                    delivery.enqueue(key, record);
                }
            } else {
                writes.failed.store(true, Ordering::Release);
            }
            writes.in_flight.fetch_sub(1, Ordering::AcqRel);
        })
    }

    fn retire_if_idle(&mut self, ctx: &mut Context<Self>) {
        if self.last_used.elapsed() >= self.deps.idle_timeout {
            self.retire(ctx);
        }
    }

    /// Not while writes are in flight: a fresh actor would load a state they have not
    /// reached yet, and its first write would be refused as stale.
    fn retire(&mut self, ctx: &mut Context<Self>) {
        if self.retired || self.writes.in_flight.load(Ordering::Acquire) > 0 {
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

    /// Applies `update`; a store error stops the actor, and the supervisor restarts it,
    /// which reloads.
    fn answer(&mut self, update: &Update, ctx: &mut Context<Self>) -> Result<Applied, PairError> {
        let result = self.apply(update);
        if let Err(PairError::Store(_)) = &result {
            ctx.stop();
        }
        result
    }

    /// For an extractor that must be awaited: the actor takes no other message until the
    /// extraction is back and its change queued, so the pair's order holds.
    fn apply_after_extraction(
        &mut self,
        msg: Apply,
        ctx: &mut Context<Self>,
    ) -> ResponseActFuture<Self, Result<Applied, PairError>> {
        let current = &self.state.as_ref().expect("loaded by the caller").memories;
        let extraction = self.deps.extractor.extract_later(current, &msg.messages);
        let (tx, rx) = tokio::sync::oneshot::channel();
        ctx.wait(
            extraction
                .into_actor(self)
                .map(move |extraction, act, ctx| {
                    let result = match extraction {
                        Ok(extraction) => {
                            act.answer(&extract::combine(extraction, &msg.update), ctx)
                        }
                        Err(e) => Err(PairError::Extract(e)),
                    };
                    let _ = tx.send(result);
                }),
        );
        Box::pin(async move { rx.await.unwrap_or(Err(PairError::Unavailable)) }.into_actor(self))
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
    /// After a failure the cached state may be wrong: read it again from the store. Writes
    /// still queued settle as before; those built on the wrong state are refused as stale.
    fn restarting(&mut self, _: &mut Context<Self>) {
        // A retired actor is restarted too while a caller still holds its address; it only
        // answers `Retired` until that caller lets go, which is no failure.
        if !self.retired {
            log::warn!("pair {:?} restarts and reloads from the store", self.key);
        }
        self.state = None;
    }
}

impl Handler<Apply> for PairActor {
    /// `ActorResponse` so that an immediate answer is sent before the handler returns: an
    /// actor that stops after a store error must still deliver that error.
    type Result = ActorResponse<Self, Result<Applied, PairError>>;

    fn handle(&mut self, msg: Apply, ctx: &mut Context<Self>) -> Self::Result {
        self.last_used = Instant::now();
        if self.retired {
            return ActorResponse::reply(Err(PairError::Retired));
        }
        self.deps.metrics.updates.inc();
        let deps = Arc::clone(&self.deps);
        let state = match self.state() {
            Ok(state) => state,
            Err(e) => {
                ctx.stop();
                return ActorResponse::reply(Err(e.into()));
            }
        };
        if msg.messages.is_empty() {
            return ActorResponse::reply(self.answer(&msg.update, ctx));
        }
        match deps.extractor.extract_now(&state.memories, &msg.messages) {
            Some(extraction) => {
                ActorResponse::reply(self.answer(&extract::combine(extraction, &msg.update), ctx))
            }
            None => ActorResponse::r#async(self.apply_after_extraction(msg, ctx)),
        }
    }
}

impl Handler<Retire> for PairActor {
    type Result = ();

    fn handle(&mut self, _: Retire, ctx: &mut Context<Self>) {
        self.retire(ctx);
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
