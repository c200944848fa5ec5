"""The legacy Sub User Model's part of the access decision (seed 001, "Legacy sub-user").

Full Access: every portal of the navigation the master user has, except IAM; with read-only
permissions, no folder changes or moves. Limited Access: the Product List and Decommissioned
Units, only the units the master user assigned (and, in a Partner's own account with asset
groups enabled, the units of the product groups given to the sub user's user groups)."""

from .access import Access
from .models import Account, ProductGroup, User
from .permissions import ALL_RESOURCES, Level, Portal

FULL = {Portal.ASSET_MANAGEMENT: Level.ADMIN, Portal.FORTICARE: Level.ADMIN}
FULL_READ_ONLY = {Portal.ASSET_MANAGEMENT: Level.READ_ONLY, Portal.FORTICARE: Level.READ_WRITE}
LIMITED = {Portal.ASSET_MANAGEMENT: Level.READ_ONLY}


def sub_user_grants(user: User) -> dict:
    if user.legacy_access == "full":
        return FULL_READ_ONLY if user.legacy_read_only else FULL
    return LIMITED  # Limited Access, and any unknown value (fail closed)


def sub_user_access(user: User, account: Account) -> Access:
    """A sub user's access in its own account (``account``, active)."""
    grants = sub_user_grants(user)
    if grants is not LIMITED:
        return Access(user=user, account=account, grants=grants, resources=ALL_RESOURCES)
    return Access(
        user=user, account=account, grants=grants, assigned_units=assigned_unit_ids(user, account)
    )


def assigned_unit_ids(user: User, account: Account) -> tuple:
    """Subqueries of the ids of the units a Limited Access sub user sees (never evaluated
    here: the list's query carries them)."""
    direct = User.assigned_units.through.objects.filter(user_id=user.pk).values("asset_id")
    if not (account.asset_groups_enabled and hasattr(account, "owning_partner")):
        return (direct,)  # asset groups are a Partner's own account's (iam.selectors)
    grouped = ProductGroup.units.through.objects.filter(
        productgroup__account_id=account.pk, productgroup__user_groups__members=user.pk
    ).values("asset_id")
    return (direct, grouped)
