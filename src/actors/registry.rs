//! Which pair actors are alive: started on first use, replaced when they die, forgotten when
//! they retire, so that only active pairs cost memory. An actor retires when idle, or early
//! when the registry holds more than its cap: each actor started beyond it asks the least
//! recently used one to retire, so a burst over many pairs cannot grow memory without bound.

use std::hash::{BuildHasher, RandomState};
use std::sync::{Arc, Mutex, Weak};

use actix::prelude::*;
use lru::LruCache;

use super::pair::{Apply, Fault, Outcome, PairActor, PairDeps, PairError, Retire};
use crate::domain::change::Update;
use crate::domain::ids::PairKey;
use crate::domain::message::Message;
use crate::store::StoreError;

/// Independent locks, so that HTTP workers starting different pairs rarely wait on each other.
const SHARDS: usize = 16;
/// An update is tried on this many actors at most before the caller is told to retry.
const ATTEMPTS: usize = 3;

type Shard = LruCache<PairKey, Addr<PairActor>>;

pub struct Registry {
    /// Least recently used first.
    shards: Vec<Mutex<Shard>>,
    /// Actors a shard holds before it asks its least recently used one to retire.
    per_shard: usize,
    arbiters: Vec<ArbiterHandle>,
    hasher: RandomState,
    deps: Arc<PairDeps>,
    me: Weak<Registry>,
}

impl Registry {
    /// Pair actors are spread over `arbiters` by a hash of the pair; about `max_active` of
    /// them live at once.
    pub fn new(deps: Arc<PairDeps>, arbiters: Vec<ArbiterHandle>, max_active: usize) -> Arc<Self> {
        assert!(
            !arbiters.is_empty(),
            "pair actors need at least one arbiter"
        );
        Arc::new_cyclic(|me| Self {
            shards: (0..SHARDS)
                .map(|_| Mutex::new(LruCache::unbounded()))
                .collect(),
            per_shard: max_active.div_ceil(SHARDS).max(1),
            arbiters,
            hasher: RandomState::new(),
            deps,
            me: me.clone(),
        })
    }

    /// Applies `update` through the pair's actor and answers once it is durable.
    ///
    /// An actor that died or retired before answering is replaced and the update resent; one
    /// that is restarting under its supervisor (its answer was dropped, its mailbox lives on)
    /// gets it again. Every update sets state rather than adjusting it, so a resend of one that
    /// did apply is no change (its answer then says `changed: false`).
    pub async fn apply(&self, key: PairKey, update: Update) -> Result<Outcome, PairError> {
        self.apply_with_messages(key, update, Vec::new()).await
    }

    /// Whether `messages` can be sent (the extractor is not `none`).
    pub fn extracts(&self) -> bool {
        self.deps.extractor.accepts_messages()
    }

    /// Like [`Registry::apply`], with new messages whose extracted operations join `update`.
    pub async fn apply_with_messages(
        &self,
        key: PairKey,
        update: Update,
        messages: Vec<Message>,
    ) -> Result<Outcome, PairError> {
        let message = Apply {
            update: Arc::new(update),
            messages: messages.into(),
        };
        for _ in 0..ATTEMPTS {
            let actor = self.actor(&key);
            match actor.send(message.clone()).await {
                Ok(Ok(applied)) => match applied.durable.await {
                    Ok(()) => return Ok(applied.outcome),
                    // The pair moved on under the write (its actor had died with writes
                    // queued, or an earlier write failed); the actor reloads: resend.
                    Err(StoreError::Stale) => {}
                    Err(e) => return Err(e.into()),
                },
                // Never forget a live actor: a second one would write the same pair.
                Ok(Err(PairError::Retired)) => {
                    self.forget(&key, &actor);
                }
                Err(MailboxError::Closed) if !actor.connected() => {
                    self.forget(&key, &actor);
                }
                Err(MailboxError::Closed) => {}
                Ok(Err(e)) => return Err(e),
                Err(MailboxError::Timeout) => return Err(PairError::Unavailable),
            }
        }
        Err(PairError::Unavailable)
    }

    /// Injects a fault into the pair's actor (tests watch the pair recover).
    #[doc(hidden)]
    pub async fn inject_fault(&self, key: PairKey, fault: Fault) {
        let _ = self.actor(&key).send(fault).await;
    }

    /// Forgets `actor` as the pair's actor, if it still is; answers whether it was.
    pub(super) fn forget(&self, key: &PairKey, actor: &Addr<PairActor>) -> bool {
        let mut shard = self.shard(key).lock().unwrap_or_else(|e| e.into_inner());
        if shard.peek(key) == Some(actor) {
            shard.pop(key);
            true
        } else {
            false
        }
    }

    pub fn active(&self) -> usize {
        self.shards
            .iter()
            .map(|s| s.lock().unwrap_or_else(|e| e.into_inner()).len())
            .sum()
    }

    fn shard(&self, key: &PairKey) -> &Mutex<Shard> {
        &self.shards[self.hasher.hash_one(key) as usize % SHARDS]
    }

    fn actor(&self, key: &PairKey) -> Addr<PairActor> {
        let mut shard = self.shard(key).lock().unwrap_or_else(|e| e.into_inner());
        if let Some(actor) = shard.get(key) {
            if actor.connected() {
                return actor.clone();
            }
        }
        // The other bits of the hash than the shard's pick the thread.
        let hash = self.hasher.hash_one(key) as usize / SHARDS;
        let arbiter = &self.arbiters[hash % self.arbiters.len()];
        let (pair, deps, me) = (key.clone(), Arc::clone(&self.deps), self.me.clone());
        let actor = Supervisor::start_in_arbiter(arbiter, move |_| PairActor::new(pair, deps, me));
        shard.put(key.clone(), actor.clone());
        if shard.len() > self.per_shard {
            // The asked actor goes to the back of the line: one that cannot retire yet
            // (writes in flight) is asked again only after every other.
            if let Some((oldest, addr)) = shard.peek_lru().map(|(k, a)| (k.clone(), a.clone())) {
                shard.promote(&oldest);
                addr.do_send(Retire);
            }
        }
        actor
    }
}
