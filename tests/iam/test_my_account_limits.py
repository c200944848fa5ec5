"""My Account > Email, the rules that hold across sessions and processes: five changes in 24
hours (counted in the database), and one login per address when two people race for it."""

import datetime
import threading
from unittest import mock

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.utils import timezone

from iam.models import AuditEvent, EmailChange, User
from iam.services import email_change as services
from iam.services.email_change import TAKEN
from tests.factories import OwnerFactory

from .my_account_helpers import session_of

pytestmark = pytest.mark.django_db

LIMIT_REFUSED = "You have changed your email address 5 times in the last 24 hours."


def change_through(post, new_email):
    """Ask for ``new_email`` in a session and follow the link (its token read from the service,
    as the mail carries it)."""
    tokens = []
    with mock.patch.object(services, "token_new", side_effect=_remember(tokens)):
        response = post("/account/email/", {"email": new_email})
    assert response.status_code == 303, response.content.decode()
    return post(f"/account/email/confirm/{tokens[0]}/")


def _remember(tokens):
    real = services.token_new

    def token_new(prefix):
        token, digest = real(prefix)
        tokens.append(token)
        return token, digest

    return token_new


def test_five_changes_a_day_shared_by_every_session_the_sixth_says_when(world):
    owner = world.owner_a
    sessions = [session_of(owner), session_of(owner)]
    for number in range(5):
        _client, post = sessions[number % 2]  # two browsers, one count
        assert change_through(post, f"owner-{number}@example.test").status_code == 303
    owner.refresh_from_db()
    assert owner.email == "owner-4@example.test"

    first_done = EmailChange.objects.filter(status="done").order_by("confirmed_at").first()
    for client, post in sessions:
        refused = post("/account/email/", {"email": "sixth@example.test"})
        page = refused.content.decode()
        assert refused.status_code == 200 and LIMIT_REFUSED in page
        expected = services.when_text(first_done.confirmed_at + datetime.timedelta(hours=24))
        assert f"You can change it again after {expected}." in page
        assert f"again after {expected}." in client.get("/account/").content.decode()
    assert not EmailChange.objects.filter(new_email="sixth@example.test").exists()

    # 24 hours later (the changes moved back in the database) it is allowed again.
    EmailChange.objects.update(
        confirmed_at=timezone.now() - datetime.timedelta(hours=24, seconds=1)
    )
    _client, post = sessions[1]
    assert change_through(post, "sixth@example.test").status_code == 303
    owner.refresh_from_db()
    assert owner.email == "sixth@example.test"
    assert AuditEvent.objects.filter(action="my_account.email").count() == 6


def test_a_link_asked_for_earlier_is_refused_once_the_limit_is_reached(world):
    owner = world.owner_a
    _client, post = session_of(owner)
    tokens = []
    with mock.patch.object(services, "token_new", side_effect=_remember(tokens)):
        post("/account/email/", {"email": "late@example.test"})
    # Meanwhile five changes were made (by another process, say).
    now = timezone.now()
    EmailChange.objects.bulk_create(
        EmailChange(
            user=owner,
            old_email=f"x{n}@example.test",
            new_email=f"y{n}@example.test",
            token_hash=f"{n:064d}",
            status="done",
            expires_at=now,
            confirmed_at=now - datetime.timedelta(minutes=n),
        )
        for n in range(5)
    )
    response = post(f"/account/email/confirm/{tokens[0]}/")
    assert response.status_code == 200 and LIMIT_REFUSED in response.content.decode()
    owner.refresh_from_db()
    assert owner.email != "late@example.test"


def _asked(user, new_email) -> str:
    tokens = []
    services.email_change_request(
        user=user, new_email=new_email, link=lambda token: tokens.append(token) or token, ip=None
    )
    return tokens[0]


def test_two_people_confirming_one_address_one_after_the_other(world):
    first, second = world.owner_a, world.owner_b
    tokens = {user: _asked(user, "wanted@example.test") for user in (first, second)}
    _client, post = session_of(first)
    assert post(f"/account/email/confirm/{tokens[first]}/").status_code == 303

    _client, post = session_of(second)
    response = post(f"/account/email/confirm/{tokens[second]}/")
    assert response.status_code == 200 and TAKEN in response.content.decode()
    second.refresh_from_db()
    assert second.email != "wanted@example.test"
    assert EmailChange.objects.get(user=second).status == "pending"  # nothing changed
    assert User.objects.filter(email__iexact="wanted@example.test").get() == first


def test_the_unique_constraint_decides_when_the_check_is_passed(world):
    """Both passed the check before either wrote (a race): the database's constraint refuses
    the second in a savepoint, and the answer is the same message, not a 500."""
    first, second = world.owner_a, world.owner_b
    tokens = {user: _asked(user, "Wanted@Example.test") for user in (first, second)}
    services.email_change_confirm(user=first, token=tokens[first], ip=None)
    _client, post = session_of(second)
    with mock.patch.object(services, "email_taken", return_value=False):
        response = post(f"/account/email/confirm/{tokens[second]}/")
    assert response.status_code == 200 and TAKEN in response.content.decode()
    second.refresh_from_db()
    assert second.email != "wanted@example.test"
    assert AuditEvent.objects.filter(action="my_account.email").count() == 1


def _race(tokens: dict, *, skip_check=False) -> list[str]:
    """Every person follows their link for the same address at the same moment."""
    barrier = threading.Barrier(len(tokens))
    outcomes = []

    def confirm(user, token):
        try:
            barrier.wait()
            services.email_change_confirm(user=user, token=token, ip=None)
            outcomes.append("changed")
        except ValidationError as error:
            outcomes.append(error.messages[0])
        except Exception as error:  # any server error fails the test below
            outcomes.append(repr(error))
        finally:
            connection.close()

    patch = mock.patch.object(services, "email_taken", return_value=False)
    with patch if skip_check else mock.MagicMock():
        threads = [threading.Thread(target=confirm, args=item) for item in tokens.items()]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    return sorted(outcomes)


@pytest.mark.parametrize("skip_check", [False, True], ids=["as-is", "constraint-only"])
def test_people_racing_for_one_address_exactly_one_wins(transactional_db, skip_check):
    """Threads in transactions of their own (PostgreSQL: truly at once; SQLite: one writer at
    a time). With the check skipped, the unique constraint alone decides."""
    people = [OwnerFactory() for _ in range(6)]
    tokens = {person: _asked(person, "race@example.test") for person in people}
    assert _race(tokens, skip_check=skip_check) == sorted(["changed"] + [TAKEN] * 5)
    assert User.objects.filter(email__iexact="race@example.test").count() == 1
    assert EmailChange.objects.filter(status="done").count() == 1
