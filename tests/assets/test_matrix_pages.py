"""The seed 001 matrix on the Asset Management pages, for every level, allowed and refused."""

import pytest

from assets.models import Asset, AssetFolder
from iam.permissions import Level, ResourceLevel
from tests.factories import FolderFactory, IamUserFactory, ProfileFactory

pytestmark = pytest.mark.django_db

A, RW, RO, NONE = Level.ADMIN, Level.READ_WRITE, Level.READ_ONLY, Level.NONE
ALL = {A, RW, RO}
WRITERS = {A, RW}


def user_with(world, level):
    profile = ProfileFactory(
        account=world.account_a,
        asset_management=level,
        asset_maintenance=ResourceLevel.READ_WRITE,
        entitlement_management=ResourceLevel.READ_WRITE,
    )
    return IamUserFactory(account=world.account_a, permission_profile=profile)


@pytest.mark.parametrize("level", [A, RW, RO, NONE])
def test_pages_follow_the_matrix(world, client, post, asset_factory, level):
    unit = asset_factory(world.account_a, ends_in=100)
    folder = FolderFactory(account=world.account_a, name="Spare")
    client.force_login(user_with(world, level))
    base = f"/a/{world.account_a.pk}/assets/"

    def ok(response):
        return response.status_code in (200, 303)

    # View Product List, My Assets and asset views: all three levels.
    assert ok(client.get(base)) is (level in ALL)
    assert ok(client.get(base + "my-assets/")) is (level in ALL)
    assert ok(client.get(base + f"units/{unit.pk}/")) is (level in ALL)
    assert ok(client.get(base + "?export=csv")) is (level in ALL)
    # Register: Admin, Read/Write.
    assert ok(client.get(base + "register/")) is (level in WRITERS)
    # Entitlements and contracts: Admin, Read/Write.
    if level in ALL:
        detail = client.get(base + f"units/{unit.pk}/").content.decode()
        assert ("FortiCare Support" in detail) is (level in WRITERS)
    # Manage folders, move, decommission: Admin, Read/Write.
    assert ok(post(base + "my-assets/folders/", {"name": "New"})) is (level in WRITERS)
    assert AssetFolder.objects.filter(name="New").exists() is (level in WRITERS)
    post(base + "my-assets/move/", {"assets": [unit.pk], "target": folder.pk})
    assert (Asset.objects.get(pk=unit.pk).folder == folder) is (level in WRITERS)
    post(base + f"units/{unit.pk}/decommission/")
    assert (Asset.objects.get(pk=unit.pk).decommissioned_at is not None) is (level in WRITERS)


@pytest.mark.parametrize("level", [A, RW, RO])
def test_online_renewal_is_for_admins_only(world, client, level):
    profile = ProfileFactory(
        account=world.account_a, asset_management=level, renewal_notice=ResourceLevel.READ_WRITE
    )
    user = IamUserFactory(account=world.account_a, permission_profile=profile)
    client.force_login(user)
    page = client.get(f"/a/{world.account_a.pk}/assets/renewal-notice/")
    assert page.status_code == 200
    assert page.context["can_renew"] is (level == A)
