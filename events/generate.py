#!/usr/bin/env python3
"""Writes the sample events of every function (run from this folder). The events fit
together: see README.md, which this script also writes."""
import base64, hashlib, hmac, json, os

def b64(b):
    return base64.urlsafe_b64encode(b).rstrip(b"=").decode()

HOST_SECRET = b"sample-host-secret-change-me"
header = b64(json.dumps({"typ": "JWT", "alg": "HS256"}, separators=(",", ":")).encode())
claims = b64(json.dumps({"sub": "host-dana", "org": "org-demo", "email": "dana@example.com", "exp": 4102444800}, separators=(",", ":")).encode())
signature = b64(hmac.new(HOST_SECRET, f"{header}.{claims}".encode(), hashlib.sha256).digest())
JWT = f"{header}.{claims}.{signature}"

SESSION_SECRET = b"sample-session-secret-change-me"
session_claims = b64(json.dumps({"sub": "ann@example.com", "iat": 1795773600, "exp": 4102444800, "typ": "session"}, separators=(",", ":")).encode())
session_sig = b64(hmac.new(SESSION_SECRET, f"{header}.{session_claims}".encode(), hashlib.sha256).digest())
SESSION_COOKIE = f"rooms_session={header}.{session_claims}.{session_sig}"

# The host console's session (shared/src/http/session.rs, ConsoleSession): host-dana of
# org-demo, with the write permission and the CSRF token its forms carry.
CONSOLE_CSRF = "sample-console-csrf-token"
console_claims = b64(json.dumps({"sub": "host-dana", "org": "org-demo", "email": "dana@example.com", "write": True,
    "csrf": CONSOLE_CSRF, "exp": 4102444800, "typ": "console"}, separators=(",", ":")).encode())
console_sig = b64(hmac.new(SESSION_SECRET, f"{header}.{console_claims}".encode(), hashlib.sha256).digest())
CONSOLE_COOKIE = f"rooms_console={header}.{console_claims}.{console_sig}"

CROCKFORD = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
ROOM = "01JDX5AMP1E0000R00M0000000"
INVITE = "01JDX5AMP1E000000NV1TE0001"
for ulid in (ROOM, INVITE):
    assert len(ulid) == 26 and all(c in CROCKFORD for c in ulid), ulid

def ulid_bytes(s):
    n = 0
    for c in s:
        n = n * 32 + CROCKFORD.index(c)
    return n.to_bytes(16, "big")

# The layout of a real token (shared/src/domain/token.rs): invite id (16 bytes), room id
# (16), role rank (1; ranks in shared/src/domain/role.rs: viewer 1, speaker 2, moderator 3)
# and 32 "secret" bytes, here fixed. The invite is for a speaker.
SPEAKER_RANK = 2
TOKEN = b64(ulid_bytes(INVITE) + ulid_bytes(ROOM) + bytes([SPEAKER_RANK]) + bytes(range(1, 33)))
assert len(TOKEN) == 87

def http(name, method, path, route, params=None, body=None, headers=None, cookie=None, query=None, binary=False):
    h = {"host": "rooms.example.com", "user-agent": "curl/8.5.0", "x-forwarded-proto": "https", "accept": "application/json"}
    h.update(headers or {})
    event = {
        "version": "2.0",
        "routeKey": f"{method} {route}",
        "rawPath": path,
        "rawQueryString": "&".join(f"{k}={v}" for k, v in (query or {}).items()),
        "headers": h,
        "requestContext": {
            "accountId": "123456789012", "apiId": "abcdef1234", "domainName": "rooms.example.com", "domainPrefix": "rooms",
            "http": {"method": method, "path": path, "protocol": "HTTP/1.1", "sourceIp": "203.0.113.7", "userAgent": "curl/8.5.0"},
            "requestId": "JkV0kjD3IAMEVdA=", "routeKey": f"{method} {route}", "stage": "$default",
            "time": "27/Nov/2026:10:00:00 +0000", "timeEpoch": 1795773600000,
        },
        "isBase64Encoded": False,
    }
    if cookie:
        event["cookies"] = [cookie]
    if params:
        event["pathParameters"] = params
    if query:
        event["queryStringParameters"] = query
    if body is not None:
        event["body"] = base64.b64encode(body).decode() if binary else body
        event["isBase64Encoded"] = binary
    os.makedirs(os.path.dirname(name), exist_ok=True)
    with open(name, "w") as f:
        json.dump(event, f, indent=2)
        f.write("\n")

