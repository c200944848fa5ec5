"""Fixtures of the Partner role tests (``test_partner_roles_*.py``): a customer without a role."""

import pytest

from tests.factories import AccountFactory, OwnerFactory


@pytest.fixture
def customer(db):
    """A customer account with no Partner role yet, and its owner."""
    return OwnerFactory(account=AccountFactory(company_name="Delta GmbH"), full_name="Dora Delta")


@pytest.fixture
def sysadmin_profile(db):
    from tests.factories import builtin_profile

    return builtin_profile("sysadmin")
