//! The load generator: C concurrent HTTP/1.1 keep-alive clients (awc, one connection each)
//! in a closed loop, or an open loop at a fixed rate; and the check that every acknowledged
//! change came back as a webhook, in order per pair.

use std::cell::{Cell, RefCell};
use std::collections::{HashMap, HashSet};
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

use actix_web::http::Method;
use futures_util::future::join_all;
use serde::Deserialize;

use crate::receiver::Arrival;
use crate::server::anyhow_lite::{Result, bail};

/// Every change of the whole run gets its own number, so every description is fresh and
/// every upsert is a real change (SPEC §3), whatever pair it lands on.
static SEQ: AtomicU64 = AtomicU64::new(0);

pub fn next_seq() -> u64 {
    SEQ.fetch_add(1, Ordering::Relaxed)
}

/// One request to send.
pub struct Req {
    pub method: Method,
    pub path: String,
    pub body: String,
    /// The pair it changes (for the order check), when it is a change.
    pub pair: u32,
}

/// A memory whose description is unique to `seq`. Keys cycle over ten so a pair never holds
/// more than ten memories however many changes it gets.
pub fn memory_json(key: u64, seq: u64) -> String {
    format!(
        r#"{{"uniqueIdentifier":"m{key}","target":"USER","category":"OTHER","description":"fact number {seq}"}}"#
    )
}

/// `POST /v1/projects/{project}/conversations` upserting one fresh memory into pair `pair`.
pub fn change(project: &str, pair: u32, seq: u64) -> Req {
    Req {
        method: Method::POST,
        path: format!("/v1/projects/{project}/conversations"),
        body: format!(
            r#"{{"userProfileId":"u{pair}","personaProfileId":"p","memories":{{"upsert":[{}]}}}}"#,
            memory_json(seq % 10, seq)
        ),
        pair,
    }
}