auth = {"authorization": f"Bearer {JWT}", "content-type": "application/json"}
R = {"room_id": ROOM}
RI = {"room_id": ROOM, "invite_id": INVITE}
T = {"token": TOKEN}
http("rooms/create-room.json", "POST", "/api/rooms", "/api/rooms", body=json.dumps({
    "title": "Quarterly all-hands", "description": "Numbers and plans", "starts_at": "2030-12-01T15:00:00Z",
    "ends_at": "2030-12-01T16:00:00Z", "speakers": [{"name": "Dana", "title": "CEO"}],
    "attachments": [{"name": "Agenda", "url": "https://example.com/agenda.pdf"}]}),
    headers=dict(auth, **{"idempotency-key": "create-room-sample-1"}))
http("rooms/openapi.json", "GET", "/api/openapi.json", "/api/openapi.json")
http("rooms/get-room.json", "GET", f"/api/rooms/{ROOM}", "/api/rooms/{room_id}", R, headers=auth)
http("rooms/update-room.json", "PATCH", f"/api/rooms/{ROOM}", "/api/rooms/{room_id}", R,
     body=json.dumps({"title": "Quarterly all-hands (Q4)", "starts_at": "2030-12-02T15:00:00Z"}), headers=auth)
http("rooms/preview.json", "GET", f"/api/rooms/{ROOM}/preview/reminder", "/api/rooms/{room_id}/preview/{kind}",
     {"room_id": ROOM, "kind": "reminder"}, headers=auth, query={"locale": "de", "part": "text"})
# A 1x1 PNG; the public logo URL names a hash of the org id and of the image
# (shared/src/domain/branding.rs: the first 8 bytes of SHA-256, in hex).
LOGO_B64 = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg=="
ORG_HASH = hashlib.sha256(b"room-invites/org/v1\0org-demo").hexdigest()[:16]
LOGO_HASH = hashlib.sha256(base64.b64decode(LOGO_B64)).hexdigest()[:16]
http("rooms/get-branding.json", "GET", "/api/branding", "/api/branding", headers=auth)
http("rooms/put-branding.json", "PUT", "/api/branding", "/api/branding", headers=auth, body=json.dumps({
    "display_name": "Acme Events", "accent_color": "#0b5cad", "sender_name": "Acme Events",
    "reply_to": "events@acme.example", "support_line": "Questions? Write to events@acme.example.",
    "logo": LOGO_B64}))
http("rooms/delete-room.json", "DELETE", f"/api/rooms/{ROOM}", "/api/rooms/{room_id}", R, headers=auth)
http("invites/issue-invite.json", "POST", f"/api/rooms/{ROOM}/invites", "/api/rooms/{room_id}/invites", R,
     body=json.dumps({"email": "bob@example.com", "role": "speaker", "max_uses": 1}), headers=auth)
http("invites/issue-bulk.json", "POST", f"/api/rooms/{ROOM}/invites", "/api/rooms/{room_id}/invites", R,
     body=json.dumps({"invites": [{"email": "cy@example.com"}, {"email": "not-an-address"},
                                   {"email": "dee@example.com", "role": "moderator", "send_email": False}]}), headers=auth)
