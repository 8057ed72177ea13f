//! Group commit: one flush makes durable every write made before it started, so writers that
//! arrive while a flush runs wait together for the next one. A sled flush costs ~200 µs here;
//! sharing it is what lets many concurrent changes be acknowledged durably at once.
//!
//! Under concurrency the flusher also lingers: when the last flush served several writers, it
//! waits up to `linger` for as many to gather before flushing again. Most of a flush's cost is
//! fixed (the kernel's write-back and sled's I/O threads waking), so fewer, fuller flushes
//! leave more of the machine to the writers; a lone writer never waits.

use std::sync::{Arc, Condvar, Mutex};
use std::thread;

use tokio::sync::oneshot;

use super::StoreError;

type Waiter = oneshot::Sender<Result<(), StoreError>>;

#[derive(Default)]
struct Queue {
    waiters: Vec<Waiter>,
    closed: bool,
}

struct Shared {
    queue: Mutex<Queue>,
    wake: Condvar,
}

/// Handle to the flusher thread; dropping the last one lets the thread finish.
pub struct GroupCommit {
    shared: Arc<Shared>,
    thread: Option<thread::JoinHandle<()>>,
}

impl GroupCommit {
    pub fn start(
        db: sled::Db,
        linger: std::time::Duration,
        on_flush: impl Fn(usize) + Send + 'static,
    ) -> Self {
        let shared = Arc::new(Shared {
            queue: Mutex::new(Queue::default()),
            wake: Condvar::new(),
        });
        let thread = {
            let shared = Arc::clone(&shared);
            thread::Builder::new()
                .name("memhook-flush".into())
                .spawn(move || flush_loop(&db, &shared, linger, on_flush))
                .expect("the flusher thread starts")
        };
        Self {
            shared,
            thread: Some(thread),
        }
    }

    /// Resolves once everything written before this call is on disk.
    pub fn flushed(&self) -> impl Future<Output = Result<(), StoreError>> + use<> {
        let (tx, rx) = oneshot::channel();
        {
            let mut queue = self.shared.queue.lock().unwrap_or_else(|e| e.into_inner());
            if queue.closed {
                let _ = tx.send(Err(StoreError::Closed));
            } else {
                queue.waiters.push(tx);
            }
        }
        self.shared.wake.notify_one();
        async move { rx.await.unwrap_or(Err(StoreError::Closed)) }
    }
}

impl Drop for GroupCommit {
    fn drop(&mut self) {
        self.shared
            .queue
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .closed = true;
        self.shared.wake.notify_one();
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

fn flush_loop(
    db: &sled::Db,
    shared: &Shared,
    linger: std::time::Duration,
    on_flush: impl Fn(usize),
) {
    let mut last_batch = 0;
    loop {
        let (batch, closed) = {
            let mut queue = shared.queue.lock().unwrap_or_else(|e| e.into_inner());
            while queue.waiters.is_empty() && !queue.closed {
                queue = shared.wake.wait(queue).unwrap_or_else(|e| e.into_inner());
            }
            if last_batch > 1 && !linger.is_zero() {
                let deadline = std::time::Instant::now() + linger;
                while queue.waiters.len() < last_batch && !queue.closed {
                    let left = deadline.saturating_duration_since(std::time::Instant::now());
                    if left.is_zero() {
                        break;
                    }
                    queue = shared
                        .wake
                        .wait_timeout(queue, left)
                        .unwrap_or_else(|e| e.into_inner())
                        .0;
                }
            }
            (std::mem::take(&mut queue.waiters), queue.closed)
        };
        last_batch = batch.len();
        // Flush even with no waiters when closing, so a drop leaves nothing in memory only.
        let result = db
            .flush()
            .map(drop)
            .map_err(|e| StoreError::Flush(Arc::new(e.to_string())));
        if let Err(e) = &result {
            log::error!("flushing the store failed: {e}");
        }
        on_flush(batch.len());
        for waiter in batch {
            let _ = waiter.send(result.clone());
        }
        if closed {
            return;
        }
    }
}
