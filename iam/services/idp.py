"""External IdP roles (seeds 001, 003): the account's identity provider, its roles, and the
sign-in of the people it vouches for. Every change of access is audited; disabling or deleting
a role, or the provider, ends the sessions of the people acting through it."""

import hashlib

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from .. import grants
from ..access import Access, access_for_account
from ..idp_access import matching_roles
from ..models import ExternalIdpRole, IdentityProvider, User
from ..permissions import Level, Portal, ScopeType
from .audit import audit_event_write, audit_record, snapshot
from .common import changeable, require_iam_write, require_same_account, sessions_end

PROVIDER_FIELDS = ["issuer", "client_id", "roles_claim", "allowed_domains", "enabled"]
ROLE_FIELDS = ["name", "description", "claim_value", "permission_profile", "scope_folder"]
NO_ROLE = (
    "Your organization signed you in, but no role of this account matches your groups. Ask "
    "your administrator to give you one."
)


def require_iam_admin(access: Access) -> None:
    if access.account is None or not access.can(Portal.IAM, Level.ADMIN):
        raise PermissionDenied("The identity provider is set up with Admin on the IAM portal.")


@transaction.atomic
def identity_provider_save(*, access: Access, client_secret: str = "", **fields):
    """Set up or change the account's provider; an empty ``client_secret`` keeps the one kept.
    Disabling it ends the sessions of everyone it signed in."""
    require_iam_admin(access)
    _require_customer(access)
    _require_holds_every_role(access)
    provider = IdentityProvider.objects.filter(account=access.account).first()
    before = snapshot(provider, PROVIDER_FIELDS) if provider else None
    source = _source(provider) if provider else None
    provider = provider or IdentityProvider(account=access.account)
    for name, value in fields.items():
        setattr(provider, name, value)
    if client_secret:
        provider.client_secret = client_secret
    elif not provider.client_secret_encrypted:
        raise ValidationError("Enter the client secret the identity provider gave you.")
    provider.saved_by = access.user
    provider.save()
    after = snapshot(provider, PROVIDER_FIELDS) | (
        {"client secret": "changed"} if client_secret else {}
    )
    action = "identity_provider.update" if before else "identity_provider.create"
    audit_record(access=access, action=action, target=provider, before=before, after=after)
    # Disabled, or another provider, client, claim or domains: who it signed in is signed out.
    if not provider.enabled or source not in (None, _source(provider)):
        sessions_end(User.objects.filter(account=access.account, kind=User.Kind.EXTERNAL))
    return provider


def _source(provider) -> tuple:
    return (provider.issuer, provider.client_id, provider.roles_claim, provider.allowed_domains)


def _require_holds_every_role(access: Access) -> None:
    """Whoever controls the provider can sign anyone in with any role: only a principal that
    holds every role's grant may change it, and never one signed in through it."""
    if access.user.kind == User.Kind.EXTERNAL:
        raise ValidationError(
            "You signed in through this identity provider: another administrator changes it."
        )
    for role in _roles().filter(account=access.account):
        if not grants.holds(access, role):
            raise ValidationError(
                "You cannot grant more than you hold: the External IdP role "
                f"{role.name} grants more than your own permissions, and whoever controls the "
                "identity provider can sign anyone in with it."
            )


def require_provider_saver_holds(role: ExternalIdpRole) -> None:
    """A role added, widened or enabled later must be within what the person who last saved
    the account's provider holds: that person controls who the provider signs in, and with
    which role. Nobody known (saved before this was recorded, or gone): save it again first."""
    provider = IdentityProvider.objects.filter(account_id=role.account_id).first()
    if provider is None:
        return
    saver = provider.saved_by
    access = access_for_account(saver, role.account_id) if saver is not None else None
    if access is None or not grants.holds(access, role):
        raise ValidationError(
            f"The identity provider was last saved by {_name(saver)}, who does not hold what "
            f"the External IdP role {role.name} would grant, and whoever controls the provider "
            "can sign anyone in with it. Save the identity provider yourself first."
        )


def widens(old_profile, old_folder, new_profile, new_folder) -> bool:
    """Whether a grant of ``new_profile`` within ``new_folder`` (None: all of My Assets) gives
    anything the old one did not: a higher level, or assets outside the old folder."""
    old = old_profile.portal_levels() | old_profile.resource_levels()
    new = new_profile.portal_levels() | new_profile.resource_levels()
    if any(level > old.get(name, 0) for name, level in new.items()):
        return True
    if old_folder is None:
        return False
    return new_folder is None or not new_folder.path.startswith(old_folder.path)


def _name(user) -> str:
    return "someone no longer here" if user is None else (user.username or user.email)


def _require_customer(access: Access) -> None:
    """The identity provider and its roles are the customer's own: a partner acting through
    its Partner role would keep a way in after the role is gone."""
    if grants.acting_role_id(access) is not None:
        raise PermissionDenied("The identity provider and its roles are the customer's own.")


def _require_grantable(access: Access, fields: dict) -> None:
    _require_customer(access)
    profile = fields.get("permission_profile")
    if profile is not None and profile.type == ScopeType.ORGANIZATION:
        raise ValidationError("An External IdP role takes a permission profile of the Local type.")
    require_same_account(access, fields.get("permission_profile"), fields.get("scope_folder"))
    grants.require_within(
        access, fields.get("permission_profile"), fields.get("scope_folder"), what="this role"
    )


def _roles():
    return ExternalIdpRole.objects.select_related("permission_profile", "scope_folder")


