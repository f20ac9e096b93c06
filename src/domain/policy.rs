//! Whom a city federates with: open to all, only its partners (an allowlist), or all but some
//! (a blocklist). Decided per peer *domain*: a host, with a port when peers are told apart by
//! port (several instances on one machine).

use std::fmt;

use serde::{Deserialize, Serialize};
use url::Url;

/// How the lists are applied.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum PolicyMode {
    /// Every domain (the lists are kept but not applied).
    #[default]
    Open,
    /// Only the domains on the allow list: a partner network.
    Allowlist,
    /// Every domain but those on the block list.
    Blocklist,
}

impl PolicyMode {
    pub const ALL: [PolicyMode; 3] = [PolicyMode::Open, PolicyMode::Allowlist, PolicyMode::Blocklist];

    pub fn code(self) -> &'static str {
        match self {
            PolicyMode::Open => "open",
            PolicyMode::Allowlist => "allowlist",
            PolicyMode::Blocklist => "blocklist",
        }
    }

    pub fn from_code(code: &str) -> Option<PolicyMode> {
        PolicyMode::ALL.into_iter().find(|m| m.code() == code)
    }
}

/// The two lists a domain can be on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum DomainList {
    Allow,
    Block,
}

impl DomainList {
    pub fn code(self) -> &'static str {
        match self {
            DomainList::Allow => "allow",
            DomainList::Block => "block",
        }
    }

    pub fn from_code(code: &str) -> Option<DomainList> {
        [DomainList::Allow, DomainList::Block]
            .into_iter()
            .find(|l| l.code() == code)
    }
}

/// A peer domain: a lowercase host, and a port when one was given. Without a port it stands for
/// the host on any port.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct PeerDomain {
    host: String,
    port: Option<u16>,
}

impl PeerDomain {
    /// Reads `example.org`, `example.org:8443`, `handle@example.org`, or any URL on the domain.
    pub fn parse(text: &str) -> Result<PeerDomain, String> {
        let text = text.trim();
        if text.is_empty() {
            return Err("a domain is required, like praxis.sofia.bg".into());
        }
        if text.contains("://") {
            let url = Url::parse(text).map_err(|e| format!("`{text}` is not a valid URL: {e}"))?;
            return PeerDomain::of_url(&url).ok_or_else(|| format!("`{text}` has no host name"));
        }
        let authority = text.rsplit('@').next().unwrap_or(text);
        let url = Url::parse(&format!("https://{authority}/"))
            .map_err(|_| format!("`{text}` is not a domain, like praxis.sofia.bg or localhost:8081"))?;
        if url.path() != "/" || url.query().is_some() || !url.username().is_empty() {
            return Err(format!(
                "`{text}` is not a domain, like praxis.sofia.bg or localhost:8081"
            ));
        }
        let host = url.host_str().unwrap_or_default().to_string();
        if host.is_empty() {
            return Err(format!("`{text}` has no host name"));
        }
        // `https://host:443/` drops the default port: keep what was written.
        let port = authority
            .rsplit_once(':')
            .and_then(|(_, p)| p.parse::<u16>().ok());
        Ok(PeerDomain { host, port })
    }

    /// The domain of a URL, with its port when the URL names one.
    pub fn of_url(url: &Url) -> Option<PeerDomain> {
        Some(PeerDomain {
            host: url.host_str()?.trim_end_matches('.').to_ascii_lowercase(),
            port: url.port(),
        })
    }

    /// Whether this entry covers `other`: same host, and same port unless this has none.
    pub fn covers(&self, other: &PeerDomain) -> bool {
        self.host == other.host && (self.port.is_none() || self.port == other.port)
    }
}

impl fmt::Display for PeerDomain {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.port {
            Some(port) => write!(f, "{}:{port}", self.host),
            None => f.write_str(&self.host),
        }
    }
}

/// One domain on one list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DomainEntry {
    pub domain: PeerDomain,
    pub list: DomainList,
    /// Why it is there (a partner's name, the reason of a block).
    pub note: Option<String>,
}

/// The whole policy.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FederationPolicy {
    pub mode: PolicyMode,
    /// Follow requests from domains not on the allow list wait for an admin's approval
    /// (instead of being accepted at once).
    pub hold_follows: bool,
    pub entries: Vec<DomainEntry>,
}

/// Why a peer is refused, in words for its admins and ours.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Refusal(pub String);

impl fmt::Display for Refusal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl FederationPolicy {
    fn on(&self, list: DomainList, domain: &PeerDomain) -> bool {
        self.entries
            .iter()
            .any(|e| e.list == list && e.domain.covers(domain))
    }