/// `PUT .../memories` giving pair `pair` ten memories in one request: the fast way to fill a
/// store with many pairs.
pub fn seed(project: &str, pair: u32, seq: u64) -> Req {
    let memories: Vec<String> = (0..10).map(|k| memory_json(k, seq)).collect();
    Req {
        method: Method::PUT,
        path: format!("/v1/projects/{project}/users/u{pair}/personas/p/memories"),
        body: format!(r#"{{"memories":[{}]}}"#, memories.join(",")),
        pair,
    }
}

/// What the API answered for a change, with the client's clock.
#[derive(Clone, Debug)]
pub struct Ack {
    pub pair: u32,
    pub version: u64,
    pub event_id: Option<String>,
    pub sent: Instant,
    pub acked: Instant,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct Answer {
    version: u64,
    changed: bool,
    event_id: Option<String>,
}

/// What one load run did.
pub struct Run {
    pub started: Instant,
    pub acks: Vec<Ack>,
    /// When the last answer came back.
    pub ended: Instant,
}

impl Run {
    pub fn rate(&self) -> f64 {
        self.acks.len() as f64 / (self.ended - self.started).as_secs_f64().max(1e-9)
    }
}

pub struct Load {
    client: awc::Client,
    base: String,
}

impl Load {
    /// `connections` bounds awc's pool: one keep-alive connection per concurrent client.
    pub fn new(base: &str, connections: usize) -> Self {
        let client = awc::Client::builder()
            .connector(awc::Connector::new().limit(connections.max(1)))
            .timeout(Duration::from_secs(60))
            .disable_redirects()
            .finish();
        Self {
            client,
            base: base.to_owned(),
        }
    }

    /// One request outside a measurement (configuration, health): status and body text.
    pub async fn call(
        &self,
        method: Method,
        path: &str,
        body: Option<String>,
    ) -> Result<(u16, String)> {
        let mut request = self
            .client
            .request(method.clone(), format!("{}{path}", self.base));
        if body.is_some() {
            request = request.insert_header(("Content-Type", "application/json"));
        }
        let mut response = request
            .send_body(body.unwrap_or_default())
            .await
            .map_err(|e| format!("{method} {path}: {e}"))?;
        let bytes = response
            .body()
            .limit(1 << 20)
            .await
            .map_err(|e| e.to_string())?;
        Ok((
            response.status().as_u16(),
            String::from_utf8_lossy(&bytes).into_owned(),
        ))
    }

    /// memhook's own metrics (`/metrics`, Prometheus text), as name → value for the lines
    /// without labels; names lose the optional `memhook_` prefix.
    pub async fn metrics(&self) -> Result<HashMap<String, f64>> {
        let (status, text) = self.call(Method::GET, "/metrics", None).await?;
        if status != 200 {
            bail!("GET /metrics answered {status}");
        }
        Ok(text
            .lines()
            .filter(|l| !l.starts_with('#'))
            .filter_map(|l| {
                let (key, value) = l.split_once(' ')?;
                let key = key.strip_prefix("memhook_").unwrap_or(key);
                Some((key.to_owned(), value.trim().parse().ok()?))
            })
            .collect())
    }

    /// Points `project`'s webhooks at `url`, one webhook per change (CHANGES_ONLY).
    pub async fn configure(&self, project: &str, url: &str) -> Result<()> {
        let body = format!(r#"{{"memoryWebhookUrl":"{url}","memoryWebhookMode":"CHANGES_ONLY"}}"#);
        let path = format!("/v1/projects/{project}/config");
        let (status, answer) = self.call(Method::PUT, &path, Some(body)).await?;
        if status != 200 {
            bail!("PUT {path} answered {status}: {answer}");
        }
        Ok(())
    }

    /// Sends one request; a non-2xx answer fails the benchmark (each request must count).
    /// With `expect_change`, the answer must report a change with a version.
    async fn send(&self, req: &Req, expect_change: bool) -> Result<Ack> {
        let sent = Instant::now();
        let mut response = self
            .client
            .request(req.method.clone(), format!("{}{}", self.base, req.path))
            .insert_header(("Content-Type", "application/json"))
            .send_body(req.body.clone())
            .await
            .map_err(|e| format!("{} {}: {e}", req.method, req.path))?;
        let status = response.status();
        let bytes = response
            .body()
            .limit(1 << 20)
            .await
            .map_err(|e| format!("{} {}: reading the answer: {e}", req.method, req.path))?;
        let acked = Instant::now();
        if !status.is_success() {
            bail!(
                "{} {} answered {status}: {}",
                req.method,
                req.path,
                String::from_utf8_lossy(&bytes)
            );
        }
        let (version, event_id) = if expect_change {
            let answer: Answer = serde_json::from_slice(&bytes)
                .map_err(|e| format!("{}: an answer that does not parse ({e})", req.path))?;
            if !answer.changed {
                bail!("{}: a change the server says changed nothing", req.path);
            }
            (answer.version, answer.event_id)
        } else {
            (0, None)
        };
        Ok(Ack {
            pair: req.pair,
            version,
            event_id,
            sent,
            acked,
        })
    }

    /// `clients` loops, each sending its next request as soon as the last is answered, until
    /// `until` or `max` requests. `make(i)` is the i-th request (0-based).
    pub async fn closed(
        &self,
        clients: usize,
        until: Instant,
        max: u64,
        expect_change: bool,
        progress: Option<&str>,
        make: &dyn Fn(u64) -> Req,
    ) -> Result<Run> {
        let started = Instant::now();
        let next = Cell::new(0u64);
        let acks = RefCell::new(Vec::new());
        let one_client = || async {
            loop {
                let i = next.get();
                if i >= max || Instant::now() >= until {
                    return Ok::<(), String>(());
                }
                next.set(i + 1);
                let ack = self.send(&make(i), expect_change).await?;
                let mut acks = acks.borrow_mut();
                acks.push(ack);
                if let Some(label) = progress {
                    let done = acks.len();
                    if done % 20_000 == 0 {
                        eprintln!(
                            "  {label}: {done}/{max} ({:.0}/s)",
                            done as f64 / started.elapsed().as_secs_f64()
                        );
                    }
                }
            }
        };
        for result in join_all((0..clients).map(|_| one_client())).await {
            result?;
        }
        let acks = acks.into_inner();
        let ended = acks.iter().map(|a| a.acked).max().unwrap_or(started);
        Ok(Run {
            started,
            acks,
            ended,
        })
    }

    /// Sends `make(i)` at `rate` per second for `duration` whatever the answers take (an open
    /// loop: a slow answer does not slow the offered load, which is what lag is about).
    pub async fn open(
        &self,
        rate: f64,
        duration: Duration,
        make: &dyn Fn(u64) -> Req,
    ) -> Result<Run> {
        let started = Instant::now();
        let total = (rate * duration.as_secs_f64()) as u64;
        let sends = (0..total).map(|i| {
            let due = started + Duration::from_secs_f64(i as f64 / rate);
            let req = make(i);
            async move {
                actix_web::rt::time::sleep_until(due.into()).await;
                self.send(&req, true).await
            }
        });
        let acks = join_all(sends)
            .await
            .into_iter()
            .collect::<Result<Vec<_>>>()?;
        let ended = acks.iter().map(|a| a.acked).max().unwrap_or(started);
        Ok(Run {
            started,
            acks,
            ended,
        })
    }
}

/// The benchmark's own check: every acknowledged change's event arrived, exactly once, and
/// each pair's versions arrived strictly increasing. Answers a message naming what broke.
pub fn verify(what: &str, acks: &[Ack], arrivals: &[Arrival]) -> Result<()> {
    let mut problems = Vec::new();
    let arrived: HashSet<&str> = arrivals.iter().map(|a| a.event_id.as_str()).collect();
    let mut missing = 0usize;
    for ack in acks {
        match &ack.event_id {
            None => problems.push(format!(
                "pair u{} version {} was acknowledged without an eventId",
                ack.pair, ack.version
            )),
            Some(id) if !arrived.contains(id.as_str()) => {
                missing += 1;
                if missing <= 3 {
                    problems.push(format!(
                        "event {id} (pair u{} version {}) was acknowledged but never arrived",
                        ack.pair, ack.version
                    ));
                }
            }
            Some(_) => {}
        }
    }
    if missing > 3 {
        problems.push(format!(
            "... {missing} acknowledged events never arrived in all"
        ));
    }
    if arrived.len() != arrivals.len() {
        problems.push(format!(
            "{} webhooks arrived more than once",
            arrivals.len() - arrived.len()
        ));
    }
    let mut last: HashMap<u32, u64> = HashMap::new();
    let mut disorder = 0usize;
    // Arrivals are recorded under one lock, so their order is the order they arrived in.
    for a in arrivals {
        let previous = last.insert(a.pair, a.version);
        if previous.is_some_and(|p| p >= a.version) {
            disorder += 1;
            if disorder <= 3 {
                problems.push(format!(
                    "pair u{}: version {} arrived after version {}",
                    a.pair,
                    a.version,
                    previous.unwrap_or(0)
                ));
            }
        }
    }
    if disorder > 3 {
        problems.push(format!("... {disorder} out-of-order arrivals in all"));
    }
    if arrivals.len() != acks.len() && problems.is_empty() {
        problems.push(format!(
            "{} changes acknowledged but {} webhooks arrived",
            acks.len(),
            arrivals.len()
        ));
    }
    if problems.is_empty() {
        Ok(())
    } else {
        Err(format!(
            "VERIFICATION FAILED ({what}):\n  {}",
            problems.join("\n  ")
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ack(pair: u32, version: u64, id: &str) -> Ack {
        let now = Instant::now();
        Ack {
            pair,
            version,
            event_id: Some(id.into()),
            sent: now,
            acked: now,
        }
    }

    fn arrival(pair: u32, version: u64, id: &str) -> Arrival {
        Arrival {
            at: Instant::now(),
            event_id: id.into(),
            version,
            pair,
        }
    }

    #[test]
    fn passes_when_everything_arrived_in_order() {
        let acks = [ack(1, 1, "a"), ack(2, 1, "b"), ack(1, 2, "c")];
        let arrivals = [arrival(2, 1, "b"), arrival(1, 1, "a"), arrival(1, 2, "c")];
        assert!(verify("t", &acks, &arrivals).is_ok());
    }

    #[test]
    fn fails_on_a_missing_webhook() {
        let acks = [ack(1, 1, "a"), ack(1, 2, "b")];
        let err = verify("t", &acks, &[arrival(1, 1, "a")]).unwrap_err();
        assert!(err.contains("event b (pair u1 version 2)"), "{err}");
    }

    #[test]
    fn fails_on_versions_out_of_order_or_repeated() {
        let acks = [ack(1, 1, "a"), ack(1, 2, "b")];
        let err = verify("t", &acks, &[arrival(1, 2, "b"), arrival(1, 1, "a")]).unwrap_err();
        assert!(err.contains("version 1 arrived after version 2"), "{err}");
        let twice = [arrival(1, 1, "a"), arrival(1, 2, "b"), arrival(1, 2, "b")];
        let err = verify("t", &acks, &twice).unwrap_err();
        assert!(err.contains("more than once"), "{err}");
    }
}
