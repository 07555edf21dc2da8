//! `cargo run --release -p local`: the whole service on 127.0.0.1:$PORT.

use local::{build, LocalOptions};
use shared::config::Settings;
use shared::domain::token::{hex, random_secret};
use shared::http::auth::{sign_host_token, HostClaims};
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
    let (jwt_secret, generated) = match &settings.host_jwt_secret {
        Some(s) => (s.clone(), false),
        None => (hex(&random_secret().map_err(|e| e.to_string())?), true),
    };
    let local = build(LocalOptions::from_settings(
        &settings,
        jwt_secret.clone().into_bytes(),
    ))
    .await?;
    let addr = std::net::SocketAddr::from(([127, 0, 0, 1], settings.port));
    let listener = tokio::net::TcpListener::bind(addr)
        .await
        .map_err(|e| format!("cannot listen on {addr}: {e} (set PORT to another port)"))?;
    let token = sign_host_token(
        jwt_secret.as_bytes(),
        &HostClaims {
            sub: "local-host".into(),
            org: "local-org".into(),
            email: Some("host@example.com".into()),
            exp: time::OffsetDateTime::now_utc().unix_timestamp() + 30 * 86_400,
            scope: None,
        },
    )
    .map_err(|e| e.to_string())?;
    let base = &settings.public_base_url;
    println!("Room invitations, local mode");
    println!("  listening on   http://{addr}  (links use {base})");
    println!("  data           {}", settings.data_dir.display());
    println!("  emails (.eml)  {}", settings.outbox_dir.display());
    println!("  session starts armed: {}", local.scheduler.armed());
    if generated {
        println!("  HOST_JWT_SECRET was not set; generated {jwt_secret}");
    }
    println!();
    println!("A host token (org local-org, valid 30 days):");
    println!("  export TOKEN={token}");
    println!("Try:");
    println!(
        "  curl -s -X POST {base}/api/rooms -H \"Authorization: Bearer $TOKEN\" -H 'Content-Type: application/json' \\\n    -d '{{\"title\":\"Demo\",\"starts_at\":\"2030-01-01T15:00:00Z\"}}'"
    );
    println!();
    axum::serve(listener, local.router.clone())
        .with_graceful_shutdown(shutdown())
        .await
        .map_err(|e| format!("server error: {e}"))?;
    tracing::info!("stopped");
    Ok(())
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
