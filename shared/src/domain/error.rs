//! The service's typed errors. Each variant is exactly one code of the HTTP contract;
//! `http::error` maps them to status codes and bodies in one place.

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Error {
    #[error("A valid host bearer token is required.")]
    Unauthorized,
    #[error("Your token does not allow this action.")]
    Forbidden,
    #[error("{0}")]
    BadRequest(String),
    #[error("The request body is larger than 1 MiB.")]
    PayloadTooLarge,
    #[error("That is not a valid email address.")]
    InvalidEmail,
    #[error("Email addresses of this domain are blocked by your organization's policy.")]
    DomainBlocked,
    #[error("expires_at must be in the future and at most 30 days ahead.")]
    InvalidExpiry,
    #[error("There is no such room.")]
    RoomNotFound,
    #[error("There is no such invite in this room.")]
    InviteNotFound,
    #[error("There is no such participant in this room.")]
    ParticipantNotFound,
    #[error("{0}")]
    Conflict(String),
    /// The address hard-bounced or complained; the sentence says which and what to do.
    #[error("{0}")]
    EmailSuppressed(String),
    #[error("This invitation link is not valid.")]
    InvalidLink,
    #[error("The host removed this invitation.")]
    InviteRevoked,
    #[error("This room was deleted.")]
    RoomDeleted,
    #[error("This invitation link has expired.")]
    LinkExpired,
    #[error("This invitation link has already been used.")]
    LinkUsed,
    #[error("This is not the email address the invitation was sent to.")]
    EmailMismatch,
    #[error("Too many wrong email addresses were entered for this invitation.")]
    TooManyAttempts,
    #[error("You have not joined this room.")]
    NotAParticipant,
    #[error("The room is not live yet.")]
    NotLive,
    #[error("There is no such endpoint.")]
    NotFound,
    #[error("The live room could not be reached. Please try again.")]
    RoomBackendUnavailable,
    #[error("The identity provider's signing keys cannot be fetched right now. Please try again shortly.")]
    IdentityProviderUnavailable,
    /// A participant may not invite (code `forbidden`); the refusal says why.
    #[error("{0}")]
    GuestInviteRefused(super::guest_invite::GuestInviteRefusal),
    #[error("You have sent as many invitations for this room as your organization allows.")]
    InviteLimitReached,
    /// A setting of the admission contract with a value it does not allow.
    #[error("{0}")]
    ValidationFailed(String),
    #[error("That code is not right.")]
    CodeInvalid { attempts_left: u32 },
    #[error("That code has expired or was used up. Ask for a new code.")]
    CodeExpired,
    /// Asked again too soon or too often; the client may retry after that many seconds.
    #[error("Please wait a little before asking again.")]
    TooManyRequests { retry_after: u64 },
    /// A JSON redemption in a room whose invitees sign in: `url` starts the sign-in.
    #[error("This invitation needs you to sign in with your organization's account.")]
    VerificationRequired { url: String },
    #[error("The sign-in did not complete.")]
    SsoFailed,
    #[error("You are in the waiting room: the host will let you in.")]
    AwaitingApproval,
    /// The participant was turned away; `reason` when the decision gave one.
    #[error("The host did not let you in.")]
    AdmissionDenied { reason: Option<String> },
    /// A store or another service the request needs failed after its retries: try
    /// again after `retry_after` seconds (`Retry-After`). `internal` is kept for bugs.
    #[error("The service is busy or briefly unavailable. Please try again in a moment.")]
    ServiceUnavailable { retry_after: u64 },
    #[error("Something went wrong on our side. Please try again.")]
    Internal(String),
}

