//! Settings of the AWS adapters from the environment, and the SDK clients built from
//! one `SdkConfig`. `AWS_ENDPOINT_URL` (read by aws-config) points every client at a
//! local AWS-compatible server such as moto.

use super::call_counter::CallCounter;
use crate::config::{var, ConfigError};
use aws_smithy_http_client::tls::{rustls_provider::CryptoMode, Provider};

/// The names the AWS adapters need (see the contract's settings table).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AwsSettings {
    pub table_name: String,
    pub mail_from: String,
    pub ses_configuration_set: Option<String>,
    pub schedule_group: String,
    pub session_start_function_arn: String,
    pub scheduler_role_arn: String,
    pub event_bus_name: String,
    /// The bucket of CSV exports (`EXPORT_BUCKET`); only the functions that export have it.
    pub export_bucket: Option<String>,
    /// The queue of emails waiting for a retry (`MAIL_QUEUE_URL`); without it a failed
    /// email is `failed` at once.
    pub mail_queue_url: Option<String>,
}

impl AwsSettings {
    pub fn from_env() -> Result<Self, ConfigError> {
        Self::from_lookup(var)
    }

    /// The settings from `lookup` (a variable's trimmed, non-empty value).
    pub fn from_lookup(lookup: impl Fn(&str) -> Option<String>) -> Result<Self, ConfigError> {
        let required = |name: &'static str| {
            lookup(name).ok_or(ConfigError {
                name,
                problem: "is required but not set".into(),
            })
        };
        Ok(AwsSettings {
            table_name: required("TABLE_NAME")?,
            mail_from: required("MAIL_FROM")?,
            ses_configuration_set: lookup("SES_CONFIGURATION_SET"),
            schedule_group: required("SCHEDULE_GROUP")?,
            session_start_function_arn: required("SESSION_START_FUNCTION_ARN")?,
            scheduler_role_arn: required("SCHEDULER_ROLE_ARN")?,
            event_bus_name: required("EVENT_BUS_NAME")?,
            export_bucket: lookup("EXPORT_BUCKET"),
            mail_queue_url: lookup("MAIL_QUEUE_URL"),
        })
    }
}

/// The HTTPS client of every SDK client: rustls on ring (no aws-lc-sys to build).
pub fn https_client() -> aws_smithy_runtime_api::client::http::SharedHttpClient {
    aws_smithy_http_client::Builder::new()
        .tls_provider(Provider::Rustls(CryptoMode::Ring))
        .build_https()
}

/// The retry and timeout policy of every AWS client, in one place (reasoning in
/// docs/aws-adapters.md, "Retries and timeouts"): the SDK's standard retry mode (it
/// classifies throttling, 5xx and transient I/O errors as retryable, with exponential
/// backoff and jitter and a client-side retry quota), 3 attempts, 50 ms first backoff,
/// at most 1 s; a connection within 1 s, an answer within 5 s per attempt, and the whole
/// operation (all attempts) within 6 s. A request of the service makes at most four AWS
/// calls one after another, so even the worst case ends in 24 s, inside API Gateway's
/// 29 s and the functions' own 29 s timeout, with time left to answer 503.
pub mod policy {
    use std::time::Duration;

    pub const MAX_ATTEMPTS: u32 = 3;
    pub const INITIAL_BACKOFF: Duration = Duration::from_millis(50);
    pub const MAX_BACKOFF: Duration = Duration::from_secs(1);
    pub const CONNECT_TIMEOUT: Duration = Duration::from_secs(1);
    pub const READ_TIMEOUT: Duration = Duration::from_secs(5);
    pub const ATTEMPT_TIMEOUT: Duration = Duration::from_secs(5);
    pub const OPERATION_TIMEOUT: Duration = Duration::from_secs(6);
    /// The most AWS calls one request makes one after another.
    pub const SEQUENTIAL_CALLS: u32 = 4;
    /// API Gateway's integration timeout (and the HTTP functions' own).
    pub const REQUEST_BUDGET: Duration = Duration::from_secs(29);

    pub fn retry() -> aws_config::retry::RetryConfig {
        aws_config::retry::RetryConfig::standard()
            .with_max_attempts(MAX_ATTEMPTS)
            .with_initial_backoff(INITIAL_BACKOFF)
            .with_max_backoff(MAX_BACKOFF)
    }

    pub fn timeouts() -> aws_config::timeout::TimeoutConfig {
        aws_config::timeout::TimeoutConfig::builder()
            .connect_timeout(CONNECT_TIMEOUT)
            .read_timeout(READ_TIMEOUT)
            .operation_attempt_timeout(ATTEMPT_TIMEOUT)
            .operation_timeout(OPERATION_TIMEOUT)
            .build()
    }
}

