"""The API through a client generated from our OpenAPI document by openapi-python-client
(PyPI), not written by us: proof that the document is usable, not just well-formed.

    python generated_client.py PACKAGE_PARENT_DIR BASE_URL HOST_TOKEN

PACKAGE_PARENT_DIR holds the generated package `room_invitations_client`. Makes one call
of each kind (create a room, issue invites one by one and in bulk, list a page with a
filter and follow its cursor, read the summary, redeem a link) and checks each answer
through the generated models. Prints `N passed, 0 failed` and exits 0, or raises.
"""

import sys

sys.path.insert(0, sys.argv[1])
base_url, token = sys.argv[2], sys.argv[3]

from room_invitations_client import AuthenticatedClient, Client  # noqa: E402
from room_invitations_client.api.invites import (  # noqa: E402
    issue_invites,
    list_invites,
    room_summary,
)
from room_invitations_client.api.join import redeem  # noqa: E402
from room_invitations_client.api.rooms import create_room, get_room  # noqa: E402
from room_invitations_client.models import (  # noqa: E402
    BulkInvites,
    BulkResults,
    InviteList,
    InviteRequest,
    InviteView,
    JoinForm,
    Joined,
    ListInvitesDelivery,
    Role,
    Room,
    RoomDraft,
    RoomSummary,
)

client = AuthenticatedClient(base_url=base_url, token=token, raise_on_unexpected_status=True)
checks = 0


def check(condition, what):
    global checks
    if not condition:
        raise AssertionError(what)
    checks += 1


created = create_room.sync_detailed(
    client=client,
    body=RoomDraft.from_dict({"title": "Generated client", "starts_at": "2030-06-01T15:00:00Z"}),
)
check(created.status_code == 201, f"create_room: {created.status_code} {created.content!r}")
room = created.parsed
check(isinstance(room, Room) and room.title == "Generated client", f"room: {room!r}")

fetched = get_room.sync_detailed(room.room_id, client=client)
check(isinstance(fetched.parsed, Room) and fetched.parsed.room_id == room.room_id, "get_room")

one = issue_invites.sync_detailed(
    room.room_id,
    client=client,
    body=InviteRequest.from_dict({"email": "ann@example.com", "role": "speaker", "send_email": False}),
)
check(one.status_code == 201, f"issue one: {one.status_code} {one.content!r}")
invite = one.parsed
check(isinstance(invite, InviteView), f"invite: {invite!r}")
check(invite.role == Role.SPEAKER and isinstance(invite.link, str), "the invite's role and link")

bulk = issue_invites.sync_detailed(
    room.room_id,
    client=client,
    idempotency_key="generated-client-bulk-1",
    body=BulkInvites.from_dict(
        {"invites": [{"email": f"guest{i}@example.com", "send_email": False} for i in range(3)]}
    ),
)
check(bulk.status_code == 200 and isinstance(bulk.parsed, BulkResults), f"bulk: {bulk.status_code}")
check(len(bulk.parsed.results) == 3, "three bulk results")

seen = []
cursor = None
while True:
    kwargs = {"limit": 2, "delivery": ListInvitesDelivery.NOT_SENT}
    if cursor:
        kwargs["cursor"] = cursor
    page = list_invites.sync_detailed(room.room_id, client=client, **kwargs)
    check(page.status_code == 200 and isinstance(page.parsed, InviteList), f"list: {page.status_code}")
    seen += [i.email for i in page.parsed.invites]
    cursor = page.parsed.next_cursor
    if not cursor:
        break
check(sorted(seen) == sorted(["ann@example.com"] + [f"guest{i}@example.com" for i in range(3)]), f"pages: {seen}")

summary = room_summary.sync_detailed(room.room_id, client=client)
check(isinstance(summary.parsed, RoomSummary) and summary.parsed.invites.total == 4, "summary")

# The public join form, through the unauthenticated client.
link_token = invite.link.rsplit("/join/", 1)[1]
public = Client(base_url=base_url, raise_on_unexpected_status=True, headers={"Accept": "application/json"})
joined = redeem.sync_detailed(link_token, client=public, body=JoinForm(email="Ann@Example.com"))
check(joined.status_code == 200 and isinstance(joined.parsed, Joined), f"redeem: {joined.status_code}")
check(joined.parsed.role == Role.SPEAKER and joined.parsed.room_id == room.room_id, "joined")

print(f"{checks} passed, 0 failed")
