//! A host of each provider creates a room with nothing but the provider's token.

use super::issuer::*;
use acceptance::Call;
use http::StatusCode;
use serde_json::json;
use shared::config::IdentitySettings;

struct Provider {
    shape: &'static str,
    settings: IdentitySettings,
    org: &'static str,
    sub: &'static str,
}

fn providers(issuer: &Issuer) -> Vec<Provider> {
    vec![
        Provider {
            shape: "auth0",
            // Auth0's issuer ends with a slash; Organizations put the org in org_id.
            settings: IdentitySettings {
                issuer: Some(format!("{}/", issuer.base)),
                audiences: vec![AUTH0_API.into()],
                org_claim: "org_id".into(),
                ..IdentitySettings::default()
            },
            org: "org_9ybmW1q3fcDSGnZx",
            sub: "auth0|6543a1b2c3d4e5f6a7b8c9d0",
        },
        Provider {
            shape: "cognito",
            // Access tokens carry client_id, not aud; custom scopes are resource/scope.
            settings: IdentitySettings {
                audiences: vec![COGNITO_CLIENT_ID.into()],
                org_claim: "org_id".into(),
                write_scope: "rooms-api/rooms:write".into(),
                ..issuer.settings()
            },
            org: "acme-corp",
            sub: "aa9b5e4c-7011-70c4-81e6-4b5d0f0e2f3a",
        },
        Provider {
            shape: "clerk",
            settings: IdentitySettings {
                org_claim: "o.id".into(),
                ..issuer.settings()
            },
            org: "org_2mPAj1ExampleOrgId",
            sub: "user_2mP9Ud2ExampleUserId",
        },
        Provider {
            shape: "keycloak",
            settings: IdentitySettings {
                audiences: vec![KEYCLOAK_CLIENT.into()],
                ..issuer.settings()
            },
            org: "acme",
            sub: "3d2f9c3e-52a6-4a3b-9d0f-1f7e5b2d6c11",
        },
    ]
}

#[tokio::test]
async fn a_host_of_each_provider_creates_a_room_with_no_shared_secret() {
    let issuer = Issuer::start();
    for p in providers(&issuer) {
        let svc = issuer.service(p.settings.clone()).await;
        let token = issuer.token(json!({"shape": p.shape})).await;
        let r = create_room(&svc, &token).await;
        assert_eq!(r.status, StatusCode::CREATED, "{}: {}", p.shape, r.text());
        let room = r.json();
        assert_eq!(room["org"], p.org, "{}", p.shape);
        assert_eq!(room["created_by"], p.sub, "{}", p.shape);
        let id = room["room_id"].as_str().expect("room_id");
        let got = svc
            .send(Call::get(&format!("/api/rooms/{id}")).bearer(&token))
            .await;
        assert_eq!(got.status, StatusCode::OK, "{}", p.shape);
        // An HS256 token is refused: no secret is configured.
        let hs = acceptance::host_token(p.org, "intruder");
        assert_eq!(read(&svc, &hs).await.status, StatusCode::UNAUTHORIZED);
    }
}

#[tokio::test]
async fn another_org_of_the_same_provider_does_not_see_the_room() {
    let issuer = Issuer::start();
    let settings = IdentitySettings {
        org_claim: "o.id".into(),
        ..issuer.settings()
    };
    let svc = issuer.service(settings).await;
    let mine = issuer.token(json!({"shape": "clerk"})).await;
    let theirs = issuer
        .token(json!({"shape": "clerk", "claims": {"o": {"id": "org_other", "rol": "admin"}}}))
        .await;
    let id = create_room(&svc, &mine).await.json()["room_id"]
        .as_str()
        .expect("room_id")
        .to_owned();
    let r = svc
        .send(Call::get(&format!("/api/rooms/{id}")).bearer(&theirs))
        .await;
    assert_eq!(
        (r.status, r.code().as_str()),
        (StatusCode::NOT_FOUND, "room_not_found")
    );
}

