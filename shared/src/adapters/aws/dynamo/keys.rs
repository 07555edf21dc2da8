//! Item keys of the one table (see docs/data-model.md). Every item has its own
//! partition key, so the hot path of a session start spreads over many partitions;
//! lists go through the sharded GSI `gsi1`.

use sha2::{Digest, Sha256};

/// Guard items per room: the redemption's `ConditionCheck` on "room not deleted"
/// spreads over these, so no single item is checked more than 2,000/8 = 250 times/s.
pub const GUARD_SHARDS: u8 = 8;
/// GSI partition keys per room and list: 2,000 new participants/s over 16 keys is
/// 125 index writes/s per key.
pub const LIST_SHARDS: u8 = 16;
pub const GSI1: &str = "gsi1";
/// The key a function's init reads to open its connection: no item is ever written
/// under it (every written key starts with an upper-case kind and `#`).
pub const WARM_UP: &str = "WARM-UP";

fn shard(of: &str, shards: u8) -> u8 {
    Sha256::digest(of.as_bytes())[0] % shards
}

pub fn room(room_id: &str) -> String {
    format!("ROOM#{room_id}")
}

/// The `gsi1pk` of an organization's rooms (sorted by `list_sort` of their creation).
pub fn org_rooms(org: &str) -> String {
    format!("ORG#{org}#ROOMS")
}

pub fn guard(room_id: &str, shard: u8) -> String {
    format!("ROOM#{room_id}#GUARD#{shard}")
}

/// The guard item an invite's redemptions and reissues check.
pub fn guard_of_invite(room_id: &str, invite_id: &str) -> String {
    guard(room_id, shard(invite_id, GUARD_SHARDS))
}

pub fn invite(invite_id: &str) -> String {
    format!("INVITE#{invite_id}")
}

/// The one-time code of an invite (`verify: code` rooms).
pub fn admission_code(invite_id: &str) -> String {
    format!("INVITE#{invite_id}#CODE")
}

/// A redemption's receipt: re-admits the browser and address it names for a few minutes.
pub fn redemption_receipt(invite_id: &str, receipt: &str) -> String {
    format!("INVITE#{invite_id}#RECEIPT#{receipt}")
}

pub fn invites_list(room_id: &str, shard: u8) -> String {
    format!("ROOM#{room_id}#INVITES#{shard}")
}

pub fn invites_list_of(room_id: &str, invite_id: &str) -> String {
    invites_list(room_id, shard(invite_id, LIST_SHARDS))
}

/// The count of invites one participant (`p_…` identity) issued in a room.
pub fn guest_invite_counter(room_id: &str, issuer: &str) -> String {
    format!("ROOM#{room_id}#INVITER#{issuer}")
}

pub fn participant(room_id: &str, email: &str) -> String {
    format!("ROOM#{room_id}#PART#{email}")
}

/// A waiting participant's identity → their address (decisions name the identity).
pub fn participant_by_identity(room_id: &str, identity: &str) -> String {
    format!("ROOM#{room_id}#PID#{identity}")
}

pub fn participants_list(room_id: &str, shard: u8) -> String {
    format!("ROOM#{room_id}#PARTS#{shard}")
}

pub fn participants_list_of(room_id: &str, email: &str) -> String {
    participants_list(room_id, shard(email, LIST_SHARDS))
}

/// The GSI sort key: time first (zero-padded seconds), then the id.
pub fn list_sort(at: i64, id: &str) -> String {
    format!("{at:012}#{id}")
}

/// An address not emailed again in an organization (hard bounce or complaint).
pub fn suppression(org: &str, email: &str) -> String {
    format!("SUPPRESS#{org}#{email}")
}

/// An organization's branding, one item per organization, keyed by a hash of the org
/// id so that the public logo URL (which names that hash) is one read.
pub fn branding(org_hash: &str) -> String {
    format!("BRANDING#{org_hash}")
}

pub fn idempotency(key: &str) -> String {
    format!("IDEM#{key}")
}

/// A `ClientRequestToken` (at most 36 characters) from the parts of one logical write.
pub fn request_token(parts: &[&str]) -> String {
    let mut h = Sha256::new();
    for p in parts {
        h.update(p.as_bytes());
        h.update([0u8]);
    }
    crate::domain::token::hex(&h.finalize())[..36].to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn request_tokens_fit_and_differ() {
        let a = request_token(&["redeem", "i1", "n"]);
        assert_eq!(a.len(), 36);
        assert_eq!(a, request_token(&["redeem", "i1", "n"]));
        assert_ne!(
            a,
            request_token(&["redeem", "i1n", ""]),
            "parts are separated"
        );
    }

    #[test]
    fn shards_are_stable_and_in_range() {
        let g = guard_of_invite("r", "i1");
        assert_eq!(g, guard_of_invite("r", "i1"));
        let n: u8 = g
            .rsplit('#')
            .next()
            .and_then(|s| s.parse().ok())
            .expect("shard");
        assert!(n < GUARD_SHARDS);
        let spread: std::collections::HashSet<_> = (0..200)
            .map(|i| participants_list_of("r", &format!("p{i}@x.org")))
            .collect();
        assert_eq!(
            spread.len(),
            usize::from(LIST_SHARDS),
            "200 emails use every shard"
        );
    }
}
