//! `POST /v1/projects/{projectId}/conversations` (SPEC §8): new messages for the extractor,
//! explicit memory operations, or both, applied as one update.

use actix_web::{HttpResponse, web};
use serde::Deserialize;

use super::input::{self, ApiJson};
use super::{AppState, change_answer};
use crate::domain::change::{REASON_DELETED, Update};
use crate::domain::ids::{MemoryKey, PairKey, PersonaProfileId, UserProfileId};
use crate::domain::memory::{Deletion, MAX_DESCRIPTION_CHARS, MemoryInput};
use crate::domain::message::Message;
use crate::domain::timestamp::Timestamp;
use crate::error::ApiError;

#[derive(Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ConversationBody {
    user_profile_id: UserProfileId,
    persona_profile_id: PersonaProfileId,
    #[serde(default)]
    messages: Option<Vec<Message>>,
    #[serde(default)]
    memories: Option<Operations>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Operations {
    #[serde(default)]
    upsert: Vec<MemoryInput>,
    #[serde(default)]
    delete: Vec<DeletionInput>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
struct DeletionInput {
    unique_identifier: MemoryKey,
    #[serde(default)]
    reason: Option<String>,
}

pub async fn post(
    state: web::Data<AppState>,
    path: web::Path<String>,
    ApiJson(body): ApiJson<ConversationBody>,
) -> Result<HttpResponse, ApiError> {
    let project = input::project(path.into_inner())?;
    if body.messages.is_none() && body.memories.is_none() {
        return Err(ApiError::Invalid {
            code: "missing_field",
            message: "send messages, memories, or both".into(),
            field: Some("memories".into()),
        });
    }
    let messages = body.messages.unwrap_or_default();
    if !messages.is_empty() && !state.pairs.extracts() {
        return Err(ApiError::Invalid {
            code: "extractor_disabled",
            message: "this server runs with --extractor none: send explicit memories operations instead of messages".into(),
            field: Some("messages".into()),
        });
    }
    let update = match body.memories {
        Some(ops) => operations(ops)?,
        None => Update::Operations {
            delete: Vec::new(),
            upsert: Vec::new(),
        },
    };
    let pair = PairKey {
        project,
        user: body.user_profile_id,
        persona: body.persona_profile_id,
    };
    change_answer(
        state
            .pairs
            .apply_with_messages(pair, update, messages)
            .await,
    )
}

fn operations(ops: Operations) -> Result<Update, ApiError> {
    let upsert = input::memories(ops.upsert, "memories.upsert", Timestamp::now())?;
    let mut seen = std::collections::HashSet::new();
    let delete = ops
        .delete
        .into_iter()
        .enumerate()
        .map(|(i, d)| {
            if !seen.insert(d.unique_identifier.clone()) {
                return Err(input::duplicate(
                    "memories.delete",
                    i,
                    d.unique_identifier.as_str(),
                ));
            }
            let reason = d
                .reason
                .filter(|r| !r.trim().is_empty())
                .unwrap_or_else(|| REASON_DELETED.into());
            if reason.chars().count() > MAX_DESCRIPTION_CHARS
                || reason.chars().any(char::is_control)
            {
                return Err(ApiError::invalid(
                    format!("memories.delete[{i}].reason"),
                    format!("a reason is one line of at most {MAX_DESCRIPTION_CHARS} characters"),
                ));
            }
            Ok(Deletion {
                unique_identifier: d.unique_identifier,
                reason,
            })
        })
        .collect::<Result<_, _>>()?;
    Ok(Update::Operations { delete, upsert })
}
