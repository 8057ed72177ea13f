//! memhook keeps the long-term memory of every (user, persona) pair of an AI chat product and
//! POSTs a webhook every time it changes. README.md is the user's guide; this is the map.
//!
//! # How a change travels
//!
//! ```text
//! HTTP request ─► routes (parse + validate into domain types; reject early, change nothing)
//!              ─► actors::registry ─► the pair's actor (one per project + user + persona)
//!                     │  extract (messages → operations), apply, compute the change (domain)
//!                     │  no change? answer {changed: false}; done
//!                     │  queue new state + version + event for the store's commit thread,
//!                     │  which writes a whole group in one sled transaction and flushes once
//!                     │  answer once that flush covers it
//!                     ▼
//!                actors::delivery ◄── at start: every pending event from the store
//!                     │  per pair only the oldest event is in flight; per project a bounded
//!                     │  number; one timer for the earliest due retry
//!                     ▼
//!                awc POST ─► receiver; every attempt recorded; 2xx → delivered
//! ```
//!
//! Reads (`GET` memories, pairs, events) go straight to the store and never queue behind
//! writes.
//!
//! # Who owns what
//!
//! | module | owns | knows nothing of |
//! |---|---|---|
//! | [`domain`] | ids, memories, the change rules, payloads, retry rules, signatures | actix, sled, HTTP |
//! | [`store`] | every sled tree, key encoding, transactions, group commit | actors, HTTP |
//! | [`actors::pair`] | one pair's order of changes and a cache of its state | HTTP, delivery timing |
//! | [`actors::registry`] | which pair actors live: start, replace when dead, forget when idle or over the cap | memory content |
//! | [`actors::delivery`] | the timer, in-flight attempts, per-pair order, per-project limits, the awc client | how changes are made |
//! | [`extract`] | messages → operations (`rules`, `openai`, `none`) | storage, delivery |
//! | [`routes`] | HTTP shapes, status codes, the error body ([`error`]) | sled |
//! | [`startup`], [`configuration`], [`signals`] | wiring, settings, stop signals | business rules |
//! | [`commands`] | `listen` and `replay`, for integrators | the server's insides |
//!
//! # Where this differs from the first design, and why
//!
//! - **A pair does not wait for its own flush before its next update.** The pair actor queues
//!   change N+1 on top of change N as soon as N is queued, and each answer waits for the group
//!   commit that covers it. The commit thread writes in queue order, so N+1 is never durable
//!   without N, and no answer is given before its flush. Waiting for the flush inside the
//!   actor (an atomic handler) would cap one busy pair at one change per flush.
//! - **One writer thread for every change, one sled transaction per group.** Each actor
//!   writing its own transaction cost as much as the writes in it; sharing one per group
//!   doubled the changes acknowledged per second (README, Performance). Each write names the
//!   revision of the pair it builds on and is refused as stale otherwise, so an actor that
//!   died with writes queued, or a failed write, can never leave a pair with two histories.
//! - **Delivery hears of an event only once it is durable**, in version order: a webhook is
//!   never sent for a change that a crash could still undo.
//! - **The delivery plan is plain data** ([`actors::delivery`]'s schedule), unit-tested apart
//!   from the actor, which only makes the attempts and owns the timer.
//!
//! # Invariants and the tests that pin them
//!
//! 1. A pair's changes apply one at a time, in arrival order (`tests/api/durability.rs`, two
//!    clients per pair, versions gap-free after SIGKILL).
//! 2. State, version and event are written in one transaction and acknowledged only once on disk
//!    (`durability.rs`; `pair_faults.rs`: a failed write leaves neither; `store::pairs`: a
//!    write built on a state that is not stored is refused, and so is all that follows it).
//! 3. Versions are 1, 2, 3, ... per pair; each event carries its version (`delivery_order.rs`).
//! 4. A receiver sees a pair's events in version order (`delivery_order.rs`,
//!    `conversations.rs`).
//! 5. Every pending event is delivered or failed after its budget, across restarts
//!    (`delivery.rs`, `delivery_order.rs` with SIGKILL).
//! 6. No change, no event; a rejected request changes nothing (`memories.rs`, `bad_input.rs`).
//! 7. A slow or dead endpoint of one project never delays another's (`delivery_order.rs`).
//! 8. A graceful stop (SIGTERM or SIGINT) records the attempts under way before it exits, so a
//!    restart sends no webhook again (`durability.rs`).
//! 9. Live pair actors stay near `--max-active-pairs` however many pairs are touched, and a
//!    retired pair loses nothing (`pair_faults.rs`).

pub mod actors;
pub mod commands;
pub mod configuration;
pub mod domain;
pub mod error;
pub mod extract;
pub mod http_client;
pub mod metrics;
pub mod routes;
pub mod signals;
pub mod startup;
pub mod store;
