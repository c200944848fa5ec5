"""The browser side of login throttling: OWASP's device cookies.

A successful login gives the browser a device cookie: signed (its own salt), HttpOnly,
SameSite=Lax, Secure over HTTPS, valid ``DEVICE_COOKIE_AGE``, binding a keyed hash of the
login to a random nonce; one cookie holds the browser's ``DEVICE_COOKIE_LOGINS`` most recent
logins. A later attempt that presents it for the same login is a trusted client, limited by
its own failures only (the limits are iam.auth.throttle's).
"""

import hmac
import secrets
import time

from django.conf import settings
from django.core import signing
from django.utils.crypto import salted_hmac

# The salt keeps its original name: cookies issued before the code moved stay valid.
DEVICE_SALT = "iam.throttle.device-cookie"


def _login_digest(login: str) -> str:
    """A keyed hash of the login: the cookie binds the login without naming it."""
    return salted_hmac(DEVICE_SALT, login, algorithm="sha256").hexdigest()[:32]


def _device_entries(request) -> list[tuple[str, str, int]]:
    """The (login digest, nonce, issued at) entries of the browser's valid device cookie."""
    limits = settings.LOGIN_THROTTLE
    raw = request.COOKIES.get(limits["DEVICE_COOKIE"])
    if not raw:
        return []
    max_age = limits["DEVICE_COOKIE_AGE"]
    try:
        entries = signing.loads(raw, salt=DEVICE_SALT, max_age=max_age)
    except signing.BadSignature:  # tampered, forged, expired or garbage: an untrusted client
        return []
    oldest = time.time() - max_age.total_seconds()
    valid = []
    for entry in entries if isinstance(entries, list) else []:
        if (
            isinstance(entry, list)
            and len(entry) == 3
            and isinstance(entry[0], str)
            and isinstance(entry[1], str)
            and isinstance(entry[2], int)
            and entry[2] >= oldest
        ):
            valid.append((entry[0], entry[1], entry[2]))
    return valid


def device_of(request, login: str) -> str:
    """The nonce of the browser's device cookie for ``login``, or "" (an untrusted client)."""
    digest = _login_digest(login)
    for entry_digest, nonce, _issued in _device_entries(request):
        if hmac.compare_digest(entry_digest, digest):
            return nonce
    return ""


def device_cookie_issue(request, response, login: str) -> None:
    """After a successful login: a new device entry for ``login``, first in the browser's
    cookie, which keeps the DEVICE_COOKIE_LOGINS most recent logins."""
    limits = settings.LOGIN_THROTTLE
    digest = _login_digest(login)
    others = [list(entry) for entry in _device_entries(request) if entry[0] != digest]
    entries = [[digest, secrets.token_urlsafe(16), int(time.time())], *others]
    response.set_cookie(
        limits["DEVICE_COOKIE"],
        signing.dumps(entries[: limits["DEVICE_COOKIE_LOGINS"]], salt=DEVICE_SALT),
        max_age=int(limits["DEVICE_COOKIE_AGE"].total_seconds()),
        secure=request.is_secure(),
        httponly=True,
        samesite="Lax",
    )
