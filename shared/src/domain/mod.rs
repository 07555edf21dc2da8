//! The domain: rules and data of rooms, invites, participants and roles. No I/O here.

pub mod admission;
pub mod branding;
pub mod email;
pub mod error;
pub mod events;
pub mod guest_invite;
pub mod invite;
pub mod listing;
pub mod live_token;
pub mod mail_event;
pub mod mail_retry;
pub mod participant;
pub mod policy;
pub mod role;
pub mod room;
pub mod time_fmt;
pub mod token;
pub mod unsubscribe;
pub mod waiting_room;

pub use admission::{AdmissionSettings, Approval, Verify};
pub use branding::Branding;
pub use email::EmailAddress;
pub use error::{Error, Result};
pub use events::DomainEvent;
pub use invite::{Delivery, Invite, InviteStatus, InviteView, RedeemMode, RedeemRejection};
pub use mail_event::{MailEvent, Suppression};
pub use participant::{participant_identity, Admission, Me, Participant};
pub use policy::DomainPolicy;
pub use role::{Permission, Role};
pub use room::{Room, RoomStatus};
pub use token::{InviteToken, TokenHash};
pub use waiting_room::AdmissionState;
