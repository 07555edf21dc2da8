//! The live-room backend: where an admitted participant is handed over (LiveKit, Jitsi,
//! any room application), and where a role change is pushed while they are in the room.

use crate::domain::{EmailAddress, Role};
use async_trait::async_trait;
use time::OffsetDateTime;

/// Who enters which room with which powers.
#[derive(Debug, Clone)]
pub struct EntryRequest<'a> {
    pub room_id: &'a str,
    /// The participant identity (see [`crate::domain::participant_identity`]).
    pub identity: &'a str,
    pub email: &'a EmailAddress,
    pub role: Role,
    pub now: OffsetDateTime,
}

/// A short-lived, role-scoped credential for the backend and where to use it.
/// `Debug` never shows the token.
#[derive(Clone, PartialEq, Eq)]
pub struct RoomEntry {
    /// `livekit`, `jitsi` or `redirect`.
    pub backend: &'static str,
    pub url: String,
    pub token: String,
    pub expires_at: OffsetDateTime,
}

impl std::fmt::Debug for RoomEntry {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("RoomEntry")
            .field("backend", &self.backend)
            .field("expires_at", &self.expires_at)
            .finish_non_exhaustive()
    }
}

/// What pushing a role into the media room did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RoleSync {
    /// The participant is in the room and has the new powers now.
    Applied,
    /// The participant is not in the room now; their next entry carries the role.
    NotInRoom,
    /// The backend has no live permissions to update (Jitsi, redirect, none).
    NotSupported,
}

/// The backend refused or did not answer. The message never holds a credential.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("room backend unavailable: {0}")]
pub struct RoomBackendError(pub String);

#[async_trait]
pub trait RoomBackend: Send + Sync + 'static {
    /// `livekit`, `jitsi`, `redirect`, or `none`.
    fn name(&self) -> &'static str;
    /// The credential for one admitted participant of a live room; `Ok(None)` for the
    /// `none` backend (today's room page, no hand-off).
    fn entry(&self, request: &EntryRequest<'_>) -> Result<Option<RoomEntry>, RoomBackendError>;
    /// Gives a participant who may be in the media room their new role's powers, without
    /// a rejoin. One attempt: the use case retries. Backends without such a call (Jitsi
    /// reads powers only from the token; a redirect app; none) keep the default.
    async fn update_participant(
        &self,
        _room_id: &str,
        _identity: &str,
        _role: Role,
    ) -> Result<RoleSync, RoomBackendError> {
        Ok(RoleSync::NotSupported)
    }
    /// The public keys that verify the entry tokens this backend signs (redirect): a
    /// JWKS document. `None` when this backend publishes none.
    fn jwks(&self) -> Option<serde_json::Value> {
        None
    }
    /// The origin the room page frames (the web client of LiveKit or Jitsi), for the
    /// page's Content-Security-Policy `frame-src`.
    fn frame_origin(&self) -> Option<&str> {
        None
    }
    /// The web client page the room page frames with the entry's `url` and `token`
    /// (LiveKit Meet's custom-connection page); `None` when the entry `url` is the page.
    fn client_page(&self) -> Option<&str> {
        None
    }
}
