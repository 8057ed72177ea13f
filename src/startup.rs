//! Wiring: settings → store, actors and HTTP server. Tests build the same application on port
//! 0 with a temporary data folder.

use std::net::{SocketAddr, TcpListener};
use std::sync::Arc;

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
        // Signals are ours (see `run_until_stopped`): actix-server's would stop the whole
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

    /// Serves until stopped, lets the webhook attempts under way end and be recorded (so a
    /// restart does not send them again), then flushes the store: every answer given is on
    /// disk already, and whatever delivery recorded since the last flush joins it.
    pub async fn run_until_stopped(self) -> std::io::Result<()> {
        stop_on_signals(self.server.handle());
        self.server.await?;
        self.delivery.stop().await;
        if let Err(e) = self.store.flushed().await {
            log::error!("the final flush failed: {e}");
        }
        log::info!("memhook stopped");
        Ok(())
    }
}

/// SIGINT and SIGTERM both stop gracefully: no new requests, in-flight ones finish.
fn stop_on_signals(server: ServerHandle) {
    let on_sigint = server.clone();
    actix_web::rt::spawn(async move {
        if tokio::signal::ctrl_c().await.is_ok() {
            log::info!("SIGINT: stopping gracefully");
            on_sigint.stop(true).await;
        }
    });
    #[cfg(unix)]
    actix_web::rt::spawn(async move {
        use tokio::signal::unix::{SignalKind, signal};
        match signal(SignalKind::terminate()) {
            Ok(mut term) => {
                if term.recv().await.is_some() {
                    log::info!("SIGTERM: stopping gracefully");
                    server.stop(true).await;
                }
            }
            Err(e) => log::error!("cannot listen for SIGTERM: {e}"),
        }
    });
}
