//! What Praxis means by a city and a knowledge item, with their invariants.
//!
//! Independent of HTTP, of ActivityPub and of the database: the other layers convert to and from
//! these types.

pub mod audience;
pub mod city;
pub mod community;
pub mod item;
pub mod language;
pub mod machine_translation;
pub mod mail;
pub mod manifest;
pub mod media;
pub mod policy;
pub mod reply;
pub mod sanitize;
pub mod translation;
pub mod user;
pub mod validation;
pub mod vocabulary;
