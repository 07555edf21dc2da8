#!/usr/bin/env python3
"""A test-only OpenID Connect issuer on 127.0.0.1, on the provider's side of the wire.

It publishes a discovery document and a JWKS (with Cache-Control), and signs access
tokens with PyJWT + cryptography, shaped exactly like those of Auth0, Amazon Cognito,
Clerk and Keycloak. The service under test only ever sees its HTTP documents and tokens.

Prints `PORT <n>` once listening; stops when stdin closes (its test ended).

  GET  /.well-known/openid-configuration   discovery (issuer, jwks_uri)
  GET  /jwks.json                          the published keys; 503 while "down"
  GET  /control                            {"jwks_hits", "discovery_hits", "kids"}
  POST /control  {"down": bool, "max_age": int, "rotate": true}
  POST /token    {"shape", "alg", "kid", "key", "claims": {...}, "drop": [...]}
"""

import base64
import warnings
import hashlib
import hmac
import json
import sys
import threading
import time
import uuid
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import jwt
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec, ed25519, rsa
from jwt.algorithms import ECAlgorithm, OKPAlgorithm, RSAAlgorithm

warnings.simplefilter("ignore")  # PyJWT warns about the short test HMAC secret
LOCK = threading.Lock()
STATE = {"down": False, "max_age": 600, "jwks_hits": 0, "discovery_hits": 0, "rsa_generation": 1}
ISSUER = None  # set once the port is known

# Audience / client ids the tests configure as HOST_JWT_AUDIENCE.
AUTH0_API = "https://rooms.example.com/api"
COGNITO_CLIENT_ID = "5r2mkq0d1example7clientid"
KEYCLOAK_CLIENT = "rooms-api"


def rsa_key():
    return rsa.generate_private_key(public_exponent=65537, key_size=2048)


# name -> (private key, published JWK extras). Published unless the name says otherwise.
KEYS = {
    "rsa-1": (rsa_key(), {}),
    # An RSA key published with "alg": "RS256" (Auth0, Keycloak and Clerk publish alg).
    "rsa-rs256": (rsa_key(), {"alg": "RS256"}),
    "ec-p256": (ec.generate_private_key(ec.SECP256R1()), {"alg": "ES256"}),
    "ec-p384": (ec.generate_private_key(ec.SECP384R1()), {"alg": "ES384"}),
    "ed25519": (ed25519.Ed25519PrivateKey.generate(), {"alg": "EdDSA"}),
}
UNPUBLISHED = {"never-published": rsa_key()}
RETIRED = set()


def current_rsa():
    return "rsa-%d" % STATE["rsa_generation"]


def public_jwk(kid, private, extras):
    public = private.public_key()
    if isinstance(private, rsa.RSAPrivateKey):
        jwk = RSAAlgorithm.to_jwk(public, as_dict=True)
    elif isinstance(private, ec.EllipticCurvePrivateKey):
        jwk = ECAlgorithm.to_jwk(public, as_dict=True)
    else:
        jwk = OKPAlgorithm.to_jwk(public, as_dict=True)
    jwk.update({"kid": kid, "use": "sig"}, **extras)
    return jwk


def jwks():
    keys = [public_jwk(kid, k, extras) for kid, (k, extras) in KEYS.items() if kid not in RETIRED]
    # Providers also publish keys this service must ignore: an encryption key and a
    # symmetric key (never usable for host tokens).
    enc = public_jwk("enc-1", KEYS["rsa-rs256"][0], {})
    enc.update({"use": "enc", "alg": "RSA-OAEP"})
    keys.append(enc)
    keys.append({"kty": "oct", "kid": "oct-1", "k": base64.urlsafe_b64encode(b"x" * 32).decode().rstrip("=")})
    return {"keys": keys}


def default_key(alg):
    if alg.startswith("RS") or alg.startswith("PS"):
        return current_rsa()
    return {"ES256": "ec-p256", "ES384": "ec-p384", "EdDSA": "ed25519"}[alg]


