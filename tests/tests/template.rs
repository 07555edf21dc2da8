//! The SAM template against the code: every function crate is deployed, every route of
//! the contract reaches the function that serves it, and each function may call exactly
//! the AWS actions its code calls.

use serde_yaml::Value;
use std::collections::{BTreeMap, BTreeSet};
use std::path::PathBuf;

#[path = "template/messaging.rs"]
mod messaging;
#[path = "template/observability.rs"]
mod observability;

fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("..")
}

fn template() -> Value {
    let text =
        std::fs::read_to_string(repo().join("infra/template.yaml")).expect("infra/template.yaml");
    serde_yaml::from_str(&text).expect("valid YAML")
}

fn resources(t: &Value) -> &serde_yaml::Mapping {
    t["Resources"].as_mapping().expect("Resources")
}

/// `!GetAtt X.Arn` / `!Ref X` → `X`.
fn target(v: &Value) -> Option<String> {
    match v {
        Value::Tagged(t) => t
            .value
            .as_str()
            .map(|s| s.split('.').next().unwrap_or(s).to_owned()),
        _ => None,
    }
}

/// Logical id of each function resource → its binary.
fn functions(t: &Value) -> BTreeMap<String, String> {
    resources(t)
        .iter()
        .filter(|(_, r)| r["Type"] == "AWS::Serverless::Function")
        .map(|(id, r)| {
            assert_eq!(r["Metadata"]["BuildMethod"], "rust-cargolambda");
            let binary = r["Metadata"]["BuildProperties"]["Binary"]
                .as_str()
                .expect("Binary");
            (
                id.as_str().unwrap_or_default().to_owned(),
                binary.to_owned(),
            )
        })
        .collect()
}

#[test]
fn every_function_crate_has_a_function_resource_on_arm64_al2023() {
    let t = template();
    let deployed: BTreeSet<String> = functions(&t).into_values().collect();
    let crates: BTreeSet<String> = std::fs::read_dir(repo().join("functions"))
        .expect("functions/")
        .filter_map(Result::ok)
        .filter(|e| e.path().join("Cargo.toml").exists())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(deployed, crates);
    let g = &t["Globals"]["Function"];
    assert_eq!(
        (g["Runtime"].as_str(), g["MemorySize"].as_u64()),
        (Some("provided.al2023"), Some(256)),
        "256 MB: chosen from the memory table of docs/benchmarks.md"
    );
    // The trigger functions, which nobody waits for, stay at 128 MB.
    let fns = resources(&t);
    for name in ["SessionStartFunction", "MailEventsFunction"] {
        assert_eq!(
            fns[name]["Properties"]["MemorySize"].as_u64(),
            Some(128),
            "{name}"
        );
    }
    assert_eq!(g["Architectures"][0], "arm64");
    let table = &resources(&t)["Table"]["Properties"];
    assert_eq!(table["BillingMode"], "PAY_PER_REQUEST");
    assert_eq!(
        table["PointInTimeRecoverySpecification"]["PointInTimeRecoveryEnabled"],
        true
    );
    assert_eq!(table["TimeToLiveSpecification"]["AttributeName"], "ttl");
    for secret in ["HostJwtSecret", "SessionSecret", "UnsubscribeSecret"] {
        assert_eq!(resources(&t)[secret]["Type"], "AWS::SecretsManager::Secret");
    }
}

