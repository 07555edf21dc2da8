//! The OpenAPI 3.1 document of the host API and the public JSON endpoints, generated
//! from the handlers (`#[utoipa::path]`) and the types they answer with, so it cannot
//! drift. Error responses are added here from one table of the codes each operation can
//! answer; their statuses come from `http::error::status`, the one place codes become
//! statuses. `GET /api/openapi.json` serves it; docs/openapi.json is a copy CI compares.

use super::branding;
use super::error::{json_body, status, ErrorBody, Surface};
use super::host_api;
use super::join;
use super::live;
use super::previews;
use super::unsubscribe;
use super::waiting_room;
use crate::domain::Error;
use axum::response::{IntoResponse, Response};
use http::header;
use std::collections::BTreeMap;
use std::sync::OnceLock;
use utoipa::openapi::content::ContentBuilder;
use utoipa::openapi::example::ExampleBuilder;
use utoipa::openapi::path::Operation;
use utoipa::openapi::response::ResponseBuilder;
use utoipa::openapi::schema::Ref;
use utoipa::openapi::security::{ApiKey, ApiKeyValue, HttpAuthScheme, HttpBuilder, SecurityScheme};
use utoipa::openapi::OpenApi as Document;
use utoipa::{Modify, OpenApi};

#[derive(OpenApi)]
#[openapi(
    info(
        title = "Room invitations",
        description = "Invite people to live event rooms by email. Host operations need a bearer JWT: HS256 with the service's secret, or an access token of the organization's OpenID Connect provider (Auth0, Cognito, Clerk, Keycloak, Okta, Entra ID). Every error answers `{ \"error\": <code>, \"message\": <sentence> }`; each operation lists its codes.",
        license(name = "Apache-2.0", identifier = "Apache-2.0"),
    ),
    paths(
        host_api::create_room,
        host_api::get_room,
        host_api::update_room,
        host_api::delete_room,
        host_api::issue_invites,
        host_api::list_invites,
        host_api::room_summary,
        host_api::export_invites,
        host_api::revoke_invite,
        host_api::resend_invite,
        host_api::list_participants,
        host_api::export_participants,
        host_api::set_role,
        waiting_room::list,
        waiting_room::admit,
        waiting_room::deny,
        waiting_room::admit_all,
        join::open_link,
        join::redeem,
        join::status,
        join::me,
        join::entry,
        unsubscribe::confirm_page,
        previews::preview,
        branding::get_branding,
        branding::put_branding,
        branding::logo,
        branding::theme,
        unsubscribe::unsubscribe,
        live::live,
        live::events,
        openapi_json,
    ),
    components(schemas(ErrorBody, crate::domain::Permission)),
    tags(
        (name = "rooms", description = "Rooms of the host's organization."),
        (name = "invites", description = "Invitations to a room."),
        (name = "participants", description = "Admitted participants and their roles."),
        (name = "branding", description = "The organization's display name, colour, logo, sender and support line."),
        (name = "join", description = "The public join flow's JSON forms."),
        (name = "meta", description = "This description."),
    ),
    modifiers(&Security, &ErrorResponses),
)]
struct ApiDoc;

struct Security;

impl Modify for Security {
    fn modify(&self, doc: &mut Document) {
        let components = doc.components.get_or_insert_with(Default::default);
        components.add_security_scheme(
            "bearer",
            SecurityScheme::Http(
                HttpBuilder::new()
                    .scheme(HttpAuthScheme::Bearer)
                    .bearer_format("JWT")
                    .description(Some(
                        "A host token: claims sub, the organization (org or HOST_ORG_CLAIM), exp; iss and aud when configured; scope, scp or permissions with the write permission for writes.",
                    ))
                    .build(),
            ),
        );
        components.add_security_scheme(
            "session",
            SecurityScheme::ApiKey(ApiKey::Cookie(ApiKeyValue::with_description(
                "rooms_session",
                "The session cookie set by POST /join/{token}.",
            ))),
        );
    }
}

fn bad_request() -> Error {
    Error::bad_request("Invalid JSON body: missing field `title`.")
}