http("invites/list-invites.json", "GET", f"/api/rooms/{ROOM}/invites", "/api/rooms/{room_id}/invites", R, headers=auth)
http("invites/list-invites-page.json", "GET", f"/api/rooms/{ROOM}/invites", "/api/rooms/{room_id}/invites", R,
     headers=auth, query={"limit": "2", "status": "active"})
http("invites/room-summary.json", "GET", f"/api/rooms/{ROOM}/summary", "/api/rooms/{room_id}/summary", R, headers=auth)
http("invites/export-invites-csv.json", "GET", f"/api/rooms/{ROOM}/invites.csv", "/api/rooms/{room_id}/invites.csv", R,
     headers=dict(auth, accept="text/csv"))
http("invites/resend-invite.json", "POST", f"/api/rooms/{ROOM}/invites/{INVITE}/resend",
     "/api/rooms/{room_id}/invites/{invite_id}/resend", RI, headers=auth)
http("invites/revoke-invite.json", "DELETE", f"/api/rooms/{ROOM}/invites/{INVITE}",
     "/api/rooms/{room_id}/invites/{invite_id}", RI, headers=auth)
http("invites/invite-from-room.json", "POST", f"/rooms/{ROOM}/invites", "/rooms/{room_id}/invites", R,
     body=json.dumps({"email": "eve@example.com", "role": "speaker"}), cookie=SESSION_COOKIE,
     headers={"content-type": "application/json", "origin": "https://rooms.example.com", "sec-fetch-site": "same-origin"})
http("participants/list-participants.json", "GET", f"/api/rooms/{ROOM}/participants",
     "/api/rooms/{room_id}/participants", R, headers=auth)
http("participants/list-participants-page.json", "GET", f"/api/rooms/{ROOM}/participants",
     "/api/rooms/{room_id}/participants", R, headers=auth, query={"limit": "50", "role": "speaker"})
http("participants/export-participants-csv.json", "GET", f"/api/rooms/{ROOM}/participants.csv",
     "/api/rooms/{room_id}/participants.csv", R, headers=dict(auth, accept="text/csv"))
http("participants/set-role.json", "PUT", f"/api/rooms/{ROOM}/participants/ann@example.com/role",
     "/api/rooms/{room_id}/participants/{email}/role", {"room_id": ROOM, "email": "ann@example.com"},
     body=json.dumps({"role": "moderator"}), headers=auth)
http("redemption/open-link.json", "GET", f"/join/{TOKEN}", "/join/{token}", T, headers={"accept": "text/html"})
http("redemption/redeem-form.json", "POST", f"/join/{TOKEN}", "/join/{token}", T, body="email=ann%40example.com",
     headers={"accept": "text/html", "content-type": "application/x-www-form-urlencoded"})
http("redemption/redeem-json.json", "POST", f"/join/{TOKEN}", "/join/{token}", T,
     body=json.dumps({"email": "ann@example.com"}), headers={"content-type": "application/json"})
http("redemption/sign-in-start.json", "GET", f"/join/{TOKEN}/sso", "/join/{token}/sso", T, headers={"accept": "text/html"})
# The provider's redirect back; without this browser's sign-in cookie it answers sso_failed.
http("redemption/auth-callback.json", "GET", "/auth/callback", "/auth/callback",
     query={"code": "c0de-from-the-provider", "state": "0123456789abcdef0123456789abcdef"}, headers={"accept": "text/html"})
http("redemption/room-status.json", "GET", f"/rooms/{ROOM}/status", "/rooms/{room_id}/status", R)
http("redemption/room-page.json", "GET", f"/rooms/{ROOM}", "/rooms/{room_id}", R, headers={"accept": "text/html"}, cookie=SESSION_COOKIE)
http("redemption/me.json", "GET", f"/rooms/{ROOM}/me", "/rooms/{room_id}/me", R, cookie=SESSION_COOKIE)
http("redemption/live.json", "GET", f"/rooms/{ROOM}/live", "/rooms/{room_id}/live", R, cookie=SESSION_COOKIE)
http("redemption/room-entry.json", "GET", f"/rooms/{ROOM}/entry", "/rooms/{room_id}/entry", R, cookie=SESSION_COOKIE)
http("redemption/jwks.json", "GET", "/.well-known/jwks.json", "/.well-known/jwks.json", None, headers={"accept": "application/json"})
http("redemption/asset-script.json", "GET", "/assets/app.js", "/assets/{file}", {"file": "app.js"}, headers={"accept": "*/*"})
os.makedirs("session-start", exist_ok=True)
with open("session-start/session-start.json", "w") as f:
    json.dump({"room_id": ROOM, "starts_at": "2030-12-01T15:00:00Z"}, f, indent=2)
    f.write("\n")
