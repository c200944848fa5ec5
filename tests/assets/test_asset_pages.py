"""Register, asset detail, Decommission / restore, My Assets, resource pages."""

import pytest

from assets.models import Asset, AssetFolder, ContractCode, Entitlement
from iam.permissions import Level, ResourceLevel
from tests.factories import FolderFactory, IamUserFactory, ProfileFactory

pytestmark = pytest.mark.django_db


def url(account, path=""):
    return f"/a/{account.pk}/assets/{path}"


@pytest.fixture
def reader(world):
    """An IAM user with Asset Management Read Only."""
    profile = ProfileFactory(
        account=world.account_a,
        asset_management=Level.READ_ONLY,
        asset_maintenance=ResourceLevel.READ_ONLY,
    )
    return IamUserFactory(account=world.account_a, permission_profile=profile)


def register(post, account, **data):
    from assets.models import ProductModel

    fields = {
        "serial": "FGT60FTK20000001",
        "product_model": ProductModel.objects.get(code="FGT60F").pk,
    } | data
    return post(url(account, "register/"), fields)


# Register


def test_register_a_product_with_a_contract(world, client, post):
    ContractCode.objects.create(code="FCTEST0001", service="forticare", months=12)
    client.force_login(world.owner_a)
    response = register(
        post, world.account_a, serial=" fgt60ftk20000001 ", contract_code="fctest0001"
    )
    assert response.status_code == 303
    asset = Asset.objects.get(serial_number="FGT60FTK20000001")
    assert asset.account == world.account_a
    entitlement = Entitlement.objects.get(asset=asset)
    assert asset.coverage_ends_on == entitlement.ends_on
    assert asset.days_to_expiration().endswith("days")
    assert ContractCode.objects.get(code="FCTEST0001").redeemed_by == entitlement


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"serial": "FGT60F!"}, "A serial number is 10 to 20 letters and digits."),
        ({"serial": "FAZVM1234567"}, "Serial numbers of the FortiGate 60F start with FGT60F."),
        ({"serial": "FGT60FEXISTING01"}, "This serial number is already registered."),
        ({"contract_code": "NOPE"}, "This contract registration code is not valid."),
        ({"contract_code": "FCUSED0001"}, "has already been registered"),
    ],
)
def test_bad_registrations_save_nothing(world, client, post, asset_factory, data, message):
    from assets.models import ProductModel

    Asset.objects.create(
        serial_number="FGT60FEXISTING01",
        product_model=ProductModel.objects.get(code="FGT60F"),
        account=world.account_b,
        registered_on="2024-01-01",
    )
    used = asset_factory(world.account_b, ends_in=10)
    ContractCode.objects.create(
        code="FCUSED0001", service="forticare", redeemed_by=used.entitlements.first()
    )
    client.force_login(world.owner_a)
    before = Asset.objects.count(), Entitlement.objects.count()
    response = register(post, world.account_a, **data)
    assert message in response.content.decode()
    assert (Asset.objects.count(), Entitlement.objects.count()) == before


def test_read_only_cannot_register(world, client, post, reader):
    client.force_login(reader)
    assert client.get(url(world.account_a, "register/")).status_code == 404
    assert register(post, world.account_a).status_code == 404
    assert not Asset.objects.exists()


# Detail, Decommission, Restore


def test_another_accounts_unit_is_a_404(world, client, post, asset_factory):
    theirs = asset_factory(world.account_b)
    client.force_login(world.owner_a)
    for path in [f"units/{theirs.pk}/", f"units/{theirs.pk}/decommission/"]:
        assert client.get(url(world.account_a, path)).status_code == 404
    assert post(url(world.account_a, f"units/{theirs.pk}/decommission/")).status_code == 404
    assert Asset.objects.get(pk=theirs.pk).decommissioned_at is None


def test_entitlements_need_read_write(world, client, asset_factory, reader):
    unit = asset_factory(world.account_a, ends_in=50)
    client.force_login(reader)
    page = client.get(url(world.account_a, f"units/{unit.pk}/")).content.decode()
    assert "Your permissions do not include entitlements" in page
    client.force_login(world.owner_a)
    page = client.get(url(world.account_a, f"units/{unit.pk}/")).content.decode()
    assert "FortiCare Support" in page


def test_decommission_and_restore(world, client, post, asset_factory, reader):
    unit = asset_factory(world.account_a)
    client.force_login(reader)
    assert post(url(world.account_a, f"units/{unit.pk}/decommission/")).status_code == 404
    client.force_login(world.owner_a)
    confirm = client.get(url(world.account_a, f"units/{unit.pk}/decommission/"))
    assert "Confirm to Decommission Unit" in confirm.content.decode()
    post(url(world.account_a, f"units/{unit.pk}/decommission/"))
    listed = client.get(url(world.account_a))
    assert unit.pk not in [a.pk for a in listed.context["page"].rows]
    gone = client.get(url(world.account_a, "decommissioned/"))
    assert [a.pk for a in gone.context["page"].rows] == [unit.pk]
    post(url(world.account_a, f"units/{unit.pk}/restore/"))
    assert Asset.objects.get(pk=unit.pk).decommissioned_at is None


# My Assets


