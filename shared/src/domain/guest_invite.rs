//! Invitations from inside the room: an admitted speaker or moderator invites guests
//! (integrations contract, section 6). Which roles a participant may grant, the
//! per-participant quota, and how such an invite names its issuer.

use super::email::EmailAddress;
use super::error::Error;
use super::role::Role;
use std::fmt;

/// `PARTICIPANT_INVITE_LIMIT` when unset: invites per participant per room.
pub const DEFAULT_PARTICIPANT_INVITE_LIMIT: u32 = 20;

/// Why a participant may not issue an invite (each answered `403 forbidden`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum GuestInviteRefusal {
    /// `PARTICIPANT_INVITE_LIMIT=0`: the organization turned the feature off.
    Disabled,
    /// Viewers invite nobody.
    ViewerRole,
    /// The requested role is not below the inviter's own.
    AboveOwnRole { inviter: Role, requested: Role },
    /// The form was sent from another website.
    CrossSite,
}

impl fmt::Display for GuestInviteRefusal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            GuestInviteRefusal::Disabled => {
                f.write_str("Inviting people from the room is turned off by your organization.")
            }
            GuestInviteRefusal::ViewerRole => {
                f.write_str("Viewers cannot invite people. Ask a speaker, a moderator or the host.")
            }
            GuestInviteRefusal::AboveOwnRole { inviter, requested } => {
                let may = grantable_roles(*inviter)
                    .iter()
                    .map(|r| format!("{r}s"))
                    .collect::<Vec<_>>()
                    .join(" and ");
                write!(
                    f,
                    "As a {inviter} you can invite {may}, not {requested}s. Ask the host."
                )
            }
            GuestInviteRefusal::CrossSite => {
                f.write_str("The invitation form was sent from another website, so it was refused.")
            }
        }
    }
}

/// The roles a participant may give: strictly below their own. A speaker invites
/// viewers; a moderator viewers and speakers; a viewer nobody.
pub fn grantable_roles(inviter: Role) -> &'static [Role] {
    match inviter {
        Role::Viewer => &[],
        Role::Speaker => &[Role::Viewer],
        Role::Moderator => &[Role::Viewer, Role::Speaker],
    }
}

/// Whether a participant with role `inviter` may invite someone as `requested` while
/// the limit is `limit` (0 = the feature is off).
pub fn may_invite(inviter: Role, requested: Role, limit: u32) -> Result<(), GuestInviteRefusal> {
    if limit == 0 {
        Err(GuestInviteRefusal::Disabled)
    } else if grantable_roles(inviter).is_empty() {
        Err(GuestInviteRefusal::ViewerRole)
    } else if !grantable_roles(inviter).contains(&requested) {
        Err(GuestInviteRefusal::AboveOwnRole { inviter, requested })
    } else {
        Ok(())
    }
}

/// Whether a participant that has issued `issued` invites in a room may issue one more.
/// The stores enforce the same rule atomically in their write (`n < limit`) and call
/// this on the counter as it was to say whether the quota is what failed.
pub fn within_quota(issued: u32, limit: u32) -> bool {
    issued < limit
}

/// `created_by` of an invite a participant issued: `participant:` + their identity
/// (see [`super::participant_identity`]).
pub fn created_by(identity: &str) -> String {
    format!("participant:{identity}")
}

/// The name a participant is known by in the room (the live-room backends' `name`):
/// the local part of their email, never the whole address.
pub fn display_name(email: &EmailAddress) -> &str {
    let s = email.as_str();
    s.rsplit_once('@').map_or(s, |(local, _)| local)
}

impl From<GuestInviteRefusal> for Error {
    fn from(r: GuestInviteRefusal) -> Self {
        Error::GuestInviteRefused(r)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nobody_grants_their_own_role_or_above() {
        use Role::*;
        let table = [
            (Viewer, Viewer, Some(GuestInviteRefusal::ViewerRole)),
            (Viewer, Speaker, Some(GuestInviteRefusal::ViewerRole)),
            (Speaker, Viewer, None),
            (
                Speaker,
                Speaker,
                Some(GuestInviteRefusal::AboveOwnRole {
                    inviter: Speaker,
                    requested: Speaker,
                }),
            ),
            (
                Speaker,
                Moderator,
                Some(GuestInviteRefusal::AboveOwnRole {
                    inviter: Speaker,
                    requested: Moderator,
                }),
            ),
            (Moderator, Viewer, None),
            (Moderator, Speaker, None),
            (
                Moderator,
                Moderator,
                Some(GuestInviteRefusal::AboveOwnRole {
                    inviter: Moderator,
                    requested: Moderator,
                }),
            ),
        ];
        for (inviter, requested, refusal) in table {
            assert_eq!(
                may_invite(inviter, requested, 20).err(),
                refusal,
                "{inviter} → {requested}"
            );
            for granted in grantable_roles(inviter) {
                assert!(granted < &inviter);
            }
        }
    }

    #[test]
    fn a_zero_limit_turns_the_feature_off_for_everyone() {
        for inviter in Role::ALL {
            assert_eq!(
                may_invite(inviter, Role::Viewer, 0),
                Err(GuestInviteRefusal::Disabled)
            );
        }
    }

    #[test]
    fn the_quota_allows_exactly_limit_invites() {
        assert!(within_quota(0, 1));
        assert!(!within_quota(1, 1));
        assert!(within_quota(19, 20));
        assert!(!within_quota(20, 20));
        assert!(!within_quota(0, 0));
    }

    #[test]
    fn refusals_explain_themselves_and_are_forbidden() {
        let r = GuestInviteRefusal::AboveOwnRole {
            inviter: Role::Moderator,
            requested: Role::Moderator,
        };
        assert_eq!(
            r.to_string(),
            "As a moderator you can invite viewers and speakers, not moderators. Ask the host."
        );
        assert_eq!(Error::from(r).code(), "forbidden");
        assert_eq!(
            Error::from(GuestInviteRefusal::Disabled).code(),
            "forbidden"
        );
    }

    #[test]
    fn the_display_name_is_the_local_part_only() {
        let e = EmailAddress::parse("Ann.Smith+rooms@Example.com").unwrap();
        assert_eq!(display_name(&e), "ann.smith+rooms");
        assert_eq!(created_by("p_0123"), "participant:p_0123");
    }
}
