//! Two cities federating over HTTPS that Praxis terminates itself (rustls), with certificates
//! from a certificate authority created here, on the production federation path: the library's
//! debug mode is off (https only, no explicit ports), and loopback peers are admitted only by
//! `federation.allow_local_peers`.
//!
//! Production checks forbid explicit ports, so both cities are on port 443 of 127.0.0.1 under two
//! names of this machine (`localhost` and its host name); a small TLS passthrough router reads the
//! server name of each connection and hands it to the right city. This test has its own `main`:
//! the permission for loopback addresses is process-wide and must be set before threads start.
//! That permission is only the library's: a third city here, without `allow_local_peers`, shows
//! that Praxis's own client still refuses loopback peers.

use std::{
    net::{IpAddr, TcpListener},
    path::Path,
    sync::{
        Arc,
        atomic::{AtomicUsize, Ordering},
    },
};

use common::{attacker::ConnectionCounter, wait_until};
use praxis::{
    app::AppContext,
    config::Settings,
    domain::item::ItemDraft,
    http::server::{self, RunningServer},
    service,
    storage::follows::FollowState,
};
use rcgen::{BasicConstraints, CertificateParams, IsCa, Issuer, KeyPair, KeyUsagePurpose};
use tokio::io::AsyncReadExt;

mod common;

fn main() {
    let dir = tempfile::tempdir().expect("a temporary directory");
    let names = ["localhost".to_string(), host_name()];
    write_certificates(dir.path(), &names);
    let settings: Vec<Settings> = names
        .iter()
        .zip(["sofia", "vidin"])
        .map(|(name, handle)| city_settings(dir.path(), name, handle))
        .collect();
    // What `praxis` does in its main for such a configuration, before any thread exists.
    // SAFETY: no other thread has started yet.
    unsafe { praxis::federation::config::prepare_process(&settings[0]) };
    assert!(
        praxis::federation::config::needs_local_ip_permission(&settings[0]),
        "an https city with local peers needs the library's permission for loopback addresses"
    );
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .expect("a runtime");
    runtime.block_on(two_cities_federate_over_https(dir.path(), settings, names));
    println!("test two_cities_federate_over_https ... ok");
}

/// This machine's host name, which must resolve to a loopback address (it does on Debian).
fn host_name() -> String {
    let name = std::fs::read_to_string("/proc/sys/kernel/hostname")
        .expect("the host name")
        .trim()
        .to_ascii_lowercase();
    let resolves_to_loopback = std::net::ToSocketAddrs::to_socket_addrs(&(name.as_str(), 443))
        .map(|mut addrs| addrs.any(|a| a.ip() == IpAddr::from([127, 0, 0, 1])))
        .unwrap_or(false);
    assert!(
        resolves_to_loopback && name != "localhost",
        "this test needs the host name `{name}` to resolve to 127.0.0.1 (as /etc/hosts does on Debian)"
    );
    name
}

fn city_settings(dir: &Path, name: &str, handle: &str) -> Settings {
    let tls = format!(
        "[tls]\ncertificate = \"{cert}\"\nprivate_key = \"{key}\"\n",
        cert = dir.join(format!("{name}.pem")).display(),
        key = dir.join(format!("{name}.key")).display(),
    );
    settings_with(dir, name, handle, true, &tls)
}

/// An https city trusting the test authority, with or without `allow_local_peers`.
fn settings_with(dir: &Path, name: &str, handle: &str, local_peers: bool, extra: &str) -> Settings {
    let data = dir.join(handle);
    Settings::from_toml(&format!(
        "[instance]\npublic_url = \"https://{name}\"\nlisten = \"127.0.0.1:0\"\ndata_dir = \"{data}\"\n\
         [city]\nhandle = \"{handle}\"\nname = \"{handle}\"\nlanguages = [\"bg\", \"en\"]\n\
         [federation]\nallow_local_peers = {local_peers}\nextra_root_certificates = [\"{ca}\"]\n\
         delivery_retry_base_secs = 1\n{extra}",
        data = data.display(),
        ca = dir.join("ca.pem").display(),
    ))
    .expect("valid settings")
}

