"""Two master users taking the same new sub user email at the same moment: one wins, the other
is told, whatever the database (the unique login email is the last word)."""

import threading

import pytest
from django.core.exceptions import ValidationError
from django.db import connection

from iam.access import access_for_account
from iam.models import User
from iam.services.sub_users import sub_user_create
from tests.factories import PASSWORD, OwnerFactory


def _race(owners, email):
    barrier = threading.Barrier(len(owners))
    outcomes = []

    def attempt(owner):
        try:
            access = access_for_account(owner, owner.account_id)
            barrier.wait()
            sub_user_create(access=access, password=PASSWORD, email=email, legacy_access="full")
            outcomes.append("created")
        except ValidationError as error:
            outcomes.append(error.messages[0])
        except Exception as error:  # any server error fails the test below
            outcomes.append(repr(error))
        finally:
            connection.close()

    threads = [threading.Thread(target=attempt, args=(owner,)) for owner in owners]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return sorted(outcomes)


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
