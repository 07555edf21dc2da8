//! The loopback issuer process and the service configured for it.

pub use acceptance::oidc::Issuer;
use acceptance::{Call, Reply, TestService};
use serde_json::json;
use shared::config::IdentitySettings;

pub const AUTH0_API: &str = "https://rooms.example.com/api";
pub const COGNITO_CLIENT_ID: &str = "5r2mkq0d1example7clientid";
pub const KEYCLOAK_CLIENT: &str = "rooms-api";

#[allow(async_fn_in_trait)]
pub trait IssuerService {
    fn settings(&self) -> IdentitySettings;
    async fn service(&self, identity: IdentitySettings) -> TestService;
}

impl IssuerService for Issuer {
    /// The settings of a deployment that trusts this issuer (`iss` = its base URL).
    fn settings(&self) -> IdentitySettings {
        IdentitySettings {
            issuer: Some(self.base.clone()),
            ..IdentitySettings::default()
        }
    }

    /// The service with these identity settings and no `HOST_JWT_SECRET`.
    async fn service(&self, identity: IdentitySettings) -> TestService {
        TestService::with_options(|o| {
            o.host_jwt_secret = None;
            o.identity = identity;
        })
        .await
    }
}

pub async fn create_room(svc: &TestService, token: &str) -> Reply {
    svc.send(
        Call::post("/api/rooms")
            .bearer(token)
            .json(&json!({"title": "Launch review", "starts_at": "2030-01-01T15:00:00Z"})),
    )
    .await
}

/// A read that passes authentication: 404 `room_not_found` (no such room in the org).
pub async fn read(svc: &TestService, token: &str) -> Reply {
    svc.send(Call::get("/api/rooms/no-such-room").bearer(token))
        .await
}
