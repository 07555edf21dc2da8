//! What a function run leaves to observe: its JSON logs (request ids, no secrets), its
//! EMF metric lines, and the exports it wrote to S3.

use super::*;

/// The function's EMF lines (CloudWatch metrics), each checked against the format: the
/// directive's metric names are numeric members, its dimension a string member.
pub(super) fn emf_lines(f: &Function, function_name: &str) -> Vec<Value> {
    let text = std::fs::read_to_string(&f.log).expect("log");
    let mut lines = Vec::new();
    for line in text.lines().filter(|l| l.contains("\"_aws\"")) {
        let doc: Value = serde_json::from_str(line).unwrap_or_else(|e| panic!("{e}: {line}"));
        let directives = doc["_aws"]["CloudWatchMetrics"]
            .as_array()
            .expect("directives");
        assert!(doc["_aws"]["Timestamp"]
            .as_i64()
            .is_some_and(|t| t > 1_600_000_000_000));
        for d in directives {
            assert_eq!(d["Namespace"], "RoomInvites", "{line}");
            assert_eq!(d["Dimensions"], serde_json::json!([["Service"]]), "{line}");
            for m in d["Metrics"].as_array().expect("metrics") {
                let name = m["Name"].as_str().expect("name");
                assert!(
                    doc[name].as_u64().is_some_and(|n| n > 0),
                    "{name} in {line}"
                );
            }
        }
        assert_eq!(
            doc["Service"], "room-invites-test",
            "METRICS_SERVICE: {line}"
        );
        assert_eq!(doc["FunctionName"], function_name, "{line}");
        assert!(
            doc["RequestId"].as_str().is_some_and(|r| !r.is_empty()),
            "{line}"
        );
        lines.push(doc);
    }
    lines
}

/// An export event answers 303 to a pre-signed S3 URL; the file there, fetched from moto.
pub(super) async fn download(moto: &support::moto::Moto, f: &Function, event: &str) -> String {
    let response = f.http(event, 303).await;
    let location = response["headers"]["location"]
        .as_str()
        .unwrap_or_default()
        .to_owned();
    assert!(
        location.starts_with(&format!("{}/{EXPORTS}/exports/{ROOM}/", moto.endpoint)),
        "{response}"
    );
    let (status, csv) = moto.request("GET", &location[moto.endpoint.len()..]).await;
    assert_eq!(status, 200, "{csv}");
    csv
}

/// Every log line is JSON; request lines carry the request id; no line holds a token,
/// a session cookie or a join link.
pub(super) fn check_logs(f: &Function) {
    let text = std::fs::read_to_string(&f.log).expect("log");
    let token = event("redemption/open-link.json")["pathParameters"]["token"]
        .as_str()
        .map(str::to_owned)
        .expect("token");
    let mut requests = 0;
    for line in text.lines().filter(|l| !l.trim().is_empty()) {
        let entry: Value =
            serde_json::from_str(line).unwrap_or_else(|e| panic!("not JSON ({e}): {line}"));
        assert!(!line.contains(&token), "a token in the log: {line}");
        assert!(
            !line.contains("rooms_session"),
            "a cookie in the log: {line}"
        );
        let links = line
            .match_indices("/join/")
            .filter(|(i, _)| !line[i + 6..].starts_with('{'));
        assert_eq!(links.count(), 0, "a link in the log: {line}");
        if entry["fields"]["message"] == "request" {
            requests += 1;
            assert!(
                entry["span"]["request_id"].is_string(),
                "no request id: {line}"
            );
        }
    }
    let trigger = ["session-start", "mail-events"].iter().any(|name| {
        f.log.file_name().is_some_and(|n| {
            n.to_string_lossy()
                .starts_with(&format!("lambda-test-{name}-{}-", std::process::id()))
        })
    });
    if !trigger {
        assert!(requests > 0, "no request lines in {}", f.log.display());
    }
}
