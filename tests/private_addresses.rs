//! Private addresses, tried for real: listeners on loopback, private, link-local, CGNAT and
//! unique-local addresses that count every connection, and a city with
//! `federation.allow_local_peers` off that must never reach one of them.
//!
//! So that no test can ever send traffic off this machine, this binary first moves itself into a
//! network namespace of its own, with nothing but a loopback interface (which carries every
//! address used here), and a mount namespace whose `/etc/hosts` names a few of them. It needs root,
//! or unprivileged user namespaces; PostgreSQL is reached through its Unix socket from inside.
//! It has its own `main`: namespaces must be entered before any thread starts.

mod common;

fn main() {
    #[cfg(target_os = "linux")]
    in_a_namespace::main();
    #[cfg(not(target_os = "linux"))]
    println!("tests/private_addresses.rs needs Linux network namespaces: not run on this system");
}

#[cfg(target_os = "linux")]
mod in_a_namespace {
    use std::{net::SocketAddr, process::Command};

    use super::common::{
        Backend, TestCity, TestStore,
        attacker::{Attacker, ConnectionCounter},
        followers::{follower_at, store_accepted_followers},
        m4r_practice, wait_until,
    };
    use praxis::{
        config::Settings,
        federation::client::{self, refusal_in},
        storage::policy_cache::PolicyCache,
    };
    use serde_json::{Value, json};
    use url::Url;

    /// Addresses put on the namespace's loopback interface, besides 127.0.0.1 and ::1.
    const ADDRESSES: [&str; 6] = [
        "10.1.2.3/32",
        "169.254.169.254/32",
        "100.64.0.1/32",
        "192.168.1.1/32",
        // A public address, for the checks that must connect: it is only ever reached inside the
        // namespace.
        "93.184.216.34/32",
        "fd00::1/128",
    ];

    /// The namespace's `/etc/hosts`.
    const HOSTS: &str = "127.0.0.1 localhost\n::1 localhost\n10.1.2.3 intranet.example\n169.254.169.254 metadata.example\n93.184.216.34 partner.example\n";

    pub fn main() {
        if let Err(e) = isolate() {
            eprintln!(
                "tests/private_addresses.rs needs its own network namespace and could not make one: {e}\n\
                 Run it as root (as `./scripts/test` does), or allow unprivileged user namespaces \
                 (sysctl kernel.unprivileged_userns_clone=1)."
            );
            std::process::exit(1);
        }
        let runtime = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(2)
            .enable_all()
            .build()
            .expect("a runtime");
        runtime.block_on(async {
            run(
                "the_client_never_connects_to_private_addresses",
                the_client_never_connects_to_private_addresses(),
            )
            .await;
            for backend in backends() {
                run(
                    &format!("a_city_delivers_nothing_to_private_addresses::{backend:?}"),
                    a_city_delivers_nothing_to_private_addresses(backend),
                )
                .await;
                run(
                    &format!("actors_on_private_addresses_are_never_fetched::{backend:?}"),
                    actors_on_private_addresses_are_never_fetched(backend),
                )
                .await;
            }
        });
    }

    async fn run(name: &str, test: impl std::future::Future<Output = ()>) {
        test.await;
        println!("test {name} ... ok");
    }

    fn backends() -> [Backend; 2] {
        [Backend::Sqlite, Backend::Postgres]
    }

