//! A `metrics` recorder for Lambda: counts in memory, and at the end of each invocation
//! one CloudWatch Embedded Metric Format (EMF) log line with that invocation's counts,
//! which CloudWatch Logs turns into metrics (no API call, no extra permission).
//!
//! The line is a JSON object: `_aws` with the `Timestamp` (ms) and one `CloudWatchMetrics`
//! directive (namespace, dimension set `[["Service"]]`, the metric names), the `Service`
//! dimension's value, the metric values, and `FunctionName` and `RequestId` as plain
//! properties (searchable in Logs Insights, not dimensions: alarms sum over functions).
//!
//! EMF values are per document, so labels become names: `redemptions_total{outcome=
//! "admitted"}` is reported as `redemptions_admitted`, and also in the total
//! `redemptions` (the `_total` suffix is Prometheus's convention, not CloudWatch's).

use metrics::{Counter, Gauge, Histogram, Key, KeyName, Metadata, Recorder, SharedString, Unit};
use serde_json::{json, Map, Value};
use std::collections::BTreeMap;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, OnceLock};

/// CloudWatch namespace of the metrics (`METRICS_NAMESPACE` overrides it).
pub const NAMESPACE: &str = "RoomInvites";
/// The `Service` dimension's default (`METRICS_SERVICE` overrides it; the template sets
/// the stack name).
pub const SERVICE: &str = "room-invites";
/// The EMF limit of metrics per directive.
const MAX_METRICS_PER_DIRECTIVE: usize = 100;

/// The CloudWatch name of counter `name` with `label_values`: `redemptions_total` with
/// `["admitted"]` is `redemptions_admitted`, without labels `redemptions`.
pub fn metric_name(name: &str, label_values: &[&str]) -> String {
    let mut out = name.strip_suffix("_total").unwrap_or(name).to_owned();
    for value in label_values {
        out.push('_');
        out.push_str(value);
    }
    out
}

/// Where an invocation's counts go: the fixed parts of each line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EmfConfig {
    pub namespace: String,
    pub service: String,
    pub function_name: Option<String>,
}

impl EmfConfig {
    /// From `METRICS_NAMESPACE`, `METRICS_SERVICE` and Lambda's `AWS_LAMBDA_FUNCTION_NAME`.
    pub fn from_env() -> Self {
        let var = |name: &str| std::env::var(name).ok().filter(|v| !v.trim().is_empty());
        EmfConfig {
            namespace: var("METRICS_NAMESPACE").unwrap_or_else(|| NAMESPACE.into()),
            service: var("METRICS_SERVICE").unwrap_or_else(|| SERVICE.into()),
            function_name: var("AWS_LAMBDA_FUNCTION_NAME"),
        }
    }
}

/// The counters since the last [`EmfRecorder::take`]; cheap to clone (shared state).
#[derive(Clone, Default)]
pub struct EmfRecorder {
    counters: Arc<Mutex<BTreeMap<Key, Arc<AtomicU64>>>>,
    histograms: Arc<Mutex<BTreeMap<Key, Arc<Samples>>>>,
}

/// The values a histogram recorded since the last line (EMF carries them as an array).
#[derive(Default)]
struct Samples(Mutex<Vec<f64>>);

impl metrics::HistogramFn for Samples {
    fn record(&self, value: f64) {
        if let Ok(mut values) = self.0.lock() {
            values.push(value);
        }
    }
}

impl EmfRecorder {
    /// The counts since the last call, by EMF metric name (zero counts left out), and
    /// every counter back at zero.
    pub fn take(&self) -> BTreeMap<String, u64> {
        let mut counts = BTreeMap::new();
        let Ok(counters) = self.counters.lock() else {
            return counts;
        };
        for (key, value) in counters.iter() {
            let n = value.swap(0, Ordering::Relaxed);
            if n == 0 {
                continue;
            }
            *counts.entry(metric_name(key.name(), &[])).or_insert(0) += n;
            let values: Vec<&str> = key.labels().map(|l| l.value()).collect();
            if !values.is_empty() {
                *counts.entry(metric_name(key.name(), &values)).or_insert(0) += n;
            }
        }
        counts
    }

    /// The histograms' values since the last call, by EMF metric name (none left out
    /// empty), and every histogram emptied.
    pub fn take_values(&self) -> BTreeMap<String, Vec<f64>> {
        let mut out = BTreeMap::new();
        let Ok(histograms) = self.histograms.lock() else {
            return out;
        };
        for (key, samples) in histograms.iter() {
            let values = samples
                .0
                .lock()
                .map(|mut v| std::mem::take(&mut *v))
                .unwrap_or_default();
            if !values.is_empty() {
                out.entry(key.name().to_owned())
                    .or_insert_with(Vec::new)
                    .extend(values);
            }
        }
        out
    }
}

