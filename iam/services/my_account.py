"""My Account: a person who logs in by email changes their own name and password, and records
each login. The email change is in iam.services.email_change."""

from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import transaction

from ..auth.throttle import login_failed, login_lockout_minutes, login_succeeded
from ..models import Account, LoginRecord, User
from ..selectors.my_account import LOGINS_KEPT
from .audit import audit_event_write
from .common import sessions_end

WRONG_CURRENT = "Your current password is not correct."
ACTING_AS = "My Account"


def login_method(user: User) -> str:
    if user.kind == User.Kind.IAM:
        return LoginRecord.Method.IAM
    if user.kind == User.Kind.EXTERNAL:
        return LoginRecord.Method.IDP
    return LoginRecord.Method.EMAIL


def login_record(*, user: User, ip: str | None) -> None:
    """Record a successful login and forget the ones beyond the LOGINS_KEPT most recent (an
    insert, a read of at most a row or two, their delete: LOGINS_KEPT rows per user stay)."""
    LoginRecord.objects.create(user=user, ip_address=ip, method=login_method(user))
    older = list(
        LoginRecord.objects.filter(user=user)
        .order_by("-created_at", "-id")
        .values_list("pk", flat=True)[LOGINS_KEPT : LOGINS_KEPT + 100]
    )
    if older:
        LoginRecord.objects.filter(pk__in=older).delete()


def own_account(user: User) -> Account | None:
    """The account whose Audit Log tells of a person's own changes: an owner's or sub user's
    account, a partner user's Partner's own FortiCloud account; None for staff and partners
    without one (their changes are kept in their own history only)."""
    if user.account_id is not None:
        return user.account
    if user.kind == User.Kind.PARTNER and user.partner.account_id is not None:
        return user.partner.account
    return None


def self_audit(*, user: User, ip, action: str, before=None, after=None) -> None:
    account = own_account(user)
    if account is None:
        return
    audit_event_write(
        account=account,
        actor=user,
        acting_as=f"{user.get_kind_display()}, {ACTING_AS}",
        ip=ip,
        action=action,
        target=user,
        before=before,
        after=after,
    )


def user_locked(user: User) -> User:
    """The user's row, locked until the transaction ends: one change of theirs at a time."""
    users = User.objects.select_related("account", "partner").select_for_update(of=("self",))
    return users.get(pk=user.pk)


@transaction.atomic
def my_name_update(*, user: User, full_name: str, ip) -> User:
    fresh = user_locked(user)
    full_name = full_name.strip()
    if full_name != fresh.full_name:
        before = {"name": fresh.full_name}
        fresh.full_name = full_name
        fresh.save(update_fields=["full_name"])
        self_audit(
            user=fresh, ip=ip, action="my_account.name", before=before, after={"name": full_name}
        )
    return fresh


def _password_throttle_key(user: User) -> str:
    return f"password-change:{user.pk}"


def my_password_change(*, user: User, current: str, new: str, ip: str) -> User:
    """Change one's own password: the current one first (wrong ones throttled like logins,
    per user and address), Django's password rules, then every other session ends (the
    session epoch rises; the view keeps the current session with update_session_auth_hash)."""
    key = _password_throttle_key(user)
    minutes = login_lockout_minutes(key, ip)
    if minutes is not None:
        unit = "minute" if minutes == 1 else "minutes"
        raise ValidationError(f"Too many wrong passwords. Try again in {minutes} {unit}.")
    if not user.check_password(current):
        login_failed(key, ip)
        raise ValidationError(WRONG_CURRENT)
    login_succeeded(key, ip)
    validate_password(new, user)
    with transaction.atomic():
        fresh = user_locked(user)
        fresh.set_password(new)
        fresh.save(update_fields=["password"])
        sessions_end(User.objects.filter(pk=fresh.pk))
        fresh.refresh_from_db(fields=["session_epoch"])
        self_audit(
            user=fresh,
            ip=ip,
            action="my_account.password",
            before={"password": "(unchanged)"},
            after={"password": "(changed; other sessions ended)"},
        )
    return fresh