/// The codes each operation can answer, besides its success.
fn errors(method: &str, path: &str) -> (Surface, Vec<Error>) {
    use Error::*;
    let host = |mut extra: Vec<Error>| {
        let mut all = vec![
            Unauthorized,
            IdentityProviderUnavailable,
            ServiceUnavailable { retry_after: 2 },
            Internal(String::new()),
        ];
        all.append(&mut extra);
        (Surface::HostApi, all)
    };
    let room = || vec![bad_request(), RoomNotFound, RoomDeleted];
    let write = |mut extra: Vec<Error>| {
        let mut all = vec![Forbidden, bad_request(), RoomNotFound, RoomDeleted];
        all.append(&mut extra);
        all
    };
    // What opening or redeeming a link can answer.
    let link = || {
        vec![
            EmailMismatch,
            DomainBlocked,
            InvalidLink,
            InviteRevoked,
            RoomDeleted,
            LinkExpired,
            LinkUsed,
            TooManyAttempts,
            Internal(String::new()),
            ServiceUnavailable { retry_after: 2 },
        ]
    };
    let idempotent = || Conflict("A request with this Idempotency-Key is still running.".into());
    match (method, path) {
        ("post", "/api/rooms") => host(vec![
            Forbidden,
            bad_request(),
            ValidationFailed("admission.verify must be email, code or sso.".into()),
            PayloadTooLarge,
            idempotent(),
        ]),
        ("get", "/api/rooms/{room_id}") => host(room()),
        ("get", "/api/rooms/{room_id}/preview/{kind}") => {
            let mut errors = room();
            errors.push(ValidationFailed(
                "No email kind \"newsletter\": use one of invitation, reminder, update, cancellation, code.".into(),
            ));
            host(errors)
        }
        ("patch", "/api/rooms/{room_id}") => host(write(vec![
            PayloadTooLarge,
            ValidationFailed("admission.verify must be email, code or sso.".into()),
            Conflict("The room is already live.".into()),
        ])),
        ("delete", "/api/rooms/{room_id}") => host(write(vec![])),
        ("post", "/api/rooms/{room_id}/invites") => host(write(vec![
            PayloadTooLarge,
            InvalidEmail,
            DomainBlocked,
            InvalidExpiry,
            idempotent(),
        ])),
        ("get", "/api/rooms/{room_id}/invites")
        | ("get", "/api/rooms/{room_id}/invites.csv")
        | ("get", "/api/rooms/{room_id}/summary")
        | ("get", "/api/rooms/{room_id}/participants.csv") => host(room()),
        ("delete", "/api/rooms/{room_id}/invites/{invite_id}") => host(write(vec![InviteNotFound])),
        ("post", "/api/rooms/{room_id}/invites/{invite_id}/resend") => {
            host(write(vec![InviteNotFound, DomainBlocked, idempotent()]))
        }
        ("get", "/api/rooms/{room_id}/participants") => host(room()),
        ("put", "/api/rooms/{room_id}/participants/{email}/role") => {
            host(write(vec![PayloadTooLarge, ParticipantNotFound]))
        }
        ("get", "/api/rooms/{room_id}/waiting") => host(room()),
        ("post", "/api/rooms/{room_id}/waiting/admit-all") => host(write(vec![])),
        ("post", "/api/rooms/{room_id}/waiting/{identity}/admit") => host(write(vec![NotFound])),
        ("post", "/api/rooms/{room_id}/waiting/{identity}/deny") => host(write(vec![
            NotFound,
            PayloadTooLarge,
            ValidationFailed("reason must be at most 200 characters.".into()),
        ])),
        ("post", "/join/{token}") => {
            let mut all = vec![
                bad_request(),
                PayloadTooLarge,
                Forbidden,
                CodeInvalid { attempts_left: 3 },
                CodeExpired,
                TooManyRequests { retry_after: 30 },
                VerificationRequired {
                    url: "https://rooms.example.com/join/TOKEN/sso".into(),
                },
            ];
            all.append(&mut link());
            (Surface::Join, all)
        }
        ("get", "/join/{token}") => (Surface::Join, link()),
        ("get", "/api/branding") => host(vec![]),
        ("put", "/api/branding") => host(vec![
            Forbidden,
            bad_request(),
            PayloadTooLarge,
            ValidationFailed("accent_color #ffcc00 has a contrast of 1.51:1 against the white text drawn on it; at least 4.5:1 (WCAG AA) is required. Choose a darker colour.".into()),
        ]),
        ("get", "/branding/{org_hash}/logo/{file}")
        | ("get", "/branding/{org_hash}/theme/{file}") => (
            Surface::Join,
            vec![
                NotFound,
                Internal(String::new()),
                ServiceUnavailable { retry_after: 2 },
            ],
        ),
        // A forged, altered or unknown unsubscribe link.
        ("get", "/unsubscribe/{invite_id}") | ("post", "/unsubscribe/{invite_id}") => (
            Surface::Join,
            vec![
                InvalidLink,
                bad_request(),
                Internal(String::new()),
                ServiceUnavailable { retry_after: 2 },
            ],
        ),
        ("get", "/rooms/{room_id}/status") => (
            Surface::Join,
            vec![RoomNotFound, RoomDeleted, Internal(String::new())],
        ),
        ("get", "/rooms/{room_id}/entry") => (
            Surface::Join,
            vec![
                NotFound,
                NotAParticipant,
                AwaitingApproval,
                AdmissionDenied {
                    reason: Some("This session is for members only.".into()),
                },
                RoomNotFound,
                RoomDeleted,
                NotLive,
                RoomBackendUnavailable,
                Internal(String::new()),
                ServiceUnavailable { retry_after: 2 },
            ],
        ),
        // `not_found`: no live updates in this deployment (pages poll).
        ("get", "/rooms/{room_id}/live") | ("get", "/rooms/{room_id}/events") => (
            Surface::Join,
            vec![
                NotFound,
                NotAParticipant,
                RoomNotFound,
                RoomDeleted,
                Internal(String::new()),
                ServiceUnavailable { retry_after: 2 },
            ],
        ),
        ("get", "/rooms/{room_id}/me") => (
            Surface::Join,
            vec![
                NotAParticipant,
                RoomNotFound,
                RoomDeleted,
                Internal(String::new()),
                ServiceUnavailable { retry_after: 2 },
            ],
        ),
        _ => (Surface::HostApi, Vec::new()),
    }
}