@transaction.atomic
def idp_role_create(*, access: Access, **fields) -> ExternalIdpRole:
    require_iam_write(access)
    _require_grantable(access, fields)
    role = ExternalIdpRole.objects.create(account=access.account, **fields)
    require_provider_saver_holds(role)
    audit_record(
        access=access, action="idp_role.create", target=role, after=snapshot(role, ROLE_FIELDS)
    )
    return role


@transaction.atomic
def idp_role_update(*, access: Access, role: ExternalIdpRole, **fields) -> ExternalIdpRole:
    require_iam_write(access)
    current = changeable(access, _roles(), role, "External IdP role")
    _require_grantable(access, fields)
    before = snapshot(current, ROLE_FIELDS)
    old = (current.permission_profile, current.scope_folder)
    for name, value in fields.items():
        setattr(current, name, value)
    if widens(*old, current.permission_profile, current.scope_folder):
        require_provider_saver_holds(current)
    current.save()
    after = snapshot(current, ROLE_FIELDS)
    audit_record(
        access=access, action="idp_role.update", target=current, before=before, after=after
    )
    return current


@transaction.atomic
def idp_role_set_active(*, access: Access, role: ExternalIdpRole, active: bool) -> ExternalIdpRole:
    """Disabling ends the sessions of the people acting through the role at once."""
    require_iam_write(access)
    _require_customer(access)
    current = changeable(access, _roles(), role, "External IdP role")
    status = ExternalIdpRole.Status.ACTIVE if active else ExternalIdpRole.Status.DISABLED
    if current.status != status:
        if active:
            require_provider_saver_holds(current)
        before = {"status": current.get_status_display()}
        current.status = status
        current.save(update_fields=["status"])
        if not active:
            sessions_end(User.objects.filter(idp_role=current))
        audit_record(
            access=access,
            action="idp_role.enable" if active else "idp_role.disable",
            target=current,
            before=before,
            after={"status": current.get_status_display()},
        )
    return current


@transaction.atomic
def idp_role_delete(*, access: Access, role: ExternalIdpRole) -> None:
    require_iam_write(access)
    _require_customer(access)
    current = changeable(access, _roles(), role, "External IdP role")
    sessions_end(User.objects.filter(idp_role=current))
    audit_record(
        access=access,
        action="idp_role.delete",
        target=current,
        before=snapshot(current, ROLE_FIELDS),
    )
    current.delete()


def _claim_values(claims: dict, name: str) -> list[str]:
    """The roles claim as a list of strings (an IdP may send one string, or a list)."""
    value = claims.get(name)
    values = value if isinstance(value, list) else [value] if value else []
    return sorted({str(item) for item in values if isinstance(item, str | int)})


def subject_key(sub) -> str:
    """The username of a person of the provider: its subject, or the subject's SHA-256 when
    longer than a username holds (OpenID allows 255 characters)."""
    sub = str(sub)
    return sub if len(sub) <= 64 else hashlib.sha256(sub.encode()).hexdigest()


def idp_login(*, provider: IdentityProvider, claims: dict, ip=None) -> User:
    """The principal of ``provider``'s account for the verified ID token ``claims``: made or
    refreshed only when a role matches (else a ValidationError, and nothing is made). Its role
    is chosen at once when only one matches; with several the jump page asks."""
    account = provider.account
    email = str(claims.get("email") or "")
    if not provider.allows_email(email):
        _login_event(account, "idp_user.login_refused", None, ip, {"email": email[:254]})
        raise ValidationError("Your email address is not in a domain this account allows.")
    groups = _claim_values(claims, provider.roles_claim)
    probe = User(kind=User.Kind.EXTERNAL, account=account, idp_claims=groups)
    roles = list(matching_roles(probe))
    if not roles:
        after = {"subject": str(claims["sub"]), "groups": ", ".join(groups)}
        _login_event(account, "idp_user.login_refused", None, ip, after)
        raise ValidationError(NO_ROLE)
    with transaction.atomic():
        return _principal_save(provider, claims, email, groups, roles, ip)


def _principal_save(provider, claims, email, groups, roles, ip) -> User:
    account = provider.account
    user, _ = User.objects.update_or_create(
        kind=User.Kind.EXTERNAL,
        account=account,
        username=subject_key(claims["sub"]),
        defaults={
            "email": email if len(email) <= 254 else "",
            "full_name": str(claims.get("name") or "")[:150],
            "idp_claims": groups,
        },
    )
    keep = user.idp_role_id in {role.pk for role in roles}
    user.idp_role = roles[0] if len(roles) == 1 else user.idp_role if keep else None
    if not user.password:  # made now; once set, a new one would end the person's other sessions
        user.set_unusable_password()
    user.save(update_fields=["idp_role", "password"])
    _login_event(account, "idp_user.login", user, ip, {"groups": ", ".join(groups)})
    return user


def _login_event(account, action, user, ip, after=None):
    audit_event_write(
        account=account,
        actor=user,
        acting_as="External IdP user",
        ip=ip,
        action=action,
        target=user or account,
        after=after,
    )


@transaction.atomic
def idp_role_choose(*, user: User, role_id, ip=None) -> ExternalIdpRole:
    """The jump page's choice: one of the roles that match the user's groups now."""
    role = matching_roles(user).filter(pk=role_id).first()
    if role is None:
        raise ValidationError("Choose one of your roles.")
    User.objects.filter(pk=user.pk).update(idp_role=role)
    user.idp_role = role
    _login_event(user.account, "idp_user.role_choose", user, ip, {"role": role.name})
    return role
