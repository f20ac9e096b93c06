//! Praxis: a federated knowledge-sharing network for partner cities.
//!
//! Each city runs an instance that publishes its knowledge as ActivityPub objects and follows
//! peer cities. The folders name the architecture: `config`, `storage`, `domain`, `federation`,
//! `service` (the operations the API and the command line share), `search`, `api` (JSON under /api/v1),
//! `http` (server assembly and the error format), `web` (the staff pages), `cli`.

pub mod allocator;
pub mod api;
pub mod app;
pub mod cli;
pub mod config;
pub mod demo;
pub mod domain;
pub mod federation;
pub mod http;
pub mod search;
pub mod secret;
pub mod service;
pub mod storage;
pub mod wakeup;
pub mod web;
