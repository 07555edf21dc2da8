#!/usr/bin/env python3
"""The invitees' identity provider in tests: oidc-provider-mock (PyPI), an OpenID Connect
provider built on Authlib's provider side, which the project does not write. Two
settings of its own are turned up to what a real deployment enforces:

- PKCE: Authlib's RFC 7636 extension (`CodeChallenge`, S256), which the mock leaves out,
  with the challenge kept per authorization code, so a token request whose
  `code_verifier` does not fit is refused (`invalid_grant`);
- nonces are required in the authorization request.

    python provider.py            listens on 127.0.0.1 (a free port)

Prints `ISSUER http://127.0.0.1:<port>` once listening; stops when stdin closes. Its own
endpoints: discovery, `/oauth2/authorize` (a form: POST `sub=<user>` authorizes),
`/oauth2/token`, `/jwks`, and `PUT /users/<sub>` with the user's claims (`email`,
`email_verified`, ...).
"""

import sys
import threading

from authlib.integrations.flask_oauth2 import AuthorizationServer
from authlib.oauth2.rfc7636 import CodeChallenge
from oidc_provider_mock import _app, _server

challenges = {}


class StoredCodeChallenge(CodeChallenge):
    def get_authorization_code_challenge(self, authorization_code):
        return challenges.get(authorization_code.code, (None, None))[0]

    def get_authorization_code_challenge_method(self, authorization_code):
        return challenges.get(authorization_code.code, (None, None))[1]


original_save = _app.AuthorizationCodeGrant.save_authorization_code


def save_authorization_code(self, code, request):
    payload = getattr(request, "payload", None)
    data = payload.data if payload is not None else request.data
    challenges[code] = (data.get("code_challenge"), data.get("code_challenge_method"))
    return original_save(self, code, request)


_app.AuthorizationCodeGrant.save_authorization_code = save_authorization_code

original_register = AuthorizationServer.register_grant


def register_grant(self, grant_cls, extensions=None):
    if grant_cls is _app.AuthorizationCodeGrant:
        extensions = list(extensions or []) + [StoredCodeChallenge(required=True)]
    return original_register(self, grant_cls, extensions)


AuthorizationServer.register_grant = register_grant


def main():
    app = _app.app(require_nonce=True)
    with _server._threaded_server(app=app, host="127.0.0.1", port=0) as server:
        print(f"ISSUER http://127.0.0.1:{server.server_port}", flush=True)
        done = threading.Event()
        threading.Thread(target=lambda: (sys.stdin.read(), done.set()), daemon=True).start()
        done.wait()


if __name__ == "__main__":
    main()
