"""Account A's legacy sub users (seed 001): Full Access, Full Access read-only, and Limited
Access to two units of Branch East / Branch Offices (asset_in, gone_in); ``sub_target`` is the
sample the Manage User rows change; a user group and a product group of A (asset groups are a
Partner account's: here every row of them is a 404)."""

from iam.models import ProductGroup, SubUserGroup, User
from tests.factories import PASSWORD


def sub_user_samples(world) -> dict:
    def sub_user(name, access, read_only=False, units=()):
        user = User.objects.create_user(
            kind=User.Kind.SUB,
            email=f"matrix-{name}@alpha.test",
            password=PASSWORD,
            account=world.account_a,
            legacy_access=access,
            legacy_read_only=read_only,
        )
        user.assigned_units.set(units)
        return user

    user_group = SubUserGroup.objects.create(account=world.account_a, name="Matrix sub users")
    return {
        "asset_user_group": user_group,
        "product_group": ProductGroup.objects.create(account=world.account_a, name="Matrix units"),
        "sub_full": sub_user("sub-full", "full"),
        "sub_read_only": sub_user("sub-read-only", "full", read_only=True),
        "sub_limited": sub_user("sub-limited", "limited", units=[world.asset_in, world.gone_in]),
        "sub_target": sub_user("sub-target", "limited", units=[world.asset_out]),
    }
