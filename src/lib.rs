//! memhook: long-term memory for every (user, persona) pair of an AI chat product, with a
//! webhook for every change. See README.md for the tour and docs/ for the design.

pub mod actors;
pub mod commands;
pub mod configuration;
pub mod domain;
pub mod error;
pub mod extract;
pub mod http_client;
pub mod metrics;
pub mod routes;
pub mod startup;
pub mod store;
