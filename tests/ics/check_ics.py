#!/usr/bin/env python3
"""Checks the calendar files of emails with an independent iCalendar parser.

Usage: check_ics.py SPEC.json

SPEC: {"messages": [{"eml": "path.eml", "method": "REQUEST", "status": "CONFIRMED",
        "dtstart": "2030-12-01T15:00:00Z", "organizer": "mailto:…", "attendee": "mailto:…"}, …],
       "same_uid": true, "increasing_sequence": true}

Each .eml is parsed with Python's email package; its text/calendar part with
`icalendar` (PyPI). Every field is compared; any mismatch prints it and exits 1.
"""
import datetime
import email
import email.policy
import json
import sys

import icalendar


def calendar_of(path):
    with open(path, "rb") as f:
        msg = email.message_from_binary_file(f, policy=email.policy.default)
    parts = [p for p in msg.walk() if p.get_content_type() == "text/calendar"]
    if len(parts) != 1:
        raise SystemExit(f"{path}: expected one text/calendar part, found {len(parts)}")
    part = parts[0]
    content_method = part.get_param("method")
    return icalendar.Calendar.from_ical(part.get_payload(decode=True)), content_method


def main():
    with open(sys.argv[1]) as f:
        spec = json.load(f)
    errors = []
    uids, sequences = [], []
    for m in spec["messages"]:
        cal, content_method = calendar_of(m["eml"])
        where = m["eml"]
        events = list(cal.walk("VEVENT"))
        if len(events) != 1:
            errors.append(f"{where}: {len(events)} VEVENTs")
            continue
        ev = events[0]

        def check(field, got, want):
            if got != want:
                errors.append(f"{where}: {field} is {got!r}, expected {want!r}")

        check("VERSION", str(cal.get("VERSION")), "2.0")
        check("METHOD", str(cal.get("METHOD")), m["method"])
        check("Content-Type method", (content_method or "").upper(), m["method"])
        check("STATUS", str(ev.get("STATUS")), m["status"])
        dtstart = ev.decoded("DTSTART")
        want_start = datetime.datetime.strptime(m["dtstart"], "%Y-%m-%dT%H:%M:%SZ").replace(
            tzinfo=datetime.timezone.utc)
        check("DTSTART", dtstart, want_start)
        if ev.decoded("DTEND") <= dtstart:
            errors.append(f"{where}: DTEND not after DTSTART")
        check("ORGANIZER", str(ev.get("ORGANIZER")).lower(), m["organizer"].lower())
        attendees = ev.get("ATTENDEE")
        attendees = attendees if isinstance(attendees, list) else [attendees]
        check("ATTENDEE", [str(a).lower() for a in attendees], [m["attendee"].lower()])
        if "summary" in m:
            check("SUMMARY", str(ev.get("SUMMARY")), m["summary"])
        uids.append(str(ev.get("UID")))
        sequences.append(int(ev.get("SEQUENCE", 0)))
        if ev.get("DTSTAMP") is None:
            errors.append(f"{where}: no DTSTAMP")
    if spec.get("same_uid") and len(set(uids)) != 1:
        errors.append(f"UIDs differ: {uids}")
    if spec.get("increasing_sequence") and any(b <= a for a, b in zip(sequences, sequences[1:])):
        errors.append(f"SEQUENCE does not increase: {sequences}")
    if errors:
        print("\n".join(errors))
        sys.exit(1)
    print(f"ok: {len(spec['messages'])} calendars, UIDs {sorted(set(uids))}, SEQUENCE {sequences}")


if __name__ == "__main__":
    main()
