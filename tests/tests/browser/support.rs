//! Headless Chromium through chromedriver: finding the programs, one chromedriver per
//! test, one fresh profile per browser, page checks (console errors, CSP violations,
//! screenshots) and bounded waits.

use fantoccini::wd::WebDriverCompatibleCommand;
use fantoccini::{Client, ClientBuilder};
use serde_json::{json, Value};
use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

/// Chromium and chromedriver, from `CHROME_BIN` / `CHROMEDRIVER` or the `PATH`.
pub struct Tools {
    pub chromium: PathBuf,
    pub chromedriver: PathBuf,
}

fn on_path(names: &[&str]) -> Option<PathBuf> {
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path)
        .flat_map(|dir| names.iter().map(move |n| dir.join(n)))
        .find(|p| p.is_file())
}

fn program(var: &str, names: &[&str]) -> Option<PathBuf> {
    match std::env::var_os(var) {
        Some(p) if !p.is_empty() => Some(PathBuf::from(p)).filter(|p| p.is_file()),
        _ => on_path(names),
    }
}

/// The browser programs; `None` (with a note) when missing locally. Under CI a missing
/// browser is a failure, not a skip.
pub fn tools() -> Option<Tools> {
    let chromium = program(
        "CHROME_BIN",
        &["chromium", "chromium-browser", "google-chrome"],
    );
    let chromedriver = program("CHROMEDRIVER", &["chromedriver"]);
    match (chromium, chromedriver) {
        (Some(chromium), Some(chromedriver)) => Some(Tools {
            chromium,
            chromedriver,
        }),
        (chromium, chromedriver) => {
            let missing = [
                ("chromium", chromium.is_none()),
                ("chromedriver", chromedriver.is_none()),
            ]
            .iter()
            .filter(|(_, m)| *m)
            .map(|(n, _)| *n)
            .collect::<Vec<_>>()
            .join(" and ");
            if std::env::var_os("CI").is_some() {
                panic!("{missing} not found: the browser tests need them in CI (run .ci/setup-browser.sh)");
            }
            eprintln!(
                "note: skipping the browser tests: {missing} not found \
                 (apt-get install chromium chromium-driver, or run .ci/setup-browser.sh)"
            );
            None
        }
    }
}