/// The contract's routes and the function (binary) that serves each.
const ROUTES: &[(&str, &str)] = &[
    ("GET /api/openapi.json", "rooms"),
    ("POST /api/rooms", "rooms"),
    ("GET /api/rooms/{room_id}", "rooms"),
    ("PATCH /api/rooms/{room_id}", "rooms"),
    ("DELETE /api/rooms/{room_id}", "rooms"),
    ("GET /api/rooms/{room_id}/preview/{kind}", "rooms"),
    ("GET /api/branding", "rooms"),
    ("PUT /api/branding", "rooms"),
    ("POST /api/rooms/{room_id}/invites", "invites"),
    ("GET /api/rooms/{room_id}/invites", "invites"),
    ("GET /api/rooms/{room_id}/invites.csv", "invites"),
    ("GET /api/rooms/{room_id}/summary", "invites"),
    ("DELETE /api/rooms/{room_id}/invites/{invite_id}", "invites"),
    (
        "POST /api/rooms/{room_id}/invites/{invite_id}/resend",
        "invites",
    ),
    ("POST /rooms/{room_id}/invites", "invites"),
    ("GET /api/rooms/{room_id}/participants", "participants"),
    ("GET /api/rooms/{room_id}/participants.csv", "participants"),
    (
        "PUT /api/rooms/{room_id}/participants/{email}/role",
        "participants",
    ),
    ("GET /join/{token}", "redemption"),
    ("POST /join/{token}", "redemption"),
    ("GET /rooms/{room_id}", "redemption"),
    ("GET /rooms/{room_id}/status", "redemption"),
    ("GET /rooms/{room_id}/me", "redemption"),
    ("GET /rooms/{room_id}/entry", "redemption"),
    ("GET /rooms/{room_id}/live", "redemption"),
    ("GET /.well-known/jwks.json", "redemption"),
    ("GET /join/{token}/sso", "redemption"),
    ("POST /rooms/{room_id}/knock", "redemption"),
    ("GET /unsubscribe/{invite_id}", "redemption"),
    ("GET /branding/{org_hash}/logo/{file}", "redemption"),
    ("GET /branding/{org_hash}/theme/{file}", "redemption"),
    ("POST /unsubscribe/{invite_id}", "redemption"),
    ("GET /rooms/{room_id}/waiting", "redemption"),
    ("POST /rooms/{room_id}/waiting/admit-all", "redemption"),
    (
        "POST /rooms/{room_id}/waiting/{identity}/{decision}",
        "redemption",
    ),
    ("GET /api/rooms/{room_id}/waiting", "participants"),
    (
        "POST /api/rooms/{room_id}/waiting/admit-all",
        "participants",
    ),
    (
        "POST /api/rooms/{room_id}/waiting/{identity}/admit",
        "participants",
    ),
    (
        "POST /api/rooms/{room_id}/waiting/{identity}/deny",
        "participants",
    ),
    ("GET /console", "console"),
    ("POST /console", "console"),
    ("GET /console/sign-in", "console"),
    ("GET /console/callback", "console"),
    ("POST /console/sign-out", "console"),
    ("GET /console/rooms/{room_id}", "console"),
    ("POST /console/rooms/{room_id}", "console"),
    ("GET /console/rooms/{room_id}/delete", "console"),
    ("POST /console/rooms/{room_id}/delete", "console"),
    ("GET /console/branding", "console"),
    ("POST /console/branding", "console"),
    ("GET /console/rooms/{room_id}/live", "console"),
    ("POST /console/rooms/{room_id}/invite", "console"),
    ("POST /console/rooms/{room_id}/import", "console"),
    ("GET /console/rooms/{room_id}/invites", "console"),
    (
        "POST /console/rooms/{room_id}/invites/{invite_id}/revoke",
        "console",
    ),
    (
        "POST /console/rooms/{room_id}/invites/{invite_id}/resend",
        "console",
    ),
    ("POST /console/rooms/{room_id}/bulk", "console"),
    ("GET /console/rooms/{room_id}/invites.csv", "console"),
    ("GET /console/rooms/{room_id}/participants", "console"),
    ("GET /console/rooms/{room_id}/participants.csv", "console"),
    ("POST /console/rooms/{room_id}/role", "console"),
    ("GET /console/rooms/{room_id}/dashboard", "console"),
    ("GET /auth/callback", "redemption"),
    ("GET /assets/{file}", "redemption"),
];