impl Error {
    pub fn code(&self) -> &'static str {
        match self {
            Error::Unauthorized => "unauthorized",
            Error::Forbidden => "forbidden",
            Error::BadRequest(_) => "bad_request",
            Error::PayloadTooLarge => "payload_too_large",
            Error::InvalidEmail => "invalid_email",
            Error::DomainBlocked => "domain_blocked",
            Error::InvalidExpiry => "invalid_expiry",
            Error::RoomNotFound => "room_not_found",
            Error::InviteNotFound => "invite_not_found",
            Error::ParticipantNotFound => "participant_not_found",
            Error::Conflict(_) => "conflict",
            Error::EmailSuppressed(_) => "email_suppressed",
            Error::InvalidLink => "invalid_link",
            Error::InviteRevoked => "invite_revoked",
            Error::RoomDeleted => "room_deleted",
            Error::LinkExpired => "link_expired",
            Error::LinkUsed => "link_used",
            Error::EmailMismatch => "email_mismatch",
            Error::TooManyAttempts => "too_many_attempts",
            Error::NotAParticipant => "not_a_participant",
            Error::NotLive => "not_live",
            Error::NotFound => "not_found",
            Error::RoomBackendUnavailable => "room_backend_unavailable",
            Error::IdentityProviderUnavailable => "identity_provider_unavailable",
            Error::GuestInviteRefused(_) => "forbidden",
            Error::InviteLimitReached => "invite_limit_reached",
            Error::ValidationFailed(_) => "validation_failed",
            Error::CodeInvalid { .. } => "code_invalid",
            Error::CodeExpired => "code_expired",
            Error::TooManyRequests { .. } => "too_many_requests",
            Error::VerificationRequired { .. } => "verification_required",
            Error::SsoFailed => "sso_failed",
            Error::AwaitingApproval => "awaiting_approval",
            Error::AdmissionDenied { .. } => "admission_denied",
            Error::ServiceUnavailable { .. } => "service_unavailable",
            Error::Internal(_) => "internal",
        }
    }

    /// The one human sentence of the JSON body. Internal details never leave the service.
    pub fn message(&self) -> String {
        self.to_string()
    }

    /// What a person who clicked a link should do next (the error pages' advice).
    pub fn advice(&self) -> &'static str {
        match self {
            Error::EmailMismatch => "Enter the email address the invitation was sent to. If you were invited under another address, open the link from that mailbox.",
            Error::InvalidLink => "Check that you opened the whole link from the newest invitation email. If the host sent you a new invitation, only its link works. Otherwise ask the organizer for a new link.",
            Error::LinkExpired | Error::LinkUsed => "Ask the organizer for a new link.",
            Error::TooManyAttempts => "For your security this invitation is locked. Ask the organizer to resend the invitation.",
            Error::InviteRevoked => "The invitation was removed. Ask the host if you should still attend.",
            Error::RoomDeleted => "The room was removed. Ask the host for details.",
            Error::DomainBlocked => "Your organization blocks this email domain. Ask the media owner or organizer to invite another address of yours.",
            Error::NotAParticipant => "Open the invitation link from your email to join this room. If you already joined, refresh the room.",
            Error::RoomNotFound => "Check the address, or ask the host for a new link.",
            Error::InviteLimitReached => "Ask the host to invite more people.",
            Error::GuestInviteRefused(_) => "Ask the host to invite them.",
            Error::CodeInvalid { .. } => "Check the 6-digit code in the newest email we sent you and type it again.",
            Error::CodeExpired => "Ask for a new code: we will email it to you at once.",
            Error::TooManyRequests { .. } => "Wait a moment, then try again. Check your inbox and spam folder for the code we already sent.",
            Error::VerificationRequired { .. } => "Continue with your organization's sign-in.",
            Error::ServiceUnavailable { .. } => "This page tries again by itself in a few seconds. If it keeps happening, try again later.",
            Error::AwaitingApproval => "Keep this page open: it enters the room by itself as soon as the host lets you in.",
            Error::AdmissionDenied { .. } => "If you think this is a mistake, you can knock again in a minute, or contact the organizer.",
            Error::SsoFailed => "Start the sign-in again from the invitation link. If it keeps failing, ask the organizer.",
            Error::Forbidden => "Open the invitation link from your email yourself and enter your address on that page.",
            _ => "Refresh the page. If it keeps happening, ask the organizer.",
        }
    }

    pub fn internal(detail: impl std::fmt::Display) -> Self {
        Error::Internal(detail.to_string())
    }

    pub fn bad_request(message: impl Into<String>) -> Self {
        Error::BadRequest(message.into())
    }
}

pub type Result<T, E = Error> = std::result::Result<T, E>;