/// aws-config's loader with our HTTPS client and the [`policy`]; it reads region,
/// credentials and `AWS_ENDPOINT_URL` from the environment. Tests add their own overrides.
pub fn sdk_config_loader() -> aws_config::ConfigLoader {
    aws_config::defaults(aws_config::BehaviorVersion::latest())
        .http_client(https_client())
        .retry_config(policy::retry())
        .timeout_config(policy::timeouts())
}

/// One client per service, all from the same `SdkConfig`.
#[derive(Debug, Clone)]
pub struct AwsClients {
    pub dynamodb: aws_sdk_dynamodb::Client,
    pub sesv2: aws_sdk_sesv2::Client,
    pub scheduler: aws_sdk_scheduler::Client,
    pub eventbridge: aws_sdk_eventbridge::Client,
    pub s3: aws_sdk_s3::Client,
    pub sqs: aws_sdk_sqs::Client,
}

impl AwsClients {
    /// The clients; with `counter`, every HTTP attempt of every client is counted.
    pub fn new(sdk: &aws_config::SdkConfig, counter: Option<&CallCounter>) -> Self {
        macro_rules! client {
            ($krate:ident) => {{
                let mut builder = $krate::config::Builder::from(sdk);
                if let Some(c) = counter {
                    builder = builder.interceptor(c.clone());
                }
                $krate::Client::from_conf(builder.build())
            }};
        }
        AwsClients {
            dynamodb: client!(aws_sdk_dynamodb),
            // No SDK retries for SES: a `SendEmail` whose answer was lost may have
            // mailed (SES has no idempotency token); the mailer retries only what
            // surely was not sent (see `failures` and `SesMailer`).
            sesv2: {
                let mut builder = aws_sdk_sesv2::config::Builder::from(sdk)
                    .retry_config(aws_config::retry::RetryConfig::disabled());
                if let Some(c) = counter {
                    builder = builder.interceptor(c.clone());
                }
                aws_sdk_sesv2::Client::from_conf(builder.build())
            },
            sqs: client!(aws_sdk_sqs),
            scheduler: client!(aws_sdk_scheduler),
            eventbridge: client!(aws_sdk_eventbridge),
            s3: {
                let mut builder = aws_sdk_s3::config::Builder::from(sdk);
                if let Some(c) = counter {
                    builder = builder.interceptor(c.clone());
                }
                // A local AWS-compatible server (moto) has no bucket subdomains.
                builder = builder.force_path_style(sdk.endpoint_url().is_some());
                aws_sdk_s3::Client::from_conf(builder.build())
            },
        }
    }

    /// The clients from the environment (production).
    pub async fn from_env() -> Self {
        Self::new(&sdk_config_loader().load().await, None)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn env(missing: &str) -> impl Fn(&str) -> Option<String> + '_ {
        move |name| (name != missing).then(|| format!("value-of-{name}"))
    }

    #[test]
    fn a_missing_variable_is_named() {
        for name in [
            "TABLE_NAME",
            "MAIL_FROM",
            "SCHEDULE_GROUP",
            "SESSION_START_FUNCTION_ARN",
            "SCHEDULER_ROLE_ARN",
            "EVENT_BUS_NAME",
        ] {
            let e = AwsSettings::from_lookup(env(name)).expect_err(name);
            assert_eq!(e.name, name);
            assert!(e.to_string().contains(name), "{e}");
        }
    }

    #[test]
    fn the_configuration_set_is_optional() {
        let s = AwsSettings::from_lookup(env("SES_CONFIGURATION_SET")).expect("settings");
        assert_eq!(
            (s.ses_configuration_set, s.table_name.as_str()),
            (None, "value-of-TABLE_NAME")
        );
    }
}

#[cfg(test)]
mod policy_tests {
    use super::policy::*;

    #[test]
    fn the_worst_case_of_a_request_fits_inside_api_gateways_29_seconds() {
        // Every attempt and backoff fits inside one operation's limit…
        let attempts = ATTEMPT_TIMEOUT * MAX_ATTEMPTS + MAX_BACKOFF * (MAX_ATTEMPTS - 1);
        assert!(
            attempts >= OPERATION_TIMEOUT,
            "the operation limit is what binds"
        );
        // …and the longest chain of calls, with a second to answer, fits the budget.
        let worst = OPERATION_TIMEOUT * SEQUENTIAL_CALLS;
        assert!(
            worst + std::time::Duration::from_secs(1) < REQUEST_BUDGET,
            "{worst:?}"
        );
        assert!(CONNECT_TIMEOUT < ATTEMPT_TIMEOUT && READ_TIMEOUT <= ATTEMPT_TIMEOUT);
        let retry = retry();
        assert_eq!(retry.max_attempts(), MAX_ATTEMPTS);
        assert_eq!(retry.mode(), aws_config::retry::RetryMode::Standard);
        let timeouts = timeouts();
        assert_eq!(timeouts.operation_timeout(), Some(OPERATION_TIMEOUT));
        assert_eq!(timeouts.connect_timeout(), Some(CONNECT_TIMEOUT));
    }
}
