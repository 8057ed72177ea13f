//! SIGINT and SIGTERM, listened for from before the store opens: a stop signal that arrives
//! while a large store is being opened waits for the server instead of killing the process.

use std::io;

/// The stop signals of the process, caught from the moment this is made.
pub struct StopSignals {
    #[cfg(unix)]
    interrupt: tokio::signal::unix::Signal,
    #[cfg(unix)]
    terminate: tokio::signal::unix::Signal,
}

impl StopSignals {
    /// Needs a running Tokio runtime (the actix system's).
    pub fn listen() -> io::Result<Self> {
        #[cfg(unix)]
        {
            use tokio::signal::unix::{SignalKind, signal};
            Ok(Self {
                interrupt: signal(SignalKind::interrupt())?,
                terminate: signal(SignalKind::terminate())?,
            })
        }
        #[cfg(not(unix))]
        Ok(Self {})
    }

    /// The next stop signal's name.
    pub async fn next(&mut self) -> &'static str {
        #[cfg(unix)]
        {
            use futures_util::future::{Either, select};
            let interrupt = std::pin::pin!(self.interrupt.recv());
            let terminate = std::pin::pin!(self.terminate.recv());
            match select(interrupt, terminate).await {
                Either::Left(_) => "SIGINT",
                Either::Right(_) => "SIGTERM",
            }
        }
        #[cfg(not(unix))]
        {
            let _ = tokio::signal::ctrl_c().await;
            "Ctrl-C"
        }
    }
}
