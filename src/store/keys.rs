//! Key encoding. Every id part is length-prefixed (ids are at most 256 bytes, so two bytes do),
//! which keeps keys collision-free for ids holding any byte and lets a project's pairs and
//! events be scanned by prefix.

use crate::domain::event::EventId;
use crate::domain::ids::{PairKey, PersonaProfileId, ProjectId, UserProfileId};

fn push_part(key: &mut Vec<u8>, part: &str) {
    let len = u16::try_from(part.len()).expect("ids are at most 256 bytes");
    key.extend_from_slice(&len.to_be_bytes());
    key.extend_from_slice(part.as_bytes());
}

fn take_part(key: &[u8]) -> Option<(&str, &[u8])> {
    let len = u16::from_be_bytes([*key.first()?, *key.get(1)?]) as usize;
    let part = key.get(2..2 + len)?;
    Some((std::str::from_utf8(part).ok()?, &key[2 + len..]))
}

pub fn project(project: &ProjectId) -> Vec<u8> {
    let mut key = Vec::with_capacity(2 + project.as_str().len());
    push_part(&mut key, project.as_str());
    key
}

pub fn pair(pair: &PairKey) -> Vec<u8> {
    let mut key = project(&pair.project);
    push_part(&mut key, pair.user.as_str());
    push_part(&mut key, pair.persona.as_str());
    key
}

/// The user and persona of a pair key, given the project's prefix length.
pub fn pair_ids(key: &[u8], prefix_len: usize) -> Option<(UserProfileId, PersonaProfileId)> {
    let (user, rest) = take_part(key.get(prefix_len..)?)?;
    let (persona, rest) = take_part(rest)?;
    rest.is_empty().then_some(())?;
    Some((user.try_into().ok()?, persona.try_into().ok()?))
}

pub fn event(project_id: &ProjectId, id: &EventId) -> Vec<u8> {
    let mut key = project(project_id);
    key.extend_from_slice(id.as_bytes());
    key
}

/// The project and event id of an event key.
pub fn event_ids(key: &[u8]) -> Option<(ProjectId, EventId)> {
    let (project, rest) = take_part(key)?;
    let bytes: [u8; 16] = rest.try_into().ok()?;
    Some((project.try_into().ok()?, EventId::from_bytes(bytes)))
}

pub fn attempt(event_key: &[u8], number: u32) -> Vec<u8> {
    let mut key = event_key.to_vec();
    key.extend_from_slice(&number.to_be_bytes());
    key
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pk(p: &str, u: &str, q: &str) -> PairKey {
        PairKey {
            project: p.try_into().unwrap(),
            user: u.try_into().unwrap(),
            persona: q.try_into().unwrap(),
        }
    }

    #[test]
    fn separators_in_ids_cannot_make_two_pairs_collide() {
        assert_ne!(pair(&pk("p", "a/b", "c")), pair(&pk("p", "a", "b/c")));
        assert_ne!(pair(&pk("p", "ab", "c")), pair(&pk("p", "a", "bc")));
    }

    #[test]
    fn pair_and_event_keys_decode() {
        let key = pair(&pk("proj", "用户 1", "😀/x"));
        let (u, p) = pair_ids(&key, project(&"proj".try_into().unwrap()).len()).unwrap();
        assert_eq!((u.as_str(), p.as_str()), ("用户 1", "😀/x"));
        let id = EventId::new();
        let key = event(&"proj".try_into().unwrap(), &id);
        assert_eq!(event_ids(&key).unwrap(), ("proj".try_into().unwrap(), id));
    }
}
