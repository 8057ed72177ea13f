//! Scenario 1 and 2: C concurrent clients push changes over P pairs for a fixed time; the cell
//! ends when every webhook has arrived. Then, in the same cell, the raw-HTTP and sled ceilings
//! with the same C and P, so every ratio compares figures measured minutes apart at most.

use std::time::{Duration, Instant};

use crate::baselines;
use crate::load::{self, Load};
use crate::receiver::Receiver;
use crate::server::anyhow_lite::Result;
use crate::server::{Server, cpu_time};
use crate::{Opts, Row, fmt_rate, push};

pub async fn run(
    opts: &Opts,
    server: &mut Server,
    receiver: &Receiver,
    rows: &mut Vec<Row>,
) -> Result<()> {
    for &clients in &opts.clients {
        for &pairs in &opts.pairs {
            server.check_alive()?;
            push(rows, cell(opts, server, receiver, clients, pairs).await?);
        }
    }
    Ok(())
}

async fn cell(
    opts: &Opts,
    server: &Server,
    receiver: &Receiver,
    clients: usize,
    pairs: u32,
) -> Result<Row> {
    eprintln!("throughput: C={clients} P={pairs} ...");
    // A project per cell: fresh pairs, and no webhook of an earlier cell can arrive here.
    let project = format!("tp-c{clients}-p{pairs}");
    let load = Load::new(&server.base(), clients);
    load.configure(&project, &format!("{}/hook", receiver.base))
        .await?;
    receiver.take();
    let metrics_before = load.metrics().await?;
    let cpu_before = cpu_time(server.pid());
    let until = Instant::now() + Duration::from_secs_f64(opts.cell_secs());
    // Round robin over the pairs: C clients hit C different pairs whenever P >= C.
    let make = |i: u64| load::change(&project, (i % u64::from(pairs)) as u32, load::next_seq());
    let run = load
        .closed(clients, until, u64::MAX, true, None, &make)
        .await?;
    receiver.wait_for(run.acks.len(), opts.stall()).await?;
    let arrivals = receiver.take();
    load::verify(
        &format!("throughput C={clients} P={pairs}"),
        &run.acks,
        &arrivals,
    )?;
    let last = arrivals.iter().map(|a| a.at).max().unwrap_or(run.ended);
    let window = (last - run.started).as_secs_f64();
    let webhooks = arrivals.len() as f64 / window;
    let cpu = match (cpu_before, cpu_time(server.pid())) {
        (Some(a), Some(b)) => format!(
            ", server CPU {:.0}%",
            (b - a).as_secs_f64() / window * 100.0
        ),
        _ => String::new(),
    };
    // Group commit at work: how many flushes, and how many writers each made durable.
    let metrics_after = load.metrics().await?;
    let delta = |name: &str| {
        metrics_after.get(name).copied().unwrap_or(0.0)
            - metrics_before.get(name).copied().unwrap_or(0.0)
    };
    let flushes = delta("store_flushes_total");
    let batch =
        delta("store_flush_batch_size_sum") / delta("store_flush_batch_size_count").max(1.0);
    let touched = u64::from(pairs).min(run.acks.len() as u64);
    let drain = (last - run.ended).as_secs_f64();

    eprintln!("  raw HTTP baseline ...");
    let raw = baselines::raw_http(&receiver.base, clients, pairs, opts.cell_secs()).await?;
    eprintln!("  sled baseline ...");
    let sled = baselines::sled_ceiling(clients, pairs, opts.cell_secs())?;
    let changes = run.rate();
    Ok(Row {
        scenario: format!("throughput C={clients} P={pairs}"),
        figures: format!(
            "{} changes/s acked, {} webhooks/s received ({} changes on {touched} pairs, last webhook {drain:.2} s after last ack{cpu}, {:.0} flushes/s of {batch:.1} writers); raw HTTP {} req/s, sled {} tx/s",
            fmt_rate(changes),
            fmt_rate(webhooks),
            run.acks.len(),
            flushes / window,
            fmt_rate(raw),
            fmt_rate(sled),
        ),
        ratio: format!(
            "acked {:.3} of raw, {:.2} of sled; webhooks {:.3} of raw, {:.2} of sled",
            changes / raw,
            changes / sled,
            webhooks / raw,
            webhooks / sled
        ),
    })
}
