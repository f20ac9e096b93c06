//! Which IP addresses a city may connect to: public unicast addresses only, unless the
//! configuration allows local peers.
//!
//! The ranges are those of the IANA special-purpose registries (RFC 6890 and its successors) that
//! are not reachable on the public internet or that reach something other than the named host:
//! a peer that names one of them is trying to make the city talk to its own network.

use std::net::{IpAddr, Ipv4Addr, Ipv6Addr};

/// Why an address is not a public one, or `None` when it is.
pub fn special_range(ip: IpAddr) -> Option<&'static str> {
    match ip {
        IpAddr::V4(v4) => special_v4(v4),
        IpAddr::V6(v6) => special_v6(v6),
    }
}

fn special_v4(ip: Ipv4Addr) -> Option<&'static str> {
    let [a, b, c, _] = ip.octets();
    let range = match (a, b, c) {
        (0, _, _) => "unspecified (0.0.0.0/8)",
        (10, _, _) => "private (10.0.0.0/8)",
        (100, 64..=127, _) => "shared address space, CGNAT (100.64.0.0/10)",
        (127, _, _) => "loopback (127.0.0.0/8)",
        (169, 254, _) => "link-local (169.254.0.0/16)",
        (172, 16..=31, _) => "private (172.16.0.0/12)",
        (192, 0, 0) => "IETF protocol assignments (192.0.0.0/24)",
        (192, 0, 2) => "documentation (192.0.2.0/24)",
        (192, 88, 99) => "6to4 relay anycast (192.88.99.0/24)",
        (192, 168, _) => "private (192.168.0.0/16)",
        (198, 18..=19, _) => "benchmarking (198.18.0.0/15)",
        (198, 51, 100) => "documentation (198.51.100.0/24)",
        (203, 0, 113) => "documentation (203.0.113.0/24)",
        (224..=239, _, _) => "multicast (224.0.0.0/4)",
        (240..=255, _, _) => "reserved or broadcast (240.0.0.0/4)",
        _ => return None,
    };
    Some(range)
}

fn special_v6(ip: Ipv6Addr) -> Option<&'static str> {
    // Addresses that carry an IPv4 address are judged by it: ::ffff:127.0.0.1 is loopback.
    if let Some(v4) = ip.to_ipv4_mapped() {
        return special_v4(v4);
    }
    let segments = ip.segments();
    let range = match segments {
        [0, 0, 0, 0, 0, 0, 0, 0] => "unspecified (::)",
        [0, 0, 0, 0, 0, 0, 0, 1] => "loopback (::1)",
        // IPv4-compatible (deprecated), ::a.b.c.d
        [0, 0, 0, 0, 0, 0, _, _] => "IPv4-compatible (::/96)",
        // IPv4/IPv6 translation: NAT64 gateways reach whatever IPv4 address is embedded.
        [0x64, 0xff9b, 0, 0, 0, 0, _, _] => "IPv4/IPv6 translation (64:ff9b::/96)",
        [0x64, 0xff9b, 1, ..] => "local-use IPv4/IPv6 translation (64:ff9b:1::/48)",
        [0, 0, 0, 0, 0xffff, 0, _, _] => "IPv4-translated (::ffff:0:0:0/96)",
        [0x100, 0, 0, 0, ..] => "discard-only (100::/64)",
        [0x2001, 0x0db8, ..] => "documentation (2001:db8::/32)",
        [0x2001, 0x0002, 0, ..] => "benchmarking (2001:2::/48)",
        [0x2001, b, ..] if b < 0x0200 => "IETF protocol assignments, Teredo, ORCHID (2001::/23)",
        [0x2002, ..] => "6to4 (2002::/16)",
        [0x3fff, b, ..] if b < 0x1000 => "documentation (3fff::/20)",
        [0x5f00, ..] => "segment routing (5f00::/16)",
        [s, ..] if s & 0xfe00 == 0xfc00 => "unique local (fc00::/7)",
        [s, ..] if s & 0xffc0 == 0xfe80 => "link-local (fe80::/10)",
        [s, ..] if s & 0xffc0 == 0xfec0 => "site-local (fec0::/10)",
        [s, ..] if s & 0xff00 == 0xff00 => "multicast (ff00::/8)",
        _ => return None,
    };
    Some(range)
}

/// The rule the outbound client applies to every address it would connect to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct AddressRule {
    /// `federation.allow_local_peers`: every address is allowed.
    pub allow_local: bool,
}

impl AddressRule {
    /// Why `ip` may not be connected to, or `None` when it may.
    pub fn refusal(&self, ip: IpAddr) -> Option<String> {
        if self.allow_local {
            return None;
        }
        special_range(ip.to_canonical())
            .map(|range| format!("{ip} is a {range} address, and federation.allow_local_peers is off"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn refused(text: &str) -> bool {
        special_range(text.parse().unwrap()).is_some()
    }

    #[test]
    fn every_non_public_range_is_refused() {
        for address in [
            "0.0.0.0",
            "0.1.2.3",
            "10.0.0.1",
            "10.255.255.255",
            "100.64.0.1",
            "100.127.255.254",
            "127.0.0.1",
            "127.8.9.10",
            "169.254.169.254",
            "172.16.0.1",
            "172.31.255.255",
            "192.0.0.8",
            "192.0.2.1",
            "192.88.99.1",
            "192.168.1.1",
            "198.18.0.1",
            "198.19.255.255",
            "198.51.100.7",
            "203.0.113.9",
            "224.0.0.1",
            "239.255.255.250",
            "240.0.0.1",
            "255.255.255.255",
            "::",
            "::1",
            "::127.0.0.1",
            "::ffff:127.0.0.1",
            "::ffff:10.0.0.1",
            "::ffff:169.254.169.254",
            "64:ff9b::a9fe:a9fe",
            "64:ff9b:1::1",
            "::ffff:0:a00:1",
            "100::1",
            "2001:db8::1",
            "2001::1",
            "2001:10::1",
            "2001:2::1",
            "2002:a00:1::1",
            "3fff::1",
            "fc00::1",
            "fd12:3456::1",
            "fe80::1",
            "febf::1",
            "fec0::1",
            "ff02::1",
        ] {
            assert!(refused(address), "{address} must be refused");
        }
    }

    #[test]
    fn public_addresses_are_allowed() {
        for address in [
            "1.1.1.1",
            "8.8.8.8",
            "93.184.216.34",
            "100.63.255.255",
            "100.128.0.1",
            "172.15.255.255",
            "172.32.0.1",
            "192.0.1.1",
            "192.169.0.1",
            "198.17.255.255",
            "198.20.0.1",
            "223.255.255.255",
            "2606:4700:4700::1111",
            "2a00:1450:4001:80b::200e",
            "2620:fe::fe",
            "::ffff:8.8.8.8",
        ] {
            assert!(!refused(address), "{address} is public");
        }
    }

    #[test]
    fn allowing_local_peers_allows_every_address() {
        let strict = AddressRule { allow_local: false };
        let relaxed = AddressRule { allow_local: true };
        let loopback: IpAddr = "127.0.0.1".parse().unwrap();
        let message = strict.refusal(loopback).unwrap();
        assert!(message.contains("loopback"), "{message}");
        assert!(message.contains("allow_local_peers"), "{message}");
        assert_eq!(relaxed.refusal(loopback), None);
    }
}
