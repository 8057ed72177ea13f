//! Scenario 3: an open loop at a fixed offered load (1,000 changes/s over 1,000 pairs); lag is
//! from the client seeing the acknowledgement to the receiver seeing the webhook, both on this
//! process's monotonic clock. A webhook can arrive before the answer is read (memhook sends
//! the answer and hands the event to delivery at the same moment), so lag can be negative.

use std::collections::HashMap;
use std::time::Duration;

use crate::load::{self, Load};
use crate::receiver::Receiver;
use crate::server::Server;
use crate::server::anyhow_lite::{Result, bail};
use crate::{Opts, Row};

pub async fn run(opts: &Opts, server: &Server, receiver: &Receiver) -> Result<Row> {
    let rate = opts.lag_rate;
    let secs = opts.lag_secs();
    eprintln!("lag: {rate} changes/s for {secs} s ...");
    let project = "lag";
    let pairs = 1000u64;
    let load = Load::new(&server.base(), 256);
    load.configure(project, &format!("{}/hook", receiver.base))
        .await?;
    receiver.take();
    let make = |i: u64| load::change(project, (i % pairs) as u32, load::next_seq());
    let run = load
        .open(rate, Duration::from_secs_f64(secs), &make)
        .await?;
    receiver.wait_for(run.acks.len(), opts.stall()).await?;
    let arrivals = receiver.take();
    load::verify("lag", &run.acks, &arrivals)?;
    let arrived: HashMap<&str, std::time::Instant> = arrivals
        .iter()
        .map(|a| (a.event_id.as_str(), a.at))
        .collect();
    // Signed microseconds: arrival minus acknowledgement.
    let mut lag: Vec<i64> = run
        .acks
        .iter()
        .filter_map(|a| {
            let at = *arrived.get(a.event_id.as_deref()?)?;
            Some(if at >= a.acked {
                (at - a.acked).as_micros() as i64
            } else {
                -((a.acked - at).as_micros() as i64)
            })
        })
        .collect();
    if lag.len() != run.acks.len() {
        bail!("lag: some acknowledged events have no arrival");
    }
    let mut api: Vec<i64> = run
        .acks
        .iter()
        .map(|a| (a.acked - a.sent).as_micros() as i64)
        .collect();
    let achieved = run.rate();
    Ok(Row {
        scenario: format!("lag at {rate:.0} changes/s offered, 1,000 pairs"),
        figures: format!(
            "ack→webhook p50 {} / p95 {} / p99 {}; API answer p50 {} / p99 {} ({} changes, {achieved:.0}/s achieved)",
            ms(pct(&mut lag, 50.0)),
            ms(pct(&mut lag, 95.0)),
            ms(pct(&mut lag, 99.0)),
            ms(pct(&mut api, 50.0)),
            ms(pct(&mut api, 99.0)),
            run.acks.len()
        ),
        ratio: "".into(),
    })
}

fn pct(values: &mut [i64], p: f64) -> i64 {
    values.sort_unstable();
    if values.is_empty() {
        return 0;
    }
    let rank = ((p / 100.0) * (values.len() - 1) as f64).round() as usize;
    values[rank]
}

/// Milliseconds to two places; a lag a few microseconds below zero (the webhook came before
/// the client had read its answer) is "0.00", not "-0.00".
fn ms(micros: i64) -> String {
    let hundredths = (micros as f64 / 10.0).round() as i64;
    let sign = if hundredths < 0 { "-" } else { "" };
    let abs = hundredths.abs();
    format!("{sign}{}.{:02} ms", abs / 100, abs % 100)
}

#[cfg(test)]
mod tests {
    use super::ms;

    #[test]
    fn milliseconds_round_to_hundredths_without_a_negative_zero() {
        assert_eq!(ms(1234), "1.23 ms");
        assert_eq!(ms(0), "0.00 ms");
        assert_eq!(ms(-4), "0.00 ms");
        assert_eq!(ms(-15), "-0.02 ms");
        assert_eq!(ms(-2500), "-2.50 ms");
    }
}
