//! Slowing down password guessing without letting anyone lock a user out.
//!
//! Two records of recent failures, each giving a delay that doubles with every failure past a
//! free allowance:
//! - per client address (as `instance.trusted_proxies` lets Praxis see it): guessing across many
//!   user names from one address slows down, up to [`MAX_CLIENT_DELAY`];
//! - per account, from any address: guessing one account from many addresses slows down too, but
//!   only up to [`MAX_ACCOUNT_DELAY`], so a third party failing on purpose can make its owner wait
//!   seconds, never lock them out.
//!
//! While a delay runs, attempts are refused without checking the password and without counting.
//! Failures older than [`FORGET_AFTER`] are forgotten; a successful login clears both records.

use std::{
    collections::HashMap,
    net::IpAddr,
    sync::Mutex,
    time::{Duration, Instant},
};

/// Failures from one address before its attempts are slowed down.
const FREE_PER_CLIENT: u32 = 10;
const MAX_CLIENT_DELAY: Duration = Duration::from_secs(15 * 60);
/// Failures on one account before its attempts are slowed down.
const FREE_PER_ACCOUNT: u32 = 5;
const MAX_ACCOUNT_DELAY: Duration = Duration::from_secs(30);
/// A record with no failure for this long starts again from zero.
const FORGET_AFTER: Duration = Duration::from_secs(15 * 60);
/// Records kept per kind before stale ones are swept.
const SWEEP_AT: usize = 10_000;

#[derive(Debug, Clone, Copy)]
struct Failures {
    count: u32,
    last: Instant,
}

impl Failures {
    fn delay(&self, free: u32, max: Duration) -> Duration {
        if self.count < free {
            return Duration::ZERO;
        }
        let doublings = (self.count - free).min(20);
        Duration::from_secs(1u64 << doublings).min(max)
    }

    fn remaining(&self, free: u32, max: Duration, now: Instant) -> Duration {
        (self.last + self.delay(free, max)).saturating_duration_since(now)
    }
}

/// Recent failed logins, kept in memory (each process keeps its own).
#[derive(Default)]
pub struct LoginThrottle {
    clients: Mutex<HashMap<IpAddr, Failures>>,
    accounts: Mutex<HashMap<String, Failures>>,
}

impl LoginThrottle {
    /// How long `client` must wait before it may try `account` again, if at all.
    pub fn wait(&self, account: &str, client: IpAddr) -> Option<Duration> {
        let now = Instant::now();
        let client_wait = current(&self.clients, &client, now)
            .map(|f| f.remaining(FREE_PER_CLIENT, MAX_CLIENT_DELAY, now))
            .unwrap_or_default();
        let account_wait = current(&self.accounts, &account.to_lowercase(), now)
            .map(|f| f.remaining(FREE_PER_ACCOUNT, MAX_ACCOUNT_DELAY, now))
            .unwrap_or_default();
        Some(client_wait.max(account_wait)).filter(|w| !w.is_zero())
    }

    /// Records a failed attempt.
    pub fn fail(&self, account: &str, client: IpAddr) {
        let now = Instant::now();
        record(&self.clients, client, now);
        record(&self.accounts, account.to_lowercase(), now);
    }

    /// Forgets the failures of an account and an address after a successful login.
    pub fn succeed(&self, account: &str, client: IpAddr) {
        self.clients.lock().expect("throttle lock").remove(&client);
        self.accounts
            .lock()
            .expect("throttle lock")
            .remove(&account.to_lowercase());
    }
}

fn current<K: std::hash::Hash + Eq>(
    map: &Mutex<HashMap<K, Failures>>,
    key: &K,
    now: Instant,
) -> Option<Failures> {
    map.lock()
        .expect("throttle lock")
        .get(key)
        .copied()
        .filter(|f| now.duration_since(f.last) < FORGET_AFTER)
}

fn record<K: std::hash::Hash + Eq>(map: &Mutex<HashMap<K, Failures>>, key: K, now: Instant) {
    let mut map = map.lock().expect("throttle lock");
    if map.len() >= SWEEP_AT {
        map.retain(|_, f| now.duration_since(f.last) < FORGET_AFTER);
    }
    let entry = map.entry(key).or_insert(Failures { count: 0, last: now });
    if now.duration_since(entry.last) >= FORGET_AFTER {
        entry.count = 0;
    }
    entry.count += 1;
    entry.last = now;
}

#[cfg(test)]
mod tests {
    use super::*;

    fn address(text: &str) -> IpAddr {
        text.parse().unwrap()
    }

    #[test]
    fn an_account_is_slowed_down_after_repeated_failures_but_never_locked_for_long() {
        let throttle = LoginThrottle::default();
        for attempt in 0..FREE_PER_ACCOUNT {
            // Each failure from another address: only the account's record grows.
            let client = address(&format!("198.51.100.{attempt}"));
            assert_eq!(throttle.wait("ana", client), None);
            throttle.fail("ana", client);
        }
        let waiting = throttle.wait("ana", address("203.0.113.7")).expect("a delay");
        assert!(waiting <= Duration::from_secs(1), "{waiting:?}");
        for _ in 0..40 {
            throttle.fail("ana", address("192.0.2.1"));
        }
        let waiting = throttle.wait("Ana", address("203.0.113.7")).expect("a delay");
        assert!(waiting <= MAX_ACCOUNT_DELAY, "{waiting:?}");
        assert_eq!(throttle.wait("boris", address("203.0.113.7")), None);
    }

    #[test]
    fn one_address_guessing_many_accounts_is_slowed_down() {
        let throttle = LoginThrottle::default();
        let guesser = address("192.0.2.9");
        for n in 0..FREE_PER_CLIENT {
            assert_eq!(throttle.wait(&format!("user{n}"), guesser), None);
            throttle.fail(&format!("user{n}"), guesser);
        }
        for _ in 0..8 {
            throttle.fail("another", guesser);
        }
        let waiting = throttle.wait("yet-another", guesser).expect("a delay");
        assert!(waiting > MAX_ACCOUNT_DELAY, "{waiting:?}");
        assert_eq!(throttle.wait("yet-another", address("192.0.2.10")), None);
    }

    #[test]
    fn a_successful_login_clears_the_records() {
        let throttle = LoginThrottle::default();
        let client = address("192.0.2.9");
        for _ in 0..FREE_PER_ACCOUNT + 3 {
            throttle.fail("ana", client);
        }
        assert!(throttle.wait("ana", client).is_some());
        throttle.succeed("ana", client);
        assert_eq!(throttle.wait("ana", client), None);
    }
}
