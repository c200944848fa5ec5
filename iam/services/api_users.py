"""API users (seeds 001, 003): principals of an account that call the API with OAuth 2.0
client credentials. The portal makes the client ID and secret; the secret is shown once and
kept only as a hash (django-oauth-toolkit hashes client secrets). An API user never gets a
browser session (iam.auth.backends refuses its kind). Disable, enable and delete are the IAM
user services' (iam.services.users), which also end its tokens."""

import secrets

from django.core.exceptions import ValidationError
from django.db import transaction
from oauth2_provider.models import Application

from .. import grants
from ..access import Access
from ..models import User
from .audit import audit_record, snapshot
from .common import changeable, ou_names, require_iam_write, sessions_end
from .users import CREDENTIALS_REFUSED, USER_FIELDS, iam_users, require_grantable_user


def api_users():
    return iam_users(kinds=(User.Kind.API,))


def credentials_of(user: User) -> Application | None:
    """The OAuth 2.0 client of an API user: its Client ID (the secret is only a hash). None
    for one made outside these services (staff in admin): Regenerate Secret makes it."""
    return Application.objects.filter(user=user).first()


def client_new(user: User) -> Application:
    """An API user's OAuth 2.0 client (client credentials), its secret still to set."""
    return Application(
        user=user,
        name=f"API user {user.username} of {user.account_id}",
        client_type=Application.CLIENT_CONFIDENTIAL,
        authorization_grant_type=Application.GRANT_CLIENT_CREDENTIALS,
        hash_client_secret=True,
    )


def _secret_new(application: Application) -> str:
    secret = secrets.token_urlsafe(32)  # 256 random bits
    application.client_secret = secret  # hashed when saved
    return secret


def _picture(user: User) -> dict:
    return snapshot(user, [*USER_FIELDS, "partner_api"]) | {"OU scope": ou_names(user)}


@transaction.atomic
def api_user_create(*, access: Access, scope_units=(), **fields) -> tuple[User, str]:
    """A new API user with a grant within the actor's own, and its client; returns the user
    and its secret (shown once, never stored)."""
    require_iam_write(access)
    require_grantable_user(access, {**fields, "scope_units": scope_units})
    role_id = grants.acting_role_id(access)
    user = User(
        kind=User.Kind.API, account=access.account, created_through_role_id=role_id, **fields
    )
    user.set_unusable_password()
    user.save()
    user.scope_units.set(scope_units)
    application = client_new(user)
    secret = _secret_new(application)
    application.save()
    after = _picture(user) | {"Client ID": application.client_id}
    audit_record(access=access, action="api_user.create", target=user, after=after)
    return user, secret


@transaction.atomic
def api_user_update(*, access: Access, user: User, scope_units=(), **fields) -> User:
    require_iam_write(access)
    current = changeable(access, api_users(), user, "API user")
    require_grantable_user(access, {**fields, "scope_units": scope_units})
    before = _picture(current)
    for name, value in fields.items():
        setattr(current, name, value)
    current.save()
    current.scope_units.set(scope_units)
    audit_record(
        access=access,
        action="api_user.update",
        target=current,
        before=before,
        after=_picture(current),
    )
    return current


@transaction.atomic
def api_secret_regenerate(*, access: Access, user: User) -> str:
    """A new secret: the old one stops working, and so do the tokens it got."""
    require_iam_write(access)
    current = changeable(access, api_users(), user, "API user")
    if not grants.may_set_credentials(access, current):
        raise ValidationError(CREDENTIALS_REFUSED)
    application = Application.objects.select_for_update().filter(user=current).first()
    application = application or client_new(current)
    secret = _secret_new(application)
    application.save()
    sessions_end(User.objects.filter(pk=current.pk))
    audit_record(access=access, action="api_user.secret_regenerate", target=current)
    return secret
