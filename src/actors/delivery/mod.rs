//! The delivery actor: owns the retry timer, the in-flight attempts and the awc client.
//!
//! Events arrive once their change is durable (from the commit thread, and from the store at
//! start); `schedule::Schedule` decides what goes next, this actor makes the attempts, records
//! each one, and sets a single timer for the earliest due event. A graceful stop starts no
//! attempt and waits for those under way to be recorded.

mod schedule;
mod send;

use std::sync::Arc;
use std::time::Duration;

use actix::prelude::*;
use actix_web::web::Bytes;
use tokio::sync::oneshot;

use crate::domain::event::{EventId, EventRecord, EventStatus, RetryPolicy};
use crate::domain::ids::{PairKey, ProjectId};
use crate::domain::timestamp::UnixMillis;
use crate::metrics::Metrics;
use crate::store::{Store, StoreError};
use schedule::{Schedule, Start};

/// What a delivery actor needs.
#[derive(Clone)]
pub struct DeliveryDeps {
    pub store: Store,
    pub metrics: Arc<Metrics>,
    pub policy: RetryPolicy,
    pub request_timeout: Duration,
    pub endpoint_concurrency: usize,
    pub tls: Arc<rustls::ClientConfig>,
}

/// Handle to the delivery actors; each pair always goes to the same one.
#[derive(Clone)]
pub struct Delivery {
    shards: Arc<[Addr<DeliveryActor>]>,
}

#[derive(Debug, thiserror::Error)]
pub enum RedeliverError {
    #[error("no event {0} in this project")]
    NotFound(EventId),
    #[error("event {0} is {1}; only a failed event can be redelivered")]
    NotFailed(EventId, EventStatus),
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error("the delivery actor is restarting; try again")]
    Unavailable,
}

impl Delivery {
    /// Starts `shards` delivery actors, each on its own thread (awc clients are per thread).
    pub fn start(deps: DeliveryDeps, shards: usize) -> Self {
        let shards: Vec<_> = (0..shards.max(1))
            .map(|index| {
                let deps = deps.clone();
                let count = shards.max(1);
                let arbiter = Arbiter::new();
                Supervisor::start_in_arbiter(&arbiter.handle(), move |_| {
                    DeliveryActor::new(deps, index, count)
                })
            })
            .collect();
        Self {
            shards: shards.into(),
        }
    }

    fn shard(&self, pair: &PairKey) -> &Addr<DeliveryActor> {
        shard_of(&self.shards, pair)
    }

    /// Plans a durable pending event.
    pub fn enqueue(&self, pair: PairKey, record: EventRecord) {
        self.shard(&pair).do_send(Enqueue { pair, record });
    }

    /// For a graceful stop: no attempt starts from now on, and the answer comes once every
    /// attempt under way has ended and been recorded (each is bounded by the request
    /// timeout), so that a restart does not send them again.
    pub async fn stop(&self) {
        let stops = self.shards.iter().map(|shard| shard.send(Stop));
        // A shard whose mailbox is closed has no attempt left to wait for.
        for done in futures_util::future::join_all(stops)
            .await
            .into_iter()
            .flatten()
        {
            let _ = done.await;
        }
    }

    /// Gives a `failed` event a fresh retry budget.
    pub async fn redeliver(
        &self,
        store: &Store,
        project: ProjectId,
        id: EventId,
    ) -> Result<EventRecord, RedeliverError> {
        let record = store
            .event(&project, &id)?
            .ok_or(RedeliverError::NotFound(id))?;
        let pair = PairKey {
            project,
            user: record.user_profile_id,
            persona: record.persona_profile_id,
        };
        self.shard(&pair)
            .send(Redeliver { pair, id })
            .await
            .map_err(|_| RedeliverError::Unavailable)?
    }
}

/// The shard of a pair. `DefaultHasher::new()` hashes the same in every actor of the process,
/// so each actor can pick its own pending events out of the store at start.
fn shard_index(pair: &PairKey, count: usize) -> usize {
    use std::hash::{Hash, Hasher};
    let mut h = std::hash::DefaultHasher::new();
    pair.hash(&mut h);
    (h.finish() % count as u64) as usize
}

fn shard_of<'a>(shards: &'a [Addr<DeliveryActor>], pair: &PairKey) -> &'a Addr<DeliveryActor> {
    &shards[shard_index(pair, shards.len())]
}

#[derive(Message)]
#[rtype(result = "()")]
struct Enqueue {
    pair: PairKey,
    record: EventRecord,
}

/// Answers with a receiver told once the attempts under way have ended.
#[derive(Message)]
#[rtype(result = "oneshot::Receiver<()>")]
struct Stop;

#[derive(Message)]
#[rtype(result = "Result<EventRecord, RedeliverError>")]
struct Redeliver {
    pair: PairKey,
    id: EventId,
}

