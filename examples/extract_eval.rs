//! Runs the rules extractor offline over conversations and prints the final memories, so that
//! its quality can be measured without a server.
//!
//! Input: JSON from `examples/spc_to_json.py`: `[{"conversation": n, "personas": {...},
//! "turns": [[<message>, ...], ...]}, ...]`. Each turn is applied as the server applies one
//! conversation update: `extract`, then `domain::change::apply` with the proposed operations,
//! then `MemorySet::apply_change`. It also re-applies every turn a second time and counts the
//! turns whose repeat is not a no-change (it should be none: restating is no change).
//!
//! Output (stdout): one JSON object per line, `{"conversation": n, "personas": {...},
//! "memories": [...], "deleted": [...]}`; a summary goes to stderr.
//!
//!     cargo run --release --example extract_eval -- /tmp/spc.json > /tmp/spc-memories.jsonl

use std::io::{BufWriter, Write};
use std::time::Instant;

use memhook::domain::change::{MemorySet, Update, apply};
use memhook::domain::memory::Deletion;
use memhook::domain::message::Message;
use memhook::extract::rules::extract;
use serde::Deserialize;

#[derive(Deserialize)]
struct Conversation {
    conversation: usize,
    #[serde(default)]
    personas: serde_json::Value,
    turns: Vec<Vec<Message>>,
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let path = std::env::args()
        .nth(1)
        .ok_or("usage: extract_eval CONVERSATIONS.json")?;
    let conversations: Vec<Conversation> =
        serde_json::from_reader(std::io::BufReader::new(std::fs::File::open(&path)?))?;
    let started = Instant::now();
    let (mut turns, mut unstable, mut changes) = (0usize, 0usize, 0usize);
    let mut out = BufWriter::new(std::io::stdout().lock());
    for c in &conversations {
        let mut state = MemorySet::default();
        let mut deleted: Vec<Deletion> = Vec::new();
        for messages in &c.turns {
            turns += 1;
            let proposed = extract(&state, messages);
            let change = apply(
                &state,
                &Update::Operations {
                    delete: proposed.delete,
                    upsert: proposed.upsert,
                },
            )
            .map_err(|e| {
                format!(
                    "conversation {}: too many memories ({})",
                    c.conversation, e.would_hold
                )
            })?;
            if !change.is_empty() {
                changes += 1;
            }
            deleted.extend(change.deleted.iter().cloned());
            state.apply_change(&change);
            let again = extract(&state, messages);
            let repeat = apply(
                &state,
                &Update::Operations {
                    delete: again.delete,
                    upsert: again.upsert,
                },
            )
            .map_err(|_| "too many memories")?;
            if !repeat.is_empty() {
                unstable += 1;
                eprintln!(
                    "unstable turn in conversation {}: {}",
                    c.conversation,
                    serde_json::to_string(&repeat)?
                );
            }
        }
        serde_json::to_writer(
            &mut out,
            &serde_json::json!({
                "conversation": c.conversation,
                "personas": c.personas,
                "memories": state,
                "deleted": deleted,
            }),
        )?;
        out.write_all(b"\n")?;
    }
    out.flush()?;
    eprintln!(
        "{} conversations, {turns} turns, {changes} changed the memory, {unstable} not stable on repeat, {:.1} ms",
        conversations.len(),
        started.elapsed().as_secs_f64() * 1000.0
    );
    Ok(())
}
