#![allow(clippy::result_large_err)] // figment's Jail closures return its own error type

use figment::Jail;

use super::*;

fn error_text(result: Result<Settings, ConfigError>) -> String {
    result
        .expect_err("the configuration should be refused")
        .to_string()
}

#[test]
fn the_defaults_describe_a_working_instance() {
    let settings = Settings::load_without_env(&Overrides::default()).unwrap();
    assert_eq!(settings.instance.public_url.as_str(), "http://localhost:8080/");
    assert_eq!(settings.domain(), "localhost:8080");
    assert_eq!(
        settings.database(),
        DatabaseLocation::Sqlite(PathBuf::from("data").join("praxis.db"))
    );
    assert!(!settings.federation.allow_local_peers);
    assert_eq!(settings.url_for("/city").as_str(), "http://localhost:8080/city");
    assert_eq!(
        settings.machine_translation.engine(),
        None,
        "nothing is sent out by default"
    );
}

#[test]
fn a_machine_translation_engine_is_an_http_url() {
    let settings =
        Settings::from_toml("[machine_translation]\nurl = \"http://127.0.0.1:5000\"\napi_key = \"k\"\n")
            .unwrap();
    assert_eq!(
        settings.machine_translation.engine().map(|u| u.to_string()),
        Some("http://127.0.0.1:5000/".to_string())
    );
    assert_eq!(
        format!("{:?}", settings.machine_translation.api_key),
        "[redacted]"
    );
    let text = error_text(Settings::from_toml(
        "[machine_translation]\nurl = \"libretranslate:5000\"\ntimeout_secs = 0\n",
    ));
    assert!(text.contains("machine_translation.url"), "{text}");
    assert!(text.contains("machine_translation.timeout_secs"), "{text}");
}

#[test]
fn a_tile_server_is_an_address_template_with_its_credit() {
    let defaults = Settings::from_toml("").unwrap();
    assert_eq!(defaults.map.tiles(), None, "the shipped base map by default");
    let settings = Settings::from_toml(
        "[map]\ntile_url = \"https://tiles.example.org/osm/{z}/{x}/{y}.png?key=k\"\nattribution = \"© OpenStreetMap contributors\"\n",
    )
    .unwrap();
    assert_eq!(
        settings.map.tile_origin().as_deref(),
        Some("https://tiles.example.org")
    );
    let text = error_text(Settings::from_toml(
        "[map]\ntile_url = \"https://{s}.tiles.example.org/{z}/{x}.png\"\nzoom = 9\n",
    ));
    assert!(text.contains("map.tile_url") && text.contains("{y}"), "{text}");
    assert!(text.contains("map.attribution"), "{text}");
    assert!(
        text.contains("map.zoom") && text.contains("from 3 to 6"),
        "{text}"
    );
    let text = error_text(Settings::from_toml(
        "[map]\ntile_url = \"tiles/{z}/{x}/{y}.png\"\nattribution = \"x\"\n",
    ));
    assert!(text.contains("map.tile_url"), "{text}");
}

#[test]
fn an_unknown_key_is_refused_by_name() {
    let text = error_text(Settings::from_toml("[city]\nnmae = \"Tran\"\n"));
    assert!(text.contains("nmae"), "{text}");
    assert!(text.contains("city"), "{text}");
    let text = error_text(Settings::from_toml("[cty]\nname = \"Tran\"\n"));
    assert!(text.contains("cty"), "{text}");
}

#[test]
fn invalid_values_are_all_reported_with_what_is_expected() {
    let text = error_text(Settings::from_toml(
        r#"
[instance]
public_url = "ftp://praxis.example.org/some/path"
database_url = "mysql://localhost/praxis"
[city]
handle = "Città"
languages = ["Italian"]
country = "Italy"
"#,
    ));
    for needle in [
        "instance.public_url",
        "instance.database_url",
        "city.handle",
        "city.languages[0]",
        "city.country",
        "ISO 3166-1",
        "BCP 47",
    ] {
        assert!(text.contains(needle), "`{needle}` missing from: {text}");
    }
}

