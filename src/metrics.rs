//! `/metrics`: what operators watch, in Prometheus text.

use prometheus::{
    Encoder, Histogram, HistogramOpts, IntCounter, IntCounterVec, IntGauge, Opts, Registry,
    TextEncoder, exponential_buckets,
};

pub struct Metrics {
    registry: Registry,
    pub updates: IntCounter,
    pub changes: IntCounter,
    pub update_seconds: Histogram,
    pub events_created: IntCounter,
    pub events_finished: IntCounterVec,
    pub attempts: IntCounterVec,
    pub pending_events: IntGauge,
    pub delivery_lag_seconds: Histogram,
    pub flushes: IntCounter,
    pub flush_batch: Histogram,
    pub active_pairs: IntGauge,
}

fn seconds_buckets() -> Vec<f64> {
    // 100 µs to ~54 s.
    exponential_buckets(0.0001, 2.0, 20).expect("valid buckets")
}

impl Metrics {
    pub fn new() -> Self {
        let registry = Registry::new_custom(Some("memhook".into()), None).expect("valid prefix");
        let counter = |name: &str, help: &str| {
            let c = IntCounter::new(name, help).expect("valid metric");
            registry
                .register(Box::new(c.clone()))
                .expect("registered once");
            c
        };
        let counter_vec = |name: &str, help: &str, label: &str| {
            let c = IntCounterVec::new(Opts::new(name, help), &[label]).expect("valid metric");
            registry
                .register(Box::new(c.clone()))
                .expect("registered once");
            c
        };
        let gauge = |name: &str, help: &str| {
            let g = IntGauge::new(name, help).expect("valid metric");
            registry
                .register(Box::new(g.clone()))
                .expect("registered once");
            g
        };
        let histogram = |name: &str, help: &str, buckets: Vec<f64>| {
            let h = Histogram::with_opts(HistogramOpts::new(name, help).buckets(buckets))
                .expect("valid metric");
            registry
                .register(Box::new(h.clone()))
                .expect("registered once");
            h
        };
        Self {
            updates: counter(
                "updates_total",
                "Updates applied to a pair, changed or not.",
            ),
            changes: counter(
                "changes_total",
                "Updates that changed a pair's memory (each a new version).",
            ),
            update_seconds: histogram(
                "update_duration_seconds",
                "Time to apply an update and make it durable, as the API answers it.",
                seconds_buckets(),
            ),
            events_created: counter("events_created_total", "Events written to the outbox."),
            events_finished: counter_vec(
                "events_finished_total",
                "Events that left `pending`, by the status they reached.",
                "status",
            ),
            attempts: counter_vec(
                "delivery_attempts_total",
                "Delivery attempts by outcome: success, http_error, network_error or timeout.",
                "outcome",
            ),
            pending_events: gauge("pending_events", "Events waiting to be delivered."),
            delivery_lag_seconds: histogram(
                "delivery_lag_seconds",
                "From a change being committed to its webhook's 2xx.",
                seconds_buckets(),
            ),
            flushes: counter(
                "store_flushes_total",
                "Group commits: flushes of the store to disk.",
            ),
            flush_batch: histogram(
                "store_flush_batch_size",
                "Writers made durable by one flush.",
                exponential_buckets(1.0, 2.0, 12).expect("valid buckets"),
            ),
            active_pairs: gauge("active_pairs", "Pairs with a running actor."),
            registry,
        }
    }

    /// Every metric in the Prometheus text format.
    pub fn render(&self) -> String {
        let mut out = Vec::new();
        TextEncoder::new()
            .encode(&self.registry.gather(), &mut out)
            .expect("writing to a Vec cannot fail");
        String::from_utf8(out).expect("the text format is UTF-8")
    }
}

impl Default for Metrics {
    fn default() -> Self {
        Self::new()
    }
}