/// Waits (bounded) until `check` returns `Some`, polling every 100 ms.
pub async fn until<T, F, Fut>(what: &str, limit: Duration, mut check: F) -> T
where
    F: FnMut() -> Fut,
    Fut: std::future::Future<Output = Option<T>>,
{
    let deadline = Instant::now() + limit;
    loop {
        if let Some(v) = check().await {
            return v;
        }
        assert!(
            Instant::now() < deadline,
            "timed out after {limit:?} waiting for {what}"
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

/// A chromedriver process of this test, ended (by its id) when dropped.
pub struct Driver {
    child: Child,
    url: String,
    chromium: PathBuf,
    profiles: tempfile::TempDir,
    browsers: AtomicUsize,
}

impl Drop for Driver {
    /// Ends chromedriver and the browsers it started (its own process group, so that a
    /// failed test leaves no Chromium behind), by id.
    fn drop(&mut self) {
        let group = format!("-{}", self.child.id());
        let _ = Command::new("kill")
            .args(["-TERM", "--", &group])
            .stderr(Stdio::null())
            .status();
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Driver {
    pub async fn start(tools: &Tools) -> Driver {
        let port = std::net::TcpListener::bind("127.0.0.1:0")
            .and_then(|l| l.local_addr())
            .expect("a free port")
            .port();
        let child = Command::new(&tools.chromedriver)
            .arg(format!("--port={port}"))
            .process_group(0)
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("chromedriver starts");
        let driver = Driver {
            child,
            url: format!("http://127.0.0.1:{port}/"),
            chromium: tools.chromium.clone(),
            profiles: tempfile::tempdir().expect("profile dir"),
            browsers: AtomicUsize::new(0),
        };
        until(
            "chromedriver to listen",
            Duration::from_secs(20),
            || async {
                tokio::net::TcpStream::connect(("127.0.0.1", port))
                    .await
                    .ok()
            },
        )
        .await;
        driver
    }

    /// A new browser with a fresh profile, its browser log recorded.
    pub async fn browser(&self) -> Browser {
        let n = self.browsers.fetch_add(1, Ordering::SeqCst);
        let profile = self.profiles.path().join(format!("profile-{n}"));
        std::fs::create_dir_all(&profile).expect("profile dir");
        let downloads = self.profiles.path().join(format!("downloads-{n}"));
        std::fs::create_dir_all(&downloads).expect("downloads dir");
        let capabilities = json!({
            "browserName": "chrome",
            "goog:chromeOptions": {
                "binary": self.chromium,
                "args": [
                    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
                    "--no-first-run", "--disable-background-networking",
                    "--disable-component-update", "--disable-sync",
                    "--disable-dev-shm-usage", "--window-size=1280,900",
                    format!("--user-data-dir={}", profile.display()),
                ],
                "prefs": {
                    "download.default_directory": downloads.display().to_string(),
                    "download.prompt_for_download": false,
                },
            },
            "goog:loggingPrefs": { "browser": "ALL" },
        });
        let capabilities = match capabilities {
            Value::Object(map) => map,
            _ => unreachable!("an object literal"),
        };
        let client = ClientBuilder::new(hyper_util::client::legacy::connect::HttpConnector::new())
            .capabilities(capabilities)
            .connect(&self.url)
            .await
            .expect("a chromium session");
        let browser = Browser { client, downloads };
        browser.prove_log_collection().await;
        browser
    }
}

/// chromedriver's browser log (`goog:loggingPrefs`): console messages, uncaught errors,
/// CSP reports and failed loads since the last call.
#[derive(Debug)]
struct BrowserLog;

impl WebDriverCompatibleCommand for BrowserLog {
    fn endpoint(
        &self,
        base_url: &url::Url,
        session_id: Option<&str>,
    ) -> Result<url::Url, url::ParseError> {
        base_url.join(&format!(
            "session/{}/se/log",
            session_id.unwrap_or_default()
        ))
    }

    fn method_and_body(&self, _: &url::Url) -> (http::Method, Option<String>) {
        (
            http::Method::POST,
            Some(json!({"type": "browser"}).to_string()),
        )
    }
}

/// Listeners for CSP violations and uncaught errors, installed through WebDriver (the
/// CSP forbids inline script, and WebDriver's scripts are not subject to it).
const PROBE: &str = r#"
if (!window.__probe) {
  window.__probe = [];
  document.addEventListener('securitypolicyviolation', function (e) {
    window.__probe.push('CSP violation: ' + e.violatedDirective + ' ' + e.blockedURI);
  });
  window.addEventListener('error', function (e) { window.__probe.push('error: ' + e.message); });
  window.addEventListener('unhandledrejection', function (e) {
    window.__probe.push('unhandled rejection: ' + e.reason);
  });
}
return window.__probe.splice(0);
"#;

/// Structural accessibility checks of a rendered page: language, title, one `h1`, a
/// `main` landmark, labelled form fields, named buttons and links, labelled regions,
/// unique ids, and no positive tabindex.
const A11Y_AUDIT: &str = r#"
var f = [];
if (!document.documentElement.lang) f.push('html has no lang');
if (!document.title.trim()) f.push('no title');
if (document.querySelectorAll('h1').length !== 1) f.push('not exactly one h1');
if (document.querySelectorAll('main').length !== 1) f.push('not exactly one main');
document.querySelectorAll('input, select, textarea').forEach(function (el) {
  if (el.type === 'hidden') return;
  var labelled = (el.id && document.querySelector('label[for="' + el.id + '"]')) ||
    el.getAttribute('aria-label') || el.getAttribute('aria-labelledby');
  if (!labelled) f.push('unlabelled field ' + (el.name || el.id));
  (el.getAttribute('aria-describedby') || '').split(' ').filter(Boolean).forEach(function (id) {
    if (!document.getElementById(id)) f.push('aria-describedby to missing #' + id);
  });
});
document.querySelectorAll('button, a[href]').forEach(function (el) {
  if (!el.textContent.trim() && !el.getAttribute('aria-label')) f.push('unnamed ' + el.tagName);
});
document.querySelectorAll('[aria-labelledby]').forEach(function (el) {
  el.getAttribute('aria-labelledby').split(' ').forEach(function (id) {
    if (!document.getElementById(id)) f.push('aria-labelledby to missing #' + id);
  });
});
var seen = {};
document.querySelectorAll('[id]').forEach(function (el) {
  if (seen[el.id]) f.push('duplicate id ' + el.id);
  seen[el.id] = true;
});
document.querySelectorAll('[tabindex]').forEach(function (el) {
  if (el.tabIndex > 0) f.push('positive tabindex');
});
return f;
"#;

/// axe-core's `axe.min.js`, read once; `None` (with a note) when not installed locally,
/// a failure under CI.
fn axe_source() -> Option<&'static str> {
    static SOURCE: std::sync::OnceLock<Option<String>> = std::sync::OnceLock::new();
    SOURCE
        .get_or_init(|| {
            let path =
                Path::new(env!("CARGO_MANIFEST_DIR")).join("axe/node_modules/axe-core/axe.min.js");
            match std::fs::read_to_string(&path) {
                Ok(s) => Some(s),
                Err(_) if std::env::var_os("CI").is_some() => {
                    panic!("{} missing: run .ci/setup-axe.sh", path.display())
                }
                Err(_) => {
                    eprintln!(
                        "note: skipping the axe-core checks: {} is missing (run .ci/setup-axe.sh)",
                        path.display()
                    );
                    None
                }
            }
        })
        .as_deref()
}

pub struct Browser {
    pub client: Client,
    /// Where this browser saves downloads.
    pub downloads: PathBuf,
}

pub fn screenshot_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("..")
        .join("test-output")
        .join("screenshots")
}

impl Browser {
    pub async fn goto(&self, url: &str) {
        self.client.goto(url).await.expect("navigation");
    }

    pub async fn js(&self, script: &str) -> Value {
        self.client
            .execute(script, vec![])
            .await
            .unwrap_or_else(|e| panic!("script failed: {e}\n{script}"))
    }

    /// The rendered text of the element `css` selects, read in one script so that
    /// a page replacing the element meanwhile (the live dashboard) cannot make the
    /// reference stale between finding and reading it.
    pub async fn text(&self, css: &str) -> String {
        let script = format!(
            "var el = document.querySelector({}); return el ? el.innerText : null;",
            json!(css)
        );
        match self.js(&script).await {
            Value::String(text) => text.trim().to_owned(),
            _ => panic!("no {css}"),
        }
    }

    pub async fn attr(&self, selector: &str, name: &str) -> Option<String> {
        let script = format!(
            "var el = document.querySelector({}); return el ? el.getAttribute({}) : null;",
            json!(selector),
            json!(name)
        );
        self.js(&script).await.as_str().map(str::to_owned)
    }

    /// `data-page` or `data-error` of the current page, once it has loaded.
    pub async fn body_data(&self, name: &str) -> Option<String> {
        self.attr("body", name).await
    }

    /// Waits for the page whose body has `data-<name>="<value>"`.
    pub async fn wait_body(&self, name: &str, value: &str, limit: Duration) {
        until(&format!("body[data-{name}={value}]"), limit, || async {
            let state = self
                .client
                .execute("return document.readyState", vec![])
                .await
                .ok()?;
            let v = self.body_data(&format!("data-{name}")).await?;
            (state == "complete" && v == value).then_some(())
        })
        .await
    }

    /// The `data-feature` names on the page, in order.
    pub async fn features(&self) -> Vec<String> {
        let v = self
            .js("return Array.from(document.querySelectorAll('[data-feature]')).map(function (e) { return e.dataset.feature; });")
            .await;
        serde_json::from_value(v).expect("a list of names")
    }

    async fn browser_log(&self) -> Vec<Value> {
        match self
            .client
            .issue_cmd(BrowserLog)
            .await
            .expect("browser log")
        {
            Value::Array(entries) => entries,
            other => panic!("unexpected browser log {other}"),
        }
    }

    /// Shows that a console error and a CSP violation would be caught, so that the
    /// "no errors" checks below cannot pass by not looking.
    async fn prove_log_collection(&self) {
        self.js("console.error('probe-console-error');").await;
        let log = self.browser_log().await;
        assert!(
            log.iter().any(|e| e["message"]
                .as_str()
                .unwrap_or("")
                .contains("probe-console-error")),
            "the browser log is collected: {log:?}"
        );
    }

    /// The problems of the current page: CSP violations and uncaught errors (listeners),
    /// and severe browser-log entries (console errors, CSP reports during load, failed
    /// loads). Only the failed loads of `expected_failures` (URLs) are not problems.
    pub async fn problems(&self, expected_failures: &[String]) -> Vec<String> {
        let mut problems: Vec<String> = match self.js(PROBE).await {
            Value::Array(v) => v.into_iter().map(|x| x.to_string()).collect(),
            other => vec![format!("probe: {other}")],
        };
        for entry in self.browser_log().await {
            let message = entry["message"].as_str().unwrap_or("").to_owned();
            let level = entry["level"].as_str().unwrap_or("");
            let expected_status = message
                .contains("Failed to load resource: the server responded with a status of")
                && expected_failures
                    .iter()
                    .any(|url| message.starts_with(&format!("{url} - ")));
            if (level == "SEVERE" || message.contains("Content Security Policy"))
                && !expected_status
            {
                problems.push(format!("{level}: {message}"));
            }
        }
        problems
    }

    /// Asserts that the page has no console errors and no CSP violations and passes
    /// the structural accessibility checks, and saves a desktop and a phone-sized
    /// screenshot.
    /// An error page is answered with its error status, which the browser logs as a
    /// failed load of the page itself: that one is expected.
    pub async fn check_page(&self, name: &str, http_error_page: bool) {
        let own = self.client.current_url().await.expect("url").to_string();
        let expected: Vec<String> = if http_error_page { vec![own] } else { vec![] };
        self.check_page_expecting(name, &expected).await
    }

    pub async fn check_page_expecting(&self, name: &str, expected_failures: &[String]) {
        let problems = self.problems(expected_failures).await;
        assert!(problems.is_empty(), "{name}: {problems:#?}");
        let findings = self.js(A11Y_AUDIT).await;
        assert_eq!(findings, json!([]), "{name}: accessibility");
        self.assert_axe_clean(name).await;
        self.assert_fits_a_phone(name).await;
        let dir = screenshot_dir();
        std::fs::create_dir_all(&dir).expect("screenshot dir");
        for (suffix, (w, h)) in [("", (1280, 900)), ("-phone", (390, 844))] {
            self.client
                .set_window_size(w, h)
                .await
                .expect("window size");
            let png = self.client.screenshot().await.expect("screenshot");
            assert!(png.starts_with(b"\x89PNG"), "{name}: a PNG screenshot");
            std::fs::write(dir.join(format!("{name}{suffix}.png")), png)
                .expect("screenshot written");
        }
        self.client
            .set_window_size(1280, 900)
            .await
            .expect("window size");
        // Resizing must not have produced errors either.
        let problems = self.problems(expected_failures).await;
        assert!(problems.is_empty(), "{name} (resized): {problems:#?}");
    }

    /// axe-core (`tests/axe`, installed by `.ci/setup-axe.sh`) finds no serious or
    /// critical violation on the current page. Skipped with a note only when the file
    /// is missing and `CI` is not set.
    pub async fn assert_axe_clean(&self, name: &str) {
        let Some(found) = self.axe_violations(name).await else {
            return;
        };
        assert_eq!(
            found,
            json!([]),
            "{name}: axe-core serious/critical violations"
        );
    }

    /// axe-core's serious and critical violations on the current page; `None` when
    /// axe-core is not installed locally.
    pub async fn axe_violations(&self, name: &str) -> Option<Value> {
        let source = axe_source()?;
        let loaded = self
            .client
            .execute(
                &format!("if (!window.axe) {{ {source}\n }} return typeof window.axe;"),
                vec![],
            )
            .await
            .expect("axe-core loads");
        assert_eq!(loaded, json!("object"), "{name}: axe-core loaded");
        let found = self
            .client
            .execute_async(
                "var done = arguments[arguments.length - 1];
                 axe.run(document, { resultTypes: ['violations'] }).then(function (r) {
                   done(r.violations.filter(function (v) {
                     return v.impact === 'serious' || v.impact === 'critical';
                   }).map(function (v) {
                     return v.impact + ' ' + v.id + ': ' + v.help + ' at ' +
                       v.nodes.slice(0, 3).map(function (n) { return n.target.join(' '); }).join(', ');
                   }));
                 }, function (e) { done(['axe failed: ' + e]); });",
                vec![],
            )
            .await
            .expect("axe-core runs");
        Some(found)
    }

    /// The page must not scroll sideways on a phone.
    pub async fn assert_fits_a_phone(&self, name: &str) {
        self.client
            .set_window_size(390, 844)
            .await
            .expect("window size");
        let wide = self
            .js("return document.documentElement.scrollWidth > document.documentElement.clientWidth;")
            .await;
        self.client
            .set_window_size(1280, 900)
            .await
            .expect("window size");
        assert_eq!(
            wide,
            Value::Bool(false),
            "{name} scrolls sideways on a phone"
        );
    }
}
