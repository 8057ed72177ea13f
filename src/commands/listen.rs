//! `memhook listen`: a webhook receiver that prints what arrives and checks signatures.

use std::sync::atomic::{AtomicU64, Ordering};

use actix_web::http::StatusCode;
use actix_web::{App, HttpRequest, HttpResponse, HttpServer, web};
use serde_json::Value;

use crate::configuration::ListenArgs;
use crate::domain::config::WebhookSecret;
use crate::domain::signature;

struct Listener {
    args: ListenArgs,
    secret: Option<WebhookSecret>,
    count: AtomicU64,
}

pub async fn run(args: ListenArgs) -> Result<(), String> {
    let secret = args
        .secret
        .clone()
        .map(WebhookSecret::try_from)
        .transpose()
        .map_err(|e| format!("--secret {e}"))?;
    let bind = args.bind.clone();
    let state = web::Data::new(Listener {
        args,
        secret,
        count: AtomicU64::new(0),
    });
    let server = HttpServer::new(move || {
        App::new()
            .app_data(state.clone())
            .app_data(web::PayloadConfig::new(64 * 1024 * 1024))
            .default_service(web::to(receive))
    })
    .workers(1)
    .bind(&bind)
    .map_err(|e| format!("cannot listen on {bind}: {e}"))?;
    for address in server.addrs() {
        eprintln!("listening for webhooks on http://{address}/ (Ctrl-C to stop)");
    }
    server.run().await.map_err(|e| e.to_string())
}

fn header<'a>(req: &'a HttpRequest, name: &str) -> &'a str {
    req.headers()
        .get(name)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("")
}

async fn receive(req: HttpRequest, body: web::Bytes, state: web::Data<Listener>) -> HttpResponse {
    let n = state.count.fetch_add(1, Ordering::Relaxed) + 1;
    let args = &state.args;
    let signature = state
        .secret
        .as_ref()
        .map(|secret| check_signature(secret, &req, &body));
    let fail = n <= args.fail_first || (args.fail_every > 0 && n % args.fail_every == 0);
    let status = match (&signature, fail) {
        (Some(Err(_)), _) => StatusCode::UNAUTHORIZED,
        (_, true) => {
            StatusCode::from_u16(args.fail_status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR)
        }
        _ => StatusCode::NO_CONTENT,
    };
    if args.json {
        println!("{}", String::from_utf8_lossy(&body));
    } else {
        let verdict = match &signature {
            None => String::new(),
            Some(Ok(())) => "  signature ok".into(),
            Some(Err(e)) => format!("  signature INVALID ({e})"),
        };
        println!(
            "#{n} {} {}  id={} v{}{verdict}  -> {}",
            req.method(),
            req.path(),
            header(&req, "webhook-id"),
            header(&req, "x-memory-version"),
            status.as_u16()
        );
        match serde_json::from_slice::<Value>(&body) {
            Ok(json) => print!("{}", summary(&json)),
            Err(_) => println!("  (not JSON: {} bytes)", body.len()),
        }
    }
    HttpResponse::build(status).finish()
}

/// What a body says, a line per memory.
pub fn summary(body: &Value) -> String {
    let data = &body["data"];
    let mut out = format!(
        "  {} {} / {}\n",
        body["event"].as_str().unwrap_or("?"),
        data["userProfileId"].as_str().unwrap_or("?"),
        data["personaProfileId"].as_str().unwrap_or("?")
    );
    let line = |sign: &str, m: &Value| {
        format!(
            "    {sign} {} [{} {}] {}\n",
            m["uniqueIdentifier"].as_str().unwrap_or("?"),
            m["target"].as_str().unwrap_or("?"),
            m["category"].as_str().unwrap_or("?"),
            m["description"].as_str().unwrap_or("")
        )
    };
    let empty = Vec::new();
    for m in data["memories"].as_array().unwrap_or(&empty) {
        out.push_str(&line("=", m));
    }
    for m in data["added"].as_array().unwrap_or(&empty) {
        out.push_str(&line("+", m));
    }
    for d in data["deleted"].as_array().unwrap_or(&empty) {
        out.push_str(&format!(
            "    - {} ({})\n",
            d["uniqueIdentifier"].as_str().unwrap_or("?"),
            d["reason"].as_str().unwrap_or("")
        ));
    }
    out
}

/// Standard Webhooks: one of the `v1,` signatures must match, and the timestamp be within five
/// minutes, as the published verifiers require.
fn check_signature(secret: &WebhookSecret, req: &HttpRequest, body: &[u8]) -> Result<(), String> {
    let id = header(req, "webhook-id");
    let timestamp: i64 = header(req, "webhook-timestamp")
        .parse()
        .map_err(|_| "no webhook-timestamp".to_string())?;
    let now = time::OffsetDateTime::now_utc().unix_timestamp();
    if (now - timestamp).abs() > 300 {
        return Err(format!("timestamp {timestamp} is more than 5 minutes off"));
    }
    let expected = signature::sign(secret, id, timestamp, body);
    if header(req, "webhook-signature")
        .split(' ')
        .any(|s| s == expected)
    {
        Ok(())
    } else {
        Err("no matching v1 signature".into())
    }
}
