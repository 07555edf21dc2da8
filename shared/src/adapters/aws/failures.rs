//! What a failed AWS call means, for every service in one place: worth retrying (not
//! done, may work shortly), ambiguous (the request went out and its answer was lost:
//! it may have taken effect), or permanent (a request the service refuses for good:
//! our bug or a deployment fault).
//!
//! The SDK's standard retry mode already retries the transient and ambiguous ones
//! inside a call (see [`super::config::policy`]); what survives it is classified here:
//! the store answers `503` for transient and ambiguous failures and `500` for permanent
//! ones; the mailer queues transient and ambiguous sends and fails permanent ones. SES is
//! the one client without SDK retries of ambiguous failures: a `SendEmail` whose answer
//! was lost may have mailed, and SES has no idempotency token to make a blind retry safe.

use aws_smithy_runtime_api::client::result::SdkError;
use aws_smithy_runtime_api::http::Response;
use aws_smithy_types::error::metadata::ProvideErrorMetadata;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Failure {
    /// Not done; the same request may succeed shortly.
    Transient,
    /// Perhaps done: the request went out and no answer came back.
    Ambiguous,
    /// Refused for good: retrying the same request cannot help.
    Permanent,
}

/// Service error codes that say "not now" rather than "never", across the services we
/// call (DynamoDB, SES v2, EventBridge Scheduler and events, S3, SQS, Secrets Manager).
const TRANSIENT_CODES: &[&str] = &[
    // Throttling, by the names the services use.
    "Throttling",
    "ThrottlingException",
    "ThrottledException",
    "RequestThrottledException",
    "TooManyRequestsException",
    "ProvisionedThroughputExceededException",
    "RequestLimitExceeded",
    "LimitExceededException",
    "SlowDown",
    "BandwidthLimitExceeded",
    "RequestThrottled",
    // Busy or failing on the service's side.
    "InternalServerError",
    "InternalFailure",
    "InternalError",
    "ServiceUnavailable",
    "ServiceUnavailableException",
    "InternalServerException",
    "TransactionConflict",
    "TransactionInProgressException",
    "PriorRequestNotComplete",
    "RequestTimeout",
    "RequestTimeoutException",
    // SES: sending paused for the account or configuration set (an operator resumes it).
    "SendingPausedException",
];

/// Classifies a failed call of any AWS SDK client.
pub fn classify<E>(error: &SdkError<E, Response>) -> Failure
where
    E: ProvideErrorMetadata,
{
    match error {
        SdkError::ConstructionFailure(_) => Failure::Permanent,
        SdkError::TimeoutError(_) | SdkError::ResponseError(_) => Failure::Ambiguous,
        SdkError::DispatchFailure(d) => {
            if d.is_user() {
                Failure::Permanent
            } else {
                // A reset or timeout while sending: the request may have arrived.
                Failure::Ambiguous
            }
        }
        SdkError::ServiceError(e) => {
            classify_service(e.err().code(), Some(e.raw().status().as_u16()))
        }
        _ => Failure::Ambiguous,
    }
}

