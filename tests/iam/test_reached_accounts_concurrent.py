"""Two transactions at once on PostgreSQL, each writing one side of a role's reach: the kept rows
end as the rule gives, whichever commits first. Without the triggers' lock, the second would
refresh from a snapshot without the first's write, and a partner would keep an account that a
suspension or a lowered profile took away."""

import datetime
import importlib
import threading
import time

import pytest
from django.db import ProgrammingError, connection, transaction

from iam.models import Account, PartnerRole, PermissionProfile
from iam.permissions import Level, Portal
from partners.models import Partner
from tests.conftest import skip_or_fail
from tests.factories import AccountFactory, PartnerFactory, PartnerRoleFactory, ProfileFactory
from tests.iam.test_reached_accounts import _by_rule, _kept, answers

WAIT = 30  # seconds; a blocked transaction shows within milliseconds


@pytest.fixture
def postgresql():
    if connection.vendor != "postgresql":
        skip_or_fail(
            "two transactions at once need PostgreSQL; set DATABASE_URL", "REQUIRE_POSTGRES"
        )


LOCK_KEY = importlib.import_module("iam.migrations.0022_reached_accounts").LOCK_KEY


def _waiting_for_the_lock() -> bool:
    """Whether a transaction of this database waits for the triggers' lock (a bigint key is
    shown as its high and low halves)."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND NOT granted"
            " AND database = (SELECT oid FROM pg_database WHERE datname = current_database())"
            " AND classid = %s AND objid = %s AND objsubid = 1",
            [LOCK_KEY >> 32, LOCK_KEY & 0xFFFFFFFF],
        )
        return cursor.fetchone()[0] > 0


def interleaved(first, second, first_then=None):
    """``first`` writes in a transaction left open; ``second`` writes in another, which waits
    for the first to commit (or, without the lock, does not wait); the first writes
    ``first_then`` too, and both commit."""
    written, let_go, errors = threading.Event(), threading.Event(), []

    def run(write, before=None, after=None):
        try:
            if before:
                before.wait(WAIT)
            with transaction.atomic():
                write()
                if after:
                    after.set()
                    let_go.wait(WAIT)
                    if first_then:
                        first_then()
        except Exception as error:  # reported by the test
            errors.append(error)
            written.set()
        finally:
            connection.close()

    threads = [
        threading.Thread(target=run, args=(first, None, written)),
        threading.Thread(target=run, args=(second, written)),
    ]
    for thread in threads:
        thread.start()
    written.wait(WAIT)
    deadline = time.monotonic() + WAIT
    while threads[1].is_alive() and not _waiting_for_the_lock() and time.monotonic() < deadline:
        threads[1].join(0.05)
    let_go.set()
    for thread in threads:
        thread.join(WAIT)
    assert not errors


def _activate(account):
    return lambda: PartnerRole.objects.filter(account=account).update(status="active")


def _suspend(account):
    return lambda: Account.objects.filter(pk=account.pk).update(status="suspended")


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("suspended_first", [False, True])
def test_a_role_accepted_while_its_account_is_suspended(postgresql, suspended_first):
    account, partner = AccountFactory(), PartnerFactory()
    PartnerRoleFactory(account=account, partner=partner, status=PartnerRole.Status.PENDING)
    writes = (_activate(account), _suspend(account))
    interleaved(*(reversed(writes) if suspended_first else writes))
    assert PartnerRole.objects.get(account=account).status == "active"
    assert not _kept(partner.pk, (Portal.ASSET_MANAGEMENT, Level.READ_ONLY, None))
    assert answers(_kept) == answers(_by_rule)


@pytest.mark.django_db(transaction=True)
def test_a_role_created_while_its_profile_is_lowered(postgresql):
    account, partner = AccountFactory(), PartnerFactory()
    profile = ProfileFactory(account=account, asset_management=Level.ADMIN)

    def create():
        PartnerRoleFactory(account=account, partner=partner, permission_profile=profile)

    def lower():
        PermissionProfile.objects.filter(pk=profile.pk).update(asset_management=Level.NONE)

    interleaved(create, lower)
    assert not _kept(partner.pk, (Portal.ASSET_MANAGEMENT, Level.READ_ONLY, None))
    assert answers(_kept) == answers(_by_rule)


@pytest.mark.django_db(transaction=True)
def test_a_partner_terminated_while_a_customer_edits_its_role(postgresql):
    """The partner's status, then its roles (``partners.services``), while the customer
    changes one of them: the customer's write waits for the lock before it locks its role's
    row, so neither waits for the other (a deadlock PostgreSQL would end by aborting one)."""
    account, partner = AccountFactory(), PartnerFactory()
    PartnerRoleFactory(account=account, partner=partner)

    def terminate():
        Partner.objects.filter(pk=partner.pk).update(status="terminated")

    def disable_roles():
        PartnerRole.objects.filter(partner=partner).update(status="disabled")

    def edit():
        PartnerRole.objects.filter(account=account).update(ends_on=datetime.date(2031, 1, 1))

    interleaved(terminate, edit, first_then=disable_roles)
    role = PartnerRole.objects.get(account=account)
    assert (role.status, role.ends_on) == ("disabled", datetime.date(2031, 1, 1))
    assert answers(_kept) == answers(_by_rule)


@pytest.mark.django_db(transaction=True)  # no row's keys left to check at commit
def test_a_truncate_empties_the_reach_too(postgresql):
    account, partner = AccountFactory(), PartnerFactory()
    PartnerRoleFactory(account=account, partner=partner)
    assert _kept(partner.pk, (Portal.ASSET_MANAGEMENT, Level.READ_ONLY, None)) == {account.pk}
    with connection.cursor() as cursor:
        cursor.execute("TRUNCATE iam_partnerrole CASCADE")
    assert not _kept(partner.pk, (Portal.ASSET_MANAGEMENT, Level.READ_ONLY, None))
    assert answers(_kept) == answers(_by_rule)


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("isolation", ["REPEATABLE READ", "SERIALIZABLE"])
def test_writes_keep_to_read_committed(postgresql, isolation):
    """Under an older snapshot the triggers could refresh without another transaction's
    write: they refuse, and nothing changes."""
    account, partner = AccountFactory(), PartnerFactory()
    PartnerRoleFactory(account=account, partner=partner)
    refused = pytest.raises(ProgrammingError, match="need READ COMMITTED")
    with refused, transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(f"SET TRANSACTION ISOLATION LEVEL {isolation}")
        cursor.execute("UPDATE iam_account SET status = 'suspended' WHERE id = %s", [account.pk])
    assert Account.objects.get(pk=account.pk).status == Account.Status.ACTIVE
    assert _kept(partner.pk, (Portal.ASSET_MANAGEMENT, Level.READ_ONLY, None)) == {account.pk}
