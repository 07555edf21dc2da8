//! Host tokens of an organization's identity provider (integrations.md §1), end to end:
//! a test-only OpenID Connect issuer on loopback (`tests/oidc/issuer.py`, PyJWT +
//! cryptography) publishes discovery and JWKS and signs tokens shaped like Auth0's,
//! Cognito's, Clerk's and Keycloak's; the service fetches its keys over HTTP like in
//! production, with no `HOST_JWT_SECRET`.

mod issuer;
mod keys;
mod providers;
mod refusals;
