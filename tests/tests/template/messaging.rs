//! The template's messaging: SES delivery events to the mail-events function, live updates
//! published with IAM and subscribed through the authorizer, and the mail-retry queue.

use super::*;

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
