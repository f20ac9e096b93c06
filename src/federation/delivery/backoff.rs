//! When to try a failed delivery again, and when to give up.

use chrono::{DateTime, Duration, Utc};
use rand::Rng;

use crate::config::FederationSettings;

/// What to do after a failed attempt.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NextStep {
    RetryAt(DateTime<Utc>),
    GiveUp,
}

/// Exponential backoff with ±20% jitter: `base · 2^attempts`, capped at the maximum gap; a
/// peer's `Retry-After` is honoured when it asks for longer. Past the horizon (counted from when
/// the delivery was queued) the delivery is given up.
pub fn next_step(
    settings: &FederationSettings,
    attempts_before: i32,
    queued_at: DateTime<Utc>,
    now: DateTime<Utc>,
    retry_after: Option<std::time::Duration>,
) -> NextStep {
    let base = settings.delivery_retry_base_secs as f64;
    let cap = settings.delivery_retry_max_gap_secs as f64;
    let exponent = attempts_before.clamp(0, 30);
    let gap = (base * 2f64.powi(exponent)).min(cap);
    let jitter = rand::thread_rng().gen_range(0.8..=1.2);
    let mut gap_secs = (gap * jitter).min(cap).max(1.0);
    if let Some(asked) = retry_after {
        gap_secs = gap_secs.max(asked.as_secs_f64());
    }
    let next = now + Duration::milliseconds((gap_secs * 1000.0) as i64);
    let horizon = queued_at + Duration::hours(settings.delivery_give_up_after_hours as i64);
    if next > horizon {
        NextStep::GiveUp
    } else {
        NextStep::RetryAt(next)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::Settings;

    fn settings() -> FederationSettings {
        Settings::from_toml("").unwrap().federation
    }

    fn gap(step: NextStep, now: DateTime<Utc>) -> f64 {
        match step {
            NextStep::RetryAt(t) => (t - now).num_milliseconds() as f64 / 1000.0,
            NextStep::GiveUp => f64::INFINITY,
        }
    }

    #[test]
    fn first_retry_comes_within_seconds_and_gaps_grow_to_the_cap() {
        let s = settings();
        let now = Utc::now();
        let first = gap(next_step(&s, 0, now, now, None), now);
        assert!((4.0..=6.0).contains(&first), "first gap {first}s");
        let fifth = gap(next_step(&s, 4, now, now, None), now);
        assert!((64.0..=96.0).contains(&fifth), "fifth gap {fifth}s");
        let late = gap(next_step(&s, 25, now, now, None), now);
        assert!(
            late <= s.delivery_retry_max_gap_secs as f64,
            "gap {late}s exceeds the cap"
        );
        assert!(late >= 0.8 * s.delivery_retry_max_gap_secs as f64);
    }

    #[test]
    fn retry_after_is_honoured_and_old_deliveries_are_given_up() {
        let s = settings();
        let now = Utc::now();
        let asked = gap(
            next_step(&s, 0, now, now, Some(std::time::Duration::from_secs(600))),
            now,
        );
        assert!(asked >= 600.0);
        let queued_long_ago = now - Duration::hours(s.delivery_give_up_after_hours as i64);
        assert_eq!(next_step(&s, 3, queued_long_ago, now, None), NextStep::GiveUp);
    }
}