impl Recorder for EmfRecorder {
    fn describe_counter(&self, _: KeyName, _: Option<Unit>, _: SharedString) {}
    fn describe_gauge(&self, _: KeyName, _: Option<Unit>, _: SharedString) {}
    fn describe_histogram(&self, _: KeyName, _: Option<Unit>, _: SharedString) {}

    fn register_counter(&self, key: &Key, _: &Metadata<'_>) -> Counter {
        match self.counters.lock() {
            Ok(mut counters) => Counter::from_arc(counters.entry(key.clone()).or_default().clone()),
            Err(_) => Counter::noop(),
        }
    }

    fn register_gauge(&self, _: &Key, _: &Metadata<'_>) -> Gauge {
        Gauge::noop()
    }

    fn register_histogram(&self, key: &Key, _: &Metadata<'_>) -> Histogram {
        match self.histograms.lock() {
            Ok(mut histograms) => {
                Histogram::from_arc(histograms.entry(key.clone()).or_default().clone())
            }
            Err(_) => Histogram::noop(),
        }
    }
}

/// One EMF document with `counts`, or `None` when nothing was counted.
pub fn line(
    config: &EmfConfig,
    counts: &BTreeMap<String, u64>,
    request_id: Option<&str>,
    timestamp_ms: i64,
) -> Option<String> {
    line_with_values(config, counts, &BTreeMap::new(), request_id, timestamp_ms)
}

/// [`line`] with histograms' values too: each an array of the values recorded (in
/// seconds: the service's histograms measure durations).
pub fn line_with_values(
    config: &EmfConfig,
    counts: &BTreeMap<String, u64>,
    values: &BTreeMap<String, Vec<f64>>,
    request_id: Option<&str>,
    timestamp_ms: i64,
) -> Option<String> {
    if counts.is_empty() && values.is_empty() {
        return None;
    }
    let names: Vec<(&String, &str)> = counts
        .keys()
        .map(|n| (n, "Count"))
        .chain(values.keys().map(|n| (n, "Seconds")))
        .collect();
    let directives: Vec<Value> = names
        .chunks(MAX_METRICS_PER_DIRECTIVE)
        .map(|chunk| {
            json!({
                "Namespace": config.namespace,
                "Dimensions": [["Service"]],
                "Metrics": chunk.iter().map(|(name, unit)| json!({ "Name": name, "Unit": unit })).collect::<Vec<_>>(),
            })
        })
        .collect();
    let mut root = Map::new();
    root.insert(
        "_aws".into(),
        json!({ "Timestamp": timestamp_ms, "CloudWatchMetrics": directives }),
    );
    root.insert("Service".into(), Value::String(config.service.clone()));
    if let Some(function_name) = &config.function_name {
        root.insert("FunctionName".into(), Value::String(function_name.clone()));
    }
    if let Some(request_id) = request_id {
        root.insert("RequestId".into(), Value::String(request_id.to_owned()));
    }
    for (name, count) in counts {
        root.insert(name.clone(), Value::from(*count));
    }
    for (name, recorded) in values {
        root.insert(name.clone(), Value::from(recorded.clone()));
    }
    Some(Value::Object(root).to_string())
}

static INSTALLED: OnceLock<(EmfRecorder, EmfConfig)> = OnceLock::new();

/// Installs the EMF recorder as the process's `metrics` recorder (once; a later call, or
/// another recorder already installed, leaves things as they are).
pub fn install(config: EmfConfig) {
    INSTALLED.get_or_init(|| {
        let recorder = EmfRecorder::default();
        if metrics::set_global_recorder(recorder.clone()).is_err() {
            tracing::warn!("a metrics recorder was already installed; no EMF lines");
        }
        (recorder, config)
    });
    super::describe();
}

