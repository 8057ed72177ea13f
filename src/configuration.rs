//! The command line: `memhook [serve]`, `listen`, `replay`, each setting a flag with its
//! environment variable (SPEC §9).

use std::path::PathBuf;
use std::time::Duration;

use bytesize::ByteSize;
use clap::{Args, Parser, Subcommand, ValueEnum};

#[derive(Debug, Parser)]
#[command(
    name = "memhook",
    version,
    about,
    args_conflicts_with_subcommands = true
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Option<Command>,
    /// With no subcommand, memhook serves.
    #[command(flatten)]
    pub serve: Settings,
}

// Parsed once at start: the size of a variant costs nothing worth boxing for.
#[allow(clippy::large_enum_variant)]
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Run the service (the default).
    Serve(Settings),
    /// Run a webhook receiver that prints what arrives (for integrators).
    Listen(ListenArgs),
    /// Push a conversation file to a running server turn by turn, printing each change.
    Replay(ReplayArgs),
}

#[derive(Clone, Debug, Args)]
pub struct ListenArgs {
    /// Address to listen on; point `memoryWebhookUrl` at `http://ADDRESS/`.
    #[arg(long, env = "MEMHOOK_LISTEN_BIND", default_value = "127.0.0.1:9000")]
    pub bind: String,

    /// The project's `memoryWebhookSecret`: signatures are checked and bad ones answered 401.
    #[arg(long, env = "MEMHOOK_LISTEN_SECRET", hide_env_values = true)]
    pub secret: Option<String>,

    /// Fail the first N requests (to watch the retries).
    #[arg(long, default_value_t = 0)]
    pub fail_first: u64,

    /// Fail every Nth request (0: never).
    #[arg(long, default_value_t = 0)]
    pub fail_every: u64,

    /// The status a failed request gets.
    #[arg(long, default_value_t = 500)]
    pub fail_status: u16,

    /// Print each body as it arrived, one JSON line per webhook, instead of a summary.
    #[arg(long)]
    pub json: bool,
}

#[derive(Clone, Debug, Args)]
pub struct ReplayArgs {
    /// A conversation file: `{"userProfileId", "personaProfileId", "messages": [...]}`.
    pub file: PathBuf,

    /// The running memhook server.
    #[arg(long, env = "MEMHOOK_SERVER", default_value = "http://127.0.0.1:8080")]
    pub server: url::Url,

    /// Project to push into.
    #[arg(long, default_value = "demo")]
    pub project: String,

    /// Admin token, if the server needs one.
    #[arg(long, env = "MEMHOOK_ADMIN_TOKEN", hide_env_values = true)]
    pub token: Option<String>,

    /// Stop after this many turns (0: all).
    #[arg(long, default_value_t = 0)]
    pub turns: usize,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum ExtractorKind {
    /// The built-in English rules; offline, no model.
    Rules,
    /// An OpenAI-compatible chat-completions server.
    Openai,
    /// No extractor: `messages` are refused, explicit memory operations still work.
    None,
}

fn at_least_one(text: &str) -> Result<usize, String> {
    match text.parse::<usize>() {
        Ok(0) | Err(_) => Err(format!("{text:?} is not a whole number of at least 1")),
        Ok(n) => Ok(n),
    }
}

fn cache_size(text: &str) -> Result<ByteSize, String> {
    let size: ByteSize = text.parse()?;
    if size.as_u64() < 1024 * 1024 {
        return Err(format!(
            "{text:?} is too small for sled's cache; give at least 1MiB"
        ));
    }
    Ok(size)
}

/// A duration within bounds: zero or absurd values would stall writers, burn a retry budget at
/// once, or schedule retries past any date the API can write.
fn bounded(text: &str, min: Duration, max: Duration) -> Result<Duration, String> {
    let d = duration(text)?;
    if d < min || d > max {
        return Err(format!(
            "{text:?} is out of range: use {} to {}",
            humantime::format_duration(min),
            humantime::format_duration(max)
        ));
    }
    Ok(d)
}

fn retry_interval(text: &str) -> Result<Duration, String> {
    bounded(
        text,
        Duration::from_millis(1),
        Duration::from_secs(7 * 24 * 3600),
    )
}

fn request_timeout(text: &str) -> Result<Duration, String> {
    bounded(text, Duration::from_millis(1), Duration::from_secs(3600))
}

/// Whole seconds: actix-web's HTTP drain counts in seconds.
fn shutdown_timeout(text: &str) -> Result<Duration, String> {
    let d = bounded(text, Duration::from_secs(1), Duration::from_secs(3600))?;
    if d.subsec_nanos() != 0 {
        return Err(format!("{text:?} is not a whole number of seconds"));
    }
    Ok(d)
}

fn flush_linger(text: &str) -> Result<Duration, String> {
    bounded(text, Duration::ZERO, Duration::from_millis(100))
}

fn max_body(text: &str) -> Result<ByteSize, String> {
    let size: ByteSize = text.parse()?;
    if size.as_u64() < 1024 {
        return Err(format!(
            "{text:?} is too small for any request; give at least 1KiB"
        ));
    }
    Ok(size)
}

fn duration(text: &str) -> Result<Duration, String> {
    humantime::parse_duration(text).map_err(|e| e.to_string())
}

/// Every setting of the service.
#[derive(Clone, Debug, Args)]
pub struct Settings {
    /// Address of the HTTP API; port 0 picks a free port (the chosen address is logged).
    #[arg(long, env = "MEMHOOK_BIND", default_value = "127.0.0.1:8080")]
    pub bind: String,