    /// Enters new network and mount namespaces (through a user namespace when not root), brings up
    /// loopback with the test addresses, and mounts the test `/etc/hosts`.
    fn isolate() -> Result<(), String> {
        // SAFETY: called first thing in main, while this process has one thread.
        unsafe {
            let uid = libc::geteuid();
            let gid = libc::getegid();
            if libc::unshare(libc::CLONE_NEWNET | libc::CLONE_NEWNS) != 0 {
                if libc::unshare(libc::CLONE_NEWUSER | libc::CLONE_NEWNET | libc::CLONE_NEWNS) != 0 {
                    return Err(format!("unshare: {}", std::io::Error::last_os_error()));
                }
                std::fs::write("/proc/self/setgroups", "deny").map_err(|e| format!("setgroups: {e}"))?;
                std::fs::write("/proc/self/uid_map", format!("0 {uid} 1"))
                    .map_err(|e| format!("uid_map: {e}"))?;
                std::fs::write("/proc/self/gid_map", format!("0 {gid} 1"))
                    .map_err(|e| format!("gid_map: {e}"))?;
            }
            let root = c"/";
            if libc::mount(
                std::ptr::null(),
                root.as_ptr(),
                std::ptr::null(),
                libc::MS_REC | libc::MS_PRIVATE,
                std::ptr::null(),
            ) != 0
            {
                return Err(format!(
                    "making mounts private: {}",
                    std::io::Error::last_os_error()
                ));
            }
        }
        let hosts = std::env::temp_dir().join(format!("praxis-hosts-{}", std::process::id()));
        std::fs::write(&hosts, HOSTS).map_err(|e| format!("writing {}: {e}", hosts.display()))?;
        let source = std::ffi::CString::new(hosts.to_string_lossy().as_bytes()).expect("a path");
        // SAFETY: plain system call with valid C strings.
        if unsafe {
            libc::mount(
                source.as_ptr(),
                c"/etc/hosts".as_ptr(),
                std::ptr::null(),
                libc::MS_BIND,
                std::ptr::null(),
            )
        } != 0
        {
            return Err(format!(
                "mounting /etc/hosts: {}",
                std::io::Error::last_os_error()
            ));
        }
        ip(&["link", "set", "lo", "up"])?;
        for address in ADDRESSES {
            ip(&["addr", "add", address, "dev", "lo"])?;
        }
        // Inside the namespace, PostgreSQL is reachable through its socket only.
        if let Ok(parsed) = Url::parse(&super::common::postgres::server_url()) {
            let database = parsed.path().trim_start_matches('/');
            let socket = format!(
                "postgres:///{database}?host=/var/run/postgresql&user={}",
                parsed.username()
            );
            // SAFETY: still single-threaded.
            unsafe { std::env::set_var(super::common::postgres::PG_ENV, socket) };
        }
        Ok(())
    }

    fn ip(args: &[&str]) -> Result<(), String> {
        let status = Command::new("ip")
            .args(args)
            .status()
            .map_err(|e| format!("running `ip` (package iproute2): {e}"))?;
        if status.success() {
            Ok(())
        } else {
            Err(format!("`ip {}` failed", args.join(" ")))
        }
    }

    /// Settings of a city with the address rule on, as in production.
    fn strict(allow_local_peers: bool) -> Settings {
        Settings::from_toml(&format!(
            "[federation]\nallow_local_peers = {allow_local_peers}\n"
        ))
        .unwrap()
    }

    async fn counter(address: &str) -> ConnectionCounter {
        ConnectionCounter::bind(address).await
    }

