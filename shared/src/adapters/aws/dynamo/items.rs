//! Conversions between domain types and DynamoDB items, and expression helpers.

use super::keys;
use crate::domain::invite::Delivery;
use crate::domain::room::RoomStatus;
use crate::domain::{AdmissionState, EmailAddress, Invite, Participant, Role, Room, TokenHash};
use crate::ports::StoreError;
use aws_sdk_dynamodb::types::AttributeValue;
use std::collections::HashMap;
use std::str::FromStr;
use time::OffsetDateTime;

pub type Item = HashMap<String, AttributeValue>;

pub fn s(v: impl Into<String>) -> AttributeValue {
    AttributeValue::S(v.into())
}

pub fn n(v: impl ToString) -> AttributeValue {
    AttributeValue::N(v.to_string())
}

pub fn ts(t: OffsetDateTime) -> AttributeValue {
    n(t.unix_timestamp())
}

pub fn key(pk: String) -> Item {
    HashMap::from([("pk".to_owned(), s(pk))])
}

/// `ExpressionAttributeNames` for every `#name` in `exprs`, so that no attribute name
/// can collide with DynamoDB's reserved words and no unused name is sent.
pub fn names(exprs: &[&str]) -> HashMap<String, String> {
    let mut out = HashMap::new();
    for e in exprs {
        let mut rest = *e;
        while let Some(i) = rest.find('#') {
            let tail = &rest[i + 1..];
            let end = tail
                .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
                .unwrap_or(tail.len());
            out.insert(format!("#{}", &tail[..end]), tail[..end].to_owned());
            rest = &tail[end..];
        }
    }
    out
}

pub fn values(pairs: &[(&str, AttributeValue)]) -> HashMap<String, AttributeValue> {
    pairs
        .iter()
        .map(|(k, v)| ((*k).to_owned(), v.clone()))
        .collect()
}

fn bad(what: &str) -> StoreError {
    StoreError::new(format!("unreadable item attribute {what}"))
}

pub fn get_s(item: &Item, name: &str) -> Result<String, StoreError> {
    match item.get(name) {
        Some(AttributeValue::S(v)) => Ok(v.clone()),
        _ => Err(bad(name)),
    }
}

pub fn get_n<T: FromStr>(item: &Item, name: &str) -> Result<T, StoreError> {
    opt_n(item, name)?.ok_or_else(|| bad(name))
}

pub fn opt_n<T: FromStr>(item: &Item, name: &str) -> Result<Option<T>, StoreError> {
    match item.get(name) {
        None | Some(AttributeValue::Null(_)) => Ok(None),
        Some(AttributeValue::N(v)) => v.parse().map(Some).map_err(|_| bad(name)),
        Some(_) => Err(bad(name)),
    }
}

pub fn get_ts(item: &Item, name: &str) -> Result<OffsetDateTime, StoreError> {
    OffsetDateTime::from_unix_timestamp(get_n(item, name)?).map_err(|_| bad(name))
}

pub fn opt_ts(item: &Item, name: &str) -> Result<Option<OffsetDateTime>, StoreError> {
    opt_n::<i64>(item, name)?
        .map(|t| OffsetDateTime::from_unix_timestamp(t).map_err(|_| bad(name)))
        .transpose()
}

fn role(item: &Item) -> Result<Role, StoreError> {
    Role::from_rank(get_n(item, "role_rank")?).ok_or_else(|| bad("role_rank"))
}

pub fn room_item(room: &Room) -> Result<Item, StoreError> {
    let mut item = key(keys::room(&room.room_id));
    item.extend([
        ("kind".to_owned(), s("room")),
        // The organization's room list (the host console): one partition per org.
        ("gsi1pk".to_owned(), s(keys::org_rooms(&room.org))),
        (
            "gsi1sk".to_owned(),
            s(keys::list_sort(
                room.created_at.unix_timestamp(),
                &room.room_id,
            )),
        ),
        ("room_id".to_owned(), s(&room.room_id)),
        ("org".to_owned(), s(&room.org)),
        ("title".to_owned(), s(&room.title)),
        ("description".to_owned(), s(&room.description)),
        ("starts_at".to_owned(), ts(room.starts_at)),
        ("speakers".to_owned(), s(json(&room.speakers)?)),
        ("attachments".to_owned(), s(json(&room.attachments)?)),
        ("room_status".to_owned(), s(room.status.as_str())),
        ("reminders".to_owned(), s(json(&room.reminders)?)),
        ("admission".to_owned(), s(json(&room.admission)?)),
        ("created_by".to_owned(), s(&room.created_by)),
        ("created_at".to_owned(), ts(room.created_at)),
        ("version".to_owned(), n(room.version)),
    ]);
    if let Some(e) = room.ends_at {
        item.insert("ends_at".to_owned(), ts(e));
    }
    // Language and time zone in one attribute that every write sets ("{}": none).
    item.insert("presentation".to_owned(), s(presentation_json(room)?));
    if let Some(d) = room.deleted_at {
        item.insert("deleted_at".to_owned(), ts(d));
    }
    Ok(item)
}