def shape(name, now):
    """The claims of an access token exactly as each provider issues it."""
    if name == "auth0":
        # Auth0 API access token, Organizations (org_id) and RBAC with "Add Permissions
        # in the Access Token" (permissions); the issuer ends with a slash.
        return {
            "iss": ISSUER + "/",
            "sub": "auth0|6543a1b2c3d4e5f6a7b8c9d0",
            "aud": [AUTH0_API, ISSUER + "/userinfo"],
            "iat": now,
            "exp": now + 86400,
            "scope": "openid profile email",
            "azp": "yGv0pKX8uCq3example0AuthClient",
            "org_id": "org_9ybmW1q3fcDSGnZx",
            "permissions": ["rooms:read", "rooms:write"],
        }
    if name == "cognito":
        # Cognito user pool access token: client_id instead of aud, custom scopes of a
        # resource server, the org added by a pre token generation trigger (event V2_0).
        return {
            "sub": "aa9b5e4c-7011-70c4-81e6-4b5d0f0e2f3a",
            "cognito:groups": ["hosts"],
            "iss": ISSUER,
            "version": 2,
            "client_id": COGNITO_CLIENT_ID,
            "origin_jti": str(uuid.uuid4()),
            "event_id": str(uuid.uuid4()),
            "token_use": "access",
            "scope": "openid email rooms-api/rooms:write",
            "auth_time": now,
            "exp": now + 3600,
            "iat": now,
            "jti": str(uuid.uuid4()),
            "username": "dana",
            "org_id": "acme-corp",
        }
    if name == "clerk":
        # Clerk session token v2: the active organization under "o", no aud, no scope.
        return {
            "azp": "https://app.rooms.example.com",
            "exp": now + 60,
            "fva": [0, -1],
            "iat": now,
            "iss": ISSUER,
            "nbf": now - 10,
            "sid": "sess_2mP9Xr4tExampleSessionId",
            "sub": "user_2mP9Ud2ExampleUserId",
            "v": 2,
            "o": {"id": "org_2mPAj1ExampleOrgId", "rol": "admin", "slg": "acme", "per": "rooms,members", "fpm": "3,1"},
        }
    if name == "keycloak":
        # Keycloak access token: aud array (an audience mapper), scope string, azp; the
        # org from a user attribute mapper named "org".
        return {
            "exp": now + 300,
            "iat": now,
            "auth_time": now,
            "jti": str(uuid.uuid4()),
            "iss": ISSUER,
            "aud": [KEYCLOAK_CLIENT, "account"],
            "sub": "3d2f9c3e-52a6-4a3b-9d0f-1f7e5b2d6c11",
            "typ": "Bearer",
            "azp": "rooms-console",
            "sid": str(uuid.uuid4()),
            "acr": "1",
            "allowed-origins": ["https://console.rooms.example.com"],
            "realm_access": {"roles": ["default-roles-acme", "offline_access"]},
            "resource_access": {"account": {"roles": ["manage-account"]}},
            "scope": "openid email profile rooms:write",
            "email_verified": True,
            "preferred_username": "dana",
            "email": "dana@acme.example",
            "org": "acme",
        }
    if name == "plain":
        return {"iss": ISSUER, "sub": "host-1", "org": "org-1", "iat": now, "exp": now + 600}
    raise ValueError("unknown shape " + name)


def b64(data):
    return base64.urlsafe_b64encode(data).decode().rstrip("=")


