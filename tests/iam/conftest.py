"""Fixtures of the IAM tests: an account owner logged in, and Local scopes under account A."""

import pytest

from iam.permissions import Level
from tests.factories import FolderFactory, IamUserFactory, ProfileFactory


@pytest.fixture
def admin_a(world, client):
    client.force_login(world.owner_a)
    return world.owner_a


@pytest.fixture
def folders(world):
    return {
        "branch": FolderFactory(account=world.account_a, name="Branch Offices"),
        "dc": FolderFactory(account=world.account_a, name="Data Center"),
    }


@pytest.fixture
def scoped_admin(world, folders):
    profile = ProfileFactory(
        account=world.account_a, iam=Level.READ_WRITE, asset_management=Level.READ_ONLY
    )
    return IamUserFactory(
        account=world.account_a, permission_profile=profile, scope_folder=folders["branch"]
    )


@pytest.fixture
def org(world):
    """Account A as the root of an organization with OUs and member accounts (see
    organization_helpers.organization_build)."""
    from .organization_helpers import organization_build

    return organization_build(world)
