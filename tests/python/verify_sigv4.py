"""The other side's code judges our AppSync Events publish requests.

Input: a JSON file (written by tests/tests/appsync.rs) with the credentials, region and
service the requests were signed for, and the requests exactly as a loopback server
received them (method, URL, headers, body). For each request, botocore's own SigV4
signer (`botocore.auth.SigV4Auth`, what the AWS SDK for Python and the AWS CLI sign
with) signs the same method, URL, body and the headers the request names in its
`SignedHeaders`, at the request's own `X-Amz-Date`, and the resulting `Authorization`
header must be the one we sent, character for character (credential scope, signed
headers and signature). The session token must be sent as `X-Amz-Security-Token`.

Prints "<n> checks passed" and exits 0, or names the first failure and exits 1.
"""

import datetime
import json
import sys

import botocore.auth
from botocore.awsrequest import AWSRequest
from botocore.credentials import Credentials

SIGV4_TIMESTAMP = "%Y%m%dT%H%M%SZ"
# Added by the signer itself.
ADDED_BY_SIGNER = {"x-amz-date", "x-amz-security-token", "authorization"}


def fail(message):
    print(f"FAIL: {message}")
    sys.exit(1)


def check(spec, request, index):
    headers = {k.lower(): v for k, v in request["headers"].items()}
    authorization = headers.get("authorization", "")
    if not authorization.startswith("AWS4-HMAC-SHA256 "):
        fail(f"request {index}: no SigV4 Authorization header: {authorization!r}")
    fields = dict(
        part.strip().split("=", 1)
        for part in authorization[len("AWS4-HMAC-SHA256 "):].split(",")
    )
    signed = fields.get("SignedHeaders", "").split(";")
    for required in ("host", "x-amz-date", "content-type"):
        if required not in signed:
            fail(f"request {index}: {required} is not signed: {signed}")
    if spec.get("session_token"):
        if headers.get("x-amz-security-token") != spec["session_token"]:
            fail(f"request {index}: the session token is not sent")
        if "x-amz-security-token" not in signed:
            fail(f"request {index}: the session token is not signed")
    date = headers.get("x-amz-date")
    if not date:
        fail(f"request {index}: no X-Amz-Date")
    at = datetime.datetime.strptime(date, SIGV4_TIMESTAMP)

    replay = AWSRequest(
        method=request["method"],
        url=request["url"],
        data=request["body"].encode("utf-8"),
        headers={h: headers[h] for h in signed if h not in ADDED_BY_SIGNER},
    )
    credentials = Credentials(
        spec["access_key"], spec["secret_key"], spec.get("session_token") or None
    )
    signer = botocore.auth.SigV4Auth(credentials, spec["service"], spec["region"])
    original = botocore.auth.get_current_datetime
    botocore.auth.get_current_datetime = lambda *args, **kwargs: at
    try:
        signer.add_auth(replay)
    finally:
        botocore.auth.get_current_datetime = original
    expected = replay.headers["Authorization"]
    if expected != authorization:
        fail(
            f"request {index}: botocore signs\n  {expected}\nbut we sent\n  {authorization}"
        )
    return 1


def main():
    with open(sys.argv[1]) as f:
        spec = json.load(f)
    passed = 0
    for index, request in enumerate(spec["requests"]):
        passed += check(spec, request, index)
    print(f"{passed} checks passed")


if __name__ == "__main__":
    main()