    /// Folder of the embedded database.
    #[arg(long, env = "MEMHOOK_DATA_DIR", default_value = "data/db")]
    pub data_dir: PathBuf,

    /// When set, every /v1 call needs `Authorization: Bearer <token>`.
    #[arg(long, env = "MEMHOOK_ADMIN_TOKEN", hide_env_values = true)]
    pub admin_token: Option<String>,

    /// Wait between delivery attempts (`15s`, `200ms`, ...).
    #[arg(long, env = "MEMHOOK_RETRY_INTERVAL", default_value = "15s", value_parser = retry_interval)]
    pub retry_interval: Duration,

    /// Retries after the first attempt; then the event is `failed`.
    #[arg(long, env = "MEMHOOK_MAX_RETRIES", default_value_t = 40)]
    pub max_retries: u32,

    /// Limit for one delivery attempt, from connecting to reading the answer.
    #[arg(long, env = "MEMHOOK_REQUEST_TIMEOUT", default_value = "10s", value_parser = request_timeout)]
    pub request_timeout: Duration,

    /// Longest a graceful stop (SIGINT, SIGTERM) waits for HTTP requests and webhook attempts
    /// under way; what is still running then is dropped (acknowledged changes are on disk; an
    /// unrecorded attempt is sent again after a restart).
    #[arg(long, env = "MEMHOOK_SHUTDOWN_TIMEOUT", default_value = "10s", value_parser = shutdown_timeout)]
    pub shutdown_timeout: Duration,

    /// Largest request body accepted (413 beyond).
    #[arg(long, env = "MEMHOOK_MAX_BODY", default_value = "4MiB", value_parser = max_body)]
    pub max_body: ByteSize,

    /// How `messages` become memories.
    #[arg(long, env = "MEMHOOK_EXTRACTOR", value_enum, default_value_t = ExtractorKind::Rules)]
    pub extractor: ExtractorKind,

    /// Base URL of the OpenAI-compatible server, e.g. `http://127.0.0.1:11434/v1`.
    #[arg(long, env = "MEMHOOK_OPENAI_BASE_URL")]
    pub openai_base_url: Option<url::Url>,

    /// Model name sent to the OpenAI-compatible server.
    #[arg(long, env = "MEMHOOK_OPENAI_MODEL")]
    pub openai_model: Option<String>,

    /// API key for the OpenAI-compatible server, sent as a bearer token.
    #[arg(long, env = "MEMHOOK_OPENAI_API_KEY", hide_env_values = true)]
    pub openai_api_key: Option<String>,

    /// Limit for one call to the OpenAI-compatible server; beyond it the update fails (504).
    #[arg(long, env = "MEMHOOK_OPENAI_TIMEOUT", default_value = "60s", value_parser = duration)]
    pub openai_timeout: Duration,

    /// A pair's actor stops after this long without a request; its memory stays on disk.
    #[arg(long, env = "MEMHOOK_PAIR_IDLE_TIMEOUT", default_value = "10s", value_parser = duration)]
    pub pair_idle_timeout: Duration,

