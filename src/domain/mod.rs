//! What memhook is about, free of actix, sled and HTTP: ids, memories, the change rules, the
//! webhook configuration and events. Everything here is plain data and pure functions.

pub mod change;
pub mod config;
pub mod event;
pub mod ids;
pub mod memory;
pub mod message;
pub mod pair;
pub mod signature;
pub mod timestamp;
