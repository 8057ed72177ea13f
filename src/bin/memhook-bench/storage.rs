//! Scenarios 4 to 6 on one data folder, in the order they build on each other:
//! 4. memory: seed N pairs of 10 memories (PUT, no webhook so no events), peak RSS and bytes
//!    on disk per pair; then restart on the same folder, touch 10,000 stored pairs at once and
//!    read RSS while their actors live.
//! 5. dead endpoint: 100,000 changes whose webhooks go to a port that refuses connections;
//!    the server's CPU while they wait (production retry interval, 15 s).
//! 6. restart: SIGTERM; once every pending event's retry is due (15 s), a receiver comes up on
//!    the dead port and the server starts again on the same folder: time to the "listening"
//!    line and to the first answered request while the backlog drains.
//! 5 again: the drain rate of those 100,000 due events, and the same order check.

use std::net::TcpListener;
use std::time::{Duration, Instant};

use actix_web::http::Method;

use crate::load::{self, Load};
use crate::receiver::Receiver;
use crate::server::anyhow_lite::{Result, bail};
use crate::server::{Server, TempDir, cpu_time, dir_size, proc_status_bytes};
use crate::{Opts, Row, fmt_bytes, fmt_count, fmt_rate, push};

/// The production retry interval, which this scenario runs with.
const RETRY_INTERVAL: Duration = Duration::from_secs(15);