    /// Pair actors kept alive at most (about: the count is kept per shard); beyond it the
    /// least recently used one retires early, so memory stays bounded however many pairs
    /// are touched within one idle timeout.
    #[arg(long, env = "MEMHOOK_MAX_ACTIVE_PAIRS", default_value_t = 20_000, value_parser = at_least_one)]
    pub max_active_pairs: usize,

    /// Memory given to sled's page cache.
    #[arg(long, env = "MEMHOOK_CACHE_CAPACITY", default_value = "256MiB", value_parser = cache_size)]
    pub cache_capacity: ByteSize,

    /// Longest a flush waits for more concurrent writers to share it (0 turns it off).
    #[arg(long, env = "MEMHOOK_FLUSH_LINGER", default_value = "500us", value_parser = flush_linger)]
    pub flush_linger: Duration,

    /// Threads that deliver webhooks; each pair always goes to the same one.
    #[arg(long, env = "MEMHOOK_DELIVERY_THREADS", default_value_t = 2, value_parser = at_least_one)]
    pub delivery_threads: usize,

    /// HTTP worker threads (default: one per core).
    #[arg(long, env = "MEMHOOK_WORKERS", value_parser = at_least_one)]
    pub workers: Option<usize>,

    /// Threads that run pair actors.
    #[arg(long, env = "MEMHOOK_PAIR_THREADS", default_value_t = 2, value_parser = at_least_one)]
    pub pair_threads: usize,

    /// Deliveries in flight at once to one project's endpoint; the rest wait their turn, so a
    /// slow endpoint cannot take every connection.
    #[arg(long, env = "MEMHOOK_ENDPOINT_CONCURRENCY", default_value_t = 32, value_parser = at_least_one)]
    pub endpoint_concurrency: usize,

    /// A PEM file of extra CA certificates to trust for https webhook URLs.
    #[arg(long, env = "MEMHOOK_CA_FILE")]
    pub ca_file: Option<PathBuf>,
}

impl Settings {
    /// The settings memhook would run with, given these arguments (and the environment).
    pub fn from_args<I, T>(args: I) -> Result<Self, clap::Error>
    where
        I: IntoIterator<Item = T>,
        T: Into<std::ffi::OsString> + Clone,
    {
        #[derive(Parser)]
        #[command(args_override_self = true)]
        struct Only {
            #[command(flatten)]
            settings: Settings,
        }
        let args = std::iter::once(std::ffi::OsString::from("memhook"))
            .chain(args.into_iter().map(Into::into));
        Ok(Only::try_parse_from(args)?.settings)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_are_the_production_rules_of_the_spec() {
        let s = Settings::from_args::<_, &str>([]).unwrap();
        assert_eq!(s.retry_interval, Duration::from_secs(15));
        assert_eq!(s.max_retries, 40);
        assert_eq!(s.request_timeout, Duration::from_secs(10));
        assert_eq!(s.max_body.as_u64(), 4 * 1024 * 1024);
        assert_eq!(s.data_dir, PathBuf::from("data/db"));
        assert_eq!(s.bind, "127.0.0.1:8080");
        assert_eq!(s.extractor, ExtractorKind::Rules);
    }

    #[test]
    fn durations_and_sizes_take_units() {
        let s = Settings::from_args(["--retry-interval", "200ms", "--max-body", "64KiB"]).unwrap();
        assert_eq!(s.retry_interval, Duration::from_millis(200));
        assert_eq!(s.max_body.as_u64(), 64 * 1024);
        assert!(Settings::from_args(["--retry-interval", "soon"]).is_err());
    }

    #[test]
    fn settings_that_would_crash_the_server_are_refused_at_start() {
        for args in [
            ["--workers", "0"],
            ["--pair-threads", "0"],
            ["--endpoint-concurrency", "0"],
            ["--cache-capacity", "0"],
            ["--max-active-pairs", "0"],
            ["--shutdown-timeout", "0s"],
            ["--shutdown-timeout", "1500ms"],
        ] {
            assert!(Settings::from_args(args).is_err(), "{args:?}");
        }
        let s = Settings::from_args(["--shutdown-timeout", "2s"]).unwrap();
        assert_eq!(s.shutdown_timeout, Duration::from_secs(2));
    }
}
