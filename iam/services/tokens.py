"""The one-time tokens a person hands to another (a Partner role's, an organization's member
invitation): random, shown once, kept only as a hash."""

import hashlib
import secrets


def token_hash(token: str) -> str:
    """Tokens carry 192 random bits, so a fast hash is enough; only the hash is stored."""
    return hashlib.sha256(token.strip().encode()).hexdigest()


def token_new(prefix: str) -> tuple[str, str]:
    """A new token with a public ``prefix``, and its hash."""
    token = prefix + secrets.token_urlsafe(24)
    return token, token_hash(token)
