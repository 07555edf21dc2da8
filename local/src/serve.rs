//! The HTTP/1.1 server of local mode: the router on every accepted connection, until
//! the shutdown signal, then a graceful shutdown (open connections finish their
//! requests; the live streams end when the broadcast is closed).
//!
//! Why not `axum::serve`: it serves each connection with hyper-util's `auto::Builder`,
//! which can also speak HTTP/2, and each connection's task holds that state whether it
//! is used or not. Local mode speaks HTTP/1.1 only, and the open pages' live streams
//! (`GET /rooms/{id}/events`) are long-lived connections by the thousand, so their cost
//! is what bounds how many pages one process holds: see "SSE memory per connection" in
//! docs/benchmarks.md.

use axum::Router;
use hyper::server::conn::http1;
use hyper_util::rt::TokioIo;
use hyper_util::server::graceful::GracefulShutdown;
use hyper_util::service::TowerToHyperService;
use std::future::Future;
use std::time::Duration;
use tokio::net::TcpListener;

/// Serves `router` on `listener` until `shutdown` completes, then waits for the open
/// connections to finish.
pub async fn serve(listener: TcpListener, router: Router, shutdown: impl Future<Output = ()>) {
    let connections = GracefulShutdown::new();
    let builder = http1::Builder::new();
    let mut shutdown = std::pin::pin!(shutdown);
    loop {
        let stream = tokio::select! {
            accepted = listener.accept() => match accepted {
                Ok((stream, _)) => stream,
                Err(e) => {
                    accept_failed(e).await;
                    continue;
                }
            },
            () = &mut shutdown => break,
        };
        let service = TowerToHyperService::new(router.clone());
        let connection = connections.watch(builder.serve_connection(TokioIo::new(stream), service));
        tokio::spawn(async move {
            if let Err(e) = connection.await {
                tracing::debug!(error = %e, "connection ended with an error");
            }
        });
    }
    drop(listener);
    connections.shutdown().await;
}

/// A failed accept: a connection reset before it was accepted is skipped; anything else
/// (out of file descriptors, …) is logged and retried a little later instead of spinning.
async fn accept_failed(e: std::io::Error) {
    use std::io::ErrorKind::{ConnectionAborted, ConnectionRefused, ConnectionReset};
    if matches!(
        e.kind(),
        ConnectionAborted | ConnectionRefused | ConnectionReset
    ) {
        return;
    }
    tracing::error!(error = %e, "cannot accept a connection");
    tokio::time::sleep(Duration::from_secs(1)).await;
}
