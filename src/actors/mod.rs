//! The actors: one per pair (its changes, in order), the registry that finds them, and the
//! delivery actors that send the webhooks.

pub mod delivery;
pub mod pair;
pub mod registry;
