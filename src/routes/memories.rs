//! `/v1/projects/{projectId}/users/{userProfileId}/personas/{personaProfileId}/memories`.

use actix_web::{HttpResponse, web};
use serde::{Deserialize, Serialize};

use super::input::{self, ApiJson};
use super::{AppState, change_answer};
use crate::domain::change::{REASON_FORGOTTEN, Update};
use crate::domain::ids::{MemoryKey, PersonaProfileId, UserProfileId};
use crate::domain::memory::{Deletion, Memory, MemoryInput};
use crate::domain::timestamp::Timestamp;
use crate::error::ApiError;

type PairPath = web::Path<(String, String, String)>;

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct PairMemories<'a> {
    user_profile_id: &'a UserProfileId,
    persona_profile_id: &'a PersonaProfileId,
    version: u64,
    updated_at: Option<Timestamp>,
    memories: Vec<&'a Memory>,
}

/// Straight from the store: reads never queue behind the pair's writes.
pub async fn get(state: web::Data<AppState>, path: PairPath) -> Result<HttpResponse, ApiError> {
    let (project, user, persona) = path.into_inner();
    let pair = input::pair(project, user, persona)?;
    let stored = state.store.pair(&pair)?;
    Ok(HttpResponse::Ok().json(PairMemories {
        user_profile_id: &pair.user,
        persona_profile_id: &pair.persona,
        version: stored.version,
        updated_at: stored.updated_at,
        memories: stored.memories.iter().collect(),
    }))
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MemorySetBody {
    memories: Vec<MemoryInput>,
}

/// Replaces the pair's whole memory set.
pub async fn put(
    state: web::Data<AppState>,
    path: PairPath,
    ApiJson(body): ApiJson<MemorySetBody>,
) -> Result<HttpResponse, ApiError> {
    let (project, user, persona) = path.into_inner();
    let pair = input::pair(project, user, persona)?;
    let memories = input::memories(body.memories, "memories", Timestamp::now())?;
    change_answer(state.pairs.apply(pair, Update::Replace(memories)).await)
}

/// Forgets everything about the pair.
pub async fn forget_all(
    state: web::Data<AppState>,
    path: PairPath,
) -> Result<HttpResponse, ApiError> {
    let (project, user, persona) = path.into_inner();
    let pair = input::pair(project, user, persona)?;
    change_answer(state.pairs.apply(pair, Update::ForgetAll).await)
}

/// Forgets one memory; forgetting one the pair does not have is no change.
pub async fn forget_one(
    state: web::Data<AppState>,
    path: web::Path<(String, String, String, String)>,
) -> Result<HttpResponse, ApiError> {
    let (project, user, persona, key) = path.into_inner();
    let pair = input::pair(project, user, persona)?;
    let key: MemoryKey = input::path_id("uniqueIdentifier", key)?;
    let update = Update::Operations {
        delete: vec![Deletion {
            unique_identifier: key,
            reason: REASON_FORGOTTEN.into(),
        }],
        upsert: Vec::new(),
    };
    change_answer(state.pairs.apply(pair, update).await)
}