struct ErrorResponses;

fn add_errors(method: &str, path: &str, operation: &mut Operation) {
    let (surface, errors) = errors(method, path);
    let mut by_status: BTreeMap<u16, Vec<Error>> = BTreeMap::new();
    for e in errors {
        by_status
            .entry(status(&e, surface).as_u16())
            .or_default()
            .push(e);
    }
    for (code, errors) in by_status {
        let list = errors
            .iter()
            .map(|e| format!("`{}`", e.code()))
            .collect::<Vec<_>>()
            .join(", ");
        let examples = errors.iter().map(|e| {
            let body = serde_json::to_value(json_body(e)).unwrap_or_default();
            (e.code(), ExampleBuilder::new().value(Some(body)).build())
        });
        let content = ContentBuilder::new()
            .schema(Some(Ref::from_schema_name("ErrorBody")))
            .examples_from_iter(examples)
            .build();
        let mut response = ResponseBuilder::new()
            .description(format!("Error: {list}."))
            .content("application/json", content);
        if surface == Surface::Join {
            // Browsers (no JSON in Content-Type or Accept) get the error page, whose
            // `<body data-error>` carries the same code.
            let page = ContentBuilder::new()
                .schema(Some(
                    utoipa::openapi::ObjectBuilder::new()
                        .schema_type(utoipa::openapi::schema::Type::String),
                ))
                .build();
            response = response.content("text/html; charset=utf-8", page);
        }
        let response = response.build();
        operation
            .responses
            .responses
            .insert(code.to_string(), response.into());
    }
}

impl Modify for ErrorResponses {
    fn modify(&self, doc: &mut Document) {
        for (path, item) in doc.paths.paths.iter_mut() {
            for (method, operation) in [
                ("get", &mut item.get),
                ("post", &mut item.post),
                ("put", &mut item.put),
                ("patch", &mut item.patch),
                ("delete", &mut item.delete),
            ] {
                if let Some(operation) = operation {
                    add_errors(method, path, operation);
                }
            }
        }
    }
}

/// The document.
pub fn document() -> Document {
    ApiDoc::openapi()
}

/// The document as pretty JSON (what `GET /api/openapi.json` serves and
/// docs/openapi.json holds), with a final newline.
pub fn document_json() -> String {
    let mut text = document()
        .to_pretty_json()
        .unwrap_or_else(|e| format!("{{\"error\": \"{e}\"}}"));
    text.push('\n');
    text
}

