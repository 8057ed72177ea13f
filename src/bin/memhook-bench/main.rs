//! memhook-bench: the benchmark of memhook, run with one command (see README / --help).
//!
//! It starts the release `memhook` binary (next to this one) as its own process on a temporary
//! data folder, a webhook receiver in this process, and a load generator; measures the
//! scenarios asked for; checks that every acknowledged change came back as a webhook, in
//! order per pair (exit code 1 and a loud message if not); and prints one Markdown table.
//!
//! Modules: `server` (the child process and /proc), `receiver`, `load` (clients and the
//! check), `baselines` (raw HTTP and sled ceilings), one module per scenario group.

mod baselines;
mod lag;
mod load;
mod receiver;
mod server;
mod storage;
mod throughput;

use std::process::ExitCode;
use std::time::Duration;

use clap::Parser;

use receiver::Receiver;
use server::anyhow_lite::Result;
use server::{Server, TempDir};

const SCENARIOS: [&str; 6] = [
    "throughput",
    "lag",
    "memory",
    "dead",
    "restart",
    "baselines",
];

/// Benchmark of memhook: throughput against raw-HTTP and sled ceilings, lag, memory, a dead
/// endpoint and restart. Build first: `cargo build --release`.
#[derive(Parser, Debug)]
#[command(name = "memhook-bench")]
pub struct Opts {
    /// Small sizes, about a minute: a smoke run.
    #[arg(long)]
    quick: bool,
    /// Scenarios to run, comma separated: throughput (with its baselines), lag, memory,
    /// dead, restart. Default: all.
    #[arg(long, value_delimiter = ',')]
    only: Vec<String>,
    /// Concurrent clients of the throughput scenario.
    #[arg(long, value_delimiter = ',', default_value = "1,8,64")]
    pub clients: Vec<usize>,
    /// Pairs the throughput scenario spreads its changes over.
    #[arg(long, value_delimiter = ',', default_value = "1,1000,100000")]
    pub pairs: Vec<u32>,
    /// Seconds of load per throughput cell (and per baseline). Default 10, quick 1.5.
    #[arg(long)]
    secs: Option<f64>,
    /// Offered load of the lag scenario, changes/s.
    #[arg(long, default_value_t = 1000.0)]
    pub lag_rate: f64,
    /// Seconds of the lag scenario. Default 20, quick 3.
    #[arg(long)]
    lag_duration: Option<f64>,
    /// Pairs (10 memories each) stored for the memory and restart scenarios. Default
    /// 1,000,000, quick 20,000.
    #[arg(long)]
    stored: Option<u64>,
    /// Pairs made active at once in the memory scenario. Default 10,000, quick 2,000.
    #[arg(long)]
    active: Option<u64>,
    /// Events left pending against the dead endpoint. Default 100,000, quick 5,000.
    #[arg(long)]
    pending: Option<u64>,
    /// Pairs those pending events belong to (only each pair's oldest is retried; the rest
    /// wait behind it). Default: a tenth of --pending.
    #[arg(long)]
    pending_pairs: Option<u64>,
    /// Seconds the server is watched while events wait on the dead endpoint. Default 30
    /// (two retry rounds), quick 5.
    #[arg(long)]
    idle_window: Option<f64>,
    /// The server binary to run (default: `memhook` next to this executable). Handy to run a
    /// copy under another name on a machine where others stop processes by name.
    #[arg(long)]
    memhook: Option<std::path::PathBuf>,
    /// Extra flags for memhook (repeat: --server-arg=--workers --server-arg=2).
    #[arg(long, allow_hyphen_values = true)]
    pub server_arg: Vec<String>,
}

impl Opts {
    fn pick<T: Copy>(&self, given: Option<T>, full: T, quick: T) -> T {
        given.unwrap_or(if self.quick { quick } else { full })
    }
    pub fn runs(&self, scenario: &str) -> bool {
        self.only.is_empty()
            || self
                .only
                .iter()
                .any(|s| s == scenario || (scenario == "throughput" && s == "baselines"))
    }
    pub fn cell_secs(&self) -> f64 {
        self.pick(self.secs, 10.0, 1.5)
    }
    pub fn lag_secs(&self) -> f64 {
        self.pick(self.lag_duration, 20.0, 3.0)
    }
    pub fn stored_pairs(&self) -> u64 {
        self.pick(self.stored, 1_000_000, 20_000)
    }
    pub fn active_pairs(&self) -> u64 {
        self.pick(self.active, 10_000, 2_000)
    }
    pub fn pending(&self) -> u64 {
        self.pick(self.pending, 100_000, 5_000)
    }
    pub fn pending_pairs(&self) -> u64 {
        self.pending_pairs.unwrap_or(self.pending() / 10)
    }
    pub fn idle_window(&self) -> Duration {
        Duration::from_secs_f64(self.pick(self.idle_window, 30.0, 5.0))
    }
    /// How long the receiver may see no new webhook before the run counts as broken.
    pub fn stall(&self) -> Duration {
        Duration::from_secs(30)
    }
}

