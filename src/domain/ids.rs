//! The opaque ids of SPEC §1: projects, users, personas and memory keys.
//!
//! Every id is validated once, where it enters (a path segment or a JSON field), so the rest of
//! the code can trust any value of these types.

use std::fmt;

use serde::{Deserialize, Serialize};

/// Longest id in bytes (SPEC §1).
pub const MAX_ID_BYTES: usize = 256;

/// Checks the rules every id shares: non-empty, at most 256 bytes, no control characters.
pub fn check_id(value: &str) -> Result<(), String> {
    if value.is_empty() {
        return Err("must not be empty".into());
    }
    if value.len() > MAX_ID_BYTES {
        return Err(format!(
            "is {} bytes long; ids are at most {MAX_ID_BYTES} bytes",
            value.len()
        ));
    }
    if let Some(c) = value.chars().find(|c| c.is_control()) {
        return Err(format!(
            "contains the control character U+{:04X}; ids may hold any printable character",
            c as u32
        ));
    }
    Ok(())
}

macro_rules! id_type {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[derive(Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
        #[serde(try_from = "String", into = "String")]
        pub struct $name(String);

        impl $name {
            pub fn as_str(&self) -> &str {
                &self.0
            }
        }

        impl TryFrom<String> for $name {
            type Error = String;
            fn try_from(value: String) -> Result<Self, String> {
                check_id(&value)?;
                Ok(Self(value))
            }
        }

        impl TryFrom<&str> for $name {
            type Error = String;
            fn try_from(value: &str) -> Result<Self, String> {
                Self::try_from(value.to_owned())
            }
        }

        impl From<$name> for String {
            fn from(id: $name) -> String {
                id.0
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(&self.0)
            }
        }

        impl fmt::Debug for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                fmt::Debug::fmt(&self.0, f)
            }
        }
    };
}

id_type!(
    /// A tenant: one customer integration.
    ProjectId
);
id_type!(
    /// `userProfileId`: the person chatting.
    UserProfileId
);
id_type!(
    /// `personaProfileId`: the AI persona.
    PersonaProfileId
);
id_type!(
    /// `uniqueIdentifier`: a memory's key inside its pair.
    MemoryKey
);

/// One (user, persona) pair inside a project: the unit that owns memory, versions and order.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct PairKey {
    pub project: ProjectId,
    pub user: UserProfileId,
    pub persona: PersonaProfileId,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_printable_text_of_any_script() {
        for id in ["a", "user 1/2", "😀", "用户", &"x".repeat(256)] {
            assert!(ProjectId::try_from(id).is_ok(), "{id}");
        }
    }

    #[test]
    fn refuses_empty_long_and_control_characters() {
        assert!(check_id("").unwrap_err().contains("empty"));
        assert!(
            check_id(&"x".repeat(257))
                .unwrap_err()
                .contains("257 bytes")
        );
        // 86 three-byte characters are 258 bytes: the limit is bytes, not characters.
        assert!(check_id(&"用".repeat(86)).is_err());
        assert!(check_id("a\nb").unwrap_err().contains("U+000A"));
        assert!(check_id("a\u{7f}").is_err());
    }
}