#[test]
fn every_route_reaches_the_function_that_serves_it() {
    let t = template();
    let res = resources(&t);
    let fns = functions(&t);
    let mut routed = BTreeMap::new();
    for (_, r) in res
        .iter()
        .filter(|(_, r)| r["Type"] == "AWS::ApiGatewayV2::Route")
    {
        let key = r["Properties"]["RouteKey"]
            .as_str()
            .expect("RouteKey")
            .to_owned();
        let integration = match &r["Properties"]["Target"] {
            Value::Tagged(t) => t
                .value
                .as_str()
                .and_then(|s| s.strip_prefix("integrations/${"))
                .and_then(|s| s.strip_suffix('}'))
                .map(str::to_owned),
            _ => None,
        }
        .expect("Target integrations/${…}");
        let function = target(&res[integration.as_str()]["Properties"]["IntegrationUri"])
            .expect("IntegrationUri");
        assert_eq!(
            res[integration.as_str()]["Properties"]["PayloadFormatVersion"],
            "2.0"
        );
        assert!(
            routed.insert(key.clone(), fns[&function].clone()).is_none(),
            "{key} twice"
        );
    }
    let expected: BTreeMap<String, String> = ROUTES
        .iter()
        .map(|(k, f)| ((*k).to_owned(), (*f).to_owned()))
        .collect();
    assert_eq!(routed, expected);
    assert!(
        !routed.keys().any(|k| k.contains("/metrics")),
        "local mode's GET /metrics is never routed in AWS (EMF lines instead)"
    );
    // The functions' sources name the router each one serves.
    for (binary, routes) in [
        ("rooms", "rooms_routes"),
        ("invites", "invite_issuance_routes"),
        ("participants", "participants_routes"),
        ("redemption", "join::routes"),
        ("console", "console::routes"),
    ] {
        let main = std::fs::read_to_string(repo().join(format!("functions/{binary}/src/main.rs")))
            .expect("main.rs");
        assert!(main.contains(routes), "{binary} serves {routes}");
    }
}

