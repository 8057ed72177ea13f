//! Integration tests: the real server on port 0 with a temporary data folder, a real webhook
//! receiver, HTTP to both.

mod bad_input;
mod config;
mod conversations;
mod delivery;
mod delivery_order;
mod durability;
mod helpers;
mod memories;
mod openai;
mod pair_faults;