/// A service's answer: transient by code, or by a 5xx status; anything else (4xx) is
/// permanent.
pub fn classify_service(code: Option<&str>, status: Option<u16>) -> Failure {
    if code.is_some_and(|c| TRANSIENT_CODES.contains(&c)) {
        return Failure::Transient;
    }
    match status {
        Some(429) => Failure::Transient,
        Some(s) if s >= 500 => Failure::Transient,
        _ => Failure::Permanent,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use aws_smithy_runtime_api::client::result::ConnectorError;
    use aws_smithy_runtime_api::http::StatusCode;
    use aws_smithy_types::body::SdkBody;
    use aws_smithy_types::error::ErrorMetadata;

    fn service<E>(err: E, status: u16) -> SdkError<E, Response> {
        SdkError::service_error(
            err,
            Response::new(
                StatusCode::try_from(status).expect("status"),
                SdkBody::empty(),
            ),
        )
    }

    fn meta(code: &str) -> ErrorMetadata {
        ErrorMetadata::builder().code(code).message("m").build()
    }

    #[test]
    fn dynamodb_throttling_and_5xx_are_transient_validation_is_permanent() {
        use aws_sdk_dynamodb::operation::put_item::PutItemError;
        use aws_sdk_dynamodb::types::error::ProvisionedThroughputExceededException;
        let throttled = PutItemError::ProvisionedThroughputExceededException(
            ProvisionedThroughputExceededException::builder()
                .message("slow down")
                .meta(meta("ProvisionedThroughputExceededException"))
                .build(),
        );
        assert_eq!(classify(&service(throttled, 400)), Failure::Transient);
        for code in ["ThrottlingException", "RequestLimitExceeded"] {
            let e = PutItemError::generic(meta(code));
            assert_eq!(classify(&service(e, 400)), Failure::Transient, "{code}");
        }
        let e = PutItemError::generic(meta("InternalServerError"));
        assert_eq!(classify(&service(e, 500)), Failure::Transient);
        let e = PutItemError::generic(meta("SomethingNew"));
        assert_eq!(classify(&service(e, 503)), Failure::Transient, "any 5xx");
        for code in [
            "ValidationException",
            "ResourceNotFoundException",
            "AccessDeniedException",
            "SerializationException",
        ] {
            let e = PutItemError::generic(meta(code));
            assert_eq!(classify(&service(e, 400)), Failure::Permanent, "{code}");
        }
    }

    #[test]
    fn ses_throttling_and_pauses_are_transient_rejections_are_permanent() {
        use aws_sdk_sesv2::operation::send_email::SendEmailError;
        for code in [
            "TooManyRequestsException",
            "LimitExceededException",
            "SendingPausedException",
        ] {
            let e = SendEmailError::generic(meta(code));
            assert_eq!(classify(&service(e, 400)), Failure::Transient, "{code}");
        }
        let e = SendEmailError::generic(meta("InternalFailure"));
        assert_eq!(classify(&service(e, 500)), Failure::Transient);
        for code in [
            "MessageRejected",
            "MailFromDomainNotVerifiedException",
            "AccountSuspendedException",
            "BadRequestException",
            "NotFoundException",
        ] {
            let e = SendEmailError::generic(meta(code));
            assert_eq!(classify(&service(e, 400)), Failure::Permanent, "{code}");
        }
    }

    #[test]
    fn scheduler_s3_and_sqs_answers_are_classified_alike() {
        use aws_sdk_s3::operation::put_object::PutObjectError;
        use aws_sdk_scheduler::operation::create_schedule::CreateScheduleError;
        let e = CreateScheduleError::generic(meta("ThrottlingException"));
        assert_eq!(classify(&service(e, 400)), Failure::Transient);
        let e = CreateScheduleError::generic(meta("ValidationException"));
        assert_eq!(classify(&service(e, 400)), Failure::Permanent);
        let e = PutObjectError::generic(meta("SlowDown"));
        assert_eq!(classify(&service(e, 503)), Failure::Transient);
        let e = PutObjectError::generic(meta("AccessDenied"));
        assert_eq!(classify(&service(e, 403)), Failure::Permanent);
        assert_eq!(
            classify_service(Some("RequestThrottled"), Some(403)),
            Failure::Transient
        );
        assert_eq!(classify_service(None, Some(429)), Failure::Transient);
        assert_eq!(
            classify_service(Some("AWS.SimpleQueueService.NonExistentQueue"), Some(400)),
            Failure::Permanent
        );
    }

    #[test]
    fn lost_answers_are_ambiguous_and_bad_requests_permanent() {
        use aws_sdk_sesv2::operation::send_email::SendEmailError;
        let reset: SdkError<SendEmailError, Response> =
            SdkError::dispatch_failure(ConnectorError::io("connection reset by peer".into()));
        assert_eq!(classify(&reset), Failure::Ambiguous);
        let timeout: SdkError<SendEmailError, Response> =
            SdkError::timeout_error("attempt timed out");
        assert_eq!(classify(&timeout), Failure::Ambiguous);
        let unreadable: SdkError<SendEmailError, Response> = SdkError::response_error(
            "truncated body",
            Response::new(StatusCode::try_from(200).expect("200"), SdkBody::empty()),
        );
        assert_eq!(classify(&unreadable), Failure::Ambiguous);
        let built: SdkError<SendEmailError, Response> =
            SdkError::construction_failure("missing field");
        assert_eq!(classify(&built), Failure::Permanent);
        let user: SdkError<SendEmailError, Response> =
            SdkError::dispatch_failure(ConnectorError::user("bad endpoint".into()));
        assert_eq!(classify(&user), Failure::Permanent);
    }
}
