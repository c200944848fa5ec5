"""IAM > Sub User Migration (seed 003): each sub user becomes an IAM user of the account with a
profile and scope that give the same access, proven by the access decision before it lands.

Full Access becomes the profile "Sub User Full Access" (or "… (Read-only)") over My Assets.
Limited Access becomes "Sub User Limited Access" over a new folder "<email> units", made under
the deepest folder holding all its units, into which the units move. The migration runs in a
savepoint, asks the access decision what the IAM user sees, and keeps the change only if it is
exactly what the sub user saw, and no other user's folder scope loses a unit by the move."""

import re
from dataclasses import dataclass, field

from django.contrib.auth.hashers import make_password
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F, Q

from ..access import own_account_access
from ..models import PermissionProfile, User
from ..permissions import Level, Portal, Resource, ResourceLevel
from ..selectors.sub_users import Unit, sub_users
from ..signals import units_moved
from ..sub_users import sub_user_access
from .audit import audit_record
from .sub_users import require_master

_FULL = {Portal.ASSET_MANAGEMENT: Level.ADMIN, Portal.FORTICARE: Level.ADMIN}
_ALL_RW = {resource: ResourceLevel.READ_WRITE for resource in Resource}
PROFILES = {
    "full": ("Sub User Full Access", _FULL, _ALL_RW),
    "read_only": (
        "Sub User Full Access (Read-only)",
        {Portal.ASSET_MANAGEMENT: Level.READ_ONLY, Portal.FORTICARE: Level.READ_WRITE},
        _ALL_RW,
    ),
    "limited": ("Sub User Limited Access", {Portal.ASSET_MANAGEMENT: Level.READ_ONLY}, {}),
}
DESCRIPTION = "Made by Sub User Migration: the access of a legacy sub user."


@dataclass
class Migration:
    """A sub user's migration, as proven (``preview``) or done (``migrate``)."""

    user: User
    username: str = ""
    profile: str = ""
    folder: str = ""  # the new folder's name (Limited Access), "" for My Assets
    now: set = field(default_factory=set)  # unit ids the sub user sees
    after: set = field(default_factory=set)  # unit ids the IAM user sees
    problems: list = field(default_factory=list)

    @property
    def proven(self) -> bool:
        return not self.problems


class _Refused(Exception):
    def __init__(self, migration):
        self.migration = migration


def _seen(access) -> set:
    return set(Unit.objects.visible_to(access).values_list("pk", flat=True))


def _kind(user: User) -> str:
    if user.legacy_access == "full":
        return "read_only" if user.legacy_read_only else "full"
    return "limited"


def _profile(account, kind: str) -> PermissionProfile:
    name, portals, resources = PROFILES[kind]
    levels = {portal.value: portals.get(portal, Level.NONE) for portal in Portal}
    levels |= {r.value: resources.get(r, ResourceLevel.NO_ACCESS) for r in Resource}
    profile = PermissionProfile.objects.filter(account=account, name__iexact=name).first()
    return profile or PermissionProfile.objects.create(
        account=account, name=name, description=DESCRIPTION, **levels
    )


def _username(user: User) -> str:
    base = re.sub(r"[^A-Za-z0-9._@+-]", "", user.email.split("@")[0])[:56].lstrip("._@+-")
    base = base or "user"
    taken = {
        name.lower()
        for name in User.objects.filter(
            account_id=user.account_id, kind=User.Kind.IAM, username__istartswith=base
        ).values_list("username", flat=True)
    }
    candidates = [base] + [f"{base}-{n}" for n in range(2, len(taken) + 3)]
    return next(name for name in candidates if name.lower() not in taken)


def _common_parent(paths: list[str]) -> str:
    """The deepest folder path holding every one of ``paths`` ("" for My Assets itself)."""
    if not paths or "" in paths:
        return ""
    parts = [path.strip("/").split("/") for path in paths]
    common = []
    for ids in zip(*parts, strict=False):
        if len(set(ids)) > 1:
            break
        common.append(ids[0])
    return f"/{'/'.join(common)}/" if common else ""


