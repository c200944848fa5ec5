"""The Local permission scope: a folder and everything below it, never another account's."""

import pytest

from assets.models import AssetFolder
from iam.access import access_for_account
from iam.permissions import Level
from tests.factories import FolderFactory, IamUserFactory, ProfileFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def tree(world):
    emea = FolderFactory(account=world.account_a, name="EMEA")
    paris = FolderFactory(account=world.account_a, name="Paris", parent=emea)
    lab = FolderFactory(account=world.account_a, name="Lab", parent=paris)
    apac = FolderFactory(account=world.account_a, name="APAC")
    FolderFactory(account=world.account_b, name="Bravo HQ")
    return {"emea": emea, "paris": paris, "lab": lab, "apac": apac}


def visible_names(user, account):
    access = access_for_account(user, account.pk)
    return sorted(AssetFolder.objects.visible_to(access).values_list("name", flat=True))


def test_paths_describe_the_tree(tree):
    assert tree["lab"].path == f"/{tree['emea'].pk}/{tree['paris'].pk}/{tree['lab'].pk}/"


def test_the_owner_sees_every_folder_of_the_account_only(world, tree):
    assert visible_names(world.owner_a, world.account_a) == ["APAC", "EMEA", "Lab", "Paris"]


def test_a_local_scope_is_the_folder_and_its_subtree(world, tree):
    profile = ProfileFactory(account=world.account_a, asset_management=Level.READ_ONLY)
    user = IamUserFactory(
        account=world.account_a, permission_profile=profile, scope_folder=tree["paris"]
    )
    assert visible_names(user, world.account_a) == ["Lab", "Paris"]


def test_a_partner_roles_scope_limits_the_partner(world, tree):
    world.role_a.scope_folder = tree["apac"]
    world.role_a.save()
    assert visible_names(world.partner_user, world.account_a) == ["APAC"]


def test_no_asset_management_access_sees_no_folder(world, tree):
    assert visible_names(world.iam_a, world.account_a) == []
    assert AssetFolder.objects.visible_to(None).count() == 0


def test_a_folders_parent_must_be_in_the_same_account(world, tree):
    with pytest.raises(ValueError):
        AssetFolder.objects.create(account=world.account_b, name="Sneaky", parent=tree["emea"])
