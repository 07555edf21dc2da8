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

#[test]
fn alarms_watch_every_function_the_dead_letters_bounces_and_5xx() {
    let t = template();
    assert_eq!(t["Parameters"]["AlarmTopicArn"]["Default"], "");
    assert!(tagged(&t["Conditions"]["HasAlarmTopic"]).is_some());
    let alarms = of_type(&t, "AWS::CloudWatch::Alarm");
    for (id, a) in &alarms {
        for key in ["AlarmActions", "OKActions"] {
            let (tag, args) = tagged(&a[key]).unwrap_or_else(|| panic!("{id}: {key} is !If"));
            assert_eq!(tag, "If", "{id}");
            assert_eq!(args[0], "HasAlarmTopic", "{id}");
            assert!(
                is_ref(&args[1][0], "AlarmTopicArn"),
                "{id}: {key} notifies the topic"
            );
            assert!(
                is_ref(&args[2], "AWS::NoValue"),
                "{id}: none without a topic"
            );
        }
        assert_eq!(a["TreatMissingData"], "notBreaching", "{id}");
    }
    let simple: Vec<_> = alarms
        .iter()
        .filter(|(_, a)| a["MetricName"].is_string())
        .map(|(id, a)| (id.clone(), alarm_metric(a), *a))
        .collect();
    for function in functions(&t).keys() {
        let watched = simple.iter().any(|(_, (ns, name, dims), a)| {
            ns == "AWS/Lambda"
                && name == "Errors"
                && dims
                    .get("FunctionName")
                    .is_some_and(|v| is_ref(v, function))
                && a["Threshold"].as_f64() == Some(0.0)
                && a["ComparisonOperator"] == "GreaterThanThreshold"
        });
        assert!(watched, "no errors alarm on {function}");
    }
    let dlq = simple
        .iter()
        .find(|(_, (ns, name, _), _)| {
            ns == "AWS/SQS" && name == "ApproximateNumberOfMessagesVisible"
        })
        .expect("a dead-letter alarm");
    assert!(is_attr(
        &dlq.1 .2["QueueName"],
        "SessionStartDeadLetterQueue.QueueName"
    ));
    assert_eq!(
        (
            dlq.2["Threshold"].as_f64(),
            dlq.2["ComparisonOperator"].as_str()
        ),
        (Some(0.0), Some("GreaterThanThreshold"))
    );
    let session_start = &resources(&t)["SessionStartFunction"]["Properties"];
    assert!(is_attr(
        &session_start["DeadLetterQueue"]["TargetArn"],
        "SessionStartDeadLetterQueue.Arn"
    ));

    // The rate alarms: metric math over two real metrics, each referenced by the expression.
    let math = |numerator: (&str, &str), denominator: (&str, &str)| {
        let (id, a) = alarms
            .iter()
            .find(|(_, a)| {
                a["Metrics"].as_sequence().is_some_and(|ms| {
                    ms.iter()
                        .any(|m| m["MetricStat"]["Metric"]["MetricName"] == numerator.1)
                })
            })
            .unwrap_or_else(|| panic!("no alarm on {numerator:?}"));
        let metrics = a["Metrics"].as_sequence().expect("Metrics");
        let expression = metrics
            .iter()
            .find(|m| m["ReturnData"] == true)
            .and_then(|m| m["Expression"].as_str())
            .unwrap_or_else(|| panic!("{id}: one returned expression"));
        let mut found = BTreeMap::new();
        for m in metrics.iter().filter(|m| m["MetricStat"].is_mapping()) {
            assert_eq!(m["ReturnData"], false, "{id}");
            let m_id = m["Id"].as_str().expect("Id");
            assert!(expression.contains(m_id), "{id}: {expression} uses {m_id}");
            let metric = alarm_metric(&m["MetricStat"]["Metric"]);
            assert_eq!(m["MetricStat"]["Stat"], "Sum", "{id}");
            found.insert((metric.0.clone(), metric.1.clone()), metric.2);
        }
        let keys: BTreeSet<_> = found.keys().cloned().collect();
        let want: BTreeSet<_> = [numerator, denominator]
            .iter()
            .map(|(ns, n)| ((*ns).to_owned(), (*n).to_owned()))
            .collect();
        assert_eq!(keys, want, "{id}");
        assert!(expression.contains('/'), "{id}: a rate");
        found
    };
    let bounce = math(
        ("RoomInvites", "emails_bounced"),
        ("RoomInvites", "emails_sent"),
    );
    for (key, dims) in &bounce {
        assert!(emf_names().contains(&key.1), "{} is not emitted", key.1);
        assert!(is_ref(&dims["Service"], "AWS::StackName"), "{key:?}");
        assert_eq!(dims.len(), 1, "the EMF lines' one dimension");
    }
    let api = math(("AWS/ApiGateway", "5xx"), ("AWS/ApiGateway", "Count"));
    for dims in api.values() {
        assert!(is_ref(&dims["ApiId"], "HttpApi"));
    }
    assert_eq!(resources(&t)["HttpApi"]["Type"], "AWS::ApiGatewayV2::Api");
    // The functions name the dimension's value.
    assert!(is_ref(
        &t["Globals"]["Function"]["Environment"]["Variables"]["METRICS_SERVICE"],
        "AWS::StackName"
    ));
}

