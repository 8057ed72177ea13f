//! Prints what the rules extractor makes of messages given on the command line, each as a
//! USER message unless prefixed with "p:" (PERSONA): a quick way to see why a sentence does or
//! does not become a memory.
//!
//!     cargo run --example extract_one -- "I live in Paris" "p:I have a dog named Max"

use memhook::domain::change::{MemorySet, Update, apply};
use memhook::domain::message::{Message, Sender};
use memhook::domain::timestamp::Timestamp;
use memhook::extract::rules::extract;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut state = MemorySet::default();
    for (i, arg) in std::env::args().skip(1).enumerate() {
        let (sender, text) = match arg.strip_prefix("p:") {
            Some(t) => (Sender::Persona, t.to_owned()),
            None => (Sender::User, arg.clone()),
        };
        let message = Message {
            id: format!("m{i}").try_into()?,
            sender,
            date: Timestamp::parse("2026-04-15T12:00:00Z")?,
            text: text.try_into()?,
        };
        let proposed = extract(&state, std::slice::from_ref(&message));
        let change = apply(
            &state,
            &Update::Operations {
                delete: proposed.delete,
                upsert: proposed.upsert,
            },
        )
        .map_err(|_| "too many memories")?;
        println!("> {arg}");
        for d in &change.deleted {
            println!("  - {} ({})", d.unique_identifier, d.reason);
        }
        for m in &change.added {
            let dates = match (m.event_start_date, m.event_end_date) {
                (Some(s), Some(e)) => format!(" [{s}..{e}]"),
                (Some(s), None) => format!(" [{s}]"),
                _ => String::new(),
            };
            println!(
                "  + {} {:?} {:?}: {}{dates} {:?}",
                m.unique_identifier,
                m.target,
                m.category,
                m.description.as_str(),
                m.tags.as_slice()
            );
        }
        state.apply_change(&change);
    }
    Ok(())
}
