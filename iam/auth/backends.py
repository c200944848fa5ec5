from django.contrib.auth.backends import BaseBackend
from django.db.models import prefetch_related_objects

from forticloud.web.compiled import compiled_first, run_prepared
from forticloud.web.listing import parse_id

from ..models import Account, User


def account_by_id_or_alias(identifier: str) -> Account | None:
    """The account an IAM login names by Account ID or alias."""
    identifier = identifier.strip().lower()
    if identifier.isascii() and identifier.isdigit():
        account_id = parse_id(identifier)  # None beyond 18 digits: no such account
        return Account.objects.filter(pk=account_id).first() if account_id is not None else None
    return Account.objects.filter(alias=identifier).first()


# Distinguishes "no account given" (Email Login) from "unknown account" (IAM login, None).
EMAIL_LOGIN = object()


def _user_by_id(pk: int):
    # The id is unique: no ORDER BY to plan.
    return User.objects.select_related("account", "partner").filter(pk=pk)[:1]


class PortalBackend(BaseBackend):
    """Email Login (owners, sub users, partner users, staff) and IAM login (account + username).

    An unknown user still costs one password hash, so response time does not tell whether a
    login exists. Disabled users and users of suspended accounts are refused like wrong
    passwords.
    """

    def authenticate(self, request, password=None, email=None, account=EMAIL_LOGIN, username=None):
        if not password:
            return None
        if account is not EMAIL_LOGIN:
            user = (
                User.objects.filter(
                    kind=User.Kind.IAM, account=account, username__iexact=username or ""
                ).first()
                if account is not None
                else None
            )
        else:
            # Django admin's login form passes the email as "username".
            login = (email or username or "").strip()
            user = User.objects.filter(kind__in=User.EMAIL_LOGIN_KINDS, email__iexact=login).first()
        if user is None:
            User().set_password(password)
            return None
        if user.check_password(password) and self.user_can_authenticate(user):
            return user
        return None

    def user_can_authenticate(self, user):
        if not user.is_active or user.kind == User.Kind.API:
            return False
        return user.account_id is None or user.account.status == Account.Status.ACTIVE

    def get_user(self, user_id):
        # Everything the access decision reads about the user. An IAM user's profile, scope
        # folder and group come in small queries of their own (none for owners and partners):
        # PostgreSQL spent 5 ms planning the seven-table join on every request. The user with
        # the account and partner is compiled once per process and planned once per connection.
        user = run_prepared(lambda: compiled_first(_user_by_id, int(user_id)))
        if user is None or not self.user_can_authenticate(user):
            return None
        if user.permission_profile_id or user.scope_folder_id or user.user_group_id:
            prefetch_related_objects(
                [user],
                "permission_profile",
                "scope_folder",
                "user_group__permission_profile",
                "user_group__scope_folder",
            )
        return user

    # Staff permissions for Django admin, like ModelBackend, for staff users only.
    def get_all_permissions(self, user_obj, obj=None):
        if not user_obj.is_active or not user_obj.is_staff:
            return set()
        if user_obj.is_superuser:
            from django.contrib.auth.models import Permission

            perms = Permission.objects.values_list("content_type__app_label", "codename")
        else:
            perms = user_obj.user_permissions.values_list(
                "content_type__app_label", "codename"
            ).union(
                user_obj.groups.values_list(
                    "permissions__content_type__app_label", "permissions__codename"
                )
            )
        return {f"{app}.{code}" for app, code in perms if app}

    def has_perm(self, user_obj, perm, obj=None):
        return perm in self.get_all_permissions(user_obj, obj)

    def has_module_perms(self, user_obj, app_label):
        return any(p.startswith(f"{app_label}.") for p in self.get_all_permissions(user_obj))
