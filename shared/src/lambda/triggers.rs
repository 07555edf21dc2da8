//! The trigger functions (`lambda_runtime`): session start and queued mail (the
//! scheduler's payloads and the SQS mail-retry queue), SES mail events from
//! EventBridge, and the AppSync Event API's live authorizer.

use super::{init_failed, init_logs, warm_init, Error, FunctionSettings};
use crate::adapters::aws::sqs_mail_queue::{sqs_records, SqsRecord};
use crate::adapters::aws::SqsMailQueue;
use crate::app::{App, Job};
use crate::config::{required, var, ConfigError};
use crate::domain::live_token::LiveTokens;
use lambda_runtime::{service_fn, LambdaEvent};
use std::sync::Arc;
use std::time::Duration;
use tokio::sync::OnceCell;

/// The use cases of a trigger function (no secrets): built during init, its DynamoDB
/// connection opened when `warm`; with `WARM_INIT=0`, on the first event.
async fn job_app(settings: &FunctionSettings, warm: bool) -> Result<Arc<OnceCell<App>>, Error> {
    let cell = Arc::new(OnceCell::new());
    if warm_init() {
        let parts = settings.clone().connect().await;
        if warm {
            parts.warm_up().await;
        }
        let _ = cell.set(parts.job_app().await.map_err(init_failed)?);
    }
    Ok(cell)
}

/// The time a mailing may use of an invocation: until 30 s before the deadline, so
/// that it can schedule its continuation in time.
fn mailing_budget(deadline_ms: u64) -> time::Duration {
    let now_ms = time::OffsetDateTime::now_utc().unix_timestamp_nanos() / 1_000_000;
    let left_ms = i128::from(deadline_ms) - now_ms - 30_000;
    time::Duration::milliseconds(left_ms.clamp(1_000, i128::from(i64::MAX)) as i64)
}

/// Runs the session-start function: the scheduler's payloads — the session start
/// `{room_id, starts_at}` and the jobs of room mail (reminders, updates,
/// cancellations). A store failure is returned as an error, so the schedule's retry
/// policy and the dead-letter queue take over.
pub async fn run_session_start() -> Result<(), Error> {
    init_logs();
    let settings = FunctionSettings::from_env().map_err(init_failed)?;
    let cell = Arc::new(OnceCell::new());
    if warm_init() {
        let parts = settings.clone().connect().await;
        parts.warm_up().await;
        let app = parts.retry_app().await.map_err(init_failed)?;
        let _ = cell.set((app, parts.mail_queue()));
    }
    lambda_runtime::run(service_fn(move |event: LambdaEvent<serde_json::Value>| {
        let (settings, cell) = (settings.clone(), cell.clone());
        async move {
            let (app, queue) = cell
                .get_or_try_init(|| async {
                    let parts = settings.connect().await;
                    Ok::<_, Error>((parts.retry_app().await?, parts.mail_queue()))
                })
                .await?;
            let span = tracing::info_span!("session_start", request_id = %event.context.request_id);
            let _guard = span.enter();
            let budget = mailing_budget(event.context.deadline);
            let outcome = match sqs_records(&event.payload) {
                Some(records) => Ok(run_queued(app, queue.as_ref(), records, budget).await),
                None => match serde_json::from_value::<Job>(event.payload) {
                    Ok(job) => app.run_job(&job, budget).await.map_err(|e| e.to_string()),
                    Err(e) => Err(format!("not a job: {e}")),
                },
            };
            crate::telemetry::emf::flush(Some(&event.context.request_id));
            Ok::<_, Error>(outcome?)
        }
    }))
    .await
}

/// The jobs of an SQS batch (queued emails): each run once; one not yet due is sent
/// on again; a failed one is reported in `batchItemFailures`, so SQS delivers it again
/// (and after 5 receipts moves it to the dead-letter queue).
async fn run_queued(
    app: &App,
    queue: Option<&SqsMailQueue>,
    records: Vec<SqsRecord>,
    budget: time::Duration,
) -> serde_json::Value {
    let mut failures = Vec::new();
    for record in records {
        let wait = record.wait(time::OffsetDateTime::now_utc());
        let result = if wait > 0 {
            match queue {
                Some(q) => q
                    .send_raw(record.body.clone(), Duration::from_secs(wait))
                    .await
                    .map_err(|e| e.to_string()),
                None => Err("no mail queue to send a message on".to_owned()),
            }
        } else {
            match serde_json::from_str::<Job>(&record.body) {
                Ok(job) => app
                    .run_job(&job, budget)
                    .await
                    .map(|_| ())
                    .map_err(|e| e.to_string()),
                Err(e) => {
                    // A retry cannot fix it: dropped, and said so.
                    tracing::error!(message_id = %record.message_id, error = %e, "unreadable queued job dropped");
                    Ok(())
                }
            }
        };
        if let Err(e) = result {
            tracing::warn!(message_id = %record.message_id, error = %e, "queued job failed");
            failures.push(serde_json::json!({ "itemIdentifier": record.message_id }));
        }
    }
    serde_json::json!({ "batchItemFailures": failures })
}

