"""The OpenID Connect client of one account's identity provider (authlib): authorization code
with PKCE, state and nonce kept in the session under the account's name, the ID token's
signature, issuer, audience and times checked by the library. Nothing here reads a JWT by hand."""

from authlib.integrations.django_client import DjangoIntegration, DjangoOAuth2App

# Seconds: how long the portal waits for the provider; the clock skew an ID token may have.
TIMEOUT = 5
LEEWAY = 60


def discovery_url(issuer: str) -> str:
    return issuer.rstrip("/") + "/.well-known/openid-configuration"


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
    token = client.authorize_access_token(request, leeway=LEEWAY)
    claims = token.get("userinfo")
    if not claims or not claims.get("sub"):
        raise ValueError("The provider returned no ID token.")
    return dict(claims)
