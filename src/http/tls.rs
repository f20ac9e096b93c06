//! TLS termination by Praxis itself: the rustls server configuration from the PEM files of
//! `[tls]`.

use std::path::Path;

use anyhow::Context;
use rustls::{
    ServerConfig,
    pki_types::{CertificateDer, PrivateKeyDer, pem::PemObject},
};

/// Reads the certificate chain and key; says which file is wrong and why.
pub fn server_config(certificate: &Path, private_key: &Path) -> anyhow::Result<ServerConfig> {
    crate::federation::config::install_crypto_provider();
    let chain = CertificateDer::pem_file_iter(certificate)
        .with_context(|| format!("reading tls.certificate {}", certificate.display()))?
        .collect::<Result<Vec<_>, _>>()
        .with_context(|| {
            format!(
                "tls.certificate {} is not a PEM certificate chain",
                certificate.display()
            )
        })?;
    anyhow::ensure!(
        !chain.is_empty(),
        "tls.certificate {} holds no certificate",
        certificate.display()
    );
    let key = PrivateKeyDer::from_pem_file(private_key).with_context(|| {
        format!(
            "tls.private_key {} holds no PEM private key",
            private_key.display()
        )
    })?;
    let mut config = ServerConfig::builder()
        .with_no_client_auth()
        .with_single_cert(chain, key)
        .context("the TLS certificate and private key do not go together")?;
    config.alpn_protocols = vec![b"http/1.1".to_vec()];
    Ok(config)
}
