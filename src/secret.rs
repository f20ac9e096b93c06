//! A value that must never reach a log line, a panic message or an error text by accident: the
//! city's private key, the bootstrap admin token, a database URL that carries a password.
//!
//! `Debug` and `Display` print `[redacted]`; the value is read with [`Secret::expose`], so every
//! place that uses it says so. Serialization writes the value itself, because configuration files
//! written by `praxis init` and the test harness must round-trip.

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// A secret string (or other value), redacted in `Debug` and `Display`.
#[derive(Clone, Default, PartialEq, Eq)]
pub struct Secret<T = String>(T);

impl<T> Secret<T> {
    pub fn new(value: T) -> Secret<T> {
        Secret(value)
    }

    /// The value itself, for the one place that needs it.
    pub fn expose(&self) -> &T {
        &self.0
    }

    pub fn into_inner(self) -> T {
        self.0
    }
}

impl Secret<String> {
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

impl<T> std::fmt::Debug for Secret<T> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("[redacted]")
    }
}

impl<T> std::fmt::Display for Secret<T> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("[redacted]")
    }
}

impl<T> From<T> for Secret<T> {
    fn from(value: T) -> Secret<T> {
        Secret(value)
    }
}

impl From<&str> for Secret<String> {
    fn from(value: &str) -> Secret<String> {
        Secret(value.to_string())
    }
}

impl<T: Serialize> Serialize for Secret<T> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.0.serialize(serializer)
    }
}

impl<'de, T: Deserialize<'de>> Deserialize<'de> for Secret<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        T::deserialize(deserializer).map(Secret)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn debug_and_display_never_show_the_value() {
        let key = Secret::from("-----BEGIN PRIVATE KEY-----\nMIIEv");
        assert_eq!(format!("{key:?}"), "[redacted]");
        assert_eq!(format!("{key}"), "[redacted]");
        #[derive(Debug)]
        #[allow(dead_code)]
        struct Holder {
            key: Secret,
        }
        let shown = format!("{:?}", Holder { key: key.clone() });
        assert!(!shown.contains("BEGIN"), "{shown}");
        assert_eq!(key.expose(), "-----BEGIN PRIVATE KEY-----\nMIIEv");
    }

    #[test]
    fn serialization_keeps_the_value() {
        let token = Secret::from("a-token-of-sixteen-chars");
        let json = serde_json::to_string(&token).unwrap();
        assert_eq!(json, "\"a-token-of-sixteen-chars\"");
        let back: Secret = serde_json::from_str(&json).unwrap();
        assert_eq!(back, token);
    }
}
