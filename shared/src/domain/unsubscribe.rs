//! One-click unsubscribe (RFC 8058) from a room's reminder mail: the link names the
//! invite (which names the room and the address, so no address is in the URL) and
//! carries an HMAC-SHA256 tag of it under the service's unsubscribe key, so that nobody
//! can make a working link for an invite they were not emailed about.

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine as _;
use hmac::{Hmac, Mac};
use sha2::Sha256;

const CONTEXT: &[u8] = b"room-invites/unsubscribe/v1\0";

fn mac(key: &[u8], invite_id: &str) -> Option<Hmac<Sha256>> {
    if key.is_empty() {
        return None;
    }
    let mut mac = Hmac::<Sha256>::new_from_slice(key).ok()?;
    mac.update(CONTEXT);
    mac.update(invite_id.as_bytes());
    Some(mac)
}

/// The tag of an invite's unsubscribe link; `None` without a key (no links then).
pub fn sign(key: &[u8], invite_id: &str) -> Option<String> {
    mac(key, invite_id).map(|m| URL_SAFE_NO_PAD.encode(m.finalize().into_bytes()))
}

/// Whether `tag` is the invite's tag (constant time).
pub fn verify(key: &[u8], invite_id: &str, tag: &str) -> bool {
    let (Some(mac), Ok(tag)) = (mac(key, invite_id), URL_SAFE_NO_PAD.decode(tag.trim())) else {
        return false;
    };
    mac.verify_slice(&tag).is_ok()
}

/// The https one-click URL of an invite (`List-Unsubscribe`), without a key `None`.
pub fn url(public_base_url: &str, key: &[u8], invite_id: &str) -> Option<String> {
    sign(key, invite_id).map(|tag| format!("{public_base_url}/unsubscribe/{invite_id}?s={tag}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_tag_works_for_its_invite_and_key_only() {
        let key = b"0123456789abcdef0123456789abcdef";
        let tag = sign(key, "I1").expect("tag");
        assert_eq!(tag.len(), 43);
        assert!(verify(key, "I1", &tag));
        assert!(!verify(key, "I2", &tag), "another invite");
        assert!(!verify(b"another key of 32 bytes........", "I1", &tag));
        let mut altered = tag.clone().into_bytes();
        altered[5] = if altered[5] == b'A' { b'B' } else { b'A' };
        assert!(!verify(key, "I1", &String::from_utf8(altered).unwrap()));
        assert!(!verify(key, "I1", ""));
        assert!(!verify(key, "I1", "not base64!"));
        assert!(sign(b"", "I1").is_none(), "no key, no links");
        assert!(!verify(b"", "I1", &tag));
    }
}
