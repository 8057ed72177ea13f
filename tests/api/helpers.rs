//! Starting the real server (in-process on port 0, or the built binary as a child process),
//! a real webhook receiver, and speaking HTTP to both.

use std::io::{BufRead, BufReader};
use std::net::SocketAddr;
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use actix_web::http::{Method, StatusCode};
use actix_web::{App, HttpRequest, HttpResponse, HttpServer, web};
use memhook::actors::registry::Registry;
use memhook::configuration::Settings;
use memhook::startup::Application;
use percent_encoding::{NON_ALPHANUMERIC, utf8_percent_encode};
use serde_json::{Value, json};
use tempfile::TempDir;

/// Percent-encodes an id for a path segment.
pub fn enc(id: &str) -> String {
    utf8_percent_encode(id, NON_ALPHANUMERIC).to_string()
}

pub fn memories_path(project: &str, user: &str, persona: &str) -> String {
    format!(
        "/v1/projects/{}/users/{}/personas/{}/memories",
        enc(project),
        enc(user),
        enc(persona)
    )
}

/// Waits for `check` to hold, polling, and fails the test with `what` after `deadline`.
pub async fn wait_until<F, Fut>(what: &str, deadline: Duration, mut check: F)
where
    F: FnMut() -> Fut,
    Fut: Future<Output = bool>,
{
    let start = Instant::now();
    while !check().await {
        assert!(start.elapsed() < deadline, "timed out waiting for: {what}");
        actix_web::rt::time::sleep(Duration::from_millis(10)).await;
    }
}

/// Speaks HTTP to a memhook server.
pub struct Api {
    pub base: String,
    pub client: awc::Client,
    pub token: Option<String>,
}

impl Api {
    pub fn new(address: SocketAddr) -> Self {
        Self {
            base: format!("http://{address}"),
            // Idle connections are dropped before the server's 5 s keep-alive closes them.
            client: awc::Client::builder()
                .connector(awc::Connector::new().conn_keep_alive(Duration::from_secs(2)))
                .timeout(Duration::from_secs(30))
                .finish(),
            token: None,
        }
    }

    /// A request with a JSON body (or none); answers the status and the JSON body (Null if
    /// there is none).
    pub async fn call(
        &self,
        method: Method,
        path: &str,
        body: Option<Value>,
    ) -> (StatusCode, Value) {
        match body {
            Some(body) => {
                self.raw(
                    method,
                    path,
                    Some("application/json"),
                    body.to_string().into_bytes(),
                )
                .await
            }
            None => self.raw(method, path, None, Vec::new()).await,
        }
    }

    /// A request with any bytes and content type.
    pub async fn raw(
        &self,
        method: Method,
        path: &str,
        content_type: Option<&str>,
        body: Vec<u8>,
    ) -> (StatusCode, Value) {
        let mut request = self.client.request(method, format!("{}{path}", self.base));
        if let Some(ct) = content_type {
            request = request.insert_header(("Content-Type", ct));
        }
        if let Some(token) = &self.token {
            request = request.insert_header(("Authorization", format!("Bearer {token}")));
        }
        let mut response = request.send_body(body).await.expect("the server answers");
        let status = response.status();
        let bytes = response
            .body()
            .limit(64 * 1024 * 1024)
            .await
            .expect("a readable body");
        let json = if bytes.is_empty() {
            Value::Null
        } else {
            serde_json::from_slice(&bytes).unwrap_or_else(|_| {
                panic!(
                    "{path} answered {status} with a non-JSON body: {:?}",
                    String::from_utf8_lossy(&bytes)
                )
            })
        };
        (status, json)
    }

    pub async fn get(&self, path: &str) -> Value {
        let (status, body) = self.call(Method::GET, path, None).await;
        assert_eq!(status, StatusCode::OK, "GET {path}: {body}");
        body
    }

    pub async fn put_config(&self, project: &str, config: Value) -> Value {
        let path = format!("/v1/projects/{}/config", enc(project));
        let (status, body) = self.call(Method::PUT, &path, Some(config)).await;
        assert_eq!(status, StatusCode::OK, "PUT config: {body}");
        body
    }

    pub async fn conversation(&self, project: &str, body: Value) -> (StatusCode, Value) {
        let path = format!("/v1/projects/{}/conversations", enc(project));
        self.call(Method::POST, &path, Some(body)).await
    }

    /// Upserts memories into a pair; the update must be accepted.
    pub async fn upsert(
        &self,
        project: &str,
        user: &str,
        persona: &str,
        memories: Vec<Value>,
    ) -> Value {
        let (status, body) = self
            .conversation(
                project,
                json!({"userProfileId": user, "personaProfileId": persona, "memories": {"upsert": memories}}),
            )
            .await;
        assert_eq!(status, StatusCode::OK, "upsert: {body}");
        body
    }