    /// Whether the domain is on the allow list (a network member).
    pub fn is_member(&self, url: &Url) -> bool {
        PeerDomain::of_url(url).is_some_and(|d| self.on(DomainList::Allow, &d))
    }

    /// Whether this city may exchange anything with the peer at `url`.
    pub fn check(&self, url: &Url) -> Result<(), Refusal> {
        let Some(domain) = PeerDomain::of_url(url) else {
            return Err(Refusal(format!("{url} has no host name")));
        };
        self.check_domain(&domain)
    }

    /// Whether this city may exchange anything with peers on `domain`.
    pub fn check_domain(&self, domain: &PeerDomain) -> Result<(), Refusal> {
        match self.mode {
            PolicyMode::Open => Ok(()),
            PolicyMode::Allowlist if !self.on(DomainList::Allow, domain) => Err(Refusal(format!(
                "this city federates only with its partner cities, and {domain} is not on its allowlist"
            ))),
            PolicyMode::Blocklist if self.on(DomainList::Block, domain) => Err(Refusal(format!(
                "{domain} is blocked by this city's federation policy"
            ))),
            _ => Ok(()),
        }
    }

    /// The domains on one list, in order.
    pub fn domains(&self, list: DomainList) -> impl Iterator<Item = &DomainEntry> {
        self.entries.iter().filter(move |e| e.list == list)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn url(text: &str) -> Url {
        text.parse().unwrap()
    }

    fn entry(domain: &str, list: DomainList) -> DomainEntry {
        DomainEntry {
            domain: PeerDomain::parse(domain).unwrap(),
            list,
            note: None,
        }
    }

    #[test]
    fn domains_are_read_from_hosts_addresses_and_urls() {
        for (text, expected) in [
            ("praxis.sofia.bg", "praxis.sofia.bg"),
            ("Praxis.Sofia.BG", "praxis.sofia.bg"),
            ("sofia@praxis.sofia.bg", "praxis.sofia.bg"),
            ("https://praxis.sofia.bg/city", "praxis.sofia.bg"),
            ("localhost:8081", "localhost:8081"),
            ("http://localhost:8081/city", "localhost:8081"),
            ("city@localhost:8081", "localhost:8081"),
        ] {
            assert_eq!(PeerDomain::parse(text).unwrap().to_string(), expected, "{text}");
        }
        for bad in ["", "not a domain", "example.org/path", "https://"] {
            assert!(PeerDomain::parse(bad).is_err(), "{bad} was accepted");
        }
    }

    #[test]
    fn an_allowlist_admits_only_its_members_and_a_port_narrows_an_entry() {
        let policy = FederationPolicy {
            mode: PolicyMode::Allowlist,
            hold_follows: false,
            entries: vec![
                entry("praxis.sofia.bg", DomainList::Allow),
                entry("localhost:8081", DomainList::Allow),
            ],
        };
        assert!(policy.check(&url("https://praxis.sofia.bg/city")).is_ok());
        assert!(policy.check(&url("https://praxis.sofia.bg:8443/city")).is_ok());
        assert!(policy.check(&url("http://localhost:8081/city")).is_ok());
        let refusal = policy.check(&url("http://localhost:8082/city")).unwrap_err();
        assert!(refusal.0.contains("localhost:8082"), "{refusal}");
        assert!(policy.check(&url("https://evil.example/city")).is_err());
        assert!(policy.check(&url("https://sofia.bg.evil.example/city")).is_err());
    }

    #[test]
    fn each_mode_applies_its_own_list() {
        let with_mode = |mode| FederationPolicy {
            mode,
            hold_follows: false,
            entries: vec![
                entry("spam.example", DomainList::Block),
                entry("praxis.sofia.bg", DomainList::Allow),
            ],
        };
        let (spam, partner, other) = (
            url("https://spam.example/city"),
            url("https://praxis.sofia.bg/city"),
            url("https://praxis.vidin.bg/city"),
        );
        let open = with_mode(PolicyMode::Open);
        assert!(open.check(&spam).is_ok() && open.check(&other).is_ok());
        let blocklist = with_mode(PolicyMode::Blocklist);
        assert!(blocklist.check(&spam).is_err());
        assert!(blocklist.check(&partner).is_ok() && blocklist.check(&other).is_ok());
        let allowlist = with_mode(PolicyMode::Allowlist);
        assert!(allowlist.check(&partner).is_ok());
        assert!(allowlist.check(&spam).is_err() && allowlist.check(&other).is_err());
    }
}