# The jobs of room mail on the same target: a reminder 15 minutes before the start.
with open("session-start/reminder.json", "w") as f:
    json.dump({"room_id": ROOM, "kind": "reminder", "starts_at": "2030-12-01T15:00:00Z",
               "minutes_before": 15}, f, indent=2)
    f.write("\n")
# mail-events: the SES events of tests/fixtures/ses-events (AWS's documented shapes),
# one per kind the rule forwards, for the sample invite.
os.makedirs("mail-events", exist_ok=True)
for kind in ["delivery", "bounce-permanent", "complaint"]:
    with open(f"../tests/fixtures/ses-events/{kind}.json") as src:
        sample = json.load(src)
    with open(f"mail-events/{kind}.json", "w") as f:
        json.dump(sample, f, indent=2)
        f.write("\n")

# live-authorizer: AppSync's documented authorizer event (tests/fixtures/appsync) with
# Ann's live token (shared/src/domain/live_token.rs): an HS256 JWT under
# HMAC-SHA256(SESSION_SECRET, "live-token"), here valid until 2100 (real ones: 10 minutes).
ANN_IDENTITY = "p_" + hmac.new(SESSION_SECRET, (ROOM + "ann@example.com").encode(), hashlib.sha256).hexdigest()[:24]
# The waiting room: the hosts' list and decisions (Ann's identity), a knock from her session.
RW = {"room_id": ROOM, "identity": ANN_IDENTITY}
http("participants/waiting-list.json", "GET", f"/api/rooms/{ROOM}/waiting", "/api/rooms/{room_id}/waiting", R, headers=auth)
http("participants/admit.json", "POST", f"/api/rooms/{ROOM}/waiting/{ANN_IDENTITY}/admit",
     "/api/rooms/{room_id}/waiting/{identity}/admit", RW, headers=auth)
http("participants/deny.json", "POST", f"/api/rooms/{ROOM}/waiting/{ANN_IDENTITY}/deny",
     "/api/rooms/{room_id}/waiting/{identity}/deny", RW, body=json.dumps({"reason": "This session is for members only."}), headers=auth)
http("participants/admit-all.json", "POST", f"/api/rooms/{ROOM}/waiting/admit-all", "/api/rooms/{room_id}/waiting/admit-all", R, headers=auth)
same_origin = {"origin": "https://rooms.example.com", "sec-fetch-site": "same-origin"}
http("redemption/moderator-waiting.json", "GET", f"/rooms/{ROOM}/waiting", "/rooms/{room_id}/waiting", R, cookie=SESSION_COOKIE)
http("redemption/moderator-admit.json", "POST", f"/rooms/{ROOM}/waiting/{ANN_IDENTITY}/admit",
     "/rooms/{room_id}/waiting/{identity}/{decision}", {"room_id": ROOM, "identity": ANN_IDENTITY, "decision": "admit"},
     cookie=SESSION_COOKIE, headers=same_origin)
http("redemption/moderator-admit-all.json", "POST", f"/rooms/{ROOM}/waiting/admit-all", "/rooms/{room_id}/waiting/admit-all", R,
     cookie=SESSION_COOKIE, headers=same_origin)