    pub async fn memories(&self, project: &str, user: &str, persona: &str) -> Value {
        self.get(&memories_path(project, user, persona)).await
    }

    pub async fn events(&self, project: &str) -> Vec<Value> {
        let mut all = Vec::new();
        let mut cursor: Option<String> = None;
        loop {
            let mut path = format!("/v1/projects/{}/events?limit=1000", enc(project));
            if let Some(c) = &cursor {
                path.push_str(&format!("&cursor={c}"));
            }
            let page = self.get(&path).await;
            all.extend(page["items"].as_array().unwrap().iter().cloned());
            match page["nextCursor"].as_str() {
                Some(c) => cursor = Some(c.to_owned()),
                None => return all,
            }
        }
    }

    pub async fn event(&self, project: &str, id: &str) -> Value {
        self.get(&format!("/v1/projects/{}/events/{id}", enc(project)))
            .await
    }
}

/// A memory with the given key and description, about the user.
pub fn memory(key: &str, description: &str) -> Value {
    json!({"uniqueIdentifier": key, "target": "USER", "category": "OTHER", "description": description})
}

/// The server under test, in this process.
pub struct TestApp {
    pub api: Api,
    pub pairs: Arc<Registry>,
    /// Removed when the test ends.
    _data: TempDir,
}

/// Starts memhook on port 0 with a fresh data folder, a millisecond retry interval and the
/// given extra flags (later flags win).
pub async fn spawn_app_with(flags: &[&str]) -> TestApp {
    let data = TempDir::new().expect("a temporary folder");
    let data_dir = data.path().join("db");
    let mut args: Vec<String> = vec![
        "--bind".into(),
        "127.0.0.1:0".into(),
        "--data-dir".into(),
        data_dir.display().to_string(),
        "--retry-interval".into(),
        "20ms".into(),
        "--request-timeout".into(),
        "2s".into(),
        "--workers".into(),
        "2".into(),
    ];
    args.extend(flags.iter().map(|f| f.to_string()));
    let settings = Settings::from_args(args).expect("valid test settings");
    let app = Application::build(settings).expect("the app starts");
    let api = Api::new(app.address());
    let pairs = app.pairs();
    actix_web::rt::spawn(app.run_until_stopped());
    TestApp {
        api,
        pairs,
        _data: data,
    }
}

pub async fn spawn_app() -> TestApp {
    spawn_app_with(&[]).await
}

/// The memhook binary, run as a child process.
pub struct ServerProcess {
    pub child: Child,
    pub address: SocketAddr,
}

/// The built binary on a fresh folder, its project "p" sending CHANGES_ONLY webhooks to a
/// receiver that behaves as told.
pub async fn process_with_receiver(
    behaviour: Behaviour,
    flags: &[&str],
) -> (TempDir, ServerProcess, Receiver) {
    let receiver = Receiver::start(behaviour).await;
    let data = TempDir::new().expect("a temporary folder");
    let server = ServerProcess::start(data.path(), flags);
    server
        .api()
        .put_config(
            "p",
            json!({"memoryWebhookUrl": receiver.url, "memoryWebhookMode": "CHANGES_ONLY"}),
        )
        .await;
    (data, server, receiver)
}

impl ServerProcess {
    /// Starts the built binary on `data_dir` and waits until it says where it listens.
    pub fn start(data_dir: &std::path::Path, flags: &[&str]) -> Self {
        let mut child = Command::new(env!("CARGO_BIN_EXE_memhook"))
            .args(["--bind", "127.0.0.1:0", "--data-dir"])
            .arg(data_dir)
            .args(flags)
            .env("RUST_LOG", "info")
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .expect("the binary starts");
        let stderr = child.stderr.take().expect("piped");
        let (tx, rx) = std::sync::mpsc::channel();
        std::thread::spawn(move || {
            let mut tx = Some(tx);
            for line in BufReader::new(stderr).lines().map_while(Result::ok) {
                if let Some(rest) = line.split(memhook::startup::LISTENING_ON).nth(1) {
                    let address = rest
                        .split_whitespace()
                        .next()
                        .unwrap_or_default()
                        .to_owned();
                    if let Some(tx) = tx.take() {
                        let _ = tx.send(address);
                    }
                }
            }
        });
        let address = rx
            .recv_timeout(Duration::from_secs(30))
            .expect("the server logs its address")
            .parse()
            .expect("a socket address");
        Self { child, address }
    }

    pub fn api(&self) -> Api {
        Api::new(self.address)
    }

    pub fn kill_9(&mut self) {
        self.child.kill().expect("SIGKILL");
        self.child.wait().expect("reaped");
    }

    /// SIGTERM, then waits for a graceful exit.
    pub fn terminate(&mut self) -> std::process::ExitStatus {
        self.stop_with(libc::SIGTERM)
    }

    /// Sends `signal` (SIGTERM, SIGINT), then waits for the exit.
    pub fn stop_with(&mut self, signal: i32) -> std::process::ExitStatus {
        self.signal(signal);
        self.wait()
    }

