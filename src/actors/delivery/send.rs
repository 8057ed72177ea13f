//! One delivery attempt over HTTP, and the client that makes it.

use std::sync::Arc;
use std::time::{Duration, Instant};

use actix_web::web::Bytes;
use futures_util::StreamExt as _;

use crate::domain::config::ProjectConfig;
use crate::domain::event::{Attempt, EventRecord};
use crate::domain::signature;
use crate::domain::timestamp::UnixMillis;

/// How much of a receiver's answer is kept with the attempt.
pub const RESPONSE_BODY_LIMIT: usize = 4096;

/// What kind of outcome an attempt had, for the metrics.
pub fn outcome_label(attempt: &Attempt) -> &'static str {
    match (&attempt.error, attempt.status_code) {
        _ if attempt.succeeded() => "success",
        (Some(e), _) if e.starts_with("timed out") => "timeout",
        (Some(_), _) => "network_error",
        (None, _) => "http_error",
    }
}

/// A client for deliveries: no redirects (a 3xx is a failure), no connection limit of its own
/// (the schedule bounds each endpoint), the attempt's timeout for connecting too.
pub fn client(tls: Arc<rustls::ClientConfig>, timeout: Duration) -> awc::Client {
    let connector = awc::Connector::new()
        .rustls_0_23(tls)
        .limit(0)
        .timeout(timeout)
        // Shorter than common servers' idle timeouts (actix-web and Node.js close after 5 s),
        // so a pooled connection is not reused just as the receiver closes it.
        .conn_keep_alive(Duration::from_secs(3));
    awc::Client::builder()
        .connector(connector)
        .disable_redirects()
        .no_default_headers()
        .timeout(timeout)
        .finish()
}

/// Makes one attempt to deliver `body` for `record` to the project's endpoint.
pub async fn attempt(
    client: &awc::Client,
    config: &ProjectConfig,
    record: &EventRecord,
    body: Bytes,
    timeout: Duration,
) -> Attempt {
    let at = UnixMillis::now();
    let started = Instant::now();
    let id = record.id.to_string();
    let timestamp = at.0.div_euclid(1000);
    let mut request = client
        .post(config.memory_webhook_url.as_str())
        .timeout(timeout)
        .insert_header(("Content-Type", "application/json"))
        .insert_header(("User-Agent", "dg2-api"))
        .insert_header(("webhook-timestamp", timestamp.to_string()))
        .insert_header(("X-Memory-Version", record.version.to_string()));
    if let Some(secret) = &config.memory_webhook_secret {
        request = request.insert_header((
            "webhook-signature",
            signature::sign(secret, &id, timestamp, &body),
        ));
    }
    request = request.insert_header(("webhook-id", id));
    for (name, value) in config.memory_webhook_custom_headers.iter() {
        request = request.insert_header((name, value));
    }

    let exchange = async {
        let mut response = request.send_body(body).await.map_err(|e| describe(&e))?;
        let status = response.status().as_u16();
        let mut kept = Vec::new();
        while kept.len() < RESPONSE_BODY_LIMIT {
            match response.next().await {
                Some(Ok(chunk)) => kept
                    .extend_from_slice(&chunk[..chunk.len().min(RESPONSE_BODY_LIMIT - kept.len())]),
                // The status decides the outcome; a body cut short only shortens what we keep.
                Some(Err(_)) | None => break,
            }
        }
        Ok::<_, String>((status, kept))
    };
    let (status_code, error, response_body) =
        match actix_web::rt::time::timeout(timeout, exchange).await {
            Ok(Ok((status, body))) => (
                Some(status),
                None,
                Some(String::from_utf8_lossy(&body).into_owned()),
            ),
            Ok(Err(e)) if e.contains("Timeout") || e.contains("timed out") => (
                None,
                Some(format!(
                    "timed out after {}",
                    humantime::format_duration(timeout)
                )),
                None,
            ),
            Ok(Err(e)) => (None, Some(e), None),
            Err(_) => (
                None,
                Some(format!(
                    "timed out after {}",
                    humantime::format_duration(timeout)
                )),
                None,
            ),
        };
    Attempt {
        at,
        duration_ms: started.elapsed().as_millis() as u64,
        status_code,
        error,
        response_body,
    }
}

/// What went wrong, for the attempt's record. awc calls a connection that closed before the
/// answer a failure "to connect", which sends an operator to look in the wrong place.
fn describe(error: &awc::error::SendRequestError) -> String {
    use awc::error::{ConnectError, SendRequestError};
    match error {
        SendRequestError::Connect(ConnectError::Disconnected) => {
            "the connection closed before the receiver answered".into()
        }
        other => other.to_string(),
    }
}