http("redemption/knock.json", "POST", f"/rooms/{ROOM}/knock", "/rooms/{room_id}/knock", R, cookie=SESSION_COOKIE,
     headers={"origin": "https://rooms.example.com", "sec-fetch-site": "same-origin"})
# org-demo's logo, as rooms/put-branding.json stores it.
http("redemption/branding-logo.json", "GET", f"/branding/{ORG_HASH}/logo/{LOGO_HASH}.png",
     "/branding/{org_hash}/logo/{file}", {"org_hash": ORG_HASH, "file": f"{LOGO_HASH}.png"},
     headers={"accept": "image/*"})
# One-click unsubscribe (RFC 8058): the page, and the mail client's POST. The tag is a
# sample (this event's function is not given the key that signed it).
UNSUB = {"invite_id": "01JDX5AMP1E0000INV1TE0000A"}
http("redemption/unsubscribe-page.json", "GET", "/unsubscribe/01JDX5AMP1E0000INV1TE0000A", "/unsubscribe/{invite_id}", UNSUB,
     query={"s": "c2FtcGxlLXRhZy1ub3QtYS1yZWFsLXNpZ25hdHVyZQ"}, headers={"accept": "text/html"})
http("redemption/unsubscribe.json", "POST", "/unsubscribe/01JDX5AMP1E0000INV1TE0000A", "/unsubscribe/{invite_id}", UNSUB,
     query={"s": "c2FtcGxlLXRhZy1ub3QtYS1yZWFsLXNpZ25hdHVyZQ"}, body="List-Unsubscribe=One-Click",
     headers={"content-type": "application/x-www-form-urlencoded"})
LIVE_KEY = hmac.new(SESSION_SECRET, b"live-token", hashlib.sha256).digest()
live_claims = b64(json.dumps({"aud": "live", "room": ROOM, "sub": ANN_IDENTITY, "iat": 1795773600, "exp": 4102444800}, separators=(",", ":")).encode())
live_sig = b64(hmac.new(LIVE_KEY, f"{header}.{live_claims}".encode(), hashlib.sha256).digest())
LIVE_TOKEN = f"{header}.{live_claims}.{live_sig}"
with open("../tests/fixtures/appsync/authorizer-request.json") as src:
    documented = json.load(src)
os.makedirs("live-authorizer", exist_ok=True)
ROOM_CHANNEL = f"/live/rooms/{ROOM}"
for name, operation, channel in [
    ("connect", "EVENT_CONNECT", None),
    ("subscribe-room", "EVENT_SUBSCRIBE", ROOM_CHANNEL),
    ("subscribe-own", "EVENT_SUBSCRIBE", f"{ROOM_CHANNEL}/{ANN_IDENTITY.replace('_', '-')}"),
    ("subscribe-wildcard", "EVENT_SUBSCRIBE", f"{ROOM_CHANNEL}/*"),
]:
    event = json.loads(json.dumps(documented))
    event["authorizationToken"] = LIVE_TOKEN
    context = event["requestContext"]
    context["operation"] = operation
    if channel:
        context["channelNamespaceName"] = "live"
        context["channel"] = channel
    else:
        del context["channelNamespaceName"], context["channel"]
    with open(f"live-authorizer/{name}.json", "w") as f:
        json.dump(event, f, indent=2)
        f.write("\n")

page = {"accept": "text/html"}
http("console/rooms.json", "GET", "/console", "/console", headers=page, cookie=CONSOLE_COOKIE)
http("console/room.json", "GET", f"/console/rooms/{ROOM}", "/console/rooms/{room_id}", R, headers=page,
     cookie=CONSOLE_COOKIE)
http("console/invites.json", "GET", f"/console/rooms/{ROOM}/invites", "/console/rooms/{room_id}/invites", R,
     headers=page, cookie=CONSOLE_COOKIE, query={"status": "active"})
http("console/dashboard.json", "GET", f"/console/rooms/{ROOM}/dashboard", "/console/rooms/{room_id}/dashboard", R,
     headers=page, cookie=CONSOLE_COOKIE)
