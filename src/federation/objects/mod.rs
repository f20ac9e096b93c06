//! Objects: knowledge items as ActivityPub `Article`s.

pub mod item;