def test_folders_create_rename_delete(world, client, post, asset_factory):
    client.force_login(world.owner_a)
    post(url(world.account_a, "my-assets/folders/"), {"name": "EMEA"})
    emea = AssetFolder.objects.get(account=world.account_a, name="EMEA")
    post(url(world.account_a, "my-assets/folders/"), {"name": "Paris", "parent": emea.pk})
    paris = AssetFolder.objects.get(name="Paris")
    assert paris.parent == emea
    duplicate = post(url(world.account_a, "my-assets/folders/"), {"name": "emea"}, follow=True)
    assert "already exists here" in duplicate.content.decode()
    post(url(world.account_a, f"my-assets/folders/{paris.pk}/rename/"), {"name": "Lyon"})
    assert AssetFolder.objects.get(pk=paris.pk).name == "Lyon"

    asset_factory(world.account_a, folder=paris)
    refused = post(url(world.account_a, f"my-assets/folders/{emea.pk}/delete/"), follow=True)
    assert "is not empty" in refused.content.decode()
    Asset.objects.filter(folder=paris).delete()
    post(url(world.account_a, f"my-assets/folders/{paris.pk}/delete/"))
    assert not AssetFolder.objects.filter(pk=paris.pk).exists()


def test_move_units_single_and_bulk(world, client, post, asset_factory):
    target = FolderFactory(account=world.account_a, name="Lab")
    units = [asset_factory(world.account_a) for _ in range(3)]
    client.force_login(world.owner_a)
    move = url(world.account_a, "my-assets/move/")
    one = post(move, {"assets": [units[0].pk], "target": target.pk}, follow=True)
    assert Asset.objects.get(pk=units[0].pk).folder == target
    assert "1 unit moved to Lab." in one.content.decode()
    two = post(move, {"assets": [u.pk for u in units[1:]], "target": target.pk}, follow=True)
    assert Asset.objects.filter(folder=target).count() == 3
    assert "2 units moved to Lab." in two.content.decode()
    post(url(world.account_a, "my-assets/move/"), {"assets": [units[0].pk], "target": ""})
    assert Asset.objects.get(pk=units[0].pk).folder is None


def test_moves_cannot_reach_another_account(world, client, post, asset_factory):
    theirs = asset_factory(world.account_b)
    their_folder = FolderFactory(account=world.account_b)
    mine = asset_factory(world.account_a)
    client.force_login(world.owner_a)
    post(url(world.account_a, "my-assets/move/"), {"assets": [theirs.pk], "target": ""})
    post(url(world.account_a, "my-assets/move/"), {"assets": [mine.pk], "target": their_folder.pk})
    assert Asset.objects.get(pk=theirs.pk).account == world.account_b
    assert Asset.objects.get(pk=mine.pk).folder is None
    assert (
        post(url(world.account_a, f"my-assets/folders/{their_folder.pk}/delete/")).status_code
        == 404
    )


def test_a_scoped_user_manages_only_inside_the_scope(world, client, post, asset_factory):
    scope = FolderFactory(account=world.account_a, name="Scope")
    outside = FolderFactory(account=world.account_a, name="Outside")
    profile = ProfileFactory(
        account=world.account_a,
        asset_management=Level.READ_WRITE,
        asset_maintenance=ResourceLevel.READ_WRITE,
    )
    user = IamUserFactory(account=world.account_a, permission_profile=profile, scope_folder=scope)
    inside = asset_factory(world.account_a, folder=scope)
    client.force_login(user)
    page = client.get(url(world.account_a, "my-assets/")).content.decode()
    assert "Scope" in page and "Outside" not in page
    post(url(world.account_a, "my-assets/move/"), {"assets": [inside.pk], "target": outside.pk})
    assert Asset.objects.get(pk=inside.pk).folder == scope
    refused = post(url(world.account_a, f"my-assets/folders/{scope.pk}/delete/"))
    assert refused.status_code == 403 and AssetFolder.objects.filter(pk=scope.pk).exists()


# Resource pages


@pytest.mark.parametrize(
    ("page", "resource"),
    [
        ("renewal-notice/", "renewal_notice"),
        ("vulnerability-list/", "vulnerability_list"),
        ("account-services/", "account_services"),
    ],
)
def test_resource_pages_follow_their_resource(world, client, page, resource):
    def asset_admin(**resources):
        return ProfileFactory(account=world.account_a, asset_management=Level.ADMIN, **resources)

    user = IamUserFactory(account=world.account_a, permission_profile=asset_admin())
    client.force_login(user)
    assert client.get(url(world.account_a, page)).status_code == 404
    read_only = ResourceLevel.READ_ONLY
    user.permission_profile = asset_admin(entitlement_management=read_only, **{resource: read_only})
    user.save()
    assert client.get(url(world.account_a, page)).status_code == 200


def test_renewal_notice_lists_units_to_renew(world, client, asset_factory):
    soon = asset_factory(world.account_a, ends_in=20)
    old = asset_factory(world.account_a, ends_in=-20)
    fine = asset_factory(world.account_a, ends_in=500)
    client.force_login(world.owner_a)
    html = client.get(url(world.account_a, "renewal-notice/")).content.decode()
    assert soon.serial_number in html and old.serial_number in html
    assert fine.serial_number not in html
