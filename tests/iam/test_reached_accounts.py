"""The database keeps the accounts a partner's roles reach whole (``ReachedAccount``), which the
aggregated lists read. After every kind of write (forms, the admin, ``QuerySet.update``, raw
SQL), what a partner reaches from the kept rows is what ``reaching``, the rule stated on the
roles, gives: a revocation takes effect on the next request, however it was written."""

import datetime
import importlib

import pytest
from django.apps import apps
from django.db import connection
from django.utils import timezone

from iam.models import Account, PartnerRole, PermissionProfile
from iam.partner_reach import partner_reach, reaching
from iam.permissions import PARTNER_ROLE_PORTALS, Level, Portal, Resource
from partners.models import Partner
from tests.assets.conftest import make_asset
from tests.factories import (
    AccountFactory,
    FolderFactory,
    PartnerFactory,
    PartnerRoleFactory,
    ProfileFactory,
    builtin_profile,
)

pytestmark = pytest.mark.django_db

SYSADMIN = PermissionProfile.Builtin.SYSADMIN
LEVELS = (Level.READ_ONLY, Level.READ_WRITE, Level.ADMIN)
QUESTIONS = [(portal, level, None) for portal in sorted(PARTNER_ROLE_PORTALS) for level in LEVELS]
QUESTIONS += [(Portal.ASSET_MANAGEMENT, level, r) for r in Resource for level in LEVELS]


def _kept(partner_id, question) -> set[int]:
    """The accounts the aggregated lists reach (the kept rows), roles with a folder aside."""
    reach = partner_reach(partner_id, *question, scopes=())
    return set(Account.objects.filter(pk__in=reach.whole).values_list("pk", flat=True))


def _by_rule(partner_id, question) -> set[int]:
    roles = PartnerRole.objects.filter(reaching(*question), partner_id=partner_id)
    return set(roles.filter(scope_folder__isnull=True).values_list("account_id", flat=True))


def answers(reach) -> dict:
    return {
        (partner.pk, question): reach(partner.pk, question)
        for partner in Partner.objects.all()
        for question in QUESTIONS
    }


@pytest.fixture
def roles(db):
    """Two partners. Alpha's own profile (Read Only, Read Only on one resource), SysAdmin,
    another account's profile (never honoured), a pending role, and an account with none."""
    first, second = PartnerFactory(), PartnerFactory()
    alpha, bravo, charlie, delta = (AccountFactory() for _ in range(4))
    own = ProfileFactory(
        account=alpha, asset_management=Level.READ_ONLY, forticare=Level.ADMIN, renewal_notice=1
    )
    PartnerRoleFactory(account=alpha, partner=first, permission_profile=own)
    PartnerRoleFactory(account=bravo, partner=first)
    foreign = ProfileFactory(account=bravo, asset_management=Level.ADMIN)
    PartnerRoleFactory(account=charlie, partner=second, permission_profile=foreign)
    PartnerRoleFactory(account=delta, partner=second, status=PartnerRole.Status.PENDING)
    foxtrot = AccountFactory()
    PartnerRoleFactory(account=foxtrot, partner=first, scope_folder=FolderFactory(account=foxtrot))
    return {
        "first": first,
        "second": second,
        "alpha": alpha,
        "bravo": bravo,
        "charlie": charlie,
        "delta": delta,
        "foxtrot": foxtrot,
        "echo": AccountFactory(),
        "own": own,
        "foreign": foreign,
    }


def _sql(statement, params):
    with connection.cursor() as cursor:
        cursor.execute(statement, params)


def _role(w, account) -> PartnerRole:
    return PartnerRole.objects.get(account=w[account])


def _save(instance, **values):
    for name, value in values.items():
        setattr(instance, name, value)
    instance.save()


def _reinsert_partner(partner, status):
    """Its roles point at it again at commit: their keys are checked then."""
    _sql("DELETE FROM partners_partner WHERE id = %s", [partner.pk])
    _sql(
        "INSERT INTO partners_partner (id, company_name, status, created_at)"
        " VALUES (%s, %s, %s, %s)",
        [partner.pk, partner.company_name, status, partner.created_at],
    )


