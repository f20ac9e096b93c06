//! The address a request comes from: the peer of the connection, or, when that peer is one of
//! `instance.trusted_proxies`, the address the proxies say they forwarded for.
//!
//! `X-Forwarded-For` is read from the right (the entry the nearest proxy appended) leftwards,
//! skipping trusted proxies: the first address that is not one is the client. Entries further
//! left were written by whoever sent the request and are never believed.

use std::net::{IpAddr, SocketAddr};

use actix_web::HttpRequest;
use ipnet::IpNet;

/// The client address of `req`, as far as `trusted` proxies let it be known.
pub fn client_address(req: &HttpRequest, trusted: &[IpNet]) -> IpAddr {
    let peer = req
        .peer_addr()
        .map_or(IpAddr::from([0, 0, 0, 0]), |a| a.ip().to_canonical());
    let forwarded: Vec<IpAddr> = req
        .headers()
        .get_all("X-Forwarded-For")
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(','))
        .map_while(parse_entry)
        .collect();
    client_from(peer, &forwarded, trusted)
}

fn client_from(peer: IpAddr, forwarded: &[IpAddr], trusted: &[IpNet]) -> IpAddr {
    let is_trusted = |ip: &IpAddr| trusted.iter().any(|net| net.contains(ip));
    if !is_trusted(&peer) {
        return peer;
    }
    let mut client = peer;
    for hop in forwarded.iter().rev() {
        client = *hop;
        if !is_trusted(hop) {
            break;
        }
    }
    client
}

/// One entry of `X-Forwarded-For`: an address, perhaps with a port. An entry that cannot be read
/// ends the list, so nothing left of it is believed.
fn parse_entry(entry: &str) -> Option<IpAddr> {
    let entry = entry.trim();
    entry
        .parse::<IpAddr>()
        .or_else(|_| entry.parse::<SocketAddr>().map(|a| a.ip()))
        .ok()
        .map(|ip| ip.to_canonical())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ip(text: &str) -> IpAddr {
        text.parse().unwrap()
    }

    #[test]
    fn forwarded_addresses_count_only_behind_trusted_proxies() {
        let proxy: Vec<IpNet> = vec!["127.0.0.1/32".parse().unwrap(), "10.0.0.0/8".parse().unwrap()];
        let spoofed = [ip("192.0.2.66"), ip("198.51.100.7")];
        // A direct client: its headers are not believed.
        assert_eq!(
            client_from(ip("203.0.113.5"), &spoofed, &proxy),
            ip("203.0.113.5")
        );
        // Behind the proxy: the rightmost address the proxy appended.
        assert_eq!(client_from(ip("127.0.0.1"), &spoofed, &proxy), ip("198.51.100.7"));
        // Through two trusted proxies.
        let chain = [ip("192.0.2.66"), ip("198.51.100.7"), ip("10.1.2.3")];
        assert_eq!(client_from(ip("127.0.0.1"), &chain, &proxy), ip("198.51.100.7"));
        // No proxies configured: the peer, always.
        assert_eq!(client_from(ip("127.0.0.1"), &spoofed, &[]), ip("127.0.0.1"));
        assert_eq!(parse_entry(" [2001:db8::1]:443 "), Some(ip("2001:db8::1")));
        assert_eq!(parse_entry("unknown"), None);
    }
}
