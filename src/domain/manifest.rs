//! The network manifest: a TOML file listing the partner cities of a network, for joining it in
//! one step (`praxis network join`) and for handing it to the next partner
//! (`praxis network export`). Its format is documented in docs/NETWORK.md.

use serde::{Deserialize, Serialize};
use url::Url;

use super::policy::PeerDomain;

/// A network and its member cities.
#[derive(Debug, Clone, Default, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct NetworkManifest {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub network: Option<NetworkInfo>,
    #[serde(default, rename = "city")]
    pub cities: Vec<ManifestCity>,
}

/// What the network is, for the people reading the file.
#[derive(Debug, Clone, Default, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct NetworkInfo {
    pub name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

/// One member city.
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct ManifestCity {
    /// `handle@domain` or the URL of the city's actor.
    pub address: String,
    pub name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

impl ManifestCity {
    /// The domain to federate with: the part after `@`, or the actor URL's host and port.
    pub fn domain(&self) -> Result<PeerDomain, String> {
        let address = self.address.trim();
        if address.starts_with("https://") || address.starts_with("http://") {
            let url = Url::parse(address).map_err(|e| format!("`{address}` is not a URL: {e}"))?;
            return PeerDomain::of_url(&url).ok_or_else(|| format!("`{address}` has no host"));
        }
        match address.trim_start_matches('@').split_once('@') {
            Some((handle, domain)) if !handle.is_empty() => PeerDomain::parse(domain),
            _ => Err(format!(
                "`{address}` is neither a city address (handle@domain) nor an actor URL"
            )),
        }
    }
}

impl NetworkManifest {
    /// Reads a manifest and checks every member's address, naming the entries that are wrong.
    pub fn parse(text: &str) -> Result<NetworkManifest, String> {
        let manifest: NetworkManifest = toml::from_str(text).map_err(|e| e.to_string())?;
        let problems: Vec<String> = manifest
            .cities
            .iter()
            .enumerate()
            .filter_map(|(i, city)| {
                let mut wrong = Vec::new();
                if let Err(e) = city.domain() {
                    wrong.push(e);
                }
                if city.name.trim().is_empty() {
                    wrong.push("the name is empty".to_string());
                }
                (!wrong.is_empty())
                    .then(|| format!("city #{} ({}): {}", i + 1, city.address, wrong.join("; ")))
            })
            .collect();
        if manifest.cities.is_empty() {
            return Err("the manifest lists no city ([[city]] entries)".into());
        }
        if !problems.is_empty() {
            return Err(problems.join("\n"));
        }
        Ok(manifest)
    }

    /// The manifest as a commented TOML document.
    pub fn to_toml(&self) -> String {
        let body = toml::to_string_pretty(self).expect("a manifest renders as TOML");
        format!(
            "# Praxis network manifest: the partner cities of a network.\n\
             # Join it with `praxis network join FILE`; see docs/NETWORK.md.\n\n{body}"
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_addresses_and_actor_urls_and_names_what_is_wrong() {
        let manifest = NetworkManifest::parse(
            r#"
            [network]
            name = "Municipality4Roma"

            [[city]]
            address = "campobasso@praxis.comune.campobasso.it"
            name = "Comune di Campobasso"
            note = "lead partner"

            [[city]]
            address = "https://praxis.tran.bg:8443/city"
            name = "Община Трън"
            "#,
        )
        .unwrap();
        assert_eq!(manifest.cities.len(), 2);
        assert_eq!(
            manifest.cities[0].domain().unwrap().to_string(),
            "praxis.comune.campobasso.it"
        );
        assert_eq!(
            manifest.cities[1].domain().unwrap().to_string(),
            "praxis.tran.bg:8443"
        );
        assert_eq!(NetworkManifest::parse(&manifest.to_toml()).unwrap(), manifest);

        let wrong = NetworkManifest::parse(
            "[[city]]\naddress = \"not an address\"\nname = \"X\"\n[[city]]\naddress = \"a@b.org\"\nname = \" \"\n",
        )
        .unwrap_err();
        assert!(wrong.contains("city #1 (not an address)"), "{wrong}");
        assert!(wrong.contains("city #2 (a@b.org): the name is empty"), "{wrong}");
        assert!(NetworkManifest::parse("").unwrap_err().contains("no city"));
        assert!(NetworkManifest::parse("[[city]]\naddress = \"a@b.org\"\n").is_err());
    }
}