/// A certificate authority and one server certificate per name, as PEM files in `dir`.
fn write_certificates(dir: &Path, names: &[String]) {
    let mut ca = CertificateParams::new(Vec::<String>::new()).unwrap();
    ca.is_ca = IsCa::Ca(BasicConstraints::Unconstrained);
    ca.key_usages = vec![KeyUsagePurpose::KeyCertSign, KeyUsagePurpose::DigitalSignature];
    ca.distinguished_name
        .push(rcgen::DnType::CommonName, "Praxis test network CA");
    let ca_key = KeyPair::generate().unwrap();
    let ca_cert = ca.self_signed(&ca_key).unwrap();
    std::fs::write(dir.join("ca.pem"), ca_cert.pem()).unwrap();
    let issuer = Issuer::new(ca, ca_key);
    for name in names {
        let mut params = CertificateParams::new(vec![name.clone()]).unwrap();
        params
            .distinguished_name
            .push(rcgen::DnType::CommonName, name.as_str());
        params.use_authority_key_identifier_extension = true;
        params.extended_key_usages = vec![rcgen::ExtendedKeyUsagePurpose::ServerAuth];
        let key = KeyPair::generate().unwrap();
        let cert = params.signed_by(&key, &issuer).unwrap();
        std::fs::write(dir.join(format!("{name}.pem")), cert.pem()).unwrap();
        std::fs::write(dir.join(format!("{name}.key")), key.serialize_pem()).unwrap();
    }
}

async fn two_cities_federate_over_https(dir: &Path, settings: Vec<Settings>, names: [String; 2]) {
    let mut servers: Vec<RunningServer> = Vec::new();
    for settings in settings {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let ctx = AppContext::open(settings).await.expect("open the city");
        servers.push(server::start(ctx, listener).await.expect("start the city"));
    }
    let routes: Vec<(String, u16)> = names
        .iter()
        .zip(&servers)
        .map(|(name, server)| (name.clone(), server.local_addr.port()))
        .collect();
    let router = TcpListener::bind("127.0.0.1:443")
        .expect("this test listens on 127.0.0.1:443 (run it as root, with the port free)");
    let routed = Arc::new(AtomicUsize::new(0));
    tokio::spawn(route_by_server_name(router, routes, routed.clone()));

    let (sofia, vidin) = (&servers[0], &servers[1]);
    let sofia_data = sofia.federation.to_request_data();
    let vidin_data = vidin.federation.to_request_data();

    // Without allow_local_peers a city refuses Vidin, on loopback, by its address or its URL,
    // before connecting: although this process lets the library admit loopback, and Vidin
    // listens there with a certificate this city trusts. (An IP literal proves nothing here: the
    // library refuses URLs without a domain anyway.)
    let skopje_settings = settings_with(dir, "skopje.invalid", "skopje", false, "");
    assert!(!praxis::federation::config::needs_local_ip_permission(
        &skopje_settings
    ));
    let skopje = server::start(
        AppContext::open(skopje_settings).await.expect("open Skopje"),
        TcpListener::bind("127.0.0.1:0").unwrap(),
    )
    .await
    .expect("start Skopje");
    let skopje_data = skopje.federation.to_request_data();
    for peer in [
        format!("vidin@{}", names[1]),
        format!("https://{}/city", names[1]),
    ] {
        let refused = service::follows::follow(&skopje_data, &peer).await;
        assert!(
            refused.is_err(),
            "a city without allow_local_peers followed {peer}, on loopback"
        );
    }
    assert_eq!(
        routed.load(Ordering::SeqCst),
        0,
        "a city without allow_local_peers connected to a loopback peer"
    );
    skopje.stop().await;

    // Production checks are on: a peer on http, or with an explicit port, is refused before any
    // connection, although something listens there.
    let plain = ConnectionCounter::bind("127.0.0.1:0").await;
    let peer = format!("http://localhost:{}/city", plain.address.port());
    let refused = service::follows::follow(&sofia_data, &peer).await;
    assert!(refused.is_err(), "an https city followed a peer on http");
    let ported = ConnectionCounter::bind("127.0.0.1:0").await;
    let peer = format!("https://localhost:{}/city", ported.address.port());
    let refused = service::follows::follow(&sofia_data, &peer).await;
    assert!(
        refused.is_err(),
        "an https city followed a peer with an explicit port"
    );
    assert_eq!(
        (plain.connections(), ported.connections()),
        (0, 0),
        "an https city connected to a peer on http or on an explicit port"
    );

    // Sofia follows Vidin by its address: WebFinger, actor, Follow and Accept, all over HTTPS.
    let vidin_address = vidin.context().city.address();
    assert_eq!(vidin_address, format!("vidin@{}", names[1]));
    service::follows::follow(&sofia_data, &vidin_address)
        .await
        .expect("Sofia follows Vidin over https");
    let vidin_id = vidin.context().city.ap_id.clone();
    wait_until("Vidin to accept Sofia's follow", || async {
        let state = service::follows::state_of(sofia.context(), &vidin_id)
            .await
            .unwrap();
        (state == Some(FollowState::Accepted)).then_some(())
    })
    .await;

    // Vidin publishes; the signed delivery reaches Sofia's inbox over HTTPS.
    let draft: ItemDraft = serde_json::from_value(serde_json::json!({
        "kind": "good_practice",
        "original_language": "bg",
        "title": {"bg": "Училище за родители", "en": "A school for parents"},
        "summary": {"bg": "Родители, учители и медиатори задържат децата в училище."},
        "themes": ["education", "early_school_leaving"],
        "target_groups": ["roma", "children_youth"],
    }))
    .unwrap();
    let published = service::items::publish(&vidin_data, draft)
        .await
        .expect("publish");
    assert_eq!(published.item.ap_id.scheme(), "https");
    let client = reqwest::Client::builder()
        .tls_certs_only(vec![
            reqwest::Certificate::from_pem(&std::fs::read(Path::new(&ca_path(sofia))).unwrap()).unwrap(),
        ])
        .build()
        .unwrap();
    let feed_url = sofia.url.join("/api/v1/feed").unwrap();
    let id = published.item.ap_id.to_string();
    wait_until(
        "Sofia's feed (read over https) to hold Vidin's practice",
        || async {
            let answer = client.get(feed_url.clone()).send().await.ok()?;
            let feed: serde_json::Value = answer.json().await.unwrap_or_default();
            feed["items"]
                .as_array()
                .is_some_and(|items| items.iter().any(|i| i["id"] == id.as_str()))
                .then_some(())
        },
    )
    .await;

    // Browsers are told to come back on https only.
    let answer = client.get(sofia.url.join("/").unwrap()).send().await.unwrap();
    let hsts = answer
        .headers()
        .get("strict-transport-security")
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default();
    assert!(hsts.starts_with("max-age="), "no HSTS under https: `{hsts}`");

    for server in servers {
        server.stop().await;
    }
}

