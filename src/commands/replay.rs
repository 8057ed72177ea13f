//! `memhook replay FILE`: pushes a conversation to a running server as it happened, a USER
//! message with the PERSONA replies that follow it per update, and prints each change.

use std::time::Duration;

use serde::Deserialize;
use serde_json::{Value, json};

use crate::configuration::ReplayArgs;
use crate::domain::message::{Message, Sender};

/// A conversation file (`data/conversations/*.json`).
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Conversation {
    pub user_profile_id: String,
    pub persona_profile_id: String,
    pub messages: Vec<Message>,
}

/// A USER message and the PERSONA replies after it; messages before the first USER one form a
/// turn of their own.
pub fn turns(messages: &[Message]) -> Vec<&[Message]> {
    let mut turns = Vec::new();
    let mut start = 0;
    for (i, m) in messages.iter().enumerate() {
        if m.sender == Sender::User && i > start {
            turns.push(&messages[start..i]);
            start = i;
        }
    }
    if start < messages.len() {
        turns.push(&messages[start..]);
    }
    turns
}

pub async fn run(args: ReplayArgs) -> Result<(), String> {
    let text = std::fs::read_to_string(&args.file)
        .map_err(|e| format!("cannot read {}: {e}", args.file.display()))?;
    let conversation: Conversation = serde_json::from_str(&text)
        .map_err(|e| format!("{} is not a conversation file: {e}", args.file.display()))?;
    let endpoint = args
        .server
        .join(&format!(
            "v1/projects/{}/conversations",
            urlencode(&args.project)
        ))
        .map_err(|e| e.to_string())?;
    let client = awc::Client::builder()
        .timeout(Duration::from_secs(120))
        .finish();
    println!(
        "replaying {} messages into project {:?}, pair {} / {}",
        conversation.messages.len(),
        args.project,
        conversation.user_profile_id,
        conversation.persona_profile_id
    );
    for (n, turn) in turns(&conversation.messages).into_iter().enumerate() {
        if args.turns > 0 && n >= args.turns {
            break;
        }
        let body = json!({"userProfileId": conversation.user_profile_id, "personaProfileId": conversation.persona_profile_id, "messages": turn});
        let mut request = client.post(endpoint.as_str());
        if let Some(token) = &args.token {
            request = request.bearer_auth(token);
        }
        let mut response = request
            .send_json(&body)
            .await
            .map_err(|e| format!("{endpoint}: {e}"))?;
        let answer: Value = response
            .json()
            .limit(64 * 1024 * 1024)
            .await
            .map_err(|e| e.to_string())?;
        if !response.status().is_success() {
            return Err(format!("turn {}: {} {answer}", n + 1, response.status()));
        }
        for m in turn {
            let who = if m.sender == Sender::User {
                "USER   "
            } else {
                "PERSONA"
            };
            println!("  {who} {}", m.text.as_str());
        }
        println!("{}", describe(n + 1, &answer));
    }
    Ok(())
}

fn describe(turn: usize, answer: &Value) -> String {
    if answer["changed"] != true {
        return format!("turn {turn}: no change (version {})\n", answer["version"]);
    }
    let mut out = format!("turn {turn}: version {}\n", answer["version"]);
    let empty = Vec::new();
    for m in answer["added"].as_array().unwrap_or(&empty) {
        out.push_str(&format!(
            "    + {} [{} {}] {}\n",
            m["uniqueIdentifier"].as_str().unwrap_or("?"),
            m["target"].as_str().unwrap_or("?"),
            m["category"].as_str().unwrap_or("?"),
            m["description"].as_str().unwrap_or("")
        ));
    }
    for d in answer["deleted"].as_array().unwrap_or(&empty) {
        out.push_str(&format!(
            "    - {} ({})\n",
            d["uniqueIdentifier"].as_str().unwrap_or("?"),
            d["reason"].as_str().unwrap_or("")
        ));
    }
    out
}

fn urlencode(segment: &str) -> String {
    percent_encoding::utf8_percent_encode(segment, percent_encoding::NON_ALPHANUMERIC).to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn message(id: &str, sender: &str) -> Message {
        serde_json::from_value(
            json!({"id": id, "sender": sender, "date": "2026-01-01T00:00:00Z", "text": "x"}),
        )
        .unwrap()
    }

    #[test]
    fn a_turn_is_a_user_message_and_the_replies_after_it() {
        let ms: Vec<Message> = [
            ("a", "PERSONA"),
            ("b", "USER"),
            ("c", "PERSONA"),
            ("d", "PERSONA"),
            ("e", "USER"),
        ]
        .iter()
        .map(|(id, s)| message(id, s))
        .collect();
        let ids: Vec<Vec<&str>> = turns(&ms)
            .iter()
            .map(|t| t.iter().map(|m| m.id.as_str()).collect())
            .collect();
        assert_eq!(ids, [vec!["a"], vec!["b", "c", "d"], vec!["e"]]);
    }
}