pub struct DeliveryActor {
    deps: DeliveryDeps,
    shard: usize,
    shards: usize,
    schedule: Schedule,
    client: Option<awc::Client>,
    timer: Option<(UnixMillis, SpawnHandle)>,
    /// This thread's part of the pending gauge.
    reported_pending: i64,
    /// Attempts started and not yet recorded.
    in_flight: usize,
    /// Set by [`Stop`]: told when `in_flight` reaches 0; no attempt starts meanwhile.
    stopping: Option<Vec<oneshot::Sender<()>>>,
}

impl DeliveryActor {
    fn new(deps: DeliveryDeps, shard: usize, shards: usize) -> Self {
        let schedule = Schedule::new(deps.endpoint_concurrency);
        Self {
            deps,
            shard,
            shards,
            schedule,
            client: None,
            timer: None,
            reported_pending: 0,
            in_flight: 0,
            stopping: None,
        }
    }

    /// Reads this shard's pending events from the store: the outbox is the truth, so a start
    /// or a restart picks up exactly what is left to do, with the attempts each has left.
    fn load_pending(&mut self) -> Result<usize, StoreError> {
        let mut loaded = 0;
        for pending in self.deps.store.pending_events()? {
            let pair = PairKey {
                project: pending.project,
                user: pending.record.user_profile_id.clone(),
                persona: pending.record.persona_profile_id.clone(),
            };
            if shard_index(&pair, self.shards) != self.shard {
                continue;
            }
            loaded += 1;
            let superseded = self.schedule.add(pair.clone(), pending.record);
            self.save_superseded(&pair.project, superseded);
        }
        Ok(loaded)
    }

    fn save_superseded(&self, project: &ProjectId, superseded: Vec<EventRecord>) {
        for record in superseded {
            self.deps
                .metrics
                .events_finished
                .with_label_values(&["superseded"])
                .inc();
            if let Err(e) = self.deps.store.save_event(project, &record) {
                log::error!("could not mark {} superseded: {e}", record.id);
            }
        }
    }

    /// Starts what is due (and `starts`, which a finished attempt freed) and sets the timer
    /// for what is due next. A loop, not recursion: an event that ends without an attempt
    /// (no config) frees its slot for the next at once, and a project may have 100,000 in line.
    fn run_due(&mut self, ctx: &mut Context<Self>) {
        self.pump(Vec::new(), ctx);
    }

    fn pump(&mut self, starts: Vec<Start>, ctx: &mut Context<Self>) {
        if self.stopping.is_some() {
            // What `starts` holds stays pending in the store for the next start.
            return;
        }
        let mut starts = std::collections::VecDeque::from(starts);
        loop {
            while let Some(start) = starts.pop_front() {
                if let Some((pair, record)) = self.start_attempt(start, ctx) {
                    starts.extend(self.settle(pair, record));
                }
            }
            starts.extend(self.schedule.take_due(UnixMillis::now()));
            if starts.is_empty() {
                break;
            }
        }
        let now = UnixMillis::now();
        self.update_pending_gauge();
        let Some(next) = self.schedule.next_due() else {
            return;
        };
        if self.timer.as_ref().is_some_and(|(at, _)| *at <= next) {
            return;
        }
        if let Some((_, handle)) = self.timer.take() {
            ctx.cancel_future(handle);
        }
        let wait = Duration::from_millis(next.0.saturating_sub(now.0).max(0) as u64);
        let handle = ctx.run_later(wait, |act, ctx| {
            act.timer = None;
            act.run_due(ctx);
        });
        self.timer = Some((next, handle));
    }

    /// The gauge is shared by every delivery thread: each adds how much its own count moved.
    fn update_pending_gauge(&mut self) {
        let now = self.schedule.len() as i64;
        self.deps
            .metrics
            .pending_events
            .add(now - self.reported_pending);
        self.reported_pending = now;
    }