/// The room's `locale` and `timezone` as one JSON attribute.
#[derive(serde::Serialize, serde::Deserialize, Default)]
struct Presentation {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    locale: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    timezone: Option<String>,
}

fn presentation_json(room: &Room) -> Result<String, StoreError> {
    json(&Presentation {
        locale: room.locale.clone(),
        timezone: room.timezone.clone(),
    })
}

fn json<T: serde::Serialize>(v: &T) -> Result<String, StoreError> {
    serde_json::to_string(v).map_err(|e| StoreError::new(e.to_string()))
}

pub fn room_from(item: &Item) -> Result<Room, StoreError> {
    let json = |name: &str| -> Result<String, StoreError> { get_s(item, name) };
    // Rooms stored before localization have neither.
    let presentation: Presentation = match item.get("presentation") {
        None => Presentation::default(),
        Some(_) => serde_json::from_str(&json("presentation")?).map_err(|_| bad("presentation"))?,
    };
    Ok(Room {
        room_id: get_s(item, "room_id")?,
        org: get_s(item, "org")?,
        title: get_s(item, "title")?,
        description: get_s(item, "description")?,
        starts_at: get_ts(item, "starts_at")?,
        ends_at: opt_ts(item, "ends_at")?,
        speakers: serde_json::from_str(&json("speakers")?).map_err(|_| bad("speakers"))?,
        attachments: serde_json::from_str(&json("attachments")?).map_err(|_| bad("attachments"))?,
        status: RoomStatus::parse(&get_s(item, "room_status")?)
            .ok_or_else(|| bad("room_status"))?,
        // Rooms stored before reminders existed have the default.
        reminders: match item.get("reminders") {
            None => crate::domain::room::DEFAULT_REMINDERS.to_vec(),
            Some(_) => serde_json::from_str(&json("reminders")?).map_err(|_| bad("reminders"))?,
        },
        // Rooms stored before admission settings existed admit as they always did.
        admission: match item.get("admission") {
            None => Default::default(),
            Some(_) => serde_json::from_str(&json("admission")?).map_err(|_| bad("admission"))?,
        },
        locale: presentation.locale,
        timezone: presentation.timezone,
        created_by: get_s(item, "created_by")?,
        created_at: get_ts(item, "created_at")?,
        deleted_at: opt_ts(item, "deleted_at")?,
        version: get_n(item, "version")?,
    })
}

/// A room's guard item: exists while the room exists; `deleted_at` once it is deleted.
pub fn guard_item(room_id: &str, shard: u8) -> Item {
    let mut item = key(keys::guard(room_id, shard));
    item.extend([
        ("kind".to_owned(), s("room_guard")),
        ("room_id".to_owned(), s(room_id)),
    ]);
    item
}

pub fn invite_item(i: &Invite) -> Item {
    let mut item = key(keys::invite(&i.invite_id));
    item.extend([
        ("kind".to_owned(), s("invite")),
        (
            "gsi1pk".to_owned(),
            s(keys::invites_list_of(&i.room_id, &i.invite_id)),
        ),
        (
            "gsi1sk".to_owned(),
            s(keys::list_sort(i.created_at.unix_timestamp(), &i.invite_id)),
        ),
        ("invite_id".to_owned(), s(&i.invite_id)),
        ("room_id".to_owned(), s(&i.room_id)),
        ("org".to_owned(), s(&i.org)),
        ("email".to_owned(), s(i.email.as_str())),
        ("role_rank".to_owned(), n(i.role.rank())),
        ("uses".to_owned(), n(i.uses)),
        ("expires_at".to_owned(), ts(i.expires_at)),
        ("token_hash".to_owned(), s(&i.token_hash.0)),
        ("failed_attempts".to_owned(), n(i.failed_attempts)),
        ("delivery".to_owned(), s(i.delivery.as_str())),
        ("created_by".to_owned(), s(&i.created_by)),
        ("created_at".to_owned(), ts(i.created_at)),
    ]);
    if let Some(m) = i.max_uses {
        item.insert("max_uses".to_owned(), n(m));
    }
    if let Some(r) = i.revoked_at {
        item.insert("revoked_at".to_owned(), ts(r));
    }
    if let Some(nonce) = &i.mail_nonce {
        item.insert("mail_nonce".to_owned(), s(nonce));
    }
    if let Some(l) = &i.locale {
        item.insert("locale".to_owned(), s(l));
    }
    if let Some(u) = i.unsubscribed_at {
        item.insert("unsubscribed_at".to_owned(), ts(u));
    }
    item
}