fn ca_path(server: &RunningServer) -> String {
    server.context().settings.federation.extra_root_certificates[0]
        .display()
        .to_string()
}

/// Passes each TLS connection, unopened, to the port of the name its ClientHello asks for;
/// counts the connections in `accepted`.
async fn route_by_server_name(listener: TcpListener, routes: Vec<(String, u16)>, accepted: Arc<AtomicUsize>) {
    listener.set_nonblocking(true).unwrap();
    let listener = tokio::net::TcpListener::from_std(listener).unwrap();
    loop {
        let Ok((mut client, _)) = listener.accept().await else {
            continue;
        };
        accepted.fetch_add(1, Ordering::SeqCst);
        let routes = routes.clone();
        tokio::spawn(async move {
            let mut hello = vec![0u8; 5];
            if client.read_exact(&mut hello).await.is_err() {
                return;
            }
            let length = u16::from_be_bytes([hello[3], hello[4]]) as usize;
            hello.resize(5 + length, 0);
            if client.read_exact(&mut hello[5..]).await.is_err() {
                return;
            }
            let Some(name) = server_name(&hello[5..]) else {
                return;
            };
            let Some((_, port)) = routes.iter().find(|(n, _)| *n == name) else {
                return;
            };
            let Ok(mut backend) = tokio::net::TcpStream::connect(("127.0.0.1", *port)).await else {
                return;
            };
            use tokio::io::AsyncWriteExt;
            if backend.write_all(&hello).await.is_ok() {
                let _ = tokio::io::copy_bidirectional(&mut client, &mut backend).await;
            }
        });
    }
}

/// The server_name extension of a ClientHello handshake message (RFC 8446 4.1.2, RFC 6066 3).
fn server_name(handshake: &[u8]) -> Option<String> {
    let mut at = 4 + 2 + 32; // type and length, version, random
    let skip = |at: &mut usize, width: usize| -> Option<()> {
        let bytes = handshake.get(*at..*at + width)?;
        let length = bytes.iter().fold(0usize, |n, b| (n << 8) | *b as usize);
        *at += width + length;
        Some(())
    };
    skip(&mut at, 1)?; // session id
    skip(&mut at, 2)?; // cipher suites
    skip(&mut at, 1)?; // compression methods
    let end = at + 2 + u16::from_be_bytes(handshake.get(at..at + 2)?.try_into().ok()?) as usize;
    at += 2;
    while at + 4 <= end {
        let kind = u16::from_be_bytes(handshake.get(at..at + 2)?.try_into().ok()?);
        let length = u16::from_be_bytes(handshake.get(at + 2..at + 4)?.try_into().ok()?) as usize;
        if kind == 0 {
            // list length (2), name type (1), name length (2), name
            let name_length = u16::from_be_bytes(handshake.get(at + 7..at + 9)?.try_into().ok()?) as usize;
            let name = handshake.get(at + 9..at + 9 + name_length)?;
            return String::from_utf8(name.to_vec()).ok();
        }
        at += 4 + length;
    }
    None
}