/// What each function's code calls, as IAM actions:
/// - every HTTP function reads rooms (`GetItem`) and publishes domain events (`PutEvents`);
/// - host-API POSTs claim/complete/release an `Idempotency-Key` (`PutItem`, `UpdateItem`,
///   `DeleteItem`); creating/deleting rooms and issuing/reissuing invites are
///   transactions (`TransactWriteItems` with `PutItem`/`UpdateItem`/`ConditionCheckItem`
///   parts); lists are `Query` on `gsi1`;
/// - rooms arm, move and remove schedules (and pass the scheduler's role);
/// - invites, participants and redemption (one-time codes) send email (SES v2 `SendEmail` with raw MIME content, which
///   IAM authorizes as `ses:SendEmail` and `ses:SendRawEmail`);
/// - live updates: the functions whose use cases announce session starts, reschedules,
///   deletions and role changes publish them (`appsync:EventPublish`): rooms,
///   participants, redemption (role upgrades by a newer invite) and session-start;
/// - secrets: host API functions read the host-token secret, invites, participants and
///   redemption the session secret (participant identities); participants and
///   redemption the live-room backend's secret; session-start and
///   mail-events read none.
fn expected_actions(binary: &str) -> BTreeSet<&'static str> {
    let list: &[&str] = match binary {
        "rooms" => &[
            "dynamodb:GetItem",
            "dynamodb:PutItem",
            "dynamodb:UpdateItem",
            "dynamodb:DeleteItem",
            "dynamodb:TransactWriteItems",
            "scheduler:CreateSchedule",
            "scheduler:UpdateSchedule",
            "scheduler:DeleteSchedule",
            "iam:PassRole",
            "events:PutEvents",
            "secretsmanager:GetSecretValue",
            "appsync:EventPublish",
        ],
        // The console runs the host use cases of rooms, invites and participants.
        "console" => &[
            "dynamodb:GetItem",
            "dynamodb:PutItem",
            "dynamodb:UpdateItem",
            "dynamodb:DeleteItem",
            "dynamodb:TransactWriteItems",
            "dynamodb:ConditionCheckItem",
            "dynamodb:Query",
            "scheduler:CreateSchedule",
            "scheduler:UpdateSchedule",
            "scheduler:DeleteSchedule",
            "iam:PassRole",
            "ses:SendEmail",
            "ses:SendRawEmail",
            "events:PutEvents",
            "secretsmanager:GetSecretValue",
            "s3:PutObject",
            "s3:GetObject",
            "appsync:EventPublish",
        ],
        "invites" => &[
            "dynamodb:GetItem",
            "dynamodb:PutItem",
            "dynamodb:UpdateItem",
            "dynamodb:DeleteItem",
            "dynamodb:TransactWriteItems",
            "dynamodb:ConditionCheckItem",
            "dynamodb:Query",
            "ses:SendEmail",
            "ses:SendRawEmail",
            "events:PutEvents",
            "secretsmanager:GetSecretValue",
            "s3:PutObject",
            "s3:GetObject",
            "sqs:SendMessage",
        ],
        "participants" => &[
            "dynamodb:GetItem",
            "dynamodb:UpdateItem",
            "dynamodb:Query",
            "ses:SendEmail",
            "ses:SendRawEmail",
            "events:PutEvents",
            "secretsmanager:GetSecretValue",
            "s3:PutObject",
            "s3:GetObject",
            "appsync:EventPublish",
        ],
        // One-time codes: the code item (PutItem) and its email.
        "redemption" => &[
            "dynamodb:GetItem",
            "dynamodb:PutItem",
            "dynamodb:UpdateItem",
            "dynamodb:TransactWriteItems",
            "dynamodb:ConditionCheckItem",
            "ses:SendEmail",
            "ses:SendRawEmail",
            "events:PutEvents",
            "secretsmanager:GetSecretValue",
            "appsync:EventPublish",
        ],
        // The start (UpdateItem) and room mail: reads the room, lists its invites,
        // sends, and schedules the continuation of a long mailing.
        "session-start" => &[
            "dynamodb:GetItem",
            "dynamodb:UpdateItem",
            "dynamodb:Query",
            "ses:SendEmail",
            "ses:SendRawEmail",
            "scheduler:CreateSchedule",
            "scheduler:UpdateSchedule",
            "iam:PassRole",
            "events:PutEvents",
            "appsync:EventPublish",
            // Queued mail: the link key (from the session secret), the next attempt.
            "secretsmanager:GetSecretValue",
            "sqs:SendMessage",
        ],
        // Marks the invite (conditional UpdateItem) and records a suppression (PutItem).
        "mail-events" => &["dynamodb:UpdateItem", "dynamodb:PutItem"],
        // Verifies live tokens, keyed by the session secret.
        "live-authorizer" => &["secretsmanager:GetSecretValue"],
        other => panic!("unknown function {other}"),
    };
    list.iter().copied().collect()
}

#[test]
fn each_function_may_call_exactly_what_its_code_calls() {
    let t = template();
    for (id, binary) in functions(&t) {
        let mut actions = BTreeSet::new();
        for policy in resources(&t)[id.as_str()]["Properties"]["Policies"]
            .as_sequence()
            .expect("inline policies")
        {
            for statement in policy["Statement"].as_sequence().expect("Statement") {
                assert_eq!(statement["Effect"], "Allow");
                assert_ne!(statement["Resource"], "*", "{id}: no wildcard resources");
                match &statement["Action"] {
                    Value::String(a) => {
                        actions.insert(a.clone());
                    }
                    Value::Sequence(list) => {
                        actions.extend(list.iter().filter_map(|a| a.as_str().map(str::to_owned)))
                    }
                    other => panic!("{id}: Action {other:?}"),
                }
            }
        }
        let actions: BTreeSet<&str> = actions.iter().map(String::as_str).collect();
        assert_eq!(actions, expected_actions(&binary), "{id}");
    }
    // The scheduler's role may only invoke the session-start function (and dead-letter).
    let role =
        &resources(&t)["SchedulerRole"]["Properties"]["Policies"][0]["PolicyDocument"]["Statement"];
    let actions: Vec<&str> = role
        .as_sequence()
        .expect("statements")
        .iter()
        .filter_map(|s| s["Action"].as_str())
        .collect();
    assert_eq!(actions, ["lambda:InvokeFunction", "sqs:SendMessage"]);
}