pub async fn run(opts: &Opts, rows: &mut Vec<Row>) -> Result<()> {
    let (memory, dead, restart) = (opts.runs("memory"), opts.runs("dead"), opts.runs("restart"));
    let dir = TempDir::new("storage")?;
    let data = dir.0.join("db");
    // A generous retry budget: seeding a million pairs can take longer than the default
    // 40 x 15 s, and an event that fails for lack of budget would fail the order check.
    let mut flags = vec!["--max-retries".to_owned(), "100000".to_owned()];
    flags.extend(opts.server_arg.iter().cloned());
    let mut server = Server::start(&data, &flags, Duration::from_secs(60))?;

    if memory || restart {
        let n = opts.stored_pairs();
        eprintln!(
            "storage: seeding {} pairs x 10 memories ...",
            fmt_count(n as f64)
        );
        let load = Load::new(&server.base(), 64);
        let make = |i: u64| load::seed("mem", i as u32, load::next_seq());
        let run = load
            .closed(64, far_future(), n, true, Some("seed"), &make)
            .await?;
        server.check_alive()?;
        let hwm = proc_status_bytes(server.pid(), "VmHWM").unwrap_or(0);
        let rss = proc_status_bytes(server.pid(), "VmRSS").unwrap_or(0);
        let actors = active_pairs(&load).await?;
        // Let sled's own flusher catch up, so the folder holds what a pair costs.
        actix_web::rt::time::sleep(Duration::from_secs(2)).await;
        let disk = dir_size(&data);
        push(
            rows,
            Row {
                scenario: format!("memory: {} pairs x 10 memories stored", fmt_count(n as f64)),
                figures: format!(
                    "peak RSS {} (RSS now {}, {actors} pair actors alive); {} on disk = {:.0} bytes/pair; seeded at {} pairs/s (PUT, 64 clients)",
                    fmt_bytes(hwm),
                    fmt_bytes(rss),
                    fmt_bytes(disk),
                    disk as f64 / n as f64,
                    fmt_rate(run.rate())
                ),
                ratio: String::new(),
            },
        );
    }

    if memory {
        let n = opts.active_pairs();
        // Seeding leaves every pair touched in the last idle timeout (60 s) with a live actor,
        // and the allocator keeps what they freed: start the server afresh on the same data
        // so the figure is the cost of these pairs only.
        eprintln!("storage: restarting memhook on the stored pairs ...");
        server.terminate()?;
        server = Server::start(&data, &flags, Duration::from_secs(600))?;
        let load = Load::new(&server.base(), 64);
        let settled = active_pairs(&load).await?;
        let before = proc_status_bytes(server.pid(), "VmRSS").unwrap_or(0);
        eprintln!("storage: {n} stored pairs active at once ...");
        // One change each to stored pairs: each actor loads its pair's ten memories and
        // lives for the idle timeout (60 s), far longer than this step.
        let make = |i: u64| load::change("mem", i as u32, load::next_seq());
        let started = Instant::now();
        load.closed(64, far_future(), n, true, None, &make).await?;
        let rss = proc_status_bytes(server.pid(), "VmRSS").unwrap_or(0);
        let actors = active_pairs(&load).await?;
        push(
            rows,
            Row {
                scenario: format!(
                    "memory: {} of the stored pairs active at once",
                    fmt_count(n as f64)
                ),
                figures: format!(
                    "RSS {} with {actors} pair actors alive: {:+} MiB over the freshly restarted server ({} with {settled} actors; restart took {:.2} s to listening); {:.1} s to touch them all",
                    fmt_bytes(rss),
                    (rss as i64 - before as i64) / (1024 * 1024),
                    fmt_bytes(before),
                    server.startup.as_secs_f64(),
                    started.elapsed().as_secs_f64()
                ),
                ratio: String::new(),
            },
        );
    }

    if !(dead || restart) {
        return Ok(());
    }
    // A port nobody listens on: connections are refused until the receiver takes it.
    let port = TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map_err(|e| format!("no free port: {e}"))?
        .port();
    let n = opts.pending();
    let pending_pairs = opts.pending_pairs().clamp(1, n.max(1));
    eprintln!(
        "dead endpoint: {} changes over {} pairs to 127.0.0.1:{port} (refusing) ...",
        fmt_count(n as f64),
        fmt_count(pending_pairs as f64)
    );
    let load = Load::new(&server.base(), 64);
    load.configure("dead", &format!("http://127.0.0.1:{port}/hook"))
        .await?;
    let make = |i: u64| load::change("dead", (i % pending_pairs) as u32, load::next_seq());
    let run = load
        .closed(64, far_future(), n, true, Some("pending"), &make)
        .await?;
    let push_rate = run.rate();
    // Let the first attempts fail, then watch the server while every event waits.
    actix_web::rt::time::sleep(Duration::from_secs(2)).await;
    let window = opts.idle_window();
    let cpu0 = cpu_time(server.pid());
    let t0 = Instant::now();
    actix_web::rt::time::sleep(window).await;
    let cpu1 = cpu_time(server.pid());
    server.check_alive()?;
    let cpu = match (cpu0, cpu1) {
        (Some(a), Some(b)) => (b - a).as_secs_f64() / t0.elapsed().as_secs_f64() * 100.0,
        _ => f64::NAN,
    };
    let rss = proc_status_bytes(server.pid(), "VmRSS").unwrap_or(0);
    let dead_figures = format!(
        "server CPU {cpu:.1}% of one core over {:.0} s while they wait (RSS {}); pushed at {} changes/s",
        window.as_secs_f64(),
        fmt_bytes(rss),
        fmt_rate(push_rate)
    );

    eprintln!("restart: SIGTERM ...");
    let stopping = Instant::now();
    server.terminate()?;
    let stop = stopping.elapsed();
    // The drain measures delivery, not the retry schedule: with the server down, wait until
    // every pending event's next attempt is due, so all of them are due the moment it starts.
    let receiver = if dead {
        eprintln!(
            "dead endpoint: waiting out the retry interval, then the receiver comes back on port {port} ..."
        );
        actix_web::rt::time::sleep(RETRY_INTERVAL + Duration::from_secs(1)).await;
        Some(Receiver::start(&format!("127.0.0.1:{port}"))?)
    } else {
        None
    };
    eprintln!("restart: starting again ...");
    let started = Instant::now();
    server = Server::start(&data, &flags, Duration::from_secs(600))?;
    let listening = server.startup;
    let answered = first_answer(&server, started).await?;

    if restart {
        let stored = if memory || restart {
            format!("{} pairs", fmt_count(opts.stored_pairs() as f64))
        } else {
            "no other pairs".into()
        };
        let draining = if dead {
            ", the receiver up and every event due"
        } else {
            ""
        };
        push(
            rows,
            Row {
                scenario: format!(
                    "restart: {} pending events, {stored} stored",
                    fmt_count(n as f64)
                ),
                figures: format!(
                    "{:.2} s from start to listening, {:.2} s to the first answered GET{draining}; graceful stop took {:.2} s; {} on disk",
                    listening.as_secs_f64(),
                    answered.as_secs_f64(),
                    stop.as_secs_f64(),
                    fmt_bytes(dir_size(&data))
                ),
                ratio: String::new(),
            },
        );
    }

    if let Some(receiver) = receiver {
        receiver
            .wait_for(run.acks.len(), opts.stall().max(Duration::from_secs(60)))
            .await?;
        let arrivals = receiver.take();
        load::verify("dead endpoint drain", &run.acks, &arrivals)?;
        let first = arrivals.iter().map(|a| a.at).min().unwrap_or(started);
        let last = arrivals.iter().map(|a| a.at).max().unwrap_or(started);
        let drain = arrivals.len() as f64 / (last - first).as_secs_f64().max(1e-9);
        push(
            rows,
            Row {
                scenario: format!(
                    "dead endpoint: {} events pending over {} pairs",
                    fmt_count(n as f64),
                    fmt_count(pending_pairs as f64)
                ),
                figures: format!(
                    "{dead_figures}; back up (restarted with all due): drained at {} webhooks/s (first to last), all in {:.2} s from the start (first after {:.2} s)",
                    fmt_rate(drain),
                    (last - started).as_secs_f64(),
                    (first - started).as_secs_f64()
                ),
                ratio: String::new(),
            },
        );
        receiver.stop().await;
    } else {
        push(
            rows,
            Row {
                scenario: format!("dead endpoint: {} events pending", fmt_count(n as f64)),
                figures: dead_figures,
                ratio: String::new(),
            },
        );
    }
    server.terminate()?;
    Ok(())
}

/// The time from `started` to the first answered read.
async fn first_answer(server: &Server, started: Instant) -> Result<Duration> {
    let load = Load::new(&server.base(), 1);
    let path = "/v1/projects/mem/users/u1/personas/p/memories";
    loop {
        if let Ok((200, _)) = load.call(Method::GET, path, None).await {
            return Ok(started.elapsed());
        }
        if started.elapsed() > Duration::from_secs(600) {
            bail!("restart: no answer within 600 s");
        }
        actix_web::rt::time::sleep(Duration::from_millis(1)).await;
    }
}

/// Pair actors alive, from memhook's `active_pairs` gauge.
async fn active_pairs(load: &Load) -> Result<u64> {
    Ok(load
        .metrics()
        .await?
        .get("active_pairs")
        .copied()
        .unwrap_or(f64::NAN) as u64)
}

fn far_future() -> Instant {
    Instant::now() + Duration::from_secs(24 * 3600)
}
