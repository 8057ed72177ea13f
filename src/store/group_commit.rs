//! Group commit: one thread writes every change and flushes, so that many concurrent changes
//! share one sled transaction and one flush.
//!
//! Writers queue a change (or only ask for a flush) and wait. The thread takes everything
//! queued, writes all the changes in one transaction over the four trees a change touches,
//! flushes once, and answers each writer. A transaction per change costs about as much as the
//! writes in it (sled takes its global write lock and seals a batch in the log each time), so
//! one per group roughly doubled what sled takes here (`memhook-bench` measures it).
//!
//! Under concurrency the thread also lingers: when the last group served several writers, it
//! waits up to `linger` for as many to gather before writing again. Most of a flush's cost is
//! fixed (the kernel's write-back and sled's I/O threads waking), so fewer, fuller flushes
//! leave more of the machine to the writers; a lone writer never waits.

use std::sync::{Arc, Condvar, Mutex};
use std::thread;
use std::time::{Duration, Instant};

use tokio::sync::oneshot;

use super::StoreError;
use super::pairs::{ChangeTrees, ChangeWrite};

type Answer = oneshot::Sender<Result<(), StoreError>>;

struct Request {
    /// `None`: only wait for everything queued before to be durable.
    write: Option<ChangeWrite>,
    answer: Answer,
    /// Hears whether the write is durable, on this thread, before the answer is sent.
    then: Option<Then>,
}

/// Told `true` once a write is durable, `false` when it was refused or failed.
pub type Then = Box<dyn FnOnce(bool) + Send>;

#[derive(Default)]
struct Queue {
    requests: Vec<Request>,
    closed: bool,
}

struct Shared {
    queue: Mutex<Queue>,
    wake: Condvar,
}

/// Handle to the writer thread; dropping it lets the thread finish what is queued and end.
pub struct GroupCommit {
    shared: Arc<Shared>,
    thread: Option<thread::JoinHandle<()>>,
}

impl GroupCommit {
    pub fn start(
        db: sled::Db,
        trees: ChangeTrees,
        linger: Duration,
        on_flush: impl Fn(usize) + Send + 'static,
    ) -> Self {
        let shared = Arc::new(Shared {
            queue: Mutex::new(Queue::default()),
            wake: Condvar::new(),
        });
        let thread = {
            let shared = Arc::clone(&shared);
            thread::Builder::new()
                .name("memhook-commit".into())
                .spawn(move || commit_loop(&db, &trees, &shared, linger, on_flush))
                .expect("the commit thread starts")
        };
        Self {
            shared,
            thread: Some(thread),
        }
    }

    /// Writes `write` after everything queued before it; resolves once it is on disk.
    /// `then` runs on the commit thread first, in queue order.
    pub fn commit(
        &self,
        write: ChangeWrite,
        then: Option<Then>,
    ) -> impl Future<Output = Result<(), StoreError>> + Send + use<> {
        self.push(Some(write), then)
    }

    /// Resolves once everything written or queued before this call is on disk.
    pub fn flushed(&self) -> impl Future<Output = Result<(), StoreError>> + Send + use<> {
        self.push(None, None)
    }

    fn push(
        &self,
        write: Option<ChangeWrite>,
        then: Option<Then>,
    ) -> impl Future<Output = Result<(), StoreError>> + Send + use<> {
        let (answer, rx) = oneshot::channel();
        {
            let mut queue = self.shared.queue.lock().unwrap_or_else(|e| e.into_inner());
            if queue.closed {
                if let Some(then) = then {
                    then(false);
                }
                let _ = answer.send(Err(StoreError::Closed));
            } else {
                queue.requests.push(Request {
                    write,
                    answer,
                    then,
                });
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

fn commit_loop(
    db: &sled::Db,
    trees: &ChangeTrees,
    shared: &Shared,
    linger: Duration,
    on_flush: impl Fn(usize),
) {
    let mut last_group = 0;
    loop {
        let (mut group, closed) = gather(shared, linger, last_group);
        last_group = group.len();
        let writes: Vec<_> = group.iter_mut().map(|r| r.write.take()).collect();
        let written = trees.write(&writes);
        // Flush even with nothing queued when closing, so a drop leaves nothing in memory only.
        let flushed = db
            .flush()
            .map(drop)
            .map_err(|e| StoreError::Flush(Arc::new(e.to_string())));
        if let Err(e) = &flushed {
            log::error!("flushing the store failed: {e}");
        }
        on_flush(group.len());
        let verdicts = match written {
            Ok(verdicts) => verdicts,
            Err(e) => {
                log::error!("writing {} changes failed: {e}", writes.len());
                vec![Err(e); writes.len()]
            }
        };
        for (request, verdict) in group.into_iter().zip(verdicts) {
            let verdict = verdict.and(flushed.clone());
            if let Some(then) = request.then {
                then(verdict.is_ok());
            }
            let _ = request.answer.send(verdict);
        }
        if closed {
            return;
        }
    }
}

/// Waits for requests; when the last group was shared, lingers for as many more.
fn gather(shared: &Shared, linger: Duration, last_group: usize) -> (Vec<Request>, bool) {
    let mut queue = shared.queue.lock().unwrap_or_else(|e| e.into_inner());
    while queue.requests.is_empty() && !queue.closed {
        queue = shared.wake.wait(queue).unwrap_or_else(|e| e.into_inner());
    }
    if last_group > 1 && !linger.is_zero() {
        let deadline = Instant::now() + linger;
        while queue.requests.len() < last_group && !queue.closed {
            let left = deadline.saturating_duration_since(Instant::now());
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
    (std::mem::take(&mut queue.requests), queue.closed)
}