#[tokio::test]
async fn every_asymmetric_algorithm_of_the_contract_is_accepted() {
    let issuer = Issuer::start();
    let svc = issuer.service(issuer.settings()).await;
    for alg in [
        "RS256", "RS384", "RS512", "PS256", "PS384", "PS512", "ES256", "ES384", "EdDSA",
    ] {
        let token = issuer.token(json!({"alg": alg})).await;
        let r = read(&svc, &token).await;
        assert_eq!(
            (r.status, r.code().as_str()),
            (StatusCode::NOT_FOUND, "room_not_found"),
            "{alg}"
        );
    }
    // A token without kid is checked with the one key that fits its algorithm.
    let token = issuer.token(json!({"alg": "ES384", "no_kid": true})).await;
    assert_eq!(read(&svc, &token).await.status, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn write_permission_comes_from_scope_scp_or_permissions() {
    let issuer = Issuer::start();
    let svc = issuer.service(issuer.settings()).await;
    let cases = [
        (json!({}), StatusCode::CREATED),
        (
            json!({"scope": "rooms:read rooms:write"}),
            StatusCode::CREATED,
        ),
        (json!({"scope": "rooms:read"}), StatusCode::FORBIDDEN),
        (
            json!({"scp": ["rooms:read", "rooms:write"]}),
            StatusCode::CREATED,
        ),
        (json!({"scp": "rooms:read"}), StatusCode::FORBIDDEN),
        (json!({"permissions": ["rooms:write"]}), StatusCode::CREATED),
        (json!({"permissions": []}), StatusCode::FORBIDDEN),
        (
            json!({"scope": "openid", "permissions": ["rooms:write"]}),
            StatusCode::CREATED,
        ),
    ];
    for (claims, status) in cases {
        let token = issuer.token(json!({"claims": claims})).await;
        let r = create_room(&svc, &token).await;
        assert_eq!(r.status, status, "{claims}: {}", r.text());
        if status == StatusCode::FORBIDDEN {
            assert_eq!(r.code(), "forbidden");
            // Reading stays allowed.
            assert_eq!(read(&svc, &token).await.status, StatusCode::NOT_FOUND);
        }
    }
    // The Auth0 shape: scope without the permission, permissions with it → may write;
    // RBAC without it → 403.
    let settings = IdentitySettings {
        issuer: Some(format!("{}/", issuer.base)),
        audiences: vec![AUTH0_API.into()],
        org_claim: "org_id".into(),
        ..IdentitySettings::default()
    };
    let auth0 = issuer.service(settings).await;
    let reader = issuer
        .token(json!({"shape": "auth0", "claims": {"permissions": ["rooms:read"]}}))
        .await;
    let r = create_room(&auth0, &reader).await;
    assert_eq!(
        (r.status, r.code().as_str()),
        (StatusCode::FORBIDDEN, "forbidden")
    );
}

#[tokio::test]
async fn hs256_tokens_of_our_own_still_work_beside_the_provider_with_its_issuer() {
    let issuer = Issuer::start();
    let identity = issuer.settings();
    let svc = acceptance::TestService::with_options(|o| {
        o.identity = identity;
    })
    .await;
    let secret = String::from_utf8(acceptance::JWT_SECRET.to_vec()).expect("utf-8");
    let ours = issuer
        .token(json!({"alg": "HS256", "secret": secret}))
        .await;
    assert_eq!(create_room(&svc, &ours).await.status, StatusCode::CREATED);
    // Every token must carry the configured iss, HS256 ones included.
    let no_iss = acceptance::host_token("org-1", "h");
    assert_eq!(read(&svc, &no_iss).await.status, StatusCode::UNAUTHORIZED);
    let theirs = issuer.token(json!({"alg": "ES256"})).await;
    assert_eq!(create_room(&svc, &theirs).await.status, StatusCode::CREATED);
}
