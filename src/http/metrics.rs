//! `GET /metrics`: the instance's state in the Prometheus text format, for monitoring.

use std::fmt::Write;

use activitypub_federation::config::Data;
use actix_web::{HttpResponse, web};

use super::HttpError;
use crate::domain::audience::Visibility;
use crate::{
    app::AppContext,
    storage::{
        StorageError, deliveries,
        follows::{self, FollowState, Side},
        items::{self, Scope},
    },
};

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.route("/metrics", web::get().to(metrics));
}

/// What the gauges show, read in one go.
struct Snapshot {
    own_items: i64,
    all_items: i64,
    followers: i64,
    following: i64,
    queue: deliveries::QueueCounts,
    peers_failing: usize,
}

async fn metrics(data: Data<AppContext>) -> Result<HttpResponse, HttpError> {
    let city = data.city_id;
    let snapshot = data
        .db
        .read(move |conn| -> Result<Snapshot, StorageError> {
            Ok(Snapshot {
                own_items: items::count(conn, Scope::Origin(city), Visibility::Everything)?,
                all_items: items::count(conn, Scope::All, Visibility::Everything)?,
                followers: follows::count(conn, city, Side::Followers, FollowState::Accepted)?,
                following: follows::count(conn, city, Side::Following, FollowState::Accepted)?,
                queue: deliveries::counts(conn)?,
                peers_failing: deliveries::peer_states(conn)?
                    .iter()
                    .filter(|p| p.consecutive_failures > 0)
                    .count(),
            })
        })
        .await?;
    Ok(HttpResponse::Ok()
        .content_type("text/plain; version=0.0.4; charset=utf-8")
        .body(render(&snapshot)))
}

fn render(s: &Snapshot) -> String {
    let mut out = String::new();
    let mut gauge = |name: &str, help: &str, values: &[(&str, i64)]| {
        let _ = writeln!(out, "# HELP {name} {help}\n# TYPE {name} gauge");
        for (labels, value) in values {
            let _ = writeln!(out, "{name}{labels} {value}");
        }
    };
    gauge(
        "praxis_items",
        "Knowledge items held, by origin.",
        &[
            ("{origin=\"local\"}", s.own_items),
            ("{origin=\"remote\"}", s.all_items - s.own_items),
        ],
    );
    gauge(
        "praxis_followers",
        "Cities following this one.",
        &[("", s.followers)],
    );
    gauge(
        "praxis_following",
        "Cities this one follows.",
        &[("", s.following)],
    );
    gauge(
        "praxis_deliveries",
        "Outgoing deliveries, by state.",
        &[
            ("{state=\"pending\"}", s.queue.pending),
            ("{state=\"delivered\"}", s.queue.delivered),
            ("{state=\"dead\"}", s.queue.dead),
        ],
    );
    gauge(
        "praxis_peers_failing",
        "Peers whose latest deliveries failed.",
        &[("", s.peers_failing as i64)],
    );
    out
}