#[test]
fn the_dashboard_shows_the_counters_functions_api_and_alarms() {
    let t = template();
    let dashboards = of_type(&t, "AWS::CloudWatch::Dashboard");
    assert_eq!(dashboards.len(), 1);
    let (tag, body) = tagged(&dashboards[0].1["DashboardBody"]).expect("!Sub body");
    assert_eq!(tag, "Sub");
    let body = body.as_str().expect("a string");
    // Every `${…}` is a pseudo parameter or a resource of the template.
    let mut text = String::new();
    let mut rest = body;
    while let Some(start) = rest.find("${") {
        let end = rest[start..].find('}').expect("closed ${") + start;
        let name = &rest[start + 2..end];
        let id = name.split('.').next().unwrap_or(name);
        assert!(
            id.starts_with("AWS::") || resources(&t).contains_key(id),
            "${{{name}}} is not a resource"
        );
        text.push_str(&rest[..start]);
        text.push_str(&format!("<{name}>"));
        rest = &rest[end + 1..];
    }
    text.push_str(rest);
    let doc: serde_json::Value = serde_json::from_str(&text).expect("the body is JSON");
    let mut shown: BTreeSet<(String, String, String)> = BTreeSet::new();
    let mut alarms_shown = BTreeSet::new();
    for w in doc["widgets"].as_array().expect("widgets") {
        for m in w["properties"]["metrics"].as_array().into_iter().flatten() {
            let row = m.as_array().expect("a metric row");
            if let (Some(ns), Some(name)) = (row[0].as_str(), row.get(1).and_then(|v| v.as_str())) {
                let dim = row.get(3).and_then(|v| v.as_str()).unwrap_or_default();
                shown.insert((ns.to_owned(), name.to_owned(), dim.to_owned()));
            }
        }
        for a in w["properties"]["alarms"].as_array().into_iter().flatten() {
            alarms_shown.insert(a.as_str().unwrap_or_default().to_owned());
        }
    }
    let emitted = emf_names();
    for (ns, name, dim) in &shown {
        if ns == "RoomInvites" {
            assert!(emitted.contains(name), "{name} is never emitted");
            assert_eq!(dim, "<AWS::StackName>", "{name}: the Service dimension");
        }
    }
    let has = |ns: &str, name: &str, dim: &str| {
        shown.contains(&(ns.to_owned(), name.to_owned(), dim.to_owned()))
    };
    for counter in [
        "invites_issued",
        "redemptions_admitted",
        "redemptions_readmitted",
        "redemptions_email_mismatch",
        "link_errors_link_used",
        "emails_sent",
        "emails_failed",
        "emails_bounced",
        "session_starts",
        "reminders_sent",
    ] {
        assert!(has("RoomInvites", counter, "<AWS::StackName>"), "{counter}");
    }
    for function in functions(&t).keys() {
        for metric in ["Errors", "Duration", "Throttles"] {
            assert!(
                has("AWS/Lambda", metric, &format!("<{function}>")),
                "{function} {metric}"
            );
        }
    }
    for metric in ["Count", "5xx"] {
        assert!(has("AWS/ApiGateway", metric, "<HttpApi>"), "{metric}");
    }
    assert!(has(
        "AWS/SQS",
        "ApproximateNumberOfMessagesVisible",
        "<SessionStartDeadLetterQueue.QueueName>"
    ));
    let alarms: BTreeSet<String> = of_type(&t, "AWS::CloudWatch::Alarm")
        .into_iter()
        .map(|(id, _)| format!("<{id}.Arn>"))
        .collect();
    assert_eq!(alarms_shown, alarms, "the dashboard lists every alarm");
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
    assert_eq!(types, ["send", "delivery", "bounce", "complaint"]);
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
            "Email Sent",
            "Email Delivered",
            "Email Bounced",
            "Email Complaint Received"
        ]
    );
}