    async fn the_client_never_connects_to_private_addresses() {
        let store = TestStore::open(Backend::Sqlite);
        let policy = std::sync::Arc::new(PolicyCache::new(
            store.db.clone(),
            &"http://localhost:8080".parse().unwrap(),
        ));
        let guarded = client::build(&strict(false), policy.clone()).unwrap();
        let loopback = counter("127.0.0.1:0").await;
        let loopback6 = counter("[::1]:0").await;
        let private = counter("10.1.2.3:0").await;
        let link_local = counter("169.254.169.254:80").await;
        let cgnat = counter("100.64.0.1:0").await;
        let home = counter("192.168.1.1:0").await;
        let unique_local = counter("[fd00::1]:0").await;
        let port = |c: &ConnectionCounter| c.address.port();
        let cases = [
            (format!("http://127.0.0.1:{}/actor", port(&loopback)), &loopback),
            (format!("http://0.0.0.0:{}/actor", port(&loopback)), &loopback),
            (
                format!("http://[::ffff:127.0.0.1]:{}/actor", port(&loopback)),
                &loopback,
            ),
            (format!("http://localhost:{}/actor", port(&loopback)), &loopback),
            (format!("http://[::1]:{}/actor", port(&loopback6)), &loopback6),
            (format!("http://10.1.2.3:{}/inbox", port(&private)), &private),
            (
                format!("http://intranet.example:{}/inbox", port(&private)),
                &private,
            ),
            (
                "http://169.254.169.254/latest/meta-data/".to_string(),
                &link_local,
            ),
            (
                "http://metadata.example/latest/meta-data/".to_string(),
                &link_local,
            ),
            (format!("http://100.64.0.1:{}/", port(&cgnat)), &cgnat),
            (format!("http://192.168.1.1:{}/", port(&home)), &home),
            (
                format!("http://[fd00::1]:{}/", port(&unique_local)),
                &unique_local,
            ),
        ];
        for (url, listener) in &cases {
            for request in [guarded.get(url.as_str()), guarded.post(url.as_str()).body("{}")] {
                let error = request.send().await.expect_err(&format!("{url} was reached"));
                let refusal =
                    refusal_in(&error).unwrap_or_else(|| panic!("{url}: not refused but failed: {error}"));
                assert!(refusal.0.contains("allow_local_peers"), "{url}: {refusal}");
            }
            assert_eq!(listener.connections(), 0, "{url} was connected to");
        }

        // A public address is reached (the check above can fail), and its redirect to a private one
        // is not followed.
        let public =
            start_redirector("93.184.216.34:0", &format!("http://10.1.2.3:{}/", port(&private))).await;
        let answer = guarded
            .get(format!("http://partner.example:{}/", public.port()))
            .send()
            .await
            .expect("a public address is reached");
        assert_eq!(answer.status(), 302);
        assert_eq!(private.connections(), 0, "the redirect was followed");

        // allow_local_peers relaxes the rule, and only it.
        let relaxed = client::build(&strict(true), policy).unwrap();
        let _ = relaxed
            .get(format!("http://10.1.2.3:{}/", port(&private)))
            .send()
            .await;
        wait_until("the relaxed client to connect", || async {
            (private.connections() == 1).then_some(())
        })
        .await;
    }

    /// A server that answers every request with a redirect to `location`.
    async fn start_redirector(address: &str, location: &str) -> SocketAddr {
        let listener = std::net::TcpListener::bind(address).unwrap();
        let bound = listener.local_addr().unwrap();
        let location = location.to_string();
        let server = actix_web::HttpServer::new(move || {
            let location = location.clone();
            actix_web::App::new().default_service(actix_web::web::to(move || {
                let location = location.clone();
                async move {
                    actix_web::HttpResponse::Found()
                        .insert_header(("Location", location))
                        .finish()
                }
            }))
        })
        .workers(1)
        .disable_signals()
        .listen(listener)
        .unwrap()
        .run();
        tokio::spawn(server);
        bound
    }

