"""Reads of the asset groups of a Partner's own account (iam.services.asset_groups)."""

from django.db.models import Count

from ..models import ProductGroup, SubUserGroup


def may_use_asset_groups(access) -> bool:
    """The master user of a Partner's own FortiCloud account."""
    if access is None or not access.is_master_user:
        return False
    return hasattr(access.account, "owning_partner")


def user_groups(access):
    if not may_use_asset_groups(access):
        return SubUserGroup.objects.none()
    return SubUserGroup.objects.filter(account=access.account)


def product_groups(access):
    if not may_use_asset_groups(access):
        return ProductGroup.objects.none()
    return ProductGroup.objects.filter(account=access.account)


def asset_group_lists(access) -> dict:
    """Both lists of the Asset Groups page, with their counts (two queries)."""
    users = user_groups(access).annotate(member_count=Count("members")).order_by("name")
    products = (
        product_groups(access)
        .annotate(unit_count=Count("units", distinct=True))
        .prefetch_related("user_groups")
        .order_by("name")
    )
    return {"user_groups": users, "product_groups": products}
