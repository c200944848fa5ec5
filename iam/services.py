"""Writes of the IAM app: plain functions that take the acting user."""

from dataclasses import dataclass

from django.contrib.auth import authenticate

from .access import Access
from .forms import GENERIC_LOGIN_ERROR
from .models import PermissionProfile, User
from .permissions import ALL_RESOURCES, EVERYTHING, Level, Portal
from .throttle import client_ip, login_failed, login_lockout_minutes, login_succeeded


@dataclass
class LoginResult:
    user: User | None
    error: str = ""
    throttled: bool = False


def login_attempt(request, *, login: str, **credentials) -> LoginResult:
    """Check credentials under the throttle. ``login`` names the identity for the throttle.

    Wrong password, unknown user and disabled user all give the same error.
    """
    ip = client_ip(request)
    minutes = login_lockout_minutes(login, ip)
    if minutes is not None:
        unit = "minute" if minutes == 1 else "minutes"
        return LoginResult(
            None,
            f"Too many failed login attempts. Try again in {minutes} {unit}.",
            throttled=True,
        )
    user = authenticate(request, **credentials)
    if user is None:
        login_failed(login, ip)
        return LoginResult(None, GENERIC_LOGIN_ERROR)
    login_succeeded(login, ip)
    return LoginResult(user)


def context_remember(*, user: User, access: Access) -> None:
    """Remember the context the user chose, to offer it again after the next login."""
    if user.last_context != access.key:
        user.last_context = access.key
        user.save(update_fields=["last_context"])


BUILTIN_PROFILES = {
    PermissionProfile.Builtin.SYSADMIN: {
        "description": "Admin on Asset Management, FortiCare and IAM.",
        "portals": {
            Portal.ASSET_MANAGEMENT: Level.ADMIN,
            Portal.FORTICARE: Level.ADMIN,
            Portal.IAM: Level.ADMIN,
        },
        "resources": ALL_RESOURCES,
    },
    PermissionProfile.Builtin.FULL_ACCESS: {
        "description": "Admin on every portal.",
        "portals": EVERYTHING,
        "resources": ALL_RESOURCES,
    },
    PermissionProfile.Builtin.NO_ACCESS: {
        "description": "No access to any portal.",
        "portals": {},
        "resources": {},
    },
}


def builtin_profiles_ensure() -> None:
    """Create or repair the built-in profiles every account sees (run after migrate)."""
    for builtin, spec in BUILTIN_PROFILES.items():
        values = {portal.value: spec["portals"].get(portal, Level.NONE) for portal in Portal}
        values |= {resource.value: level for resource, level in spec["resources"].items()}
        PermissionProfile.objects.update_or_create(
            builtin=builtin,
            defaults={"name": builtin.label, "description": spec["description"], **values},
        )
