//! Coordinators standing up a partner city: `praxis init` from flags, then serving and
//! federating; joining a network from its manifest; exporting it; seeding from a peer. The
//! binary runs as a user runs it, against real instances on loopback.

mod common;

use common::{Backend, ServeProcess, TestCity, TestDatabase, m4r_practice, praxis_in, wait_until};
use praxis::domain::{
    manifest::NetworkManifest,
    policy::{DomainList, PolicyMode},
};
use serde_json::{Value, json};
use url::Url;

/// The feed of an instance as anyone reads it.
async fn feed(url: &Url) -> Vec<Value> {
    let answer: Value = reqwest::get(url.join("/api/v1/feed").unwrap())
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    answer["items"].as_array().cloned().unwrap_or_default()
}

/// A practice titled `title` in Italian, as the publish command reads it.
fn practice_titled(title: &str) -> Value {
    let mut practice = m4r_practice();
    practice["title"]["it"] = json!(title);
    practice
}

on_both_backends! {
    async fn init_from_flags_creates_an_instance_that_serves_and_federates(backend: Backend) {
        let dir = tempfile::tempdir().unwrap();
        let database = match backend {
            Backend::Sqlite => TestDatabase::sqlite(dir.path().join("data").join("praxis.db")),
            Backend::Postgres => TestDatabase::postgres(),
        };
        let port = common::closed_port();
        let public_url = format!("http://localhost:{port}");
        let listen = format!("127.0.0.1:{port}");
        let database_url = database.url();
        let init = |force: bool, name: &str| {
            let mut args = vec![
                "--config", "city/praxis.toml",
                "--public-url", &public_url,
                "--listen", &listen,
                "--database-url", &database_url,
                "--allow-local-peers",
                "init",
                "--handle", "skopje",
                "--name", name,
                "--name-in", "en=City of Skopje",
                "--languages", "mk,en",
                "--country", "mk",
                "--summary", "Град Скопје: локални акции за вклучување на Ромите.",
                "--data-dir", "data",
                "--admin", "maria",
                "--no-input",
            ];
            if force {
                args.push("--force");
            }
            praxis_in(dir.path(), &args, "")
        };

        let (ok, out, err) = init(false, "Град Скопје");
        assert!(ok, "init failed: {err}\n{out}");
        assert!(out.contains("Created Град Скопје (skopje@localhost:"), "{out}");
        assert!(out.contains("Next steps"), "{out}");
        assert!(out.contains("praxis --config city/praxis.toml serve"), "{out}");
        let password = out
            .lines()
            .find_map(|l| l.trim().strip_prefix("password:"))
            .and_then(|rest| rest.split_whitespace().next())
            .expect("the admin's password is printed")
            .to_string();
        let config = dir.path().join("city/praxis.toml");
        let written = std::fs::read_to_string(&config).unwrap();
        assert!(written.contains("handle = \"skopje\""), "{written}");
        assert!(written.contains("country = \"MK\""), "{written}");

        // A second init does not overwrite the instance.
        let (ok, _, err) = init(false, "Another name");
        assert!(!ok, "init replaced an existing instance");
        assert!(err.contains("--force"), "the refusal says how to override: {err}");
        assert_eq!(std::fs::read_to_string(&config).unwrap(), written);

        let url = Url::parse(&public_url).unwrap();
        let server = ServeProcess::start(dir.path(), &config, &url).await;
        let actor: Value = reqwest::Client::new()
            .get(url.join("/city").unwrap())
            .header("Accept", "application/activity+json")
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        assert_eq!(actor["preferredUsername"], "skopje");
        assert_eq!(actor["name"], "Град Скопје");
        assert_eq!(actor["nameMap"]["en"], "City of Skopje");
        assert!(actor["publicKey"]["publicKeyPem"].as_str().unwrap().contains("PUBLIC KEY"));

        // The first admin logs in with the printed password.
        let mut session = common::web::WebSession::at(url.clone());
        session.log_in("maria", &password).await;
        assert!(session.get("/admin").await.body.contains("maria"), "the admin page lists the admin");

        // The allowlist is the default: a peer not on it cannot be followed until it is added.
        let sofia = TestCity::start("sofia", backend).await;
        let config_arg = config.to_string_lossy().to_string();
        let (ok, _, err) = praxis_in(dir.path(), &["--config", &config_arg, "follow", &sofia.address()], "");
        assert!(!ok, "followed a city that is not on the allowlist");
        assert!(err.contains("allowlist"), "{err}");
        let (ok, _, err) = praxis_in(
            dir.path(),
            &["--config", &config_arg, "policy", "allow", &sofia.settings.domain()],
            "",
        );
        assert!(ok, "{err}");
        let (ok, _, err) = praxis_in(dir.path(), &["--config", &config_arg, "follow", &sofia.address()], "");
        assert!(ok, "{err}");
        let published = sofia.publish(m4r_practice()).await;
        let id = published["id"].as_str().unwrap().to_string();
        let log = dir.path().join("serve.log");
        if tokio::time::timeout(common::DEADLINE, async {
            while !feed(&url).await.iter().any(|i| i["id"] == id.as_str()) {
                tokio::time::sleep(std::time::Duration::from_millis(100)).await;
            }
        }).await.is_err() {
            panic!(
                "the new city did not receive Sofia's practice; its log:\n{}",
                std::fs::read_to_string(&log).unwrap_or_default()
            );
        }

        // ...and Sofia receives what the new city publishes.
        praxis::service::follows::follow(&sofia.data(), &format!("skopje@localhost:{port}"))
            .await
            .expect("Sofia follows the new city");
        let item = dir.path().join("item.json");
        std::fs::write(&item, practice_titled("Меморандум за соработка").to_string()).unwrap();
        let (ok, out, err) =
            praxis_in(dir.path(), &["--config", &config_arg, "publish", &item.to_string_lossy()], "");
        assert!(ok, "{err}");
        let own_id = out.split_whitespace().nth(1).unwrap().trim_end_matches('.').to_string();
        sofia.wait_for_item(&own_id).await;

        // --force starts over, keeping the old SQLite database aside.
        drop(server);
        let (ok, out, err) = init(true, "Општина Шуто Оризари");
        match backend {
            Backend::Sqlite => {
                assert!(ok, "{err}");
                assert!(out.contains("kept as"), "{out}");
                let kept = std::fs::read_dir(dir.path().join("data"))
                    .unwrap()
                    .filter_map(Result::ok)
                    .any(|e| e.file_name().to_string_lossy().ends_with(".bak"));
                assert!(kept, "the old database was kept");
                assert!(std::fs::read_to_string(&config).unwrap().contains("Општина Шуто Оризари"));
            }
            Backend::Postgres => {
                assert!(!ok, "init dropped a PostgreSQL database");
                assert!(err.contains("never drops"), "{err}");
            }
        }
    }

    async fn joining_a_manifest_follows_allowlists_and_imports_every_member(backend: Backend) {
        let sofia = TestCity::start("sofia", backend).await;
        let vidin = TestCity::start("vidin", backend).await;
        let tran = TestCity::start("tran", backend).await;
        let mut expected = Vec::new();
        for city in [&sofia, &vidin, &tran] {
            let item = city.publish(practice_titled(&format!("Pratica di {}", city.handle))).await;
            expected.push(item["id"].as_str().unwrap().to_string());
        }
        let skopje = TestCity::start("skopje", backend).await;
        praxis::service::policy::set_mode(&skopje.ctx().policy, PolicyMode::Allowlist, None)
            .await
            .unwrap();

        let manifest = format!(
            "[network]\nname = \"Municipality4Roma\"\n\n\
             [[city]]\naddress = \"{}\"\nname = \"Столична община\"\nnote = \"CONNECTION lead\"\n\n\
             [[city]]\naddress = \"{}\"\nname = \"Община Видин\"\n\n\
             [[city]]\naddress = \"{}\"\nname = \"Община Трън\"\n",
            sofia.address(),
            vidin.actor_id(),
            tran.address(),
        );
        let dir = skopje.dir();
        std::fs::write(dir.join("partners.toml"), manifest).unwrap();
        let config = skopje.write_config().to_string_lossy().to_string();
        let (ok, out, err) = praxis_in(&dir, &["--config", &config, "network", "join", "partners.toml"], "");
        assert!(ok, "join failed: {err}\n{out}");
        for city in [&sofia, &vidin, &tran] {
            assert!(
                out.lines().any(|l| l.trim_start().starts_with("ok") && l.contains(&city.address())),
                "{} is not reported as joined:\n{out}",
                city.handle
            );
            assert!(
                out.lines().any(|l| l.contains("import") && l.contains(city.actor_id().as_str()) && l.contains("done")),
                "{}'s import is not reported done:\n{out}",
                city.handle
            );
        }

        // Imported by the command itself, before any partner answered.
        let holds: Vec<String> = skopje.feed().await.iter().map(|i| i["id"].as_str().unwrap().to_string()).collect();
        for id in &expected {
            assert!(holds.contains(id), "{id} was not imported: {holds:?}");
        }
        skopje.ctx().policy.invalidate();
        let policy = skopje.ctx().policy.current().await.unwrap();
        let allowed: Vec<String> = policy.domains(DomainList::Allow).map(|d| d.domain.to_string()).collect();
        for city in [&sofia, &vidin, &tran] {
            assert!(allowed.contains(&city.settings.domain()), "{} not allowlisted: {allowed:?}", city.handle);
        }
        for city in [&sofia, &vidin, &tran] {
            let target = city.actor_id();
            wait_until(&format!("{} to accept", city.handle), || async {
                let follows = skopje.api_get("/api/v1/follows").await;
                follows["following"].as_array().unwrap().iter()
                    .any(|r| r["city"]["id"] == target.as_str() && r["state"] == "accepted")
                    .then_some(())
            })
            .await;
        }
        // Monitoring sees the partners and what they brought.
        let metrics = reqwest::get(skopje.url("/metrics")).await.unwrap().text().await.unwrap();
        assert!(metrics.contains("\npraxis_following 3\n"), "{metrics}");
        assert!(metrics.contains("praxis_items{origin=\"remote\"} 3\n"), "{metrics}");
        assert!(metrics.contains("# TYPE praxis_deliveries gauge"), "{metrics}");

        // A new practice arrives through the follow.
        let later = sofia.publish(practice_titled("Dopo l'adesione")).await;
        skopje.wait_for_item(later["id"].as_str().unwrap()).await;

        // Joining again changes nothing and says so.
        let (ok, out, err) = praxis_in(&dir, &["--config", &config, "network", "join", "partners.toml", "--no-wait"], "");
        assert!(ok, "{err}");
        assert_eq!(out.matches("already followed").count(), 3, "{out}");

        // The export lists the city itself and its three partners, and reads back as a manifest.
        let (ok, out, err) = praxis_in(
            &dir,
            &["--config", &config, "network", "export", "--name", "Municipality4Roma", "--output", "out.toml"],
            "",
        );
        assert!(ok, "{err}");
        assert!(out.contains("4 cities"), "{out}");
        let exported = NetworkManifest::parse(&std::fs::read_to_string(dir.join("out.toml")).unwrap()).unwrap();
        let addresses: Vec<&str> = exported.cities.iter().map(|c| c.address.as_str()).collect();
        for city in [&skopje, &sofia, &vidin, &tran] {
            assert!(addresses.contains(&city.address().as_str()), "{addresses:?}");
        }
        assert_eq!(exported.network.unwrap().name, "Municipality4Roma");

        // A fifth city seeds from Skopje: Skopje and everyone Skopje follows.
        let bitola = TestCity::start("bitola", backend).await;
        praxis::service::policy::set_mode(&bitola.ctx().policy, PolicyMode::Allowlist, None)
            .await
            .unwrap();
        let bitola_config = bitola.write_config().to_string_lossy().to_string();
        let (ok, out, err) = praxis_in(
            &bitola.dir(),
            &["--config", &bitola_config, "seed", "--from", &skopje.address()],
            "",
        );
        assert!(ok, "seed failed: {err}\n{out}");
        assert!(out.contains("follows 3 cities"), "{out}");
        let holds: Vec<String> = bitola.feed().await.iter().map(|i| i["id"].as_str().unwrap().to_string()).collect();
        for id in &expected {
            assert!(holds.contains(id), "{id} was not imported by seeding: {holds:?}");
        }
        // The allowlist names the discovered partners as they name themselves.
        // Changed by another process (the command): read it afresh.
        bitola.ctx().policy.invalidate();
        let policy = bitola.ctx().policy.current().await.unwrap();
        let vidin_entry = policy
            .domains(DomainList::Allow)
            .find(|d| d.domain.to_string() == vidin.settings.domain())
            .expect("Vidin is allowlisted");
        assert_eq!(vidin_entry.note.as_deref(), Some("City of vidin"));
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_manifest_with_wrong_entries_is_refused_and_changes_nothing() {
    let skopje = TestCity::start("skopje", Backend::Sqlite).await;
    let dir = skopje.dir();
    std::fs::write(
        dir.join("partners.toml"),
        "[[city]]\naddress = \"sofia\"\nname = \"Sofia\"\n\n[[city]]\naddress = \"vidin@localhost:1\"\nname = \"\"\n",
    )
    .unwrap();
    let config = skopje.write_config().to_string_lossy().to_string();
    let (ok, _, err) = praxis_in(
        &dir,
        &["--config", &config, "network", "join", "partners.toml"],
        "",
    );
    assert!(!ok);
    assert!(err.contains("city #1 (sofia)"), "{err}");
    assert!(
        err.contains("city #2 (vidin@localhost:1): the name is empty"),
        "{err}"
    );
    skopje.ctx().policy.invalidate();
    let policy = skopje.ctx().policy.current().await.unwrap();
    assert_eq!(
        policy.domains(DomainList::Allow).count(),
        0,
        "nothing was allowlisted"
    );
}
