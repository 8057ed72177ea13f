//! The two ceilings memhook's throughput is compared with, measured in the same run:
//! - raw HTTP: the same load generator and bodies straight to the same receiver, so the rate
//!   of this machine's HTTP stack with nothing in between;
//! - sled: memhook's own store doing exactly the transaction a change makes
//!   (`Store::commit_change`: pair state + event record + payload + pending mark, written with
//!   other writers' changes in one transaction and flushed by the group commit), from many
//!   concurrent writers, and nothing else.

use std::cell::RefCell;
use std::collections::HashMap;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

use futures_util::future::join_all;
use memhook::domain::change::{self, Update};
use memhook::domain::event::{self, EventId, EventKind, EventRecord};
use memhook::domain::ids::{PairKey, PersonaProfileId, ProjectId, UserProfileId};
use memhook::domain::memory::MemoryInput;
use memhook::domain::pair::PairState;
use memhook::domain::timestamp::{Timestamp, UnixMillis};
use memhook::store::{NewEvent, Revision, Store, StoreOptions};

use crate::load::{self, Load};
use crate::server::TempDir;
use crate::server::anyhow_lite::Result;

/// Requests/s of the load generator against the receiver's `/raw` route, with the same
/// bodies memhook gets.
pub async fn raw_http(receiver_base: &str, clients: usize, pairs: u32, secs: f64) -> Result<f64> {
    let load = Load::new(receiver_base, clients);
    let until = Instant::now() + Duration::from_secs_f64(secs);
    let make = |i: u64| {
        let mut req = load::change("raw", (i % u64::from(pairs)) as u32, load::next_seq());
        req.path = "/raw".into();
        req
    };
    let run = load
        .closed(clients, until, u64::MAX, false, None, &make)
        .await?;
    Ok(run.rate())
}

/// Changes/s that sled takes with memhook's transaction and group commit, `clients` writers
/// over `pairs` pairs. Blocks the calling thread while it runs.
pub fn sled_ceiling(clients: usize, pairs: u32, secs: f64) -> Result<f64> {
    let dir = TempDir::new("sled")?;
    let store = Store::open(&dir.0.join("db"), &StoreOptions::default(), |_| {})
        .map_err(|e| format!("opening sled: {e}"))?;
    // memhook runs pair actors on two threads; do the same, each thread owning its own
    // pairs (pair % threads) as memhook's registry does, so no two writers race on a pair.
    let threads = clients.min(2).min(pairs as usize).max(1);
    let done = Arc::new(AtomicU64::new(0));
    let started = Instant::now();
    let until = started + Duration::from_secs_f64(secs);
    let handles: Vec<_> = (0..threads)
        .map(|t| {
            let store = store.clone();
            let done = Arc::clone(&done);
            let writers = clients / threads + usize::from(t < clients % threads);
            std::thread::spawn(move || {
                actix_web::rt::System::new().block_on(writer_thread(
                    store, t, threads, writers, pairs, until, done,
                ))
            })
        })
        .collect();
    for h in handles {
        h.join()
            .map_err(|_| "a sled writer thread panicked".to_owned())??;
    }
    let elapsed = started.elapsed().as_secs_f64();
    Ok(done.load(Ordering::Relaxed) as f64 / elapsed)
}

async fn writer_thread(
    store: Store,
    thread: usize,
    threads: usize,
    writers: usize,
    pairs: u32,
    until: Instant,
    done: Arc<AtomicU64>,
) -> Result<()> {
    let project = ProjectId::try_from("sled").expect("a valid id");
    let persona = PersonaProfileId::try_from("p").expect("a valid id");
    let states: RefCell<HashMap<u32, (PairState, Revision)>> = RefCell::default();
    // This thread's pairs are thread, thread + threads, ...; writers take them in turn.
    let mine = (u64::from(pairs) - thread as u64)
        .div_ceil(threads as u64)
        .max(1);
    let turn = std::cell::Cell::new(0u64);
    let one_writer = || async {
        while Instant::now() < until {
            let i = turn.get();
            turn.set(i + 1);
            let pair = (thread as u64 + (i % mine) * threads as u64) as u32;
            let seq = load::next_seq();
            let user = UserProfileId::try_from(format!("u{pair}")).expect("a valid id");
            let key = PairKey {
                project: project.clone(),
                user: user.clone(),
                persona: persona.clone(),
            };
            let input: MemoryInput = serde_json::from_str(&load::memory_json(seq % 10, seq))
                .map_err(|e| format!("a bench memory does not parse: {e}"))?;
            let memory = input.into_memory(Timestamp::now()).map_err(|e| e.message)?;
            // The same work a pair actor does between "apply" and "answer": compute the
            // change, the next state and the payload, queue them for the group commit.
            let durable = {
                let mut states = states.borrow_mut();
                let (state, revision) = states
                    .entry(pair)
                    .or_insert((PairState::default(), Revision::NEVER_WRITTEN));
                let update = Update::Operations {
                    delete: Vec::new(),
                    upsert: vec![memory],
                };
                let change = change::apply(&state.memories, &update)
                    .map_err(|e| format!("too many memories: {}", e.would_hold))?;
                let next = state.next(&change, Timestamp::now());
                let kind = EventKind::MemoryChanged;
                let payload = event::payload(kind, &user, &persona, &next.memories, &change);
                let record = EventRecord::new(
                    EventId::new(),
                    kind,
                    user,
                    persona.clone(),
                    next.version,
                    UnixMillis::now(),
                );
                let event = NewEvent { record, payload };
                let (next_revision, durable) =
                    store.commit_change(&key, *revision, &next, Some(&event), None);
                (*state, *revision) = (next, next_revision);
                durable
            };
            durable.await.map_err(|e| format!("sled commit: {e}"))?;
            done.fetch_add(1, Ordering::Relaxed);
        }
        Ok::<(), String>(())
    };
    for result in join_all((0..writers).map(|_| one_writer())).await {
        result?;
    }
    Ok(())
}
