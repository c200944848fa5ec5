"""Two master users taking the same new sub user email at the same moment: one wins, the other
is told, whatever the database (the unique login email is the last word)."""

import pytest
from django.core.exceptions import ValidationError

from iam.access import access_for_account
from iam.models import User
from iam.services.sub_users import sub_user_create
from tests.concurrency import at_once
from tests.factories import PASSWORD, OwnerFactory


def _race(owners, email):
    accesses = {owner: access_for_account(owner, owner.account_id) for owner in owners}

    def create(owner):
        sub_user_create(
            access=accesses[owner], password=PASSWORD, email=email, legacy_access="full"
        )
        return "created"

    return at_once(create, owners)


def test_two_accounts_taking_one_address_at_once_one_wins(transactional_db):
    owners = [OwnerFactory(), OwnerFactory()]
    outcomes = _race(owners, "shared@example.test")
    assert outcomes == ["A user with this email already exists.", "created"]
    assert User.objects.filter(email__iexact="shared@example.test").count() == 1


@pytest.mark.parametrize("taken_by", ["owner", "sub"])
def test_an_address_taken_in_any_case_is_refused(transactional_db, taken_by):
    owner = OwnerFactory()
    taken = OwnerFactory().email if taken_by == "owner" else "Sub@Example.test"
    if taken_by == "sub":
        sub_user_create(
            access=access_for_account(owner, owner.account_id),
            password=PASSWORD,
            email=taken,
            legacy_access="full",
        )
    with pytest.raises(ValidationError, match="already exists"):
        sub_user_create(
            access=access_for_account(owner, owner.account_id),
            password=PASSWORD,
            email=taken.upper(),
            legacy_access="full",
        )
