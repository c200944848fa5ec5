"""The demo's legacy sub users (seed 001): in Company 1274099 one with Full Access and one with
Limited Access to two units (to try Manage User and Sub User Migration); in the partner's own
account a master user with asset groups on, a user group and a product group given to it."""

from assets.models import Asset
from iam.models import ProductGroup, SubUserGroup, User

from .demo_assets import demo_assets_ensure


def demo_sub_users_ensure(ensure_user, customer, partner_account) -> list[tuple[str, str]]:
    """``ensure_user(kind, lookup, **fields)`` creates or resets a demo login."""
    ensure_user(
        User.Kind.SUB,
        {"email": "sub-full@demo.test"},
        account=customer,
        full_name="Fay Full",
        legacy_access="full",
        legacy_read_only=False,
    )
    limited = ensure_user(
        User.Kind.SUB,
        {"email": "sub-limited@demo.test"},
        account=customer,
        full_name="Lee Limited",
        legacy_access="limited",
    )
    limited.assigned_units.set(Asset.objects.filter(account=customer).order_by("serial_number")[:2])

    ensure_user(
        User.Kind.OWNER,
        {"email": f"owner-{partner_account.pk}@demo.test"},
        account=partner_account,
        full_name="Morgan Master",
    )
    demo_assets_ensure(partner_account, count=8)
    partner_account.asset_groups_enabled = True
    partner_account.save(update_fields=["asset_groups_enabled"])
    member = ensure_user(
        User.Kind.SUB,
        {"email": "partner-sub@demo.test"},
        account=partner_account,
        full_name="Gale Grouped",
        legacy_access="limited",
    )
    member.assigned_units.clear()
    team, _ = SubUserGroup.objects.get_or_create(account=partner_account, name="Field Engineers")
    team.members.set([member])
    lab, _ = ProductGroup.objects.get_or_create(account=partner_account, name="Lab Units")
    lab.units.set(Asset.objects.filter(account=partner_account).order_by("serial_number")[:3])
    lab.user_groups.set([team])
    return [
        (
            f"Sub users of Company {customer.pk} (Full / Limited Access)",
            "sub-full@demo.test, sub-limited@demo.test",
        ),
        (
            f"Master user of the partner's own account {partner_account.pk} (asset groups)",
            f"owner-{partner_account.pk}@demo.test; its sub user partner-sub@demo.test",
        ),
    ]