/// Writes the invocation's EMF line to stdout (CloudWatch Logs), if anything was counted.
pub fn flush(request_id: Option<&str>) {
    let Some((recorder, config)) = INSTALLED.get() else {
        return;
    };
    let now_ms = (time::OffsetDateTime::now_utc().unix_timestamp_nanos() / 1_000_000) as i64;
    let (counts, values) = (recorder.take(), recorder.take_values());
    if let Some(line) = line_with_values(config, &counts, &values, request_id, now_ms) {
        use std::io::Write;
        let mut out = std::io::stdout().lock();
        let _ = writeln!(out, "{line}");
        let _ = out.flush();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn config() -> EmfConfig {
        EmfConfig {
            namespace: NAMESPACE.into(),
            service: "room-invites-test".into(),
            function_name: Some("room-invites-redemption".into()),
        }
    }

    fn recorder_with_counts() -> EmfRecorder {
        let recorder = EmfRecorder::default();
        metrics::with_local_recorder(&recorder, || {
            metrics::counter!("invites_issued_total").increment(2);
            metrics::counter!("redemptions_total", "outcome" => "admitted").increment(1);
            metrics::counter!("redemptions_total", "outcome" => "link_used").increment(3);
            metrics::counter!("session_starts_total").increment(0);
        });
        recorder
    }

    #[test]
    fn labels_become_names_and_totals() {
        let counts = recorder_with_counts().take();
        let expected: BTreeMap<String, u64> = [
            ("invites_issued", 2),
            ("redemptions", 4),
            ("redemptions_admitted", 1),
            ("redemptions_link_used", 3),
        ]
        .into_iter()
        .map(|(k, v)| (k.to_owned(), v))
        .collect();
        assert_eq!(counts, expected, "zero counts are left out");
    }

    #[test]
    fn take_resets_the_counts() {
        let recorder = recorder_with_counts();
        assert!(!recorder.take().is_empty());
        assert!(
            recorder.take().is_empty(),
            "the next invocation starts at zero"
        );
        assert_eq!(line(&config(), &recorder.take(), Some("r"), 0), None);
        metrics::with_local_recorder(&recorder, || {
            metrics::counter!("invites_issued_total").increment(1)
        });
        assert_eq!(recorder.take().get("invites_issued"), Some(&1));
    }

    #[test]
    fn the_line_is_an_emf_document_whose_metrics_are_its_members() {
        let counts = recorder_with_counts().take();
        let text = line(&config(), &counts, Some("req-1"), 1_700_000_000_123).expect("a line");
        assert!(!text.contains('\n'), "one log line");
        let doc: Value = serde_json::from_str(&text).expect("JSON");
        let aws = &doc["_aws"];
        assert_eq!(aws["Timestamp"], 1_700_000_000_123_i64);
        let directives = aws["CloudWatchMetrics"].as_array().expect("directives");
        assert_eq!(directives.len(), 1);
        let directive = &directives[0];
        assert_eq!(directive["Namespace"], "RoomInvites");
        assert_eq!(directive["Dimensions"], json!([["Service"]]));
        for set in directive["Dimensions"].as_array().expect("sets") {
            for dimension in set.as_array().expect("set") {
                let key = dimension.as_str().expect("a dimension name");
                assert!(doc[key].is_string(), "dimension {key} has a string value");
            }
        }
        let mut named: Vec<String> = Vec::new();
        for metric in directive["Metrics"].as_array().expect("metrics") {
            let name = metric["Name"].as_str().expect("name");
            assert_eq!(metric["Unit"], "Count");
            assert!(doc[name].is_u64(), "{name} is a numeric member of the root");
            assert_eq!(doc[name].as_u64(), counts.get(name).copied());
            named.push(name.to_owned());
        }
        let counted: Vec<String> = counts.keys().cloned().collect();
        assert_eq!(named, counted, "every count is declared, nothing else");
        assert_eq!(doc["Service"], "room-invites-test");
        assert_eq!(doc["FunctionName"], "room-invites-redemption");
        assert_eq!(doc["RequestId"], "req-1");
    }

    #[test]
    fn more_than_a_hundred_metrics_take_several_directives() {
        let counts: BTreeMap<String, u64> = (0..150).map(|i| (format!("m{i:03}"), 1)).collect();
        let doc: Value =
            serde_json::from_str(&line(&config(), &counts, None, 0).expect("line")).expect("JSON");
        let directives = doc["_aws"]["CloudWatchMetrics"].as_array().expect("array");
        let sizes: Vec<usize> = directives
            .iter()
            .map(|d| d["Metrics"].as_array().map_or(0, Vec::len))
            .collect();
        assert_eq!(sizes, vec![100, 50]);
        assert!(doc.get("RequestId").is_none());
    }

    #[test]
    fn histograms_become_arrays_of_seconds() {
        let recorder = EmfRecorder::default();
        metrics::with_local_recorder(&recorder, || {
            metrics::histogram!("waiting_room_wait_seconds").record(12.5);
            metrics::histogram!("waiting_room_wait_seconds").record(3.0);
        });
        let values = recorder.take_values();
        assert_eq!(values["waiting_room_wait_seconds"], vec![12.5, 3.0]);
        assert!(recorder.take_values().is_empty(), "emptied");
        let line = line_with_values(&config(), &BTreeMap::new(), &values, None, 1).expect("a line");
        let v: Value = serde_json::from_str(&line).expect("json");
        assert_eq!(v["waiting_room_wait_seconds"], json!([12.5, 3.0]));
        assert_eq!(
            v["_aws"]["CloudWatchMetrics"][0]["Metrics"][0],
            json!({"Name": "waiting_room_wait_seconds", "Unit": "Seconds"})
        );
    }
}
