//! ActivityPub: the city actor, knowledge items as objects, the activities between cities, the
//! collections, discovery (WebFinger, NodeInfo) and the durable delivery of what this city sends.
//!
//! JSON shapes live beside the trait implementations that convert them to domain types; one file
//! per ActivityPub type.

pub mod activities;
pub mod actors;
pub mod audience;
pub mod backfill;
pub mod client;
pub mod collections;
pub mod community_routes;
pub mod config;
pub mod context;
pub mod delivery;
pub mod discovery;
pub mod error;
pub mod inbox;
pub mod keys;
pub mod language_map;
pub mod lenient;
pub mod membership;
pub mod moved_items;
pub mod objects;
pub mod policy_guard;
pub mod relay;
pub mod routes;
pub mod urls;
pub mod verify;
pub mod webfinger;

pub use error::FederationError;
