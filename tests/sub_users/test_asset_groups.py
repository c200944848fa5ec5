"""Asset groups in a Partner's own FortiCloud account (seed 001): the master user groups sub
users and units; a Limited Access member sees its product groups' units once groups are on."""

import pytest

from iam.models import AuditEvent, ProductGroup, SubUserGroup
from tests.assets.conftest import make_asset
from tests.factories import AccountFactory, OwnerFactory
from tests.forticloud.bad_input_fuzzer import EACH_KIND

from .conftest import sub_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def partner_account(world):
    account = AccountFactory(company_name="Reseller One HQ")
    world.partner.account = account
    world.partner.save()
    owner = OwnerFactory(account=account)
    units = [make_asset(account, ends_in=days) for days in (10, 40, 400)]
    member = sub_user(account, "member@reseller.test", "limited", [units[0]])
    outsider = sub_user(account, "outsider@reseller.test", "limited", [units[0]])
    return {
        "account": account,
        "owner": owner,
        "units": units,
        "member": member,
        "outsider": outsider,
    }


def url(account, path=""):
    return f"/a/{account.pk}/iam/asset-groups/{path}"


def serials_seen(client, account) -> set[str]:
    page = client.get(f"/a/{account.pk}/assets/")
    return {unit.serial_number for unit in page.context["page"].object_list}


def test_members_see_their_product_groups_units_once_groups_are_on(
    world, client, post, partner_account
):
    account, units = partner_account["account"], partner_account["units"]
    client.force_login(partner_account["owner"])
    assert post(url(account), {"enabled": "on"}).status_code == 303
    assert (
        post(
            url(account, "user-groups/new/"),
            {"name": "Field team", "members": [partner_account["member"].pk]},
        ).status_code
        == 303
    )
    team = SubUserGroup.objects.get(name="Field team")
    assert (
        post(
            url(account, "product-groups/new/"),
            {"name": "Stores", "units": [units[1].pk, units[2].pk], "user_groups": [team.pk]},
        ).status_code
        == 303
    )
    assert ProductGroup.objects.get(name="Stores").units.count() == 2
    page = client.get(url(account)).content.decode()
    assert "Field team" in page and "Stores" in page

    client.force_login(partner_account["member"])
    assert serials_seen(client, account) == {unit.serial_number for unit in units}
    client.force_login(partner_account["outsider"])
    assert serials_seen(client, account) == {units[0].serial_number}

    # Off again: the member is back to its own unit on its next request.
    client.force_login(partner_account["owner"])
    assert post(url(account), {}).status_code == 303
    client.force_login(partner_account["member"])
    assert serials_seen(client, account) == {units[0].serial_number}
    actions = set(AuditEvent.objects.values_list("action", flat=True))
    assert {"asset_groups.update", "sub_user_group.create", "product_group.create"} <= actions


def test_groups_take_only_the_accounts_own_sub_users_and_units(
    world, client, post, partner_account
):
    account = partner_account["account"]
    client.force_login(partner_account["owner"])
    elsewhere = sub_user(world.account_a, "a-sub@alpha.test", "limited")
    refused = post(url(account, "user-groups/new/"), {"name": "Mixed", "members": [elsewhere.pk]})
    assert refused.status_code == 200
    assert not SubUserGroup.objects.exists()
    other_unit = make_asset(world.account_a)
    refused = post(url(account, "product-groups/new/"), {"name": "Mixed", "units": [other_unit.pk]})
    assert refused.status_code == 200
    assert not ProductGroup.objects.exists()


def test_a_duplicate_name_says_so(world, client, post, partner_account):
    account = partner_account["account"]
    client.force_login(partner_account["owner"])
    post(url(account, "user-groups/new/"), {"name": "Team"})
    again = post(url(account, "user-groups/new/"), {"name": "team"})
    assert again.status_code == 200
    assert "A group with this name already exists." in again.content.decode()
    assert SubUserGroup.objects.count() == 1


def test_delete_and_edit(world, client, post, partner_account):
    account = partner_account["account"]
    client.force_login(partner_account["owner"])
    group = SubUserGroup.objects.create(account=account, name="Old")
    edited = post(url(account, f"user-groups/{group.pk}/edit/"), {"name": "New"})
    assert edited.status_code == 303
    group.refresh_from_db()
    assert group.name == "New"
    assert post(url(account, f"user-groups/{group.pk}/delete/")).status_code == 303
    assert not SubUserGroup.objects.exists()


def test_asset_groups_are_a_partner_accounts_master_users_only(
    world, client, post, partner_account
):
    # A customer account's master user: no such page.
    client.force_login(world.owner_a)
    assert client.get(url(world.account_a)).status_code == 404
    # The partner's users enter its account with every grant, but are not its master user.
    client.force_login(world.partner_user)
    assert client.get(url(partner_account["account"])).status_code == 404
    client.force_login(partner_account["member"])
    assert client.get(url(partner_account["account"])).status_code == 404
    assert post(url(partner_account["account"]), {"enabled": "on"}).status_code == 404
    partner_account["account"].refresh_from_db()
    assert not partner_account["account"].asset_groups_enabled


@pytest.mark.parametrize("value", EACH_KIND)
def test_hostile_input_on_the_asset_group_pages_is_never_a_500(
    world, client, post, partner_account, value
):
    """The site-wide fuzzer runs in account A, a customer's; here the Partner account's pages."""
    account = partner_account["account"]
    client.force_login(partner_account["owner"])
    group = SubUserGroup.objects.create(account=account, name="Team")
    product = ProductGroup.objects.create(account=account, name="Stores")
    forms = {
        "": ["enabled"],
        "user-groups/new/": ["name", "members"],
        f"user-groups/{group.pk}/edit/": ["name", "members"],
        "product-groups/new/": ["name", "units", "user_groups"],
        f"product-groups/{product.pk}/edit/": ["name", "units", "user_groups"],
    }
    for path, fields in forms.items():
        assert client.get(url(account, path), {"units_q": value, "units": value}).status_code < 500
        for name in fields:
            assert post(url(account, path), {"name": "Fuzz", name: value}).status_code < 500
