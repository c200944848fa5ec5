"""Account A's sub users: a Limited Access one with two units, Full Access ones."""

import pytest
from django.utils import timezone

from iam.models import User
from tests.assets.conftest import make_asset
from tests.factories import PASSWORD, FolderFactory


def sub_user(account, email, access, units=(), read_only=False, **fields):
    user = User.objects.create_user(
        kind=User.Kind.SUB,
        email=email,
        password=PASSWORD,
        account=account,
        legacy_access=access,
        legacy_read_only=read_only,
        **fields,
    )
    user.assigned_units.set(units)
    return user


@pytest.fixture
def units(world):
    """Account A's units: in folders "Branch Offices" and "Data Center", one at the top, one
    decommissioned; and a unit of account B."""
    branch = FolderFactory(account=world.account_a, name="Branch Offices")
    data_center = FolderFactory(account=world.account_a, name="Data Center")
    return {
        "branch": branch,
        "data_center": data_center,
        "east": make_asset(world.account_a, folder=branch, ends_in=20),
        "west": make_asset(world.account_a, folder=branch, ends_in=200),
        "core": make_asset(world.account_a, folder=data_center, ends_in=-5),
        "top": make_asset(world.account_a, ends_in=60),
        "gone": make_asset(world.account_a, folder=branch, decommissioned_at=timezone.now()),
        "gone_other": make_asset(world.account_a, decommissioned_at=timezone.now()),
        "of_b": make_asset(world.account_b, ends_in=30),
    }


@pytest.fixture
def limited(world, units):
    return sub_user(
        world.account_a,
        "limited@alpha.test",
        "limited",
        [units["east"], units["core"], units["gone"]],
    )


@pytest.fixture
def full(world):
    return sub_user(world.account_a, "full@alpha.test", "full")


@pytest.fixture
def full_read_only(world):
    return sub_user(world.account_a, "reader@alpha.test", "full", read_only=True)


@pytest.fixture
def admin_a(world, client):
    """Account A's master user, logged in."""
    client.force_login(world.owner_a)
    return world.owner_a