def sign(request):
    now = int(time.time())
    claims = shape(request.get("shape", "plain"), now)
    claims.update(request.get("claims", {}))
    for name in request.get("drop", []):
        claims.pop(name, None)
    alg = request.get("alg", "RS256")
    kid = request.get("kid")
    if alg == "none":
        # An unsigned token (RFC 7519 §6): the attack the service must refuse.
        header = {"alg": "none", "typ": "JWT", "kid": kid or current_rsa()}
        return b64(json.dumps(header).encode()) + "." + b64(json.dumps(claims).encode()) + "."
    if alg == "HS256-with-public-key":
        # The algorithm confusion attack: HS256 keyed with the published RSA public key.
        key_name = kid or current_rsa()
        pem = KEYS[key_name][0].public_key().public_bytes(
            serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
        )
        header = {"alg": "HS256", "typ": "JWT", "kid": key_name}
        signing_input = b64(json.dumps(header).encode()) + "." + b64(json.dumps(claims).encode())
        mac = hmac.new(pem, signing_input.encode(), hashlib.sha256).digest()
        return signing_input + "." + b64(mac)
    if alg == "HS256":
        return jwt.encode(claims, request["secret"], algorithm="HS256", headers={"kid": kid} if kid else None)
    key_name = request.get("key") or default_key(alg)
    private = KEYS[key_name][0] if key_name in KEYS else UNPUBLISHED[key_name]
    headers = {"kid": kid or key_name}
    if request.get("no_kid"):
        headers = {}
    return jwt.encode(claims, private, algorithm=alg, headers=headers)


class Handler(BaseHTTPRequestHandler):
    def log_message(self, *args):
        pass

    def reply(self, status, body, headers=()):
        data = json.dumps(body).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        for k, v in headers:
            self.send_header(k, v)
        self.end_headers()
        self.wfile.write(data)

    def do_GET(self):
        with LOCK:
            if self.path == "/.well-known/openid-configuration":
                STATE["discovery_hits"] += 1
                if STATE["down"]:
                    return self.reply(503, {"error": "down"})
                return self.reply(200, {
                    "issuer": ISSUER,
                    "jwks_uri": ISSUER + "/jwks.json",
                    "authorization_endpoint": ISSUER + "/authorize",
                    "token_endpoint": ISSUER + "/oauth/token",
                    "id_token_signing_alg_values_supported": ["RS256", "ES256", "EdDSA"],
                })
            if self.path == "/jwks.json":
                STATE["jwks_hits"] += 1
                if STATE["down"]:
                    return self.reply(503, {"error": "down"})
                return self.reply(200, jwks(), [("Cache-Control", "public, max-age=%d" % STATE["max_age"])])
            if self.path == "/control":
                kids = [k["kid"] for k in jwks()["keys"]]
                return self.reply(200, {"jwks_hits": STATE["jwks_hits"], "discovery_hits": STATE["discovery_hits"], "kids": kids})
        self.reply(404, {"error": "not_found"})

    def do_POST(self):
        length = int(self.headers.get("Content-Length") or 0)
        request = json.loads(self.rfile.read(length) or b"{}")
        with LOCK:
            if self.path == "/control":
                if "down" in request:
                    STATE["down"] = bool(request["down"])
                if "max_age" in request:
                    STATE["max_age"] = int(request["max_age"])
                if request.get("rotate"):
                    # A new RSA signing key is published and the previous one retired.
                    old = current_rsa()
                    STATE["rsa_generation"] += 1
                    KEYS[current_rsa()] = (rsa_key(), {})
                    RETIRED.add(old)
                return self.reply(200, {"current_rsa": current_rsa()})
            if self.path == "/token":
                try:
                    return self.reply(200, {"token": sign(request)})
                except Exception as e:  # a test asked for something impossible
                    return self.reply(400, {"error": str(e)})
        self.reply(404, {"error": "not_found"})


def main():
    global ISSUER
    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    port = server.server_address[1]
    ISSUER = "http://127.0.0.1:%d" % port
    threading.Thread(target=server.serve_forever, daemon=True).start()
    print("PORT %d" % port, flush=True)
    sys.stdin.read()  # until the test closes our stdin (or ends)
    server.shutdown()


if __name__ == "__main__":
    main()
