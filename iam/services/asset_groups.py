"""Asset groups of a Partner's own FortiCloud account (seed 001: "In Partner accounts with asset
groups enabled, a master user can create user and product groups, and assign them to users"):
user groups of sub users, product groups of units given to user groups. A Limited Access
member sees its product groups' units besides its own (iam.sub_users)."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction

from ..access import Access
from ..models import Account, ProductGroup, SubUserGroup
from ..selectors.asset_groups import may_use_asset_groups, product_groups, user_groups
from ..selectors.sub_users import assignable_units, sub_users
from .audit import audit_record
from .common import NO_SUCH
from .sub_users import unit_ids


def require_asset_groups(access: Access) -> None:
    if not may_use_asset_groups(access):
        raise PermissionDenied("Asset groups are for a Partner account's master user.")


@transaction.atomic
def asset_groups_set(*, access: Access, enabled: bool) -> None:
    require_asset_groups(access)
    account = Account.objects.select_for_update().get(pk=access.account.pk)
    if account.asset_groups_enabled != enabled:
        account.asset_groups_enabled = enabled
        account.save(update_fields=["asset_groups_enabled"])
        labels = {True: "Enabled", False: "Disabled"}
        audit_record(
            access=access,
            action="asset_groups.update",
            target=account,
            before={"asset groups": labels[not enabled]},
            after={"asset groups": labels[enabled]},
        )


def _picture(group, members) -> dict:
    names = ", ".join(sorted(str(member) for member in members))
    return {"name": group.name, "members": names}


def _save(group) -> None:
    try:
        with transaction.atomic():
            group.save()
    except IntegrityError as error:  # the unique name, under a race
        raise ValidationError({"name": "A group with this name already exists."}) from error


def _only(queryset, chosen, what: str) -> list:
    ids = {obj.pk for obj in chosen}
    found = list(queryset.filter(pk__in=ids))
    if len(found) != len(ids):
        raise ValidationError(f"Choose {what} of this account only.")
    return found


def _fresh(queryset, group, what):
    fresh = queryset.select_for_update().filter(pk=group.pk).first()
    if fresh is None:
        raise PermissionDenied(NO_SUCH.format(what=what))
    return fresh


@transaction.atomic
def user_group_save(*, access: Access, name: str, members, group=None) -> SubUserGroup:
    """Create (``group`` None) or change a user group of sub users."""
    require_asset_groups(access)
    members = _only(sub_users(access), members, "sub users")
    if group is None:
        group, before, action = SubUserGroup(account=access.account), None, "create"
    else:
        group = _fresh(user_groups(access), group, "user group")
        before, action = _picture(group, group.members.all()), "update"
    group.name = name
    _save(group)
    group.members.set(members)
    after = _picture(group, members)
    audit_record(
        access=access, action=f"sub_user_group.{action}", target=group, before=before, after=after
    )
    return group


@transaction.atomic
def product_group_save(
    *, access: Access, name: str, units, user_groups_given, group=None
) -> ProductGroup:
    """Create (``group`` None) or change a product group and the user groups it is given to."""
    require_asset_groups(access)
    units = _only(assignable_units(access), units, "units")
    given = _only(user_groups(access), user_groups_given, "user groups")
    if group is None:
        group, before, action = ProductGroup(account=access.account), None, "create"
    else:
        group = _fresh(product_groups(access), group, "product group")
        before, action = (
            _product_picture(group, group.units.all(), group.user_groups.all()),
            "update",
        )
    group.name = name
    _save(group)
    group.units.set(units)
    group.user_groups.set(given)
    after = _product_picture(group, units, given)
    audit_record(
        access=access, action=f"product_group.{action}", target=group, before=before, after=after
    )
    return group


def _product_picture(group, units, given) -> dict:
    return {
        "name": group.name,
        "unit ids": unit_ids(units),
        "user groups": ", ".join(sorted(g.name for g in given)),
    }


@transaction.atomic
def group_delete(*, access: Access, group) -> None:
    require_asset_groups(access)
    if isinstance(group, ProductGroup):
        fresh = _fresh(product_groups(access), group, "product group")
        before, action = (
            _product_picture(fresh, fresh.units.all(), fresh.user_groups.all()),
            "product_group.delete",
        )
    else:
        fresh = _fresh(user_groups(access), group, "user group")
        before, action = _picture(fresh, fresh.members.all()), "sub_user_group.delete"
    audit_record(access=access, action=action, target=fresh, before=before)
    fresh.delete()