pub fn invite_from(item: &Item) -> Result<Invite, StoreError> {
    Ok(Invite {
        invite_id: get_s(item, "invite_id")?,
        room_id: get_s(item, "room_id")?,
        org: get_s(item, "org")?,
        email: EmailAddress::from_normalized(get_s(item, "email")?),
        role: role(item)?,
        max_uses: opt_n(item, "max_uses")?,
        uses: get_n(item, "uses")?,
        expires_at: get_ts(item, "expires_at")?,
        token_hash: TokenHash(get_s(item, "token_hash")?),
        failed_attempts: get_n(item, "failed_attempts")?,
        revoked_at: opt_ts(item, "revoked_at")?,
        delivery: Delivery::parse(&get_s(item, "delivery")?).ok_or_else(|| bad("delivery"))?,
        created_by: get_s(item, "created_by")?,
        created_at: get_ts(item, "created_at")?,
        mail_nonce: get_s(item, "mail_nonce").ok(),
        // Invites stored before localization have none.
        locale: get_s(item, "locale").ok(),
        unsubscribed_at: opt_ts(item, "unsubscribed_at")?,
    })
}

pub fn participant_from(item: &Item) -> Result<Participant, StoreError> {
    Ok(Participant {
        room_id: get_s(item, "room_id")?,
        email: EmailAddress::from_normalized(get_s(item, "email")?),
        role: role(item)?,
        joined_at: get_ts(item, "joined_at")?,
        updated_at: get_ts(item, "updated_at")?,
        // Participants stored before the waiting room were all admitted.
        admission: match item.get("admission") {
            None => AdmissionState::Admitted,
            Some(_) => {
                AdmissionState::parse(&get_s(item, "admission")?).ok_or_else(|| bad("admission"))?
            }
        },
        denial_reason: get_s(item, "denial_reason").ok(),
        decided_at: opt_ts(item, "decided_at")?,
        knocks: opt_n(item, "knocks")?.unwrap_or(0),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_cover_every_placeholder_once() {
        let got = names(&[
            "SET #uses = #uses + :one",
            "#room_id = :r AND attribute_not_exists(#revoked_at)",
        ]);
        let mut keys: Vec<_> = got.keys().cloned().collect();
        keys.sort();
        assert_eq!(keys, ["#revoked_at", "#room_id", "#uses"]);
        assert_eq!(got.get("#uses").map(String::as_str), Some("uses"));
    }

    /// Items written before issue 20 (no `presentation`, `locale` or
    /// `unsubscribed_at`) read with none of them; new items round-trip.
    #[test]
    fn items_from_before_localization_read_fine() {
        use crate::domain::room::RoomStatus;
        use crate::domain::{EmailAddress, Role};
        let at = time::OffsetDateTime::from_unix_timestamp(1_900_000_000).expect("time");
        let mut room = Room {
            room_id: "r1".into(),
            org: "o".into(),
            title: "T".into(),
            description: String::new(),
            starts_at: at,
            ends_at: None,
            speakers: vec![],
            attachments: vec![],
            status: RoomStatus::Scheduled,
            reminders: vec![15],
            admission: Default::default(),
            locale: Some("ar".into()),
            timezone: Some("Africa/Cairo".into()),
            created_by: "h".into(),
            created_at: at,
            deleted_at: None,
            version: 1,
        };
        let item = room_item(&room).expect("item");
        assert_eq!(room_from(&item).expect("read"), room);
        let mut old = item.clone();
        old.remove("presentation");
        room.locale = None;
        room.timezone = None;
        assert_eq!(room_from(&old).expect("old item"), room);
        let invite = Invite {
            invite_id: "i1".into(),
            room_id: "r1".into(),
            org: "o".into(),
            email: EmailAddress::parse("a@example.com").expect("address"),
            role: Role::Viewer,
            max_uses: Some(1),
            uses: 0,
            expires_at: at,
            token_hash: TokenHash("h".into()),
            failed_attempts: 0,
            revoked_at: None,
            delivery: Delivery::Sent,
            created_by: "h".into(),
            created_at: at,
            locale: Some("de".into()),
            unsubscribed_at: Some(at),
            mail_nonce: Some("n".into()),
        };
        assert_eq!(invite_from(&invite_item(&invite)).expect("read"), invite);
        let plain = Invite {
            locale: None,
            unsubscribed_at: None,
            mail_nonce: None,
            ..invite
        };
        let item = invite_item(&plain);
        assert!(!item.contains_key("locale") && !item.contains_key("unsubscribed_at"));
        assert_eq!(invite_from(&item).expect("old item"), plain);
    }

    #[test]
    fn unreadable_items_are_errors_not_panics() {
        let mut item = key("INVITE#i".into());
        item.insert("uses".into(), s("not a number"));
        assert!(invite_from(&item).is_err());
        assert!(get_n::<u32>(&item, "uses").is_err());
    }
}
