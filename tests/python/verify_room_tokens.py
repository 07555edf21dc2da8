"""The other side's code judges our live-room credentials.

Input: a JSON file (written by the Rust tests in tests/tests/service/room_entry.rs) with
the backends' settings and a list of cases. Each case is checked with the consuming
side's own library:

- `livekit`: an entry token, verified by livekit-api's TokenVerifier (LiveKit's
  official server SDK) with every claim of the contract;
- `livekit_update`: a recorded RoomService UpdateParticipant call: its JSON body parsed
  by LiveKit's own protobuf message (unknown fields are refused) and its bearer token
  verified by TokenVerifier as a roomAdmin token for that room;
- `jitsi`: a Jitsi token-authentication JWT, verified with PyJWT against the claims
  that prosody's token module checks;
- `redirect`: an entry token verified through our published JWKS, fetched by PyJWT's
  PyJWKClient from the running service.

Prints "<n> checks passed" and exits 0, or names the first failure and exits 1.
"""

import json
import sys
import time
from urllib.parse import parse_qs, urlparse

import jwt
from google.protobuf import json_format
from livekit.api import TokenVerifier
from livekit.protocol import room as room_proto

PERMISSIONS = {
    "viewer": ["live", "chat", "qa", "interactions"],
    "speaker": ["live", "chat", "qa", "interactions", "backchannel"],
    "moderator": ["live", "chat", "qa", "interactions", "backchannel", "qa_moderation"],
}


def expect(cond, what):
    if not cond:
        raise AssertionError(what)


def check_livekit(cfg, case):
    verifier = TokenVerifier(cfg["livekit"]["api_key"], cfg["livekit"]["api_secret"])
    claims = verifier.verify(case["token"])
    raw = jwt.decode(case["token"], options={"verify_signature": False})
    role = case["role"]
    v = claims.video
    expect(raw["iss"] == cfg["livekit"]["api_key"], "iss is the API key")
    expect(claims.identity == case["identity"], "sub is the participant identity")
    expect(claims.name == case["email"].split("@")[0], "name is the email's local part")
    expect(raw["exp"] - raw["nbf"] <= 600, "exp at most 10 minutes after nbf")
    expect(raw["exp"] - time.time() <= 600 + 5, "exp at most 10 minutes ahead")
    expect(v.room == case["room_id"], "video.room")
    expect(v.room_join is True, "roomJoin")
    expect(v.can_subscribe is True and v.can_publish_data is True, "subscribe and data")
    expect(v.can_publish is (role in ("speaker", "moderator")), f"canPublish for {role}")
    expect(bool(v.room_admin) is (role == "moderator"), f"roomAdmin for {role}")
    expect("roomAdmin" in raw["video"] and "canPublish" in raw["video"], "explicit grants")
    meta = json.loads(claims.metadata)
    expect(meta == {"role": role, "permissions": PERMISSIONS[role]}, "metadata")
    expect(case["url"] == case["livekit_url"], "url is LIVEKIT_URL")


def check_livekit_update(cfg, case):
    expect(case["path"] == "/twirp/livekit.RoomService/UpdateParticipant", "Twirp path")
    expect((case["content_type"] or "").startswith("application/json"), "JSON body")
    update = json_format.Parse(case["body"], room_proto.UpdateParticipantRequest())
    role = case["role"]
    expect(update.room == case["room_id"], "room")
    expect(update.identity == case["identity"], "identity")
    expect(update.HasField("permission"), "permission present")
    p = update.permission
    expect(p.can_subscribe and p.can_publish_data, "subscribe and data")
    expect(p.can_publish == (role in ("speaker", "moderator")), f"canPublish for {role}")
    expect(json.loads(update.metadata) == {"role": role, "permissions": PERMISSIONS[role]}, "metadata")
    verifier = TokenVerifier(cfg["livekit"]["api_key"], cfg["livekit"]["api_secret"])
    admin = verifier.verify(case["bearer"])
    expect(admin.video.room_admin is True, "the call's token has roomAdmin")
    expect(admin.video.room == case["room_id"], "for that room")


def check_jitsi(cfg, case):
    j = cfg["jitsi"]
    claims = jwt.decode(
        case["token"],
        j["app_secret"],
        algorithms=["HS256"],
        audience="jitsi",
        issuer=j["app_id"],
        options={"require": ["exp", "nbf", "aud", "iss", "sub", "room"]},
    )
    role = case["role"]
    expect(claims["sub"] == urlparse(j["url"]).hostname, "sub is the host of JITSI_URL")
    expect(claims["room"] == case["room_id"], "room")
    expect(claims["exp"] - claims["nbf"] <= 600, "exp at most 10 minutes")
    user = claims["context"]["user"]
    expect(user["id"] == case["identity"], "context.user.id")
    expect(user["name"] == case["email"].split("@")[0], "context.user.name")
    expect(user["email"] == case["email"], "context.user.email")
    expect(user["moderator"] is (role == "moderator"), f"moderator for {role}")
    expect(case["url"] == f"{j['url']}/{case['room_id']}?jwt={case['token']}", "url")


def check_redirect(cfg, case):
    client = jwt.PyJWKClient(case["jwks_url"], cache_keys=True)
    key = client.get_signing_key_from_jwt(case["token"])
    header = jwt.get_unverified_header(case["token"])
    expect(header["alg"] == "ES256" and header.get("kid") == key.key_id, "ES256 with kid")
    app = urlparse(case["app_url"])
    claims = jwt.decode(
        case["token"],
        key.key,
        algorithms=["ES256"],
        audience=f"{app.scheme}://{app.netloc}",
        issuer=case["issuer"],
        options={"require": ["exp", "iat", "jti", "sub", "aud", "iss"]},
    )
    role = case["role"]
    expect(claims["sub"] == case["identity"], "sub")
    expect(claims["email"] == case["email"], "email")
    expect(claims["room_id"] == case["room_id"], "room_id")
    expect(claims["role"] == role, "role")
    expect(claims["permissions"] == PERMISSIONS[role], "permissions")
    expect(0 < claims["exp"] - claims["iat"] <= 60, "exp at most 60 s")
    expect(len(claims["jti"]) >= 22, "a random jti")
    q = parse_qs(urlparse(case["url"]).query)
    expect(case["url"].startswith(case["app_url"] + "?"), "url is ROOM_APP_URL?…")
    expect(q == {"room_id": [case["room_id"]], "token": [case["token"]]}, "url query")
    # No algorithm confusion: the token is not accepted as HS256 of the public key.
    try:
        jwt.decode(case["token"], "x", algorithms=["HS256"], options={"verify_aud": False})
        raise AssertionError("accepted as HS256")
    except jwt.InvalidTokenError:
        pass


CHECKS = {
    "livekit": check_livekit,
    "livekit_update": check_livekit_update,
    "jitsi": check_jitsi,
    "redirect": check_redirect,
}


def main():
    with open(sys.argv[1]) as f:
        cfg = json.load(f)
    passed = 0
    for i, case in enumerate(cfg["cases"]):
        try:
            CHECKS[case["kind"]](cfg, case)
        except Exception as e:  # noqa: BLE001 — report which case failed, then fail
            print(f"case {i} ({case['kind']}, {case.get('role')}): {type(e).__name__}: {e}")
            sys.exit(1)
        passed += 1
    print(f"{passed} checks passed")


if __name__ == "__main__":
    main()
