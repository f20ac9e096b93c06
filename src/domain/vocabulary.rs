//! Controlled vocabularies: stable ASCII codes, translated into labels by the user interface.

/// Themes: the EU Roma framework areas, then the other areas partner cities work on.
pub const THEMES: &[&str] = &[
    "equality",
    "inclusion",
    "participation",
    "education",
    "employment",
    "health",
    "housing",
    "anti_discrimination",
    "migrant_integration",
    "gender",
    "one_stop_shop",
    "social_services",
    "civil_registration",
    "culture_identity",
    "early_school_leaving",
    "entrepreneurship",
];

/// The people an item is about or for.
pub const TARGET_GROUPS: &[&str] = &[
    "roma",
    "sinti",
    "caminanti",
    "migrants",
    "refugees",
    "asylum_seekers",
    "children_youth",
    "women",
    "older_people",
    "persons_with_disabilities",
    "municipal_staff",
    "mediators",
];

/// Where the work an item describes stands.
pub const STATUSES: &[&str] = &[
    "planned",
    "pilot",
    "ongoing",
    "mainstreamed",
    "completed",
    "ended",
];

/// ISO 3166-1 alpha-2 country codes.
pub const COUNTRIES: &[&str] = &[
    "AD", "AE", "AF", "AG", "AI", "AL", "AM", "AO", "AQ", "AR", "AS", "AT", "AU", "AW", "AX", "AZ", "BA",
    "BB", "BD", "BE", "BF", "BG", "BH", "BI", "BJ", "BL", "BM", "BN", "BO", "BQ", "BR", "BS", "BT", "BV",
    "BW", "BY", "BZ", "CA", "CC", "CD", "CF", "CG", "CH", "CI", "CK", "CL", "CM", "CN", "CO", "CR", "CU",
    "CV", "CW", "CX", "CY", "CZ", "DE", "DJ", "DK", "DM", "DO", "DZ", "EC", "EE", "EG", "EH", "ER", "ES",
    "ET", "FI", "FJ", "FK", "FM", "FO", "FR", "GA", "GB", "GD", "GE", "GF", "GG", "GH", "GI", "GL", "GM",
    "GN", "GP", "GQ", "GR", "GS", "GT", "GU", "GW", "GY", "HK", "HM", "HN", "HR", "HT", "HU", "ID", "IE",
    "IL", "IM", "IN", "IO", "IQ", "IR", "IS", "IT", "JE", "JM", "JO", "JP", "KE", "KG", "KH", "KI", "KM",
    "KN", "KP", "KR", "KW", "KY", "KZ", "LA", "LB", "LC", "LI", "LK", "LR", "LS", "LT", "LU", "LV", "LY",
    "MA", "MC", "MD", "ME", "MF", "MG", "MH", "MK", "ML", "MM", "MN", "MO", "MP", "MQ", "MR", "MS", "MT",
    "MU", "MV", "MW", "MX", "MY", "MZ", "NA", "NC", "NE", "NF", "NG", "NI", "NL", "NO", "NP", "NR", "NU",
    "NZ", "OM", "PA", "PE", "PF", "PG", "PH", "PK", "PL", "PM", "PN", "PR", "PS", "PT", "PW", "PY", "QA",
    "RE", "RO", "RS", "RU", "RW", "SA", "SB", "SC", "SD", "SE", "SG", "SH", "SI", "SJ", "SK", "SL", "SM",
    "SN", "SO", "SR", "SS", "ST", "SV", "SX", "SY", "SZ", "TC", "TD", "TF", "TG", "TH", "TJ", "TK", "TL",
    "TM", "TN", "TO", "TR", "TT", "TV", "TW", "TZ", "UA", "UG", "UM", "US", "UY", "UZ", "VA", "VC", "VE",
    "VG", "VI", "VN", "VU", "WF", "WS", "XK", "YE", "YT", "ZA", "ZM", "ZW",
];

/// Whether `code` is an ISO 3166-1 alpha-2 code (or XK, used for Kosovo by the EU).
pub fn is_country(code: &str) -> bool {
    COUNTRIES.binary_search(&code).is_ok()
}

/// `a`, `b` or `c`, for messages that list the accepted codes.
pub fn one_of(codes: &[&str]) -> String {
    let quoted: Vec<String> = codes.iter().map(|c| format!("`{c}`")).collect();
    match quoted.split_last() {
        Some((last, rest)) if !rest.is_empty() => format!("one of {} or {last}", rest.join(", ")),
        Some((only, _)) => only.clone(),
        None => "nothing".into(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn country_codes_are_sorted_unique_and_complete_for_the_partners() {
        assert!(COUNTRIES.windows(2).all(|w| w[0] < w[1]), "sorted and unique");
        for code in ["BG", "IT", "MK", "RO", "RS", "AL", "DE", "XK"] {
            assert!(is_country(code), "{code}");
        }
        assert!(!is_country("UK") && !is_country("it") && !is_country("ITA"));
    }

    #[test]
    fn codes_are_stable_ascii() {
        for code in THEMES.iter().chain(TARGET_GROUPS).chain(STATUSES) {
            assert!(
                code.bytes().all(|b| b.is_ascii_lowercase() || b == b'_'),
                "{code}"
            );
        }
    }
}