    async fn a_city_delivers_nothing_to_private_addresses(backend: Backend) {
        let victim =
            TestCity::start_with("victim", backend, "[federation]\nallow_local_peers = false\n").await;
        let private = counter("10.1.2.3:0").await;
        let named = counter("10.1.2.3:0").await;
        let metadata = counter("169.254.169.254:0").await;
        let loopback = counter("127.0.0.1:0").await;
        let public = counter("93.184.216.34:0").await;
        let followers: Vec<(Url, &ConnectionCounter)> = vec![
            (
                format!("http://10.1.2.3:{}/", private.address.port())
                    .parse()
                    .unwrap(),
                &private,
            ),
            (
                format!("http://intranet.example:{}/", named.address.port())
                    .parse()
                    .unwrap(),
                &named,
            ),
            (
                format!("http://metadata.example:{}/", metadata.address.port())
                    .parse()
                    .unwrap(),
                &metadata,
            ),
            (
                format!("http://127.0.0.1:{}/", loopback.address.port())
                    .parse()
                    .unwrap(),
                &loopback,
            ),
            (
                format!("http://partner.example:{}/", public.address.port())
                    .parse()
                    .unwrap(),
                &public,
            ),
        ];
        let peers = followers.iter().map(|(base, _)| follower_at(base)).collect();
        store_accepted_followers(&victim.ctx().db, victim.ctx().city_id, peers).await;
        victim.publish(m4r_practice()).await;

        let dead = wait_until("the private deliveries to be refused", || async {
            let (_, answer) = victim
                .api_send(reqwest::Method::GET, "/api/v1/admin/deliveries", None)
                .await;
            let dead = answer["dead_letters"].as_array().cloned().unwrap_or_default();
            (dead.len() >= 4).then_some(dead)
        })
        .await;
        for (base, listener) in &followers[..4] {
            let letter = dead
                .iter()
                .find(|d| d.to_string().contains(base.host_str().unwrap()))
                .unwrap_or_else(|| panic!("no dead letter for {base}: {dead:?}"));
            let error = letter.to_string();
            assert!(
                error.contains("not sent") && error.contains("allow_local_peers"),
                "{base}: {letter}"
            );
            assert_eq!(listener.connections(), 0, "{base} was connected to");
        }
        // The public follower is tried (it accepts and closes the connection: a retry later).
        wait_until("the public follower to be tried", || async {
            (public.connections() > 0).then_some(())
        })
        .await;
    }

    async fn actors_on_private_addresses_are_never_fetched(backend: Backend) {
        let victim =
            TestCity::start_with("victim", backend, "[federation]\nallow_local_peers = false\n").await;
        let attacker = Attacker::start().await;
        let private = counter("10.1.2.3:0").await;
        let metadata = counter("169.254.169.254:80").await;
        let actors = [
            attacker.actor_id(),
            format!("http://127.0.0.1:{}/actor", attacker.base.port().unwrap())
                .parse()
                .unwrap(),
            format!("http://intranet.example:{}/actor", private.address.port())
                .parse()
                .unwrap(),
            format!("http://10.1.2.3:{}/actor", private.address.port())
                .parse()
                .unwrap(),
            "http://metadata.example/actor".parse::<Url>().unwrap(),
        ];
        for actor in &actors {
            let mut follow: Value = attacker.activity("Follow", json!(victim.actor_id()));
            follow["actor"] = json!(actor);
            follow["id"] = json!(actor.join("/activities/follow").unwrap());
            let (status, answer) = attacker
                .deliver(victim.url("/inbox"), &follow)
                .key_id(&format!("{actor}#main-key"))
                .send()
                .await;
            assert_eq!(status, 401, "{actor}: {answer}");
            assert_eq!(answer["error"]["code"], "key_unavailable", "{actor}: {answer}");
            let error = praxis::service::follows::follow(&victim.data(), actor.as_str())
                .await
                .unwrap_err();
            assert!(!error.to_string().is_empty());
        }
        let error = praxis::service::follows::follow(
            &victim.data(),
            &format!("someone@intranet.example:{}", private.address.port()),
        )
        .await
        .unwrap_err();
        assert!(!error.to_string().is_empty());
        // Nothing was queued to be sent later either.
        let (_, deliveries) = victim
            .api_send(reqwest::Method::GET, "/api/v1/admin/deliveries", None)
            .await;
        assert_eq!(deliveries["queue"]["pending"], 0, "{deliveries}");
        assert_eq!(deliveries["queue"]["dead"], 0, "{deliveries}");
        assert_eq!(
            attacker.connections(),
            0,
            "the loopback attacker was contacted: {:?}",
            attacker.requests()
        );
        assert_eq!(private.connections(), 0, "a private address was contacted");
        assert_eq!(metadata.connections(), 0, "the metadata address was contacted");
    }
}
