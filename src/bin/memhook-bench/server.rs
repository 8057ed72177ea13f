//! The memhook server under test, run as its own process (the release binary next to this
//! one), and what /proc tells about it: memory, CPU time, the size of its data folder.

use std::io::{BufRead, BufReader};
use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use anyhow_lite::{Result, bail};

/// Tiny error helpers, so the bench needs no crate the service does not already use.
pub mod anyhow_lite {
    pub type Result<T> = std::result::Result<T, String>;
    macro_rules! bail {
        ($($t:tt)*) => { return Err(format!($($t)*)) };
    }
    pub(crate) use bail;
}

/// A temporary folder removed on drop (tempfile is only a dev-dependency of the service).
pub struct TempDir(pub PathBuf);

impl TempDir {
    pub fn new(tag: &str) -> Result<Self> {
        let nanos = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.as_nanos())
            .unwrap_or(0);
        let path = std::env::temp_dir().join(format!(
            "memhook-bench-{tag}-{}-{nanos}",
            std::process::id()
        ));
        std::fs::create_dir_all(&path).map_err(|e| format!("cannot create {path:?}: {e}"))?;
        Ok(Self(path))
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// `--memhook`, when given: the server binary to run instead of the one next to this one.
pub static MEMHOOK_OVERRIDE: std::sync::OnceLock<PathBuf> = std::sync::OnceLock::new();

/// The `memhook` binary built with this one (`target/release/memhook`), or `--memhook`.
pub fn memhook_binary() -> Result<PathBuf> {
    if let Some(path) = MEMHOOK_OVERRIDE.get() {
        return Ok(path.clone());
    }
    let me = std::env::current_exe().map_err(|e| format!("current_exe: {e}"))?;
    let path = me.with_file_name("memhook");
    if !path.exists() {
        bail!(
            "{} not found: build it first (cargo build --release builds both)",
            path.display()
        );
    }
    Ok(path)
}

pub struct Server {
    child: Child,
    pub address: SocketAddr,
    /// From spawn to the "listening" log line.
    pub startup: Duration,
}

impl Server {
    /// Starts memhook on `data_dir` with the bench's settings plus `extra` flags, and waits
    /// (up to `patience`) for the line that says where it listens.
    pub fn start(data_dir: &Path, extra: &[String], patience: Duration) -> Result<Self> {
        let started = Instant::now();
        let mut child = Command::new(memhook_binary()?)
            .args(["--bind", "127.0.0.1:0", "--data-dir"])
            .arg(data_dir)
            .args(extra)
            // info only: the listening line; debug logging would cost the throughput.
            .env("RUST_LOG", "info")
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .map_err(|e| format!("cannot start memhook: {e}"))?;
        let stderr = child.stderr.take().expect("piped");
        let (tx, rx) = std::sync::mpsc::channel();
        // Keep draining stderr for the whole life of the child, or it blocks on a full pipe.
        std::thread::spawn(move || {
            let mut tx = Some(tx);
            for line in BufReader::new(stderr)
                .lines()
                .map_while(std::result::Result::ok)
            {
                if let Some(rest) = line.split(memhook::startup::LISTENING_ON).nth(1) {
                    let address = rest
                        .split_whitespace()
                        .next()
                        .unwrap_or_default()
                        .to_owned();
                    if let Some(tx) = tx.take() {
                        let _ = tx.send(address);
                    }
                } else if line.contains("ERROR") {
                    eprintln!("[memhook] {line}");
                }
            }
        });
        let address = match rx.recv_timeout(patience) {
            Ok(a) => a,
            Err(_) => {
                let _ = child.kill();
                bail!("memhook did not log its address within {patience:?}");
            }
        };
        let startup = started.elapsed();
        let address = address
            .parse()
            .map_err(|e| format!("bad address {address:?}: {e}"))?;
        Ok(Self {
            child,
            address,
            startup,
        })
    }

    pub fn pid(&self) -> u32 {
        self.child.id()
    }

    pub fn base(&self) -> String {
        format!("http://{}", self.address)
    }

    /// SIGTERM (graceful: the store is flushed), then wait for the exit.
    pub fn terminate(mut self) -> Result<()> {
        let status = Command::new("kill")
            .args(["-TERM", &self.pid().to_string()])
            .status()
            .map_err(|e| format!("kill: {e}"))?;
        if !status.success() {
            bail!("kill -TERM {} failed", self.pid());
        }
        let deadline = Instant::now() + Duration::from_secs(120);
        loop {
            if let Some(status) = self.child.try_wait().map_err(|e| e.to_string())? {
                if !status.success() {
                    bail!("memhook exited with {status} after SIGTERM");
                }
                return Ok(());
            }
            if Instant::now() > deadline {
                bail!("memhook did not stop within 120 s of SIGTERM");
            }
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    /// Fails if the server died under us (a crash is a benchmark failure, not a number).
    pub fn check_alive(&mut self) -> Result<()> {
        if let Some(status) = self.child.try_wait().map_err(|e| e.to_string())? {
            bail!("memhook exited during the run: {status}");
        }
        Ok(())
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// A line of `/proc/<pid>/status` in kB, as bytes (VmRSS, VmHWM).
pub fn proc_status_bytes(pid: u32, field: &str) -> Option<u64> {
    let text = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    let line = text.lines().find(|l| l.starts_with(field))?;
    let kb: u64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb * 1024)
}

/// User + system CPU time the process has used so far.
pub fn cpu_time(pid: u32) -> Option<Duration> {
    let text = std::fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
    // The command name is in parentheses and may hold spaces: count fields after the ')'.
    let after = &text[text.rfind(')')? + 2..];
    let fields: Vec<&str> = after.split_whitespace().collect();
    // utime and stime are fields 14 and 15 of stat, i.e. 11 and 12 after the state field.
    let ticks: u64 = fields.get(11)?.parse::<u64>().ok()? + fields.get(12)?.parse::<u64>().ok()?;
    // USER_HZ is 100 on every Linux this runs on (sysconf would need libc).
    Some(Duration::from_millis(ticks * 10))
}

/// Bytes of every file under `path`.
pub fn dir_size(path: &Path) -> u64 {
    let Ok(entries) = std::fs::read_dir(path) else {
        return 0;
    };
    entries
        .filter_map(std::result::Result::ok)
        .map(|e| match e.metadata() {
            Ok(m) if m.is_dir() => dir_size(&e.path()),
            Ok(m) => m.len(),
            Err(_) => 0,
        })
        .sum()
}

/// "2 cores, 7.8 GiB" from /proc: the machine line of the report.
pub fn machine() -> String {
    let cpuinfo = std::fs::read_to_string("/proc/cpuinfo").unwrap_or_default();
    let model = cpuinfo
        .lines()
        .find(|l| l.starts_with("model name"))
        .and_then(|l| l.split(':').nth(1))
        .map(str::trim)
        .unwrap_or("unknown CPU")
        .to_owned();
    let cores = std::thread::available_parallelism().map_or(0, |n| n.get());
    let mem = std::fs::read_to_string("/proc/meminfo")
        .ok()
        .and_then(|t| {
            t.lines()
                .find(|l| l.starts_with("MemTotal"))
                .and_then(|l| l.split_whitespace().nth(1))
                .and_then(|kb| kb.parse::<u64>().ok())
        })
        .unwrap_or(0);
    format!(
        "{cores} cores ({model}), {:.1} GiB RAM",
        mem as f64 / 1024.0 / 1024.0
    )
}