/// The functions whose environment names the Event API, and that may publish to it.
const LIVE_PUBLISHERS: [&str; 5] = [
    "RoomsFunction",
    "ConsoleFunction",
    "ParticipantsFunction",
    "RedemptionFunction",
    "SessionStartFunction",
];

fn auth_types(v: &Value) -> Vec<&str> {
    v.as_sequence()
        .map(|modes| {
            modes
                .iter()
                .filter_map(|m| m["AuthType"].as_str())
                .collect()
        })
        .unwrap_or_default()
}

/// Live updates (integrations.md section 3): an Event API whose one namespace takes
/// publishes only from IAM and subscriptions only through the Lambda authorizer, which
/// AppSync alone (and only from this API) may invoke; exactly the publishing functions
/// may publish, and only to that namespace.
#[test]
fn live_updates_publish_with_iam_only_and_subscribe_through_the_authorizer() {
    let t = template();
    let res = resources(&t);
    let api = &res["LiveEventsApi"];
    assert_eq!(api["Type"], "AWS::AppSync::Api");
    let config = &api["Properties"]["EventConfig"];
    let providers = config["AuthProviders"].as_sequence().expect("providers");
    assert_eq!(
        auth_types(&config["AuthProviders"]),
        ["AWS_IAM", "AWS_LAMBDA"]
    );
    let lambda = providers
        .iter()
        .find(|p| p["AuthType"] == "AWS_LAMBDA")
        .expect("the Lambda provider");
    assert!(is_attr(
        &lambda["LambdaAuthorizerConfig"]["AuthorizerUri"],
        "LiveAuthorizerFunction.Arn"
    ));
    assert_eq!(
        lambda["LambdaAuthorizerConfig"]["AuthorizerResultTtlInSeconds"].as_u64(),
        Some(0),
        "answers are not cached (one token, several channels)"
    );
    assert_eq!(auth_types(&config["ConnectionAuthModes"]), ["AWS_LAMBDA"]);
    assert_eq!(auth_types(&config["DefaultPublishAuthModes"]), ["AWS_IAM"]);
    assert_eq!(
        auth_types(&config["DefaultSubscribeAuthModes"]),
        ["AWS_LAMBDA"]
    );

    let namespaces = of_type(&t, "AWS::AppSync::ChannelNamespace");
    assert_eq!(namespaces.len(), 1, "one namespace");
    let (ns_id, ns) = &namespaces[0];
    assert!(is_attr(&ns["ApiId"], "LiveEventsApi.ApiId"));
    assert_eq!(auth_types(&ns["PublishAuthModes"]), ["AWS_IAM"]);
    assert_eq!(auth_types(&ns["SubscribeAuthModes"]), ["AWS_LAMBDA"]);
    let env = &t["Globals"]["Function"]["Environment"]["Variables"];
    assert_eq!(
        ns["Name"], env["LIVE_NAMESPACE"],
        "the functions use the namespace's name"
    );

    // Only AppSync, and only from this API, may invoke the authorizer.
    let permissions: Vec<_> = of_type(&t, "AWS::Lambda::Permission")
        .into_iter()
        .filter(|(_, p)| is_ref(&p["FunctionName"], "LiveAuthorizerFunction"))
        .collect();
    assert_eq!(permissions.len(), 1);
    let p = permissions[0].1;
    assert_eq!(
        (p["Action"].as_str(), p["Principal"].as_str()),
        (Some("lambda:InvokeFunction"), Some("appsync.amazonaws.com"))
    );
    assert!(is_attr(&p["SourceArn"], "LiveEventsApi.ApiArn"));

    // Publishing: exactly the publishing functions, one action, the namespace only; no
    // function may connect or subscribe (that is the pages' part).
    for (id, r) in res
        .iter()
        .filter(|(_, r)| r["Type"] == "AWS::Serverless::Function")
    {
        let id = id.as_str().unwrap_or_default();
        let mut publishes = false;
        for policy in r["Properties"]["Policies"]
            .as_sequence()
            .into_iter()
            .flatten()
        {
            for st in policy["Statement"].as_sequence().into_iter().flatten() {
                let actions: Vec<&str> = match &st["Action"] {
                    Value::String(a) => vec![a.as_str()],
                    Value::Sequence(a) => a.iter().filter_map(Value::as_str).collect(),
                    _ => vec![],
                };
                if actions.iter().any(|a| a.starts_with("appsync:")) {
                    assert_eq!(actions, ["appsync:EventPublish"], "{id}");
                    assert!(
                        is_attr(&st["Resource"], &format!("{}.ChannelNamespaceArn", ns_id)),
                        "{id}: the namespace only"
                    );
                    publishes = true;
                }
            }
        }
        assert_eq!(publishes, LIVE_PUBLISHERS.contains(&id), "{id}");
        let vars = &r["Properties"]["Environment"]["Variables"];
        let named = !vars["APPSYNC_HTTP_DOMAIN"].is_null();
        assert_eq!(named, LIVE_PUBLISHERS.contains(&id), "{id}");
        if named {
            assert!(is_attr(
                &vars["APPSYNC_HTTP_DOMAIN"],
                "LiveEventsApi.Dns.Http"
            ));
            assert!(is_attr(
                &vars["APPSYNC_REALTIME_DOMAIN"],
                "LiveEventsApi.Dns.Realtime"
            ));
        }
    }
    // The authorizer reads the session secret only.
    let authorizer = &res["LiveAuthorizerFunction"]["Properties"]["Policies"][0]["Statement"];
    let statements = authorizer.as_sequence().expect("statements");
    assert_eq!(statements.len(), 1);
    assert!(is_ref(&statements[0]["Resource"], "SessionSecret"));
    for output in ["LiveHttpDomain", "LiveRealtimeDomain"] {
        assert!(!t["Outputs"][output].is_null(), "{output}");
    }
}

