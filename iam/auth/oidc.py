"""The OpenID Connect client of one account's identity provider (authlib): authorization code
with PKCE, state and nonce kept in the session under the account's name, the ID token's
signature, issuer, audience and times checked by the library. Nothing here reads a JWT by hand."""

import ipaddress
import socket
from urllib.parse import urlsplit

import requests
from authlib.integrations.django_client import DjangoIntegration, DjangoOAuth2App
from django.conf import settings

# Seconds: how long the portal waits for the provider; the clock skew an ID token may have.
TIMEOUT = 5
LEEWAY = 60


def discovery_url(issuer: str) -> str:
    return issuer.rstrip("/") + "/.well-known/openid-configuration"


class ConnectionTestFailed(Exception):
    pass


def public_url(url: str) -> bool:
    """Whether the portal may fetch ``url``: https to a host whose addresses are all public
    (not this machine, a private network or a cloud's metadata address), so an issuer URL
    cannot make the portal read its own network. ``IDP_ALLOW_HTTP`` (development) allows any."""
    if settings.IDP_ALLOW_HTTP:
        return True
    parts = urlsplit(url)
    if parts.scheme != "https" or not parts.hostname:
        return False
    try:
        addresses = {info[4][0] for info in socket.getaddrinfo(parts.hostname, parts.port or 443)}
    except (OSError, UnicodeError):
        return False
    return bool(addresses) and all(ipaddress.ip_address(a).is_global for a in addresses)


def _json(url: str):
    if not public_url(url):
        raise ConnectionTestFailed("the URL must be https to a public host.")
    try:
        answer = requests.get(url, timeout=TIMEOUT, allow_redirects=False)
        answer.raise_for_status()
        return answer.json()
    except (requests.RequestException, ValueError) as error:
        raise ConnectionTestFailed(f"could not read {url}.") from error


def connection_test(issuer: str) -> int:
    """Test connection: the discovery document names the issuer, and its signing keys are
    published. Returns how many keys; raises ConnectionTestFailed saying what is wrong."""
    metadata = _json(discovery_url(issuer))
    if not isinstance(metadata, dict) or str(metadata.get("issuer", "")).rstrip("/") != issuer:
        raise ConnectionTestFailed("the discovery document names another issuer.")
    keys = _json(str(metadata.get("jwks_uri", "")))
    if not isinstance(keys, dict) or not isinstance(keys.get("keys"), list):
        raise ConnectionTestFailed("the provider publishes no signing keys.")
    return len(keys["keys"])


def oidc_client(provider) -> DjangoOAuth2App:
    """A client of ``provider`` (an iam.models.IdentityProvider). Its name holds the account:
    a login started for one account cannot be finished with another account's provider."""
    name = f"idp-{provider.account_id}"
    return DjangoOAuth2App(
        DjangoIntegration(name),
        name,
        client_id=provider.client_id,
        client_secret=provider.client_secret,
        server_metadata_url=discovery_url(provider.issuer),
        client_kwargs={
            "scope": "openid email profile",
            "code_challenge_method": "S256",
            "default_timeout": TIMEOUT,
        },
    )


def verified_claims(client, request, issuer: str) -> dict:
    """The claims of the ID token the provider returns for this callback, verified (authlib
    raises on a bad state, code, signature, audience, nonce or time); the discovery document
    must name the configured issuer."""
    metadata = client.load_server_metadata()
    if str(metadata.get("issuer", "")).rstrip("/") != issuer.rstrip("/"):
        raise ValueError("The provider's discovery document names another issuer.")
    endpoints = [metadata.get(name, "") for name in ("token_endpoint", "jwks_uri")]
    if not all(isinstance(url, str) and public_url(url) for url in endpoints):
        raise ValueError("The provider's endpoints must be https on a public host.")
    claims_options = {
        "iss": {"essential": True, "values": [metadata["issuer"]]},
        "aud": {"essential": True, "values": [client.client_id]},
    }
    token = client.authorize_access_token(request, leeway=LEEWAY, claims_options=claims_options)
    claims = token.get("userinfo")
    if not claims or not claims.get("sub"):
        raise ValueError("The provider returned no ID token.")
    return dict(claims)
