//! The subcommands for people who integrate with memhook: `listen` and `replay`.

pub mod listen;
pub mod replay;
