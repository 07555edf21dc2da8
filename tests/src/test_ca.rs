//! A throw-away certificate authority for an AWS endpoint behind TLS on loopback (the
//! Lambda benchmark): a root, an intermediate, and a server certificate for 127.0.0.1 and
//! localhost that the server presents with the intermediate, a chain as deep as AWS
//! endpoints present (ECDSA P-256 here; AWS's are mostly RSA 2048). `bundle` is what a
//! function gets as `SSL_CERT_FILE`: the machine's root store (so a function parses as
//! many roots as it does in Lambda) followed by the test root.

use rcgen::{
    BasicConstraints, CertificateParams, CertifiedIssuer, DnType, ExtendedKeyUsagePurpose, IsCa,
    KeyPair, KeyUsagePurpose,
};
use std::path::PathBuf;

/// The system root store, where Debian and Ubuntu keep it.
const SYSTEM_ROOTS: &[&str] = &[
    "/etc/ssl/certs/ca-certificates.crt",
    "/etc/pki/tls/certs/ca-bundle.crt",
];

pub struct TestCa {
    /// Holds the files; removed when dropped.
    pub dir: tempfile::TempDir,
    /// The root certificate (PEM): trust it to reach the server.
    pub root_pem: String,
    /// The server's chain (server certificate, then intermediate) and key, PEM files.
    pub chain: PathBuf,
    pub key: PathBuf,
    /// The system roots and the test root, one PEM file (`SSL_CERT_FILE`).
    pub bundle: PathBuf,
    /// How many system roots the bundle holds.
    pub system_roots: usize,
}

fn ca_params(name: &str) -> Result<CertificateParams, rcgen::Error> {
    let mut params = CertificateParams::new(Vec::<String>::new())?;
    params.is_ca = IsCa::Ca(BasicConstraints::Unconstrained);
    params.distinguished_name.push(DnType::CommonName, name);
    params.key_usages = vec![
        KeyUsagePurpose::KeyCertSign,
        KeyUsagePurpose::CrlSign,
        KeyUsagePurpose::DigitalSignature,
    ];
    Ok(params)
}

pub fn create() -> Result<TestCa, String> {
    let e = |e: rcgen::Error| e.to_string();
    let root = CertifiedIssuer::self_signed(
        ca_params("lambda-bench test root").map_err(e)?,
        KeyPair::generate().map_err(e)?,
    )
    .map_err(e)?;
    let intermediate = CertifiedIssuer::signed_by(
        ca_params("lambda-bench test intermediate").map_err(e)?,
        KeyPair::generate().map_err(e)?,
        &root,
    )
    .map_err(e)?;
    let mut server =
        CertificateParams::new(vec!["127.0.0.1".to_owned(), "localhost".to_owned()]).map_err(e)?;
    server
        .distinguished_name
        .push(DnType::CommonName, "127.0.0.1");
    server.extended_key_usages = vec![ExtendedKeyUsagePurpose::ServerAuth];
    let server_key = KeyPair::generate().map_err(e)?;
    let server_cert = server.signed_by(&server_key, &intermediate).map_err(e)?;

    let dir = tempfile::tempdir().map_err(|e| e.to_string())?;
    let write = |name: &str, text: &str| -> Result<PathBuf, String> {
        let path = dir.path().join(name);
        std::fs::write(&path, text).map_err(|e| format!("{}: {e}", path.display()))?;
        Ok(path)
    };
    let chain = write(
        "server-chain.pem",
        &format!("{}{}", server_cert.pem(), intermediate.pem()),
    )?;
    let key = write("server-key.pem", &server_key.serialize_pem())?;
    let system = SYSTEM_ROOTS
        .iter()
        .find_map(|p| std::fs::read_to_string(p).ok())
        .unwrap_or_default();
    let system_roots = system.matches("-----BEGIN CERTIFICATE-----").count();
    let root_pem = root.pem();
    let bundle = write("roots.pem", &format!("{system}\n{root_pem}"))?;
    Ok(TestCa {
        dir,
        root_pem,
        chain,
        key,
        bundle,
        system_roots,
    })
}
