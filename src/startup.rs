//! Wiring: settings → store, actors and HTTP server. Tests build the same application on port
//! 0 with a temporary data folder.

use std::net::{SocketAddr, TcpListener};
use std::sync::{Arc, OnceLock};
use std::time::{Duration, Instant};

use actix::Arbiter;
use actix_web::dev::{Server, ServerHandle};
use actix_web::{App, HttpServer, middleware, web};

use crate::actors::delivery::{Delivery, DeliveryDeps};
use crate::actors::pair::PairDeps;
use crate::actors::registry::Registry;
use crate::configuration::{ExtractorKind, Settings};
use crate::domain::event::RetryPolicy;
use crate::error::ApiError;
use crate::extract::Extractor;
use crate::extract::openai::OpenAi;
use crate::http_client::tls_config;
use crate::metrics::Metrics;
use crate::routes::input::BodyLimit;
use crate::routes::{self, AdminToken, AppState};
use crate::signals::StopSignals;
use crate::store::{Store, StoreError, StoreOptions};

#[derive(Debug, thiserror::Error)]
pub enum StartupError {
    #[error("cannot open the store: {0}")]
    Store(#[from] StoreError),
    #[error("cannot listen on {bind}: {source}")]
    Bind {
        bind: String,
        source: std::io::Error,
    },
    #[error("{0}")]
    Settings(String),
}

/// What the log says once the server listens, followed by the address: the tests and the
/// benchmark read it to find a server started on port 0.
pub const LISTENING_ON: &str = "memhook listening on http://";

pub struct Application {
    address: SocketAddr,
    server: Server,
    store: Store,
    pairs: Arc<Registry>,
    delivery: Delivery,
    shutdown_timeout: Duration,
    /// When a stop signal came.
    stop_began: Arc<OnceLock<Instant>>,
}

impl Application {
    pub fn build(settings: Settings) -> Result<Self, StartupError> {
        let metrics = Arc::new(Metrics::new());
        let store = {
            let metrics = Arc::clone(&metrics);
            let options = StoreOptions {
                cache_capacity: settings.cache_capacity.as_u64(),
                flush_linger: settings.flush_linger,
            };
            Store::open(&settings.data_dir, &options, move |batch| {
                metrics.flushes.inc();
                metrics.flush_batch.observe(batch as f64);
            })?
        };
        let tls =
            Arc::new(tls_config(settings.ca_file.as_deref()).map_err(StartupError::Settings)?);
        let extractor = match settings.extractor {
            ExtractorKind::Rules => Extractor::Rules,
            ExtractorKind::None => Extractor::None,
            ExtractorKind::Openai => {
                let (Some(base_url), Some(model)) =
                    (&settings.openai_base_url, &settings.openai_model)
                else {
                    return Err(StartupError::Settings(
                        "--extractor openai needs --openai-base-url and --openai-model".into(),
                    ));
                };
                Extractor::OpenAi(OpenAi::new(
                    base_url,
                    model.clone(),
                    settings.openai_api_key.clone(),
                    settings.openai_timeout,
                    Arc::clone(&tls),
                ))
            }
        };
        let delivery = Delivery::start(
            DeliveryDeps {
                store: store.clone(),
                metrics: Arc::clone(&metrics),
                policy: RetryPolicy {
                    interval: settings.retry_interval,
                    max_retries: settings.max_retries,
                },
                request_timeout: settings.request_timeout,
                // The limit is per project in all: each delivery thread keeps its share.
                endpoint_concurrency: settings
                    .endpoint_concurrency
                    .div_ceil(settings.delivery_threads),
                tls,
            },
            settings.delivery_threads,
        );
        let pair_threads = (0..settings.pair_threads.max(1))
            .map(|_| Arbiter::new().handle())
            .collect();
        let pairs = Registry::new(
            Arc::new(PairDeps {
                store: store.clone(),
                extractor,
                delivery: delivery.clone(),
                metrics: Arc::clone(&metrics),
                idle_timeout: settings.pair_idle_timeout,
            }),
            pair_threads,
            settings.max_active_pairs,
        );

        let listener = TcpListener::bind(&settings.bind).map_err(|source| StartupError::Bind {
            bind: settings.bind.clone(),
            source,
        })?;
        let address = listener.local_addr().map_err(|source| StartupError::Bind {
            bind: settings.bind.clone(),
            source,
        })?;
        let state = web::Data::new(AppState {
            store: store.clone(),
            pairs: Arc::clone(&pairs),
            delivery: delivery.clone(),
            metrics,
        });
        let token = AdminToken::new(settings.admin_token.as_deref());
        let max_body = usize::try_from(settings.max_body.as_u64()).unwrap_or(usize::MAX);
        // Signals are ours (see `run_until_signalled`): actix-server's would stop the whole
        // actix system, delivery threads included, before their attempts are recorded, and
        // it stops at once on SIGINT.
        let mut server = HttpServer::new(move || {
            App::new()
                .app_data(state.clone())
                .app_data(token.clone())
                .app_data(BodyLimit(max_body))
                .app_data(web::PayloadConfig::new(max_body))
                .app_data(
                    web::JsonConfig::default()
                        .limit(max_body)
                        .error_handler(|e, _| {
                            ApiError::Invalid {
                                code: "malformed_json",
                                message: e.to_string(),
                                field: None,
                            }
                            .into()
                        }),
                )
                .app_data(web::QueryConfig::default().error_handler(|e, _| {
                    ApiError::Invalid {
                        code: "invalid_query",
                        message: e.to_string(),
                        field: None,
                    }
                    .into()
                }))
                .app_data(web::PathConfig::default().error_handler(|e, _| {
                    ApiError::Invalid {
                        code: "invalid_path",
                        message: e.to_string(),
                        field: None,
                    }
                    .into()
                }))
                .wrap(middleware::Condition::new(
                    log::log_enabled!(log::Level::Debug),
                    middleware::Logger::default(),
                ))
                .configure(routes::configure)
                .default_service(web::to(routes::not_found))
        })
        .disable_signals()
        .shutdown_timeout(settings.shutdown_timeout.as_secs())
        .listen(listener)
        .map_err(|source| StartupError::Bind {
            bind: settings.bind.clone(),
            source,
        })?;
        if let Some(workers) = settings.workers {
            server = server.workers(workers);
        }
        let server = server.run();
        log::info!(
            "{LISTENING_ON}{address} (data in {})",
            settings.data_dir.display()
        );
        Ok(Self {
            address,
            server,
            store,
            pairs,
            delivery,
            shutdown_timeout: settings.shutdown_timeout,
            stop_began: Arc::default(),
        })
    }