WRITES = {
    "a role created": lambda w: PartnerRoleFactory(account=w["echo"], partner=w["second"]),
    "a role created by bulk_create": lambda w: PartnerRole.objects.bulk_create(
        [
            PartnerRole(
                account=w["echo"],
                partner=w["first"],
                status="active",
                name="Bulk",
                permission_profile=builtin_profile(SYSADMIN),
            )
        ]
    ),
    "a pending role accepted": lambda w: _save(_role(w, "delta"), status="active"),
    "a role disabled by update()": lambda w: PartnerRole.objects.filter(account=w["bravo"]).update(
        status="disabled"
    ),
    "a role disabled in raw SQL": lambda w: _sql(
        "UPDATE iam_partnerrole SET status = 'disabled' WHERE account_id = %s", [w["alpha"].pk]
    ),
    "a role deleted": lambda w: _role(w, "alpha").delete(),
    "a role given to another partner": lambda w: _save(_role(w, "bravo"), partner=w["second"]),
    "a role moved to another account": lambda w: _save(_role(w, "bravo"), account=w["echo"]),
    "a role given its own profile": lambda w: _save(
        _role(w, "bravo"), permission_profile=ProfileFactory(account=w["bravo"], forticare=2)
    ),
    "a role given another account's profile": lambda w: PartnerRole.objects.filter(
        account=w["bravo"]
    ).update(permission_profile=w["own"]),
    "a role's profile taken away": lambda w: PartnerRole.objects.filter(account=w["bravo"]).update(
        permission_profile=None
    ),
    "a role's scope folder taken away": lambda w: PartnerRole.objects.filter(
        account=w["foxtrot"]
    ).update(scope_folder=None),
    "a role's id changed in raw SQL, then the role disabled": lambda w: (
        _sql("UPDATE iam_partnerrole SET id = id + 1000 WHERE account_id = %s", [w["bravo"].pk]),
        PartnerRole.objects.filter(account=w["bravo"]).update(status="disabled"),
    ),
    "a role disabled by an upsert": lambda w: PartnerRole.objects.bulk_create(
        [PartnerRole(account=w["bravo"], partner=w["first"], status="disabled", name="Up")],
        update_conflicts=True,
        unique_fields=["account"],
        update_fields=["status"],
    ),
    "a partner deleted and inserted again inactive, in raw SQL": lambda w: _reinsert_partner(
        w["first"], status="inactive"
    ),
    "a role given a scope folder": lambda w: _save(
        _role(w, "alpha"), scope_folder=FolderFactory(account=w["alpha"])
    ),
    "a role's End Date passed": lambda w: _save(
        _role(w, "alpha"), ends_on=timezone.localdate() - datetime.timedelta(days=1)
    ),
    "an account suspended": lambda w: _save(w["bravo"], status=Account.Status.SUSPENDED),
    "an account suspended by update()": lambda w: Account.objects.filter(pk=w["alpha"].pk).update(
        status=Account.Status.SUSPENDED
    ),
    "an account deleted": lambda w: w["alpha"].delete(),
    "a partner turned inactive": lambda w: _save(w["first"], status="inactive"),
    "a partner turned inactive by update()": lambda w: Partner.objects.filter(
        pk=w["first"].pk
    ).update(status="inactive"),
    "a profile's levels lowered": lambda w: _save(w["own"], asset_management=0, renewal_notice=0),
    "a profile's levels raised by update()": lambda w: PermissionProfile.objects.filter(
        pk=w["own"].pk
    ).update(asset_management=Level.ADMIN, account_services=2),
    "a profile given to another account in raw SQL": lambda w: _sql(
        "UPDATE iam_permissionprofile SET account_id = %s WHERE id = %s",
        [w["charlie"].pk, w["foreign"].pk],
    ),
}


REVOCATIONS = {
    "its role disabled in raw SQL": lambda w: _sql(
        "UPDATE iam_partnerrole SET status = 'disabled' WHERE id = %s", [w.role_a.pk]
    ),
    "its profile's Asset Management taken by update()": lambda w: PermissionProfile.objects.filter(
        pk=w.role_a.permission_profile_id
    ).update(asset_management=Level.NONE),
    "its account suspended by update()": lambda w: Account.objects.filter(pk=w.account_a.pk).update(
        status=Account.Status.SUSPENDED
    ),
}


@pytest.mark.parametrize("revocation", REVOCATIONS)
def test_a_revocation_written_around_the_forms_shows_on_the_next_request(world, client, revocation):
    profile = ProfileFactory(account=world.account_a, asset_management=Level.READ_ONLY)
    _save(world.role_a, permission_profile=profile)
    PartnerRoleFactory(account=world.account_b, partner=world.partner)  # the page stays
    unit = make_asset(world.account_a)
    client.force_login(world.partner_user)
    assert unit.serial_number in client.get("/partner/assets/").text
    REVOCATIONS[revocation](world)
    page = client.get("/partner/assets/")
    assert page.status_code == 200
    assert unit.serial_number not in page.text


@pytest.mark.parametrize("write", WRITES)
def test_what_a_partner_reaches_follows_every_kind_of_write(roles, write):
    before = answers(_by_rule)
    assert answers(_kept) == before
    WRITES[write](roles)
    after = answers(_by_rule)
    assert after != before, "the write changes nothing a partner reaches"
    assert answers(_kept) == after


def test_writes_that_change_no_reach_keep_the_rows(roles):
    before = answers(_kept)
    _save(roles["own"], name="Renamed", description="Changed")
    _save(roles["alpha"], company_name="Renamed Inc")
    _save(_role(roles, "alpha"), name="Renamed role", notification_email="n@example.test")
    assert answers(_kept) == before == answers(_by_rule)


def test_an_undone_write_leaves_no_row(roles):
    """A revocation then its undoing: the reach comes back, nothing more."""
    before = answers(_kept)
    _save(roles["bravo"], status=Account.Status.SUSPENDED)
    assert answers(_kept) != before
    _save(roles["bravo"], status=Account.Status.ACTIVE)
    assert answers(_kept) == before == answers(_by_rule)


class _Executor:
    """What the migration's function asks of a schema editor: its connection and execute."""

    connection = connection

    def execute(self, sql, params=None):
        _sql(sql, params)


def test_the_migration_fills_the_rows_of_the_roles_there_are(roles):
    migration = importlib.import_module("iam.migrations.0022_reached_accounts")
    migration.drop_triggers(apps, _Executor())
    _save(roles["bravo"], status=Account.Status.SUSPENDED)
    assert answers(_kept) != answers(_by_rule), "without the triggers the rows go stale"
    migration.create_triggers(apps, _Executor())  # around a migration that alters the tables
    assert answers(_kept) == answers(_by_rule)
    _save(roles["own"], asset_management=Level.NONE)  # and the triggers work again
    assert answers(_kept) == answers(_by_rule)