def _scope_losses(account, moved_paths: list[str], new_path: str) -> list[str]:
    """Folder scopes of the account's other grants that would lose a moved unit."""
    Folder = Unit._meta.get_field("folder").related_model
    losses = []
    in_use = (
        Q(scoped_users__isnull=False)
        | Q(scoped_groups__isnull=False)
        | Q(scoped_partner_roles__isnull=False)
        | Q(scoped_idp_roles__isnull=False)
    )
    for folder in Folder.objects.filter(in_use, account=account).distinct().order_by("path"):
        if new_path.startswith(folder.path):
            continue
        lost = sum(1 for path in moved_paths if path.startswith(folder.path))
        if lost:
            losses.append(
                f"{lost} of its units would leave the folder {folder.name}, the scope "
                "of other users"
            )
    return losses


def _folder_for(account, user: User, units) -> tuple:
    Folder = Unit._meta.get_field("folder").related_model
    paths = [unit.folder.path if unit.folder_id else "" for unit in units]
    parent_path = _common_parent(paths)
    parent = Folder.objects.get(account=account, path=parent_path) if parent_path else None
    name = f"{user.email} units"[:90]
    siblings = {
        n.lower()
        for n in Folder.objects.filter(account=account, parent=parent).values_list(
            "name", flat=True
        )
    }
    final = next(
        n
        for n in [name] + [f"{name} {k}" for k in range(2, len(siblings) + 3)]
        if n.lower() not in siblings
    )
    return Folder.objects.create(account=account, parent=parent, name=final), paths


def _convert(access, user: User, migration: Migration) -> User:
    account = access.account
    before = sub_user_access(user, account)
    migration.now = _seen(before)
    kind = _kind(user)
    profile = _profile(account, kind)
    folder = None
    if kind == "limited":
        units = list(Unit.objects.filter(pk__in=migration.now).select_related("folder"))
        folder, paths = _folder_for(account, user, units)
        migration.folder = folder.name
        migration.problems += _scope_losses(account, paths, folder.path)
        Unit.objects.filter(pk__in=migration.now).update(folder=folder)
    migration.username, migration.profile = _username(user), profile.name
    user.sub_user_groups.clear()
    user.assigned_units.clear()
    User.objects.filter(pk=user.pk).update(
        kind=User.Kind.IAM,
        username=migration.username,
        permission_profile=profile,
        scope_folder=folder,
        legacy_access="",
        legacy_read_only=False,
        password=make_password(None),  # unusable: the person sets one through the link
        session_epoch=F("session_epoch") + 1,  # the sub user's sessions end
    )
    user.refresh_from_db()
    after = own_account_access(user, account)
    migration.after = _seen(after)
    if migration.after != migration.now:
        migration.problems.append(
            f"sees {len(migration.now)} units now but would see {len(migration.after)}"
        )
    if after.grants != before.grants:
        migration.problems.append("its portals and levels would change")
    return user


def preview(access, users) -> list[Migration]:
    """Each sub user's migration done in a savepoint, proven, and rolled back."""
    require_master(access)
    migrations = []
    for user in users:
        migration = Migration(user=user)
        try:
            with transaction.atomic():
                _convert(access, User.objects.get(pk=user.pk), migration)
                raise _Refused(migration)  # always undone: this is the proof only
        except _Refused:
            pass
        migrations.append(migration)
    return migrations


def migrate(*, access, user_ids) -> list[Migration]:
    """Migrate these sub users, each in its own savepoint: one refused (its proof fails) stays
    a sub user, the others land."""
    require_master(access)
    done = []
    with transaction.atomic():
        users = list(sub_users(access).select_for_update().filter(pk__in=user_ids))
        if not users:
            raise ValidationError("Choose the sub users to migrate.")
        for user in users:
            migration = Migration(user=user)
            try:
                with transaction.atomic():
                    _convert(access, user, migration)
                    if not migration.proven:
                        raise _Refused(migration)
                    _record(access, user, migration)
            except _Refused:
                pass
            done.append(migration)
        if any(m.proven and m.folder for m in done):
            units_moved.send(sender=None, account_id=access.account.pk)
    return done


def _record(access, user, migration):
    audit_record(
        access=access,
        action="sub_user.migrate",
        target=user,
        before={"type": "Sub user", "email": user.email},
        after={
            "type": "IAM user",
            "username": migration.username,
            "permission profile": migration.profile,
            "permission scope": migration.folder or "MyAssets",
            "units": str(len(migration.after)),
        },
    )
