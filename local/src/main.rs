//! `cargo run --release -p local`: the whole service on 127.0.0.1:$PORT.

use local::{build, serve, LocalOptions};
use shared::config::Settings;
use shared::domain::token::{hex, random_secret};
use std::process::ExitCode;
use tracing_subscriber::EnvFilter;

#[tokio::main]
async fn main() -> ExitCode {
    tracing_subscriber::fmt()
        .with_env_filter(
            EnvFilter::try_from_default_env().unwrap_or_else(|_| EnvFilter::new("info")),
        )
        .with_target(false)
        .init();
    match run().await {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::FAILURE
        }
    }
}

async fn run() -> Result<(), String> {
    let settings = Settings::from_env().map_err(|e| e.to_string())?;
    // Without a secret and without a provider, one is generated (with a ready token).
    let (jwt_secret, generated) = match &settings.host_jwt_secret {
        Some(s) => (Some(s.clone()), false),
        None if settings.identity.uses_provider() => (None, false),
        None => (
            Some(hex(&random_secret().map_err(|e| e.to_string())?)),
            true,
        ),
    };
    let local = build(LocalOptions::from_settings(
        &settings,
        jwt_secret.clone().map(String::into_bytes),
    ))
    .await?;
    let addr = std::net::SocketAddr::from(([127, 0, 0, 1], settings.port));
    let listener = tokio::net::TcpListener::bind(addr)
        .await
        .map_err(|e| format!("cannot listen on {addr}: {e} (set PORT to another port)"))?;
    let token = match &jwt_secret {
        // A token of our own carries the configured issuer and audience, so it passes.
        Some(secret) => Some(
            jsonwebtoken::encode(
                &jsonwebtoken::Header::new(jsonwebtoken::Algorithm::HS256),
                &local_token_claims(&settings),
                &jsonwebtoken::EncodingKey::from_secret(secret.as_bytes()),
            )
            .map_err(|e| e.to_string())?,
        ),
        None => None,
    };
    let base = &settings.public_base_url;
    println!("Room invitations, local mode");
    println!("  listening on   http://{addr}  (links use {base})");
    println!("  data           {}", settings.data_dir.display());
    println!("  emails (.eml)  {}", settings.outbox_dir.display());
    println!("  session starts armed: {}", local.scheduler.armed());
    if let (true, Some(secret)) = (generated, &jwt_secret) {
        println!("  HOST_JWT_SECRET was not set; generated {secret}");
    }
    if let Some(issuer) = &settings.identity.issuer {
        println!(
            "  host tokens     from {issuer} (organization claim {:?}; write permission {:?})",
            settings.identity.org_claim, settings.identity.write_scope
        );
    }
    println!("  API description {base}/api/openapi.json");
    println!();
    match &jwt_secret {
        Some(secret) => {
            let mut claims = match local_token_claims(&settings) {
                serde_json::Value::Object(map) => map,
                _ => serde_json::Map::new(),
            };
            claims.remove("exp");
            let ticket = shared::http::console::sign_in::mint_ticket(
                secret.as_bytes(),
                "local-host",
                claims,
                time::OffsetDateTime::now_utc(),
            )
            .map_err(|e| e.to_string())?;
            println!("The host console (one-time sign-in link, valid 24 hours):");
            println!("  {base}/console/sign-in?ticket={ticket}");
        }
        None if settings.host_oidc.is_some() => {
            println!("The host console: {base}/console (sign in with your identity provider)")
        }
        None => {}
    }
    match &token {
        Some(token) => {
            println!("A host token for the API (org local-org, valid 30 days):");
            println!("  export TOKEN={token}");
        }
        None => println!("Sign in with your identity provider and use its access token as TOKEN."),
    }
    println!("Try:");
    println!(
        "  curl -s -X POST {base}/api/rooms -H \"Authorization: Bearer $TOKEN\" -H 'Content-Type: application/json' \\\n    -d '{{\"title\":\"Demo\",\"starts_at\":\"2030-01-01T15:00:00Z\"}}'"
    );
    println!();
    let live = local.live.clone();
    serve(listener, local.router.clone(), async move {
        shutdown().await;
        // Open pages' streams end, so that the shutdown does not wait for them.
        live.close();
    })
    .await;
    tracing::info!("stopped");
    Ok(())
}

/// The claims of the printed host token: org `local-org`, 30 days, and the configured
/// `iss`/`aud`, the org at the configured claim path.
fn local_token_claims(settings: &Settings) -> serde_json::Value {
    let identity = &settings.identity;
    let mut claims = serde_json::json!({
        "sub": "local-host",
        "email": "host@example.com",
        "exp": time::OffsetDateTime::now_utc().unix_timestamp() + 30 * 86_400,
    });
    let mut slot = &mut claims;
    for part in identity.org_claim.split('.') {
        slot = &mut slot[part];
    }
    *slot = "local-org".into();
    if let Some(iss) = &identity.issuer {
        claims["iss"] = iss.clone().into();
    }
    if let Some(aud) = identity.audiences.first() {
        claims["aud"] = aud.clone().into();
    }
    claims
}

async fn shutdown() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let term = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! { _ = ctrl_c => {}, _ = term => {} }
    tracing::info!("shutting down");
}