#[test]
fn the_export_bucket_is_private_encrypted_and_expires_exports() {
    let t = template();
    let bucket = &resources(&t)["ExportBucket"]["Properties"];
    let block = &bucket["PublicAccessBlockConfiguration"];
    for flag in [
        "BlockPublicAcls",
        "BlockPublicPolicy",
        "IgnorePublicAcls",
        "RestrictPublicBuckets",
    ] {
        assert_eq!(block[flag], true, "{flag}");
    }
    assert_eq!(
        bucket["BucketEncryption"]["ServerSideEncryptionConfiguration"][0]
            ["ServerSideEncryptionByDefault"]["SSEAlgorithm"],
        "AES256"
    );
    let rule = &bucket["LifecycleConfiguration"]["Rules"][0];
    assert_eq!(
        (
            rule["Status"].as_str(),
            rule["Prefix"].as_str(),
            rule["ExpirationInDays"].as_u64()
        ),
        (Some("Enabled"), Some("exports/"), Some(1))
    );
    // Only the exporting functions get the bucket, and only under exports/.
    for (id, r) in resources(&t)
        .iter()
        .filter(|(_, r)| r["Type"] == "AWS::Serverless::Function")
    {
        let id = id.as_str().unwrap_or_default();
        let has_bucket = !r["Properties"]["Environment"]["Variables"]["EXPORT_BUCKET"].is_null();
        assert_eq!(
            has_bucket,
            matches!(
                id,
                "InvitesFunction" | "ParticipantsFunction" | "ConsoleFunction"
            ),
            "{id}"
        );
        for policy in r["Properties"]["Policies"]
            .as_sequence()
            .into_iter()
            .flatten()
        {
            for st in policy["Statement"].as_sequence().into_iter().flatten() {
                let s3 = match &st["Action"] {
                    Value::Sequence(a) => a
                        .iter()
                        .any(|a| a.as_str().is_some_and(|a| a.starts_with("s3:"))),
                    Value::String(a) => a.starts_with("s3:"),
                    _ => false,
                };
                if s3 {
                    let resource = match &st["Resource"] {
                        Value::Tagged(t) => t.value.as_str().unwrap_or_default().to_owned(),
                        other => panic!("{id}: S3 resource {other:?}"),
                    };
                    assert_eq!(resource, "${ExportBucket.Arn}/exports/*", "{id}");
                }
            }
        }
    }
}