#[test]
fn a_value_of_the_wrong_type_names_its_key() {
    let text = error_text(Settings::from_toml("[instance]\nlisten = \"nowhere\"\n"));
    assert!(text.contains("listen"), "{text}");
    let text = error_text(Settings::from_toml("[federation]\nfetch_limit = \"many\"\n"));
    assert!(text.contains("fetch_limit"), "{text}");
}

#[test]
fn database_urls_select_the_backend() {
    let data = Path::new("data");
    let location = |url: &str| validate::database_location(url, data);
    assert_eq!(location(""), Ok(DatabaseLocation::Sqlite(data.join("praxis.db"))));
    assert_eq!(
        location("sqlite:///var/lib/praxis/p.db"),
        Ok(DatabaseLocation::Sqlite("/var/lib/praxis/p.db".into()))
    );
    assert_eq!(
        location("praxis.db"),
        Ok(DatabaseLocation::Sqlite("praxis.db".into()))
    );
    assert_eq!(
        location("postgres://praxis@db:5432/praxis"),
        Ok(DatabaseLocation::Postgres(
            "postgres://praxis@db:5432/praxis".into()
        ))
    );
    assert!(location("mysql://db/praxis").is_err());
}

#[test]
fn environment_variables_override_the_file_and_flags_override_both() {
    Jail::expect_with(|jail| {
        jail.create_file(
            "praxis.toml",
            "[instance]\nlisten = \"127.0.0.1:9000\"\n[city]\nname = \"Tran\"\n",
        )?;
        jail.set_env("PRAXIS_INSTANCE__LISTEN", "127.0.0.1:9001");
        jail.set_env("PRAXIS_CITY__LANGUAGES", "[\"bg\", \"en\"]");
        jail.set_env("PRAXIS_TEST_DATABASE_URL", "postgres://ignored@localhost/test");
        let mut overrides = Overrides {
            config_file: Some("praxis.toml".into()),
            ..Overrides::default()
        };
        let settings = Settings::load(&overrides).expect("loads");
        assert_eq!(settings.instance.listen.port(), 9001);
        assert_eq!(settings.city.name, "Tran");
        assert_eq!(settings.city.languages, ["bg", "en"]);

        overrides.listen = Some("127.0.0.1:9002".parse().unwrap());
        overrides.allow_local_peers = true;
        let settings = Settings::load(&overrides).expect("loads");
        assert_eq!(settings.instance.listen.port(), 9002);
        assert!(settings.federation.allow_local_peers);
        Ok(())
    });
}

#[test]
fn an_unknown_environment_key_is_refused_by_name() {
    Jail::expect_with(|jail| {
        jail.set_env("PRAXIS_CITY__NMAE", "Tran");
        let text = error_text(Settings::load(&Overrides::default()));
        assert!(text.contains("nmae"), "{text}");
        assert!(
            text.contains("PRAXIS_"),
            "the message points at the environment: {text}"
        );
        Ok(())
    });
}

#[test]
fn a_missing_configuration_file_is_refused() {
    let overrides = Overrides {
        config_file: Some("/nonexistent/praxis.toml".into()),
        ..Overrides::default()
    };
    let text = error_text(Settings::load_without_env(&overrides));
    assert!(text.contains("/nonexistent/praxis.toml"), "{text}");
}

#[test]
fn every_documented_key_is_a_setting() {
    // The defaults file doubles as documentation: with unknown keys refused, it cannot drift
    // from the struct; each key must also carry a comment.
    let document: toml::Table = DEFAULT_TOML.parse().unwrap();
    for (section, table) in document {
        for key in table.as_table().unwrap().keys() {
            let line = DEFAULT_TOML
                .lines()
                .position(|l| l.starts_with(&format!("{key} =")))
                .unwrap_or_else(|| panic!("{section}.{key} not found"));
            let previous = DEFAULT_TOML.lines().nth(line - 1).unwrap();
            assert!(
                previous.starts_with('#'),
                "{section}.{key} has no comment above it"
            );
        }
    }
}
