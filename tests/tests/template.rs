//! The SAM template against the code: every function crate is deployed, every route of
//! the contract reaches the function that serves it, and each function may call exactly
//! the AWS actions its code calls.

use serde_yaml::Value;
use std::collections::{BTreeMap, BTreeSet};
use std::path::PathBuf;

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
fn every_function_crate_has_a_function_resource_on_arm64_al2023_128mb() {
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
        (Some("provided.al2023"), Some(128))
    );
    assert_eq!(g["Architectures"][0], "arm64");
    let table = &resources(&t)["Table"]["Properties"];
    assert_eq!(table["BillingMode"], "PAY_PER_REQUEST");
    assert_eq!(
        table["PointInTimeRecoverySpecification"]["PointInTimeRecoveryEnabled"],
        true
    );
    assert_eq!(table["TimeToLiveSpecification"]["AttributeName"], "ttl");
    for secret in ["HostJwtSecret", "SessionSecret"] {
        assert_eq!(resources(&t)[secret]["Type"], "AWS::SecretsManager::Secret");
    }
}

/// The contract's routes and the function (binary) that serves each.
const ROUTES: &[(&str, &str)] = &[
    ("POST /api/rooms", "rooms"),
    ("GET /api/rooms/{room_id}", "rooms"),
    ("PATCH /api/rooms/{room_id}", "rooms"),
    ("DELETE /api/rooms/{room_id}", "rooms"),
    ("POST /api/rooms/{room_id}/invites", "invites"),
    ("GET /api/rooms/{room_id}/invites", "invites"),
    ("DELETE /api/rooms/{room_id}/invites/{invite_id}", "invites"),
    (
        "POST /api/rooms/{room_id}/invites/{invite_id}/resend",
        "invites",
    ),
    ("GET /api/rooms/{room_id}/participants", "participants"),
    (
        "PUT /api/rooms/{room_id}/participants/{email}/role",
        "participants",
    ),
    ("GET /join/{token}", "redemption"),
    ("POST /join/{token}", "redemption"),
    ("GET /rooms/{room_id}", "redemption"),
    ("GET /rooms/{room_id}/status", "redemption"),
    ("GET /rooms/{room_id}/me", "redemption"),
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
    // The functions' sources name the router each one serves.
    for (binary, routes) in [
        ("rooms", "rooms_routes"),
        ("invites", "invites_routes"),
        ("participants", "participants_routes"),
        ("redemption", "join::routes"),
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
/// - invites and participants send email (SES v2 `SendEmail` with raw MIME content, which
///   IAM authorizes as `ses:SendEmail` and `ses:SendRawEmail`);
/// - secrets: host API functions read the host-token secret, invites and redemption the
///   session secret; session-start and mail-events read none.
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
        ],
        "participants" => &[
            "dynamodb:GetItem",
            "dynamodb:UpdateItem",
            "dynamodb:Query",
            "ses:SendEmail",
            "ses:SendRawEmail",
            "events:PutEvents",
            "secretsmanager:GetSecretValue",
        ],
        "redemption" => &[
            "dynamodb:GetItem",
            "dynamodb:UpdateItem",
            "dynamodb:TransactWriteItems",
            "dynamodb:ConditionCheckItem",
            "events:PutEvents",
            "secretsmanager:GetSecretValue",
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
        ],
        // Marks the invite (conditional UpdateItem) and records a suppression (PutItem).
        "mail-events" => &["dynamodb:UpdateItem", "dynamodb:PutItem"],
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

/// SES publishes delivery events to the default bus, and the mail-events function's rule
/// takes exactly deliveries, bounces and complaints from SES.
#[test]
fn delivery_events_reach_the_mail_events_function() {
    let t = template();
    let r = resources(&t);
    let destination = r
        .values()
        .find(|v| v["Type"] == "AWS::SES::ConfigurationSetEventDestination")
        .expect("an SES event destination");
    let d = &destination["Properties"]["EventDestination"];
    assert_eq!(d["Enabled"], Value::Bool(true));
    let types: Vec<&str> = d["MatchingEventTypes"]
        .as_sequence()
        .expect("types")
        .iter()
        .filter_map(Value::as_str)
        .collect();
    assert_eq!(types, ["delivery", "bounce", "complaint"]);
    let bus = format!("{:?}", d["EventBridgeDestination"]["EventBusArn"]);
    assert!(bus.contains("event-bus/default"), "{bus}");
    let events = &r["MailEventsFunction"]["Properties"]["Events"];
    let rule = events
        .as_mapping()
        .and_then(|m| m.values().next())
        .expect("one event source");
    assert_eq!(rule["Type"], "EventBridgeRule");
    let pattern = &rule["Properties"]["Pattern"];
    assert_eq!(pattern["source"][0], "aws.ses");
    let detail_types: Vec<&str> = pattern["detail-type"]
        .as_sequence()
        .expect("detail-type")
        .iter()
        .filter_map(Value::as_str)
        .collect();
    assert_eq!(
        detail_types,
        [
            "Email Delivered",
            "Email Bounced",
            "Email Complaint Received"
        ]
    );
}