/// Runs the mail-events function: SES delivery events from the EventBridge rule. An
/// unreadable event is logged and dropped (a retry cannot fix it); a store failure is
/// returned as an error, so EventBridge retries the event.
pub async fn run_mail_events() -> Result<(), Error> {
    init_logs();
    let settings = FunctionSettings::from_env().map_err(init_failed)?;
    // No warm-up: this function may not call `GetItem`, and nobody waits for its answer.
    let app = job_app(&settings, false).await?;
    lambda_runtime::run(service_fn(move |event: LambdaEvent<serde_json::Value>| {
        let (settings, app) = (settings.clone(), app.clone());
        async move {
            let app = app
                .get_or_try_init(|| async { settings.connect().await.job_app().await })
                .await?;
            let span = tracing::info_span!("mail_event", request_id = %event.context.request_id);
            let _guard = span.enter();
            let parsed = match crate::domain::MailEvent::from_eventbridge(&event.payload) {
                Ok(parsed) => parsed,
                Err(e) => {
                    tracing::warn!(error = %e, "unreadable mail event dropped");
                    return Ok::<_, Error>(serde_json::json!({ "ignored": "unreadable event" }));
                }
            };
            let outcome = app.record_mail_event(&parsed).await;
            crate::telemetry::emf::flush(Some(&event.context.request_id));
            let outcome = outcome.map_err(|e| e.to_string())?;
            Ok(serde_json::to_value(outcome)?)
        }
    }))
    .await
}

/// Runs the live authorizer (the AppSync Event API's Lambda authorizer, see
/// [`crate::adapters::aws::live_authorizer`]): the key of the live tokens comes from the
/// session secret (`SESSION_SECRET` or the Secrets Manager secret `SESSION_SECRET_ARN`),
/// read once at init; the namespace from `LIVE_NAMESPACE` (default `live`). Logs the
/// decision and its reason, never the token.
pub async fn run_live_authorizer() -> Result<(), Error> {
    use crate::adapters::aws::live_authorizer::{ChannelNames, LiveAuthorizer};
    init_logs();
    let namespace = var("LIVE_NAMESPACE").unwrap_or_else(|| "live".into());
    let channels = ChannelNames::new(&namespace).ok_or_else(|| ConfigError {
        name: "LIVE_NAMESPACE",
        problem: "must be 1-50 letters, digits or '-'".into(),
    })?;
    let session_secret = match var("SESSION_SECRET") {
        Some(value) => value.into_bytes(),
        None => {
            let arn = required("SESSION_SECRET_ARN")?;
            let sdk = crate::adapters::aws::sdk_config_loader().load().await;
            aws_sdk_secretsmanager::Client::new(&sdk)
                .get_secret_value()
                .secret_id(arn)
                .send()
                .await
                .map_err(|e| {
                    format!(
                        "reading the secret SESSION_SECRET_ARN: {}",
                        aws_sdk_secretsmanager::error::DisplayErrorContext(e)
                    )
                })?
                .secret_string()
                .map(|s| s.as_bytes().to_vec())
                .ok_or("the secret SESSION_SECRET_ARN has no string value")?
        }
    };
    let authorizer = Arc::new(LiveAuthorizer::new(
        LiveTokens::from_session_secret(&session_secret),
        channels,
    ));
    drop(session_secret);
    lambda_runtime::run(service_fn(move |event: LambdaEvent<serde_json::Value>| {
        let authorizer = authorizer.clone();
        async move {
            let (decision, seen) =
                authorizer.decide_event(event.payload, time::OffsetDateTime::now_utc());
            tracing::info!(
                request_id = %event.context.request_id,
                operation = seen.operation.as_deref().unwrap_or(""),
                channel = seen.channel.as_deref().unwrap_or(""),
                decision = ?decision,
                "live authorization"
            );
            Ok::<_, Error>(decision.response())
        }
    }))
    .await
}
