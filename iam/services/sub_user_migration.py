"""IAM > Sub User Migration (seed 003): each sub user becomes an IAM user of the account with a
profile and scope that give the same access, proven by the access decision before it lands.

Full Access becomes the profile "Sub User Full Access" (or "… (Read-only)") over My Assets; a
profile of that name edited since is left alone and "… 2" made.
Limited Access becomes "Sub User Limited Access" over a new folder "<email> units", made under
the deepest folder holding all its units, into which the units move. The migration runs in a
savepoint, asks the access decision what the IAM user sees, and keeps the change only if it is
exactly what the sub user saw, and no other user's folder scope loses a unit by the move."""

import re
from dataclasses import dataclass, field

from django.contrib.auth.hashers import make_password
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F, Q

from ..access import own_account_access
from ..models import PermissionProfile, User
from ..permissions import Level, Portal, Resource, ResourceLevel, ScopeType
from ..selectors.sub_users import Unit, sub_users
from ..signals import units_moved
from ..sub_users import sub_user_access
from .audit import audit_record, snapshot
from .profiles import PROFILE_FIELDS
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
    folder: str = ""  # the scope folder's name (Limited Access), "" for My Assets
    moves: dict = field(default_factory=dict)  # {unit id: old folder id} of the units moved
    iam_user: User | None = None  # the user as migrated (``migrate``)
    now: set = field(default_factory=set)  # unit ids the sub user sees
    after: set = field(default_factory=set)  # unit ids the IAM user sees
    problems: list = field(default_factory=list)

    @property
    def proven(self) -> bool:
        return not self.problems


class _Refused(Exception):
    """A migration whose proof fails: its savepoint is rolled back."""


class _Undone(Exception):
    """The preview: every migration of it is rolled back."""

    def __init__(self, migrations):
        self.migrations = migrations


def _seen(access) -> set:
    return set(Unit.objects.visible_to(access).values_list("pk", flat=True))


def _kind(user: User) -> str:
    if user.legacy_access == "full":
        return "read_only" if user.legacy_read_only else "full"
    return "limited"


def _profile(access, kind: str) -> PermissionProfile:
    """The account's profile of that name and exactly these levels; one of that name edited
    since (by an IAM admin, a partner) is left alone and a new one ("… 2") made, audited."""
    account = access.account
    name, portals, resources = PROFILES[kind]
    levels = {portal.value: portals.get(portal, Level.NONE) for portal in Portal}
    levels |= {r.value: resources.get(r, ResourceLevel.NO_ACCESS) for r in Resource}
    same = PermissionProfile.objects.filter(account=account, type=ScopeType.LOCAL, **levels)
    names = [name] + [f"{name} {n}" for n in range(2, 100)]
    for candidate in names:
        if profile := same.filter(name__iexact=candidate).first():
            return profile
        if not PermissionProfile.objects.filter(account=account, name__iexact=candidate).exists():
            profile = PermissionProfile.objects.create(
                account=account, name=candidate, description=DESCRIPTION, **levels
            )
            after = snapshot(profile, PROFILE_FIELDS)
            audit_record(access=access, action="profile.create", target=profile, after=after)
            return profile
    raise ValidationError("Too many profiles of the migration's names; rename some.")


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
    """A Limited Access user's scope and the moves it takes ({unit id: old folder id}): the
    deepest folder holding all its units, when that subtree holds exactly them (nothing moves:
    a second user with the units of one migrated before); else a new folder "<email> units"
    under it, into which they move."""
    Folder = Unit._meta.get_field("folder").related_model
    parent_path = _common_parent([unit.folder.path if unit.folder_id else "" for unit in units])
    parent = Folder.objects.get(account=account, path=parent_path) if parent_path else None
    if parent is not None:
        subtree = Unit.objects.filter(account=account, folder__path__startswith=parent.path)
        if set(subtree.values_list("pk", flat=True)) == {unit.pk for unit in units}:
            return parent, {}
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
    folder = Folder.objects.create(account=account, parent=parent, name=final)
    return folder, {unit.pk: unit.folder_id for unit in units}


def _granted(resources: dict) -> dict:
    return {resource: level for resource, level in resources.items() if level}


def _convert(access, user: User, migration: Migration) -> User:
    account = access.account
    before = sub_user_access(user, account)
    migration.now = _seen(before)
    kind = _kind(user)
    profile = _profile(access, kind)
    folder = None
    if kind == "limited":
        units = list(Unit.objects.filter(pk__in=migration.now).select_related("folder"))
        folder, migration.moves = _folder_for(account, user, units)
        migration.folder = folder.name
        if migration.moves:
            paths = [unit.folder.path if unit.folder_id else "" for unit in units]
            migration.problems += _scope_losses(account, paths, folder.path)
            Unit.objects.filter(pk__in=migration.moves).update(folder=folder)
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
    if after.grants != before.grants or _granted(after.resources) != _granted(before.resources):
        migration.problems.append("its portals, levels or resources would change")
    return user


def _run(access, users) -> list[Migration]:
    """Each user's migration in its own savepoint, kept only when its proof holds; in order,
    so each sees the ones before (a username taken, units already in a folder)."""
    done = []
    for user in users:
        migration = Migration(user=user)
        try:
            with transaction.atomic():
                migration.iam_user = _convert(access, User.objects.get(pk=user.pk), migration)
                if not migration.proven:
                    raise _Refused
                _record(access, user, migration)
        except _Refused:
            migration.iam_user = None
        except IntegrityError:  # a name taken by a parallel migration in the meantime
            migration.iam_user = None
            migration.problems.append("another change came first; try again")
        done.append(migration)
    return done


def preview(access, users) -> list[Migration]:
    """The migration of these sub users, in order, done in a savepoint, proven, rolled back:
    what Migrate Selected / Migrate All would do to them."""
    require_master(access)
    try:
        with transaction.atomic():
            raise _Undone(_run(access, list(users)))  # always undone: the proof only
    except _Undone as undone:
        return undone.migrations


def migrate(*, access, user_ids) -> list[Migration]:
    """Migrate these sub users: one refused (its proof fails) stays a sub user, the others
    land."""
    require_master(access)
    with transaction.atomic():
        users = list(
            sub_users(access).select_for_update().filter(pk__in=user_ids).order_by("email")
        )
        if not users:
            raise ValidationError("Choose the sub users to migrate: these are not sub users now.")
        done = _run(access, users)
        if any(m.proven and m.moves for m in done):
            units_moved.send(sender=None, account_id=access.account.pk)
    return done


def _record(access, user, migration):
    audit_record(
        access=access,
        action="sub_user.migrate",
        target=user,
        before={
            "type": "Sub user",
            "email": user.email,
            # Where the moved units were (unit id: folder id), to put them back by hand.
            "unit folders": ", ".join(
                f"{k}: {v or 'My Assets'}" for k, v in sorted(migration.moves.items())
            ),
        },
        after={
            "type": "IAM user",
            "username": migration.username,
            "permission profile": migration.profile,
            "permission scope": migration.folder or "MyAssets",
            "units": str(len(migration.after)),
        },
    )