    pub fn signal(&self, signal: i32) {
        // SAFETY: kill(2) on our own child's pid.
        unsafe { libc::kill(self.child.id() as i32, signal) };
    }

    pub fn wait(&mut self) -> std::process::ExitStatus {
        self.child.wait().expect("reaped")
    }
}

impl Drop for ServerProcess {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// One request a receiver got.
#[derive(Clone, Debug)]
pub struct Received {
    pub path: String,
    /// The status the receiver answered.
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
}

impl Received {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    pub fn json(&self) -> Value {
        serde_json::from_slice(&self.body).expect("a JSON body")
    }
}

/// How a receiver answers.
#[derive(Clone, Debug)]
pub struct Behaviour {
    /// Answer this status to the first `fail_first` requests, then `status`.
    pub fail_first: usize,
    pub fail_status: u16,
    pub status: u16,
    /// Wait this long before answering...
    pub delay: Duration,
    /// ...on paths that contain this (all paths when `None`).
    pub delay_path: Option<String>,
}

impl Default for Behaviour {
    fn default() -> Self {
        Self {
            fail_first: 0,
            fail_status: 500,
            status: 200,
            delay: Duration::ZERO,
            delay_path: None,
        }
    }
}

#[derive(Default)]
struct ReceiverState {
    received: Vec<Received>,
    behaviour: Behaviour,
    answered: usize,
}

/// A real HTTP webhook receiver on port 0, recording what arrives.
pub struct Receiver {
    pub url: String,
    state: Arc<Mutex<ReceiverState>>,
}

impl Receiver {
    pub async fn start(behaviour: Behaviour) -> Self {
        Self::start_on("127.0.0.1:0", behaviour).await
    }

    /// A receiver on a given address (to come up where deliveries were being refused).
    pub async fn start_on(address: &str, behaviour: Behaviour) -> Self {
        let state = Arc::new(Mutex::new(ReceiverState {
            behaviour,
            ..Default::default()
        }));
        let shared = web::Data::from(Arc::clone(&state));
        let server = HttpServer::new(move || {
            App::new()
                .app_data(shared.clone())
                .app_data(web::PayloadConfig::new(64 * 1024 * 1024))
                .default_service(web::to(receive))
        })
        .workers(1)
        .bind(address)
        .expect("bind")
        .disable_signals();
        let address = server.addrs()[0];
        actix_web::rt::spawn(server.run());
        Self {
            url: format!("http://{address}/hook"),
            state,
        }
    }

    pub fn set(&self, behaviour: Behaviour) {
        self.state.lock().unwrap().behaviour = behaviour;
    }

    pub fn received(&self) -> Vec<Received> {
        self.state.lock().unwrap().received.clone()
    }

    /// The requests answered with a 2xx, in arrival order.
    pub fn accepted(&self) -> Vec<Received> {
        self.received()
            .into_iter()
            .filter(|r| (200..300).contains(&r.status))
            .collect()
    }

    pub async fn wait_accepted(&self, n: usize, deadline: Duration) -> Vec<Received> {
        wait_until(&format!("{n} accepted webhooks"), deadline, || async {
            self.accepted().len() >= n
        })
        .await;
        self.accepted()
    }

    pub fn count(&self) -> usize {
        self.state.lock().unwrap().received.len()
    }

    pub async fn wait_for(&self, n: usize, deadline: Duration) -> Vec<Received> {
        wait_until(&format!("{n} webhooks"), deadline, || async {
            self.count() >= n
        })
        .await;
        self.received()
    }
}

async fn receive(
    req: HttpRequest,
    body: web::Bytes,
    state: web::Data<Mutex<ReceiverState>>,
) -> HttpResponse {
    let (status, delay) = {
        let mut s = state.lock().unwrap();
        s.answered += 1;
        let b = &s.behaviour;
        let status = if s.answered <= b.fail_first {
            b.fail_status
        } else {
            b.status
        };
        let delay = match &b.delay_path {
            Some(part) if !req.path().contains(part.as_str()) => Duration::ZERO,
            _ => b.delay,
        };
        s.received.push(Received {
            path: req.path().to_owned(),
            status,
            headers: req
                .headers()
                .iter()
                .map(|(k, v)| {
                    (
                        k.to_string(),
                        String::from_utf8_lossy(v.as_bytes()).into_owned(),
                    )
                })
                .collect(),
            body: body.to_vec(),
        });
        (status, delay)
    };
    if !delay.is_zero() {
        actix_web::rt::time::sleep(delay).await;
    }
    let mut response = HttpResponse::build(StatusCode::from_u16(status).unwrap());
    if (300..400).contains(&status) {
        response.insert_header(("Location", "http://127.0.0.1:9/elsewhere"));
    }
    response.body(format!("answered {status}"))
}
