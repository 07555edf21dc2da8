//! Roles of a room and the features (permissions) each one unlocks.

use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;
use utoipa::ToSchema;

/// A participant's role. The derived order is the privilege order:
/// `Viewer < Speaker < Moderator`.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, ToSchema,
)]
#[serde(rename_all = "lowercase")]
pub enum Role {
    Viewer,
    Speaker,
    Moderator,
}

/// A feature of the room page; `permissions` in `/me` lists exactly these names.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Permission {
    Live,
    Chat,
    Qa,
    Interactions,
    Backchannel,
    QaModeration,
}

impl Permission {
    pub fn as_str(self) -> &'static str {
        match self {
            Permission::Live => "live",
            Permission::Chat => "chat",
            Permission::Qa => "qa",
            Permission::Interactions => "interactions",
            Permission::Backchannel => "backchannel",
            Permission::QaModeration => "qa_moderation",
        }
    }

    /// A short human label, for pages and emails.
    pub fn label(self) -> &'static str {
        match self {
            Permission::Live => "Live stream",
            Permission::Chat => "Chat",
            Permission::Qa => "Questions & answers",
            Permission::Interactions => "Polls and reactions",
            Permission::Backchannel => "Speaker backchannel",
            Permission::QaModeration => "Q&A moderation",
        }
    }
}

const VIEWER: &[Permission] = &[
    Permission::Live,
    Permission::Chat,
    Permission::Qa,
    Permission::Interactions,
];
const SPEAKER: &[Permission] = &[
    Permission::Live,
    Permission::Chat,
    Permission::Qa,
    Permission::Interactions,
    Permission::Backchannel,
];
const MODERATOR: &[Permission] = &[
    Permission::Live,
    Permission::Chat,
    Permission::Qa,
    Permission::Interactions,
    Permission::Backchannel,
    Permission::QaModeration,
];

impl Role {
    pub const ALL: [Role; 3] = [Role::Viewer, Role::Speaker, Role::Moderator];

    pub fn as_str(self) -> &'static str {
        match self {
            Role::Viewer => "viewer",
            Role::Speaker => "speaker",
            Role::Moderator => "moderator",
        }
    }

    /// Numeric rank used by stores to compare roles inside a condition.
    pub fn rank(self) -> u8 {
        match self {
            Role::Viewer => 1,
            Role::Speaker => 2,
            Role::Moderator => 3,
        }
    }

    pub fn from_rank(rank: i64) -> Option<Role> {
        Role::ALL.into_iter().find(|r| i64::from(r.rank()) == rank)
    }

    pub fn permissions(self) -> &'static [Permission] {
        match self {
            Role::Viewer => VIEWER,
            Role::Speaker => SPEAKER,
            Role::Moderator => MODERATOR,
        }
    }

    /// The role after redeeming an invite for `offered`: never lower than `self`.
    pub fn upgraded_to(self, offered: Role) -> Role {
        self.max(offered)
    }
}

impl fmt::Display for Role {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown role {0:?}: use viewer, speaker or moderator")]
pub struct UnknownRole(pub String);

impl FromStr for Role {
    type Err = UnknownRole;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Role::ALL
            .into_iter()
            .find(|r| r.as_str() == s)
            .ok_or_else(|| UnknownRole(s.to_owned()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn roles_are_ordered_viewer_speaker_moderator() {
        assert!(Role::Viewer < Role::Speaker);
        assert!(Role::Speaker < Role::Moderator);
        assert_eq!(Role::Moderator.upgraded_to(Role::Viewer), Role::Moderator);
        assert_eq!(Role::Viewer.upgraded_to(Role::Speaker), Role::Speaker);
    }

    #[test]
    fn permissions_match_the_contract_table() {
        let names = |r: Role| {
            r.permissions()
                .iter()
                .map(|p| p.as_str())
                .collect::<Vec<_>>()
        };
        assert_eq!(names(Role::Viewer), ["live", "chat", "qa", "interactions"]);
        assert_eq!(
            names(Role::Speaker),
            ["live", "chat", "qa", "interactions", "backchannel"]
        );
        assert_eq!(
            names(Role::Moderator),
            [
                "live",
                "chat",
                "qa",
                "interactions",
                "backchannel",
                "qa_moderation"
            ]
        );
    }

    #[test]
    fn rank_round_trips_and_parsing_rejects_unknown_names() {
        for r in Role::ALL {
            assert_eq!(Role::from_rank(i64::from(r.rank())), Some(r));
            assert_eq!(r.as_str().parse::<Role>(), Ok(r));
        }
        assert!("admin".parse::<Role>().is_err());
        assert!("Viewer".parse::<Role>().is_err());
        assert_eq!(Role::from_rank(0), None);
    }
}