/// This document (OpenAPI 3.1).
#[utoipa::path(get, path = "/api/openapi.json", tag = "meta",
    responses((status = 200, description = "The OpenAPI 3.1 document.", content_type = "application/json", body = Object)))]
pub async fn openapi_json() -> Response {
    static TEXT: OnceLock<String> = OnceLock::new();
    let text = TEXT.get_or_init(document_json).as_str();
    (
        [
            (header::CONTENT_TYPE, "application/json"),
            (header::CACHE_CONTROL, "public, max-age=300"),
        ],
        text,
    )
        .into_response()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// docs/openapi.json is the current document. To regenerate it:
    /// `UPDATE_OPENAPI=1 cargo test -p shared --all-features openapi`.
    #[test]
    fn the_openapi_copy_in_docs_is_current() {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../docs/openapi.json");
        let current = document_json();
        if std::env::var_os("UPDATE_OPENAPI").is_some() {
            std::fs::write(&path, &current).expect("write docs/openapi.json");
        }
        let copy = std::fs::read_to_string(&path).unwrap_or_default();
        assert!(
            copy == current,
            "docs/openapi.json is stale: run UPDATE_OPENAPI=1 cargo test -p shared --all-features openapi"
        );
    }

    /// Every `"$ref"` anywhere in the document names something the document has: a
    /// schema, parameter or response registered in `components` (a forgotten
    /// registration is a dangling reference that validators and generators stop on).
    #[test]
    fn every_reference_resolves() {
        fn refs<'a>(v: &'a serde_json::Value, out: &mut Vec<&'a str>) {
            match v {
                serde_json::Value::Object(map) => {
                    for (k, v) in map {
                        match (k.as_str(), v) {
                            ("$ref", serde_json::Value::String(r)) => out.push(r),
                            _ => refs(v, out),
                        }
                    }
                }
                serde_json::Value::Array(items) => items.iter().for_each(|v| refs(v, out)),
                _ => {}
            }
        }
        let doc: serde_json::Value = serde_json::from_str(&document_json()).unwrap();
        let mut found = Vec::new();
        refs(&doc, &mut found);
        assert!(found.len() > 20, "too few references: {}", found.len());
        for r in found {
            let pointer = r
                .strip_prefix('#')
                .unwrap_or_else(|| panic!("external ref {r}"));
            assert!(doc.pointer(pointer).is_some(), "dangling $ref {r}");
        }
    }

    #[test]
    fn every_operation_lists_its_errors_with_the_contract_statuses() {
        let doc: serde_json::Value = serde_json::from_str(&document_json()).unwrap();
        assert_eq!(doc["openapi"], "3.1.0");
        let create = &doc["paths"]["/api/rooms"]["post"]["responses"];
        assert!(create["201"].is_object());
        assert_eq!(
            create["401"]["content"]["application/json"]["examples"]["unauthorized"]["value"]
                ["error"],
            "unauthorized"
        );
        assert!(create["503"]["description"]
            .as_str()
            .unwrap()
            .contains("identity_provider_unavailable"));
        let issue = &doc["paths"]["/api/rooms/{room_id}/invites"]["post"]["responses"];
        assert!(
            issue["422"]["content"]["application/json"]["examples"]["domain_blocked"].is_object()
        );
        let redeem = &doc["paths"]["/join/{token}"]["post"]["responses"];
        assert!(
            redeem["403"]["content"]["application/json"]["examples"]["domain_blocked"].is_object()
        );
        assert!(redeem["429"]["description"]
            .as_str()
            .unwrap()
            .contains("too_many_attempts"));
        assert_eq!(
            doc["components"]["securitySchemes"]["bearer"]["scheme"],
            "bearer"
        );
        // Every operation has a success and error responses.
        for (path, item) in doc["paths"].as_object().unwrap() {
            for (method, op) in item.as_object().unwrap() {
                let responses = op["responses"].as_object().unwrap();
                assert!(
                    responses.keys().any(|k| k.starts_with('2')),
                    "{method} {path}"
                );
                if path != "/api/openapi.json" {
                    assert!(
                        responses.keys().any(|k| k.starts_with('4')),
                        "{method} {path}"
                    );
                }
            }
        }
    }
}
