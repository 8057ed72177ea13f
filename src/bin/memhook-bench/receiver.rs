//! The webhook receiver: an actix-web server in this process, on its own worker thread, that
//! records when each POST arrived and which event, version and pair it carried. The load
//! generator's clock is the same `Instant`, so lag is a plain subtraction.

use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use actix_web::{App, HttpRequest, HttpResponse, HttpServer, web};
use serde::Deserialize;

use crate::server::anyhow_lite::{Result, bail};

/// One webhook as it arrived.
#[derive(Clone, Debug)]
pub struct Arrival {
    pub at: Instant,
    pub event_id: String,
    pub version: u64,
    /// The pair's number: user ids are `u{n}` (see `load::body`).
    pub pair: u32,
}

#[derive(Default)]
pub struct Recorded {
    pub arrivals: Mutex<Vec<Arrival>>,
    /// Requests of the raw-HTTP baseline (`/raw`): counted only.
    pub raw: AtomicU64,
    /// Webhooks that did not carry what SPEC §5 promises.
    pub malformed: Mutex<Vec<String>>,
}

pub struct Receiver {
    pub base: String,
    pub recorded: Arc<Recorded>,
    handle: actix_web::dev::ServerHandle,
}

#[derive(Deserialize)]
struct Body<'a> {
    #[serde(borrow)]
    data: Data<'a>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct Data<'a> {
    user_profile_id: &'a str,
}

impl Receiver {
    /// A receiver on `address` ("127.0.0.1:0" for any port). One worker thread: a receiver
    /// that does nothing but record needs no more, and leaves the second core to memhook.
    pub fn start(address: &str) -> Result<Self> {
        let recorded = Arc::new(Recorded::default());
        let shared = web::Data::from(Arc::clone(&recorded));
        let server = HttpServer::new(move || {
            App::new()
                .app_data(shared.clone())
                .app_data(web::PayloadConfig::new(16 * 1024 * 1024))
                .route("/raw", web::post().to(raw))
                .default_service(web::to(hook))
        })
        .workers(1)
        .backlog(4096)
        .max_connection_rate(4096)
        .disable_signals()
        .bind(address)
        .map_err(|e| format!("the receiver cannot bind {address}: {e}"))?;
        let address = server.addrs()[0];
        let server = server.run();
        let handle = server.handle();
        actix_web::rt::spawn(server);
        Ok(Self {
            base: format!("http://{address}"),
            recorded,
            handle,
        })
    }

    pub fn count(&self) -> usize {
        self.recorded.arrivals.lock().unwrap().len()
    }

    /// Takes every arrival recorded so far (the next measurement starts empty).
    pub fn take(&self) -> Vec<Arrival> {
        std::mem::take(&mut *self.recorded.arrivals.lock().unwrap())
    }

    /// Waits until `n` webhooks have arrived; fails loudly after `deadline` without progress.
    pub async fn wait_for(&self, n: usize, stall: Duration) -> Result<()> {
        let mut last = (self.count(), Instant::now());
        loop {
            let count = self.count();
            if count >= n {
                return Ok(());
            }
            if count != last.0 {
                last = (count, Instant::now());
            } else if last.1.elapsed() > stall {
                bail!(
                    "only {count} of {n} webhooks arrived; none for {stall:?}: deliveries are lost or stuck"
                );
            }
            actix_web::rt::time::sleep(Duration::from_millis(5)).await;
        }
    }

    pub async fn stop(self) {
        self.handle.stop(false).await;
    }
}

async fn raw(recorded: web::Data<Recorded>, _body: web::Bytes) -> HttpResponse {
    recorded.raw.fetch_add(1, Ordering::Relaxed);
    HttpResponse::Ok().finish()
}

async fn hook(req: HttpRequest, body: web::Bytes, recorded: web::Data<Recorded>) -> HttpResponse {
    let at = Instant::now();
    let header = |name: &str| {
        req.headers()
            .get(name)
            .and_then(|v| v.to_str().ok())
            .map(str::to_owned)
    };
    let event_id = header("webhook-id");
    let version = header("x-memory-version").and_then(|v| v.parse::<u64>().ok());
    let pair = serde_json::from_slice::<Body>(&body).ok().and_then(|b| {
        b.data
            .user_profile_id
            .strip_prefix('u')?
            .parse::<u32>()
            .ok()
    });
    match (event_id, version, pair) {
        (Some(event_id), Some(version), Some(pair)) => {
            recorded.arrivals.lock().unwrap().push(Arrival {
                at,
                event_id,
                version,
                pair,
            });
        }
        _ => recorded
            .malformed
            .lock()
            .unwrap()
            .push(String::from_utf8_lossy(&body[..body.len().min(300)]).into_owned()),
    }
    HttpResponse::Ok().finish()
}