    /// Starts the attempt; answers the event instead when it ended without one.
    fn start_attempt(&mut self, (pair, record): Start, ctx: &mut Context<Self>) -> Option<Start> {
        let store = &self.deps.store;
        let Some(config) = store.config(&pair.project) else {
            let mut record = record;
            record.fail_unconfigured();
            self.deps
                .metrics
                .events_finished
                .with_label_values(&["failed"])
                .inc();
            if let Err(e) = store.save_event(&pair.project, &record) {
                log::error!("could not mark {} failed: {e}", record.id);
            }
            return Some((pair, record));
        };
        let body = match store.payload(&pair.project, &record.id) {
            Ok(Some(body)) => Bytes::copy_from_slice(&body),
            Ok(None) | Err(_) => {
                log::error!(
                    "event {} has no readable payload; marking it failed",
                    record.id
                );
                let mut record = record;
                record.status = EventStatus::Failed;
                record.next_attempt_at = None;
                record.last_error = Some("the stored payload could not be read".into());
                let _ = store.save_event(&pair.project, &record);
                return Some((pair, record));
            }
        };
        let client = self
            .client
            .get_or_insert_with(|| {
                send::client(Arc::clone(&self.deps.tls), self.deps.request_timeout)
            })
            .clone();
        let timeout = self.deps.request_timeout;
        self.in_flight += 1;
        let attempt = async move {
            let attempt = send::attempt(&client, &config, &record, body, timeout).await;
            (record, attempt)
        };
        ctx.spawn(
            attempt
                .into_actor(self)
                .map(move |(mut record, attempt), act, ctx| {
                    let metrics = &act.deps.metrics;
                    metrics
                        .attempts
                        .with_label_values(&[send::outcome_label(&attempt)])
                        .inc();
                    record.record(&attempt, act.deps.policy);
                    match record.status {
                        EventStatus::Delivered => {
                            metrics
                                .events_finished
                                .with_label_values(&["delivered"])
                                .inc();
                            let lag = (attempt.at.0 + attempt.duration_ms as i64
                                - record.created_at.0)
                                .max(0);
                            metrics.delivery_lag_seconds.observe(lag as f64 / 1000.0);
                        }
                        EventStatus::Failed => {
                            metrics.events_finished.with_label_values(&["failed"]).inc();
                            log::warn!(
                                "event {} failed after {} attempts: {:?}",
                                record.id,
                                record.attempt_count,
                                record.last_error
                            );
                        }
                        _ => {}
                    }
                    if let Err(e) = act
                        .deps
                        .store
                        .record_attempt(&pair.project, &record, &attempt)
                    {
                        log::error!("could not record an attempt of {}: {e}", record.id);
                    }
                    act.in_flight -= 1;
                    let starts = act.settle(pair, record);
                    act.pump(starts, ctx);
                    act.tell_stopped_if_idle();
                }),
        );
        None
    }

    fn tell_stopped_if_idle(&mut self) {
        if self.in_flight == 0 {
            for waiting in self.stopping.iter_mut().flat_map(std::mem::take) {
                let _ = waiting.send(());
            }
        }
    }

    /// The pair's head is done with for now: plan what follows, and answer the attempts its
    /// freed slot allows.
    fn settle(&mut self, pair: PairKey, record: EventRecord) -> Vec<Start> {
        let (superseded, starts) = self.schedule.finish(&pair, record);
        self.save_superseded(&pair.project, superseded);
        starts
    }
}

impl Actor for DeliveryActor {
    type Context = Context<Self>;

    fn started(&mut self, ctx: &mut Context<Self>) {
        // Pair actors announce events without waiting: the mailbox must not refuse them.
        ctx.set_mailbox_capacity(usize::MAX);
        match self.load_pending() {
            Ok(0) => {}
            Ok(n) => log::info!("delivery {}: {n} pending events to deliver", self.shard),
            Err(e) => log::error!(
                "delivery {}: could not read pending events: {e}",
                self.shard
            ),
        }
        self.run_due(ctx);
    }
}

impl Supervised for DeliveryActor {
    fn restarting(&mut self, _: &mut Context<Self>) {
        // Attempts under way are gone; the store says what is still pending.
        self.schedule = Schedule::new(self.deps.endpoint_concurrency);
        self.timer = None;
        self.client = None;
        self.in_flight = 0;
        self.tell_stopped_if_idle();
        self.update_pending_gauge();
    }
}

impl Handler<Enqueue> for DeliveryActor {
    type Result = ();

    fn handle(&mut self, msg: Enqueue, ctx: &mut Context<Self>) {
        let superseded = self.schedule.add(msg.pair.clone(), msg.record);
        self.save_superseded(&msg.pair.project, superseded);
        self.run_due(ctx);
    }
}

impl Handler<Stop> for DeliveryActor {
    type Result = MessageResult<Stop>;

    fn handle(&mut self, _: Stop, ctx: &mut Context<Self>) -> Self::Result {
        if let Some((_, handle)) = self.timer.take() {
            ctx.cancel_future(handle);
        }
        if self.in_flight > 0 {
            log::info!(
                "delivery {}: waiting for {} webhook attempts under way",
                self.shard,
                self.in_flight
            );
        }
        let (tx, rx) = oneshot::channel();
        self.stopping.get_or_insert_with(Vec::new).push(tx);
        self.tell_stopped_if_idle();
        MessageResult(rx)
    }
}

impl Handler<Redeliver> for DeliveryActor {
    type Result = Result<EventRecord, RedeliverError>;

    fn handle(&mut self, msg: Redeliver, ctx: &mut Context<Self>) -> Self::Result {
        let store = &self.deps.store;
        let mut record = store
            .event(&msg.pair.project, &msg.id)?
            .ok_or(RedeliverError::NotFound(msg.id))?;
        record
            .redeliver(UnixMillis::now())
            .map_err(|e| RedeliverError::NotFailed(msg.id, e.0))?;
        store.save_event(&msg.pair.project, &record)?;
        let superseded = self.schedule.add(msg.pair.clone(), record.clone());
        self.save_superseded(&msg.pair.project, superseded);
        self.run_due(ctx);
        Ok(record)
    }
}