    pub fn address(&self) -> SocketAddr {
        self.address
    }

    /// Stops the server from outside (tests); SIGINT and SIGTERM do the same.
    pub fn handle(&self) -> ServerHandle {
        self.server.handle()
    }

    /// The pair registry, for tests that inject faults into pair actors.
    #[doc(hidden)]
    pub fn pairs(&self) -> Arc<Registry> {
        Arc::clone(&self.pairs)
    }

    /// Serves until SIGINT or SIGTERM, then stops gracefully within the shutdown timeout: HTTP
    /// takes no new requests and lets those under way finish; meanwhile delivery starts no
    /// attempt and lets those under way end and be recorded, so that a restart does not send
    /// them again. A second signal exits at once.
    pub async fn run_until_signalled(self, mut signals: StopSignals) -> std::io::Result<()> {
        let server = self.server.handle();
        let delivery = self.delivery.clone();
        let stop_began = Arc::clone(&self.stop_began);
        actix_web::rt::spawn(async move {
            let name = signals.next().await;
            let _ = stop_began.set(Instant::now());
            log::info!("{name}: stopping gracefully (a second signal exits at once)");
            actix_web::rt::spawn(async move {
                let name = signals.next().await;
                log::warn!("{name} again: exiting now; every acknowledged change is on disk");
                std::process::exit(1);
            });
            futures_util::future::join(server.stop(true), delivery.stop()).await;
        });
        self.run_until_stopped().await
    }

    /// Serves until stopped through [`Application::handle`] or a signal, waits for delivery's
    /// attempts under way, then flushes the store: every answer given is on disk already, and
    /// whatever delivery recorded since the last flush joins it.
    pub async fn run_until_stopped(self) -> std::io::Result<()> {
        self.server.await?;
        // The timeout counts from the signal (delivery began stopping then too), or from now.
        let began = *self.stop_began.get_or_init(Instant::now);
        let left = self.shutdown_timeout.saturating_sub(began.elapsed());
        if actix_web::rt::time::timeout(left, self.delivery.stop())
            .await
            .is_err()
        {
            log::warn!(
                "webhook attempts still under way are dropped; they go again after a restart"
            );
        }
        if let Err(e) = self.store.flushed().await {
            log::error!("the final flush failed: {e}");
        }
        log::info!("memhook stopped");
        Ok(())
    }
}
