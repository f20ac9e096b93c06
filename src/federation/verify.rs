//! Origin checks shared by every object and activity.
//!
//! activitypub_federation compares host names only; Praxis compares scheme, host and port, so two
//! instances on one machine (told apart by port) cannot speak for each other either.

use url::Url;

use super::FederationError;

/// Fails unless `id` is on the same origin (scheme, host, port) as `owner`.
pub fn same_origin(what: &str, id: &Url, owner: &Url) -> Result<(), FederationError> {
    if id.origin() == owner.origin() {
        Ok(())
    } else {
        Err(FederationError::Refused(format!(
            "{what} {id} is not on the origin of {owner}"
        )))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ports_and_schemes_distinguish_origins() {
        let a: Url = "http://localhost:8081/city".parse().unwrap();
        let item: Url = "http://localhost:8081/items/1".parse().unwrap();
        let other_port: Url = "http://localhost:8082/items/1".parse().unwrap();
        let other_scheme: Url = "https://localhost:8081/items/1".parse().unwrap();
        assert!(same_origin("item", &item, &a).is_ok());
        assert!(same_origin("item", &other_port, &a).is_err());
        assert!(same_origin("item", &other_scheme, &a).is_err());
    }
}
