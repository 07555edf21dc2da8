#!/usr/bin/env python3
"""Checks emails with Python's own parser (the `email` package) and `icalendar`.

Usage: check_emails.py SPEC.json

SPEC: {"messages": [{"eml": "path.eml", "kind": "reminder", "locale": "de",
        "unsubscribe": true, "ics": false}, …], "max_bytes": 100000}

For each message: From, To and Subject are present and decode; it is
multipart/alternative with a text/plain and a text/html part (both non-empty); the HTML
is in the locale (`<html lang=… dir=…>`); every link of the HTML is an absolute
http(s) or mailto URL and appears in the text part too; `List-Unsubscribe` (an https
URL and a mailto:) and `List-Unsubscribe-Post: List-Unsubscribe=One-Click` are there
exactly when `unsubscribe` says; the `.ics`, when `ics` says, parses with icalendar and
has a SUMMARY, a DESCRIPTION and an ORGANIZER with a CN; no part shows a missing
message (`⟦`); the raw message is under `max_bytes`. Prints one JSON line of the
sizes; exits 1 listing every failure.
"""
import email
import email.policy
import html.parser
import json
import re
import sys
import urllib.parse

import icalendar


class Links(html.parser.HTMLParser):
    def __init__(self):
        super().__init__()
        self.hrefs, self.lang, self.dir = [], None, None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "a" and "href" in a:
            self.hrefs.append(a["href"])
        if tag == "html":
            self.lang, self.dir = a.get("lang"), a.get("dir")


def check(m, max_bytes):
    errors = []
    where = f"{m['kind']}/{m['locale']}"
    raw = open(m["eml"], "rb").read()
    if len(raw) >= max_bytes:
        errors.append(f"{where}: {len(raw)} bytes, over {max_bytes}")
    msg = email.message_from_bytes(raw, policy=email.policy.default)
    for h in ("From", "To", "Subject"):
        if not str(msg.get(h, "")).strip():
            errors.append(f"{where}: no {h}")
    subject = str(msg["Subject"])
    text = html_part = None
    for part in msg.walk():
        if part.get_content_type() == "text/plain" and text is None:
            text = part.get_content()
        elif part.get_content_type() == "text/html" and html_part is None:
            html_part = part.get_content()
    if not text or not text.strip():
        errors.append(f"{where}: no text part")
        text = ""
    if not html_part or not html_part.strip():
        errors.append(f"{where}: no HTML part")
        html_part = ""
    if not any(p.get_content_type() == "multipart/alternative" for p in msg.walk()):
        errors.append(f"{where}: not multipart/alternative")
    for name, body in (("subject", subject), ("text", text), ("html", html_part)):
        if "⟦" in body:
            errors.append(f"{where}: a missing message in the {name}")
    links = Links()
    links.feed(html_part)
    if links.lang != m["locale"]:
        errors.append(f"{where}: html lang {links.lang!r}")
    if links.dir != ("rtl" if m["locale"] == "ar" else "ltr"):
        errors.append(f"{where}: html dir {links.dir!r}")
    if m["kind"] != "code" and not links.hrefs:
        errors.append(f"{where}: no link")
    for href in links.hrefs:
        u = urllib.parse.urlsplit(href)
        if not ((u.scheme in ("http", "https") and u.netloc) or u.scheme == "mailto"):
            errors.append(f"{where}: link {href!r} is not absolute")
        if href not in text:
            errors.append(f"{where}: link {href!r} is not in the text part")
    unsub = msg.get("List-Unsubscribe")
    post = msg.get("List-Unsubscribe-Post")
    if m["unsubscribe"]:
        found = re.findall(r"<([^>]+)>", str(unsub or ""))
        https = [f for f in found if f.startswith(("https://", "http://"))]
        mailto = [f for f in found if f.startswith("mailto:")]
        if not https or not mailto:
            errors.append(f"{where}: List-Unsubscribe {unsub!r}")
        if str(post or "") != "List-Unsubscribe=One-Click":
            errors.append(f"{where}: List-Unsubscribe-Post {post!r}")
        if https and https[0] not in text:
            errors.append(f"{where}: the unsubscribe link is not in the text part")
    elif unsub is not None or post is not None:
        errors.append(f"{where}: List-Unsubscribe where none belongs")
    calendars = [p for p in msg.walk() if p.get_content_type() == "text/calendar"]
    if m["ics"]:
        if len(calendars) != 1:
            errors.append(f"{where}: {len(calendars)} calendars")
        else:
            cal = icalendar.Calendar.from_ical(calendars[0].get_payload(decode=True))
            events = [c for c in cal.walk() if c.name == "VEVENT"]
            if len(events) != 1:
                errors.append(f"{where}: {len(events)} events")
            else:
                ev = events[0]
                for field in ("SUMMARY", "DESCRIPTION"):
                    if not str(ev.get(field, "")).strip():
                        errors.append(f"{where}: no {field}")
                organizer = ev.get("ORGANIZER")
                if organizer is None or not organizer.params.get("CN"):
                    errors.append(f"{where}: ORGANIZER without CN")
                if "⟦" in str(ev.get("DESCRIPTION", "")):
                    errors.append(f"{where}: a missing message in the .ics")
    elif calendars:
        errors.append(f"{where}: a calendar where none belongs")
    return errors, len(raw)


def main():
    with open(sys.argv[1]) as f:
        spec = json.load(f)
    errors, sizes = [], {}
    for m in spec["messages"]:
        e, size = check(m, spec.get("max_bytes", 100_000))
        errors += e
        sizes[f"{m['kind']}/{m['locale']}"] = size
    print(json.dumps(sizes, sort_keys=True))
    if errors:
        print("\n".join(errors), file=sys.stderr)
        sys.exit(1)


if __name__ == "__main__":
    main()
