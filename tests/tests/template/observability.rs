//! The template's alarms and dashboard: every function, dead-letter queue, bounce rate
//! and 5xx watched; the counters the code emits shown.

use super::*;

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