/// One line of the table.
pub struct Row {
    pub scenario: String,
    pub figures: String,
    pub ratio: String,
}

impl Row {
    /// The table line; also printed to stderr as soon as it is measured, so a run cut short
    /// still leaves what it found.
    pub fn line(&self) -> String {
        format!("| {} | {} | {} |", self.scenario, self.figures, self.ratio)
    }
}

/// Adds a measured row, printing it at once.
pub fn push(rows: &mut Vec<Row>, row: Row) {
    eprintln!("RESULT {}", row.line());
    rows.push(row);
}

pub fn fmt_count(n: f64) -> String {
    let digits = format!("{:.0}", n);
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    out
}

pub fn fmt_rate(r: f64) -> String {
    fmt_count(r)
}

pub fn fmt_bytes(b: u64) -> String {
    format!("{:.1} MiB", b as f64 / 1024.0 / 1024.0)
}

fn main() -> ExitCode {
    let opts = Opts::parse();
    if let Some(bad) = opts.only.iter().find(|s| !SCENARIOS.contains(&s.as_str())) {
        eprintln!(
            "unknown scenario {bad:?}; choose from {}",
            SCENARIOS.join(", ")
        );
        return ExitCode::from(2);
    }
    if let Some(path) = &opts.memhook {
        let _ = server::MEMHOOK_OVERRIDE.set(path.clone());
    }
    let started = std::time::Instant::now();
    let result = actix_web::rt::System::new().block_on(run(&opts));
    match result {
        Ok(rows) => {
            print_table(&opts, &rows, started.elapsed());
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("\nmemhook-bench FAILED: {e}");
            ExitCode::FAILURE
        }
    }
}

async fn run(opts: &Opts) -> Result<Vec<Row>> {
    let mut rows = Vec::new();
    if opts.runs("throughput") || opts.runs("lag") {
        let dir = TempDir::new("api")?;
        let mut server =
            Server::start(&dir.0.join("db"), &opts.server_arg, Duration::from_secs(60))?;
        let receiver = Receiver::start("127.0.0.1:0")?;
        if opts.runs("throughput") {
            throughput::run(opts, &mut server, &receiver, &mut rows).await?;
        }
        if opts.runs("lag") {
            server.check_alive()?;
            push(&mut rows, lag::run(opts, &server, &receiver).await?);
        }
        check_malformed(&receiver)?;
        server.terminate()?;
        receiver.stop().await;
    }
    if opts.runs("memory") || opts.runs("dead") || opts.runs("restart") {
        storage::run(opts, &mut rows).await?;
    }
    Ok(rows)
}

fn check_malformed(receiver: &Receiver) -> Result<()> {
    let bad = receiver.recorded.malformed.lock().unwrap();
    if let Some(first) = bad.first() {
        return Err(format!(
            "VERIFICATION FAILED: {} webhooks lacked webhook-id, X-Memory-Version or the pair; first: {first}",
            bad.len()
        ));
    }
    Ok(())
}

fn print_table(opts: &Opts, rows: &[Row], took: Duration) {
    let date = std::process::Command::new("date")
        .args(["-u", "+%Y-%m-%d %H:%M UTC"])
        .output()
        .map(|o| String::from_utf8_lossy(&o.stdout).trim().to_owned())
        .unwrap_or_default();
    println!(
        "memhook-bench{} — {date} — {}",
        if opts.quick { " --quick" } else { "" },
        server::machine()
    );
    let load = std::fs::read_to_string("/proc/loadavg").unwrap_or_default();
    let load: Vec<&str> = load.split_whitespace().take(3).collect();
    println!(
        "load average at the end: {} (other work on the machine makes figures noisy; compare ratios)",
        load.join(" ")
    );
    println!(
        "(every acknowledged change's webhook verified received, in order per pair; run took {:.0} s)\n",
        took.as_secs_f64()
    );
    println!("| scenario | figures | ratio to baselines |");
    println!("|---|---|---|");
    for r in rows {
        println!("{}", r.line());
    }
}