#[test]
fn queued_mail_has_its_queue_dead_letter_queue_alarm_and_reader() {
    let t = template();
    let r = resources(&t);
    let queue = &r["MailRetryQueue"]["Properties"];
    assert_eq!(queue["SqsManagedSseEnabled"], true, "encrypted at rest");
    let redrive = &queue["RedrivePolicy"];
    assert!(is_attr(
        &redrive["deadLetterTargetArn"],
        "MailRetryDeadLetterQueue.Arn"
    ));
    assert_eq!(redrive["maxReceiveCount"], 5);
    let reader = &r["SessionStartFunction"]["Properties"];
    let timeout = reader["Timeout"].as_u64().expect("timeout");
    assert!(
        queue["VisibilityTimeout"].as_u64().expect("visibility") >= timeout,
        "a message stays hidden while its reader may still run"
    );
    let event = &reader["Events"]["MailRetries"];
    assert_eq!(event["Type"], "SQS");
    assert!(is_attr(&event["Properties"]["Queue"], "MailRetryQueue.Arn"));
    assert_eq!(
        event["Properties"]["FunctionResponseTypes"][0], "ReportBatchItemFailures",
        "one failed retry does not redeliver its batch"
    );
    let env = &t["Globals"]["Function"]["Environment"]["Variables"];
    assert!(is_ref(&env["MAIL_QUEUE_URL"], "MailRetryQueue"));
    assert!(is_ref(&env["MAIL_RETRY_HOURS"], "MailRetryHours"));
    assert_eq!(t["Parameters"]["MailRetryHours"]["Default"], 24);
    let alarmed = of_type(&t, "AWS::CloudWatch::Alarm")
        .into_iter()
        .any(|(_, a)| {
            a["MetricName"] == "ApproximateNumberOfMessagesVisible"
                && is_attr(
                    &a["Dimensions"][0]["Value"],
                    "MailRetryDeadLetterQueue.QueueName",
                )
        });
    assert!(alarmed, "an alarm on the mail dead-letter queue");
}
