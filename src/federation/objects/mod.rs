//! Objects: knowledge items as ActivityPub `Article`s, replies as `Note`s.

pub mod item;
pub mod reply;
