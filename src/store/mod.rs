//! The one module that touches sled: trees, key encoding, transactions and group commit.
//!
//! Trees:
//! - `projects`: project id → webhook configuration (all of them also cached in memory).
//! - `pairs`: pair key → the pair's state (version, memories), behind the revision it is at.
//! - `events`: event key → the event's record (status, attempts made, times).
//! - `payloads`: event key → the exact body, written once.
//! - `pending`: event key → (): the events still to deliver, read at start.
//! - `attempts`: event key + attempt number → what that attempt came to.

mod events;
mod group_commit;
mod keys;
mod pairs;
mod projects;

use std::collections::HashMap;

use base64::Engine as _;
use std::path::Path;
use std::sync::{Arc, RwLock};

use crate::domain::config::ProjectConfig;
use crate::domain::ids::ProjectId;

pub use events::NewEvent;
pub use events::{EventFilter, PendingEvent};
pub use group_commit::Then;
pub use pairs::{PairSummary, Revision};

#[derive(Debug, Clone, thiserror::Error)]
pub enum StoreError {
    #[error("storage error: {0}")]
    Sled(Arc<String>),
    #[error("flushing to disk failed: {0}")]
    Flush(Arc<String>),
    #[error("stored data could not be read: {0}")]
    Corrupt(String),
    #[error("the store is shutting down")]
    Closed,
    /// A change built on a state of its pair that is not the stored one; nothing written.
    #[error("the pair changed under this write; try again")]
    Stale,
    #[error("injected fault: {0}")]
    Injected(&'static str),
}

impl From<sled::Error> for StoreError {
    fn from(e: sled::Error) -> Self {
        Self::Sled(Arc::new(e.to_string()))
    }
}

impl From<sled::transaction::TransactionError<StoreError>> for StoreError {
    fn from(e: sled::transaction::TransactionError<StoreError>) -> Self {
        match e {
            sled::transaction::TransactionError::Abort(e) => e,
            sled::transaction::TransactionError::Storage(e) => e.into(),
        }
    }
}

/// A page of a list, and where the next one starts.
pub struct Page<T> {
    pub items: Vec<T>,
    pub next_cursor: Option<String>,
}

/// The cursor was not made by us.
#[derive(Debug)]
pub struct BadCursor;

/// Cursors are the last key of a page (without the project prefix), opaque to clients.
fn cursor_encode(key_suffix: &[u8]) -> String {
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(key_suffix)
}

/// We never make an empty cursor: a page ends after some key.
fn cursor_decode(cursor: &str) -> Result<Vec<u8>, BadCursor> {
    match base64::engine::general_purpose::URL_SAFE_NO_PAD.decode(cursor) {
        Ok(suffix) if !suffix.is_empty() => Ok(suffix),
        _ => Err(BadCursor),
    }
}

fn decode<T: serde::de::DeserializeOwned>(what: &str, bytes: &[u8]) -> Result<T, StoreError> {
    serde_json::from_slice(bytes).map_err(|e| StoreError::Corrupt(format!("{what}: {e}")))
}

fn encode<T: serde::Serialize>(value: &T) -> Vec<u8> {
    serde_json::to_vec(value).expect("stored types always serialise")
}

/// Cheap to clone: every clone shares the same database and flusher.
#[derive(Clone)]
pub struct Store {
    inner: Arc<Inner>,
}

struct Inner {
    db: sled::Db,
    projects: sled::Tree,
    pairs: sled::Tree,
    events: sled::Tree,
    payloads: sled::Tree,
    pending: sled::Tree,
    attempts: sled::Tree,
    configs: RwLock<HashMap<ProjectId, Arc<ProjectConfig>>>,
    revisions: pairs::Revisions,
    group_commit: group_commit::GroupCommit,
}

/// How the store is opened.
#[derive(Clone, Debug)]
pub struct StoreOptions {
    /// sled's page cache; memory grows past the default 1 GiB otherwise.
    pub cache_capacity: u64,
    /// How long a flush may wait for more writers when several are about (group commit).
    pub flush_linger: std::time::Duration,
}

impl Default for StoreOptions {
    fn default() -> Self {
        Self {
            cache_capacity: 256 * 1024 * 1024,
            flush_linger: std::time::Duration::from_micros(500),
        }
    }
}

impl Store {
    /// Opens (or creates) the database in `path`. `on_flush` hears the size of every group
    /// commit, for the metrics.
    pub fn open(
        path: &Path,
        options: &StoreOptions,
        on_flush: impl Fn(usize) + Send + 'static,
    ) -> Result<Self, StoreError> {
        let db = sled::Config::new()
            .path(path)
            .cache_capacity(options.cache_capacity)
            // Durability comes from our own group commit; sled's timer flush is only a backstop.
            .flush_every_ms(Some(1000))
            .open()?;
        let projects = db.open_tree("projects")?;
        let configs = projects::load_all(&projects)?;
        let (pairs, events) = (db.open_tree("pairs")?, db.open_tree("events")?);
        let (payloads, pending) = (db.open_tree("payloads")?, db.open_tree("pending")?);
        let trees = pairs::ChangeTrees {
            pairs: pairs.clone(),
            events: events.clone(),
            payloads: payloads.clone(),
            pending: pending.clone(),
        };
        let group_commit =
            group_commit::GroupCommit::start(db.clone(), trees, options.flush_linger, on_flush);
        Ok(Self {
            inner: Arc::new(Inner {
                attempts: db.open_tree("attempts")?,
                projects,
                pairs,
                events,
                payloads,
                pending,
                configs: RwLock::new(configs),
                revisions: pairs::Revisions::default(),
                group_commit,
                db,
            }),
        })
    }

    /// Resolves once every write made before the call is on disk (shared with other callers).
    pub fn flushed(&self) -> impl Future<Output = Result<(), StoreError>> + use<> {
        self.inner.group_commit.flushed()
    }

    /// A cheap round trip through sled, for `/healthz`.
    pub fn check(&self) -> Result<(), StoreError> {
        self.inner.projects.get(b"")?;
        Ok(())
    }

    pub fn size_on_disk(&self) -> Result<u64, StoreError> {
        Ok(self.inner.db.size_on_disk()?)
    }
}