http("console/branding.json", "GET", "/console/branding", "/console/branding", headers=page, cookie=CONSOLE_COOKIE)
# The branding form as a browser posts it (multipart/form-data, a 1x1 PNG as the logo).
LOGO = base64.b64decode("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==")
B = "----sample-branding-form"
parts = b"".join(
    f"--{B}\r\nContent-Disposition: form-data; name=\"{k}\"\r\n\r\n{v}\r\n".encode()
    for k, v in [("csrf", CONSOLE_CSRF), ("display_name", "Demo Org"), ("accent_color", "#1a5e20"),
                 ("sender_name", "Demo Events"), ("reply_to", "events@example.com"), ("support_line", "")]
) + f"--{B}\r\nContent-Disposition: form-data; name=\"logo\"; filename=\"logo.png\"\r\nContent-Type: image/png\r\n\r\n".encode() \
  + LOGO + f"\r\n--{B}--\r\n".encode()
http("console/branding-save.json", "POST", "/console/branding", "/console/branding",
     headers={"accept": "text/html", "content-type": f"multipart/form-data; boundary={B}",
              "origin": "https://rooms.example.com", "sec-fetch-site": "same-origin"},
     cookie=CONSOLE_COOKIE, body=parts, binary=True)
http("console/live.json", "GET", f"/console/rooms/{ROOM}/live", "/console/rooms/{room_id}/live", R,
     headers={"accept": "application/json"}, cookie=CONSOLE_COOKIE)
http("console/invite-one.json", "POST", f"/console/rooms/{ROOM}/invite", "/console/rooms/{room_id}/invite", R,
     headers={"accept": "text/html", "content-type": "application/x-www-form-urlencoded",
              "origin": "https://rooms.example.com", "sec-fetch-site": "same-origin"},
     cookie=CONSOLE_COOKIE, body=f"csrf={CONSOLE_CSRF}&email=bob%40example.com&role=viewer&max_uses=1&send_email=true")

with open("README.md", "w") as f:
    f.write(f"""# Sample events

One realistic event per route of every function: API Gateway HTTP API (payload 2.0) for
the HTTP functions (`rooms`, `invites`, `participants`, `redemption`, `console`), the EventBridge
Scheduler payload for `session-start`, SES delivery events from EventBridge for
`mail-events` (copied from `tests/fixtures/ses-events`), and AppSync's authorizer event
for `live-authorizer`. With a function running under `cargo lambda watch`
(and its environment set):

```sh
cargo lambda invoke rooms --data-file events/rooms/create-room.json
```

They fit together: the bearer token is an HS256 JWT for org `org-demo`, host `host-dana`,
signed with `HOST_JWT_SECRET=sample-host-secret-change-me` and valid until 2100; the session
cookie of `room-page.json`, `me.json`, `live.json`, `room-entry.json` and
`invite-from-room.json` proves `ann@example.com` under
`SESSION_SECRET=sample-session-secret-change-me`; the room is
`{ROOM}` (starting 2030-12-01T15:00:00Z), the invite `{INVITE}` for `ann@example.com` as a speaker, and
the join token in `redemption/*.json` is that invite's link token. `invite-from-room.json`
is Ann inviting a speaker from inside the room, which needs her to be a moderator
(`participants/set-role.json` makes her one). `live-authorizer/*.json` are AppSync's
authorizer event (`tests/fixtures/appsync`) with Ann's live token for that room (valid
until 2100, under the same `SESSION_SECRET`): `connect`, `subscribe-room` and
`subscribe-own` are allowed, `subscribe-wildcard` is denied. `console/*.json` carry the
host console's session cookie of `host-dana` (org `org-demo`, with the write permission,
under the same `SESSION_SECRET`, valid until 2100); `invite-one.json` is its form post
(CSRF token `{CONSOLE_CSRF}`). `generate.py` wrote these files.
""")