/// The live-room backend: its parameters reach every function, its secret exists only
/// for the chosen backend, and only the functions that hand over (redemption) or push
/// role changes (participants: LiveKit) may read it.
#[test]
fn the_room_backend_secrets_reach_only_the_functions_that_use_them() {
    let t = template();
    let res = resources(&t);
    for (secret, condition) in [
        ("LiveKitSecret", "UsesLiveKit"),
        ("JitsiSecret", "UsesJitsi"),
        ("RoomEntryKey", "UsesRedirect"),
    ] {
        assert_eq!(res[secret]["Type"], "AWS::SecretsManager::Secret");
        assert_eq!(res[secret]["Condition"], condition);
    }
    assert!(res["RoomEntryKey"]["Properties"]["GenerateSecretString"].is_mapping());
    let env = &t["Globals"]["Function"]["Environment"]["Variables"];
    for name in [
        "ROOM_BACKEND",
        "LIVEKIT_URL",
        "LIVEKIT_API_KEY",
        "LIVEKIT_API_SECRET_ARN",
        "JITSI_URL",
        "JITSI_APP_ID",
        "JITSI_APP_SECRET_ARN",
        "ROOM_APP_URL",
        "ROOM_ENTRY_KEY_ARN",
    ] {
        assert!(!env[name].is_null(), "{name}");
    }
    let readable = |function: &str| -> String {
        let statements = &res[function]["Properties"]["Policies"][0]["Statement"];
        statements
            .as_sequence()
            .expect("statements")
            .iter()
            .filter(|s| s["Action"] == "secretsmanager:GetSecretValue")
            .map(|s| format!("{:?}", s["Resource"]))
            .collect()
    };
    for (function, secrets) in [
        (
            "RedemptionFunction",
            &[
                "SessionSecret",
                "UnsubscribeSecret",
                "LiveKitSecret",
                "JitsiSecret",
                "RoomEntryKey",
            ][..],
        ),
        (
            "ParticipantsFunction",
            &["HostJwtSecret", "SessionSecret", "LiveKitSecret"][..],
        ),
    ] {
        let text = readable(function);
        for s in secrets {
            assert!(
                text.contains(&format!("\"{s}\"")),
                "{function} reads {s}: {text}"
            );
        }
    }
    for function in ["RoomsFunction", "InvitesFunction"] {
        let text = readable(function);
        for s in ["LiveKitSecret", "JitsiSecret", "RoomEntryKey"] {
            assert!(!text.contains(s), "{function} never reads {s}");
        }
    }
}

/// `!Tag value` → (`Tag`, value).
fn tagged(v: &Value) -> Option<(String, &Value)> {
    match v {
        Value::Tagged(t) => Some((
            t.tag.to_string().trim_start_matches('!').to_owned(),
            &t.value,
        )),
        _ => None,
    }
}

fn of_type<'a>(t: &'a Value, kind: &str) -> Vec<(String, &'a Value)> {
    resources(t)
        .iter()
        .filter(|(_, r)| r["Type"] == kind)
        .map(|(id, r)| (id.as_str().unwrap_or_default().to_owned(), &r["Properties"]))
        .collect()
}

/// The names the functions' EMF lines can carry: each counter's base name, and with a
/// label value (an outcome, an error code of the join surface, an email kind).
fn emf_names() -> BTreeSet<String> {
    use shared::telemetry::emf::metric_name;
    let values = [
        "admitted",
        "readmitted",
        "invalid_link",
        "link_expired",
        "link_used",
        "invite_revoked",
        "room_deleted",
        "domain_blocked",
        "email_mismatch",
        "too_many_attempts",
        "internal",
        "invitation",
        "role_change",
        "reminder",
        "update",
        "cancellation",
    ];
    let mut names = BTreeSet::new();
    for name in shared::telemetry::names() {
        names.insert(metric_name(name, &[]));
        for v in values {
            names.insert(metric_name(name, &[v]));
        }
    }
    names
}

/// A metric of an alarm (`Namespace`, `MetricName`, dimension name → value).
fn alarm_metric(m: &Value) -> (String, String, BTreeMap<String, Value>) {
    let dims = m["Dimensions"]
        .as_sequence()
        .map(|d| {
            d.iter()
                .map(|d| {
                    (
                        d["Name"].as_str().unwrap_or_default().to_owned(),
                        d["Value"].clone(),
                    )
                })
                .collect()
        })
        .unwrap_or_default();
    (
        m["Namespace"].as_str().unwrap_or_default().to_owned(),
        m["MetricName"].as_str().unwrap_or_default().to_owned(),
        dims,
    )
}

fn is_ref(v: &Value, to: &str) -> bool {
    tagged(v).is_some_and(|(tag, value)| tag == "Ref" && value == to)
}

fn is_attr(v: &Value, to: &str) -> bool {
    tagged(v).is_some_and(|(tag, value)| tag == "GetAtt" && value == to)
}
