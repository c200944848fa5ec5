"""Queries compiled once (forticloud/web/compiled.py) answer as the ORM does, for every id and
on every day."""

import datetime

import pytest
from django.db import connection
from django.db.models import F
from django.db.models.sql.compiler import SQLCompiler
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from forticloud.web.compiled import CompiledValues, compiled_first, compiled_rows_among
from iam.models import PartnerRole, User
from iam.partner_reach import live_roles, partner_roles, role_scopes
from tests.conftest import skip_or_fail
from tests.factories import (
    AccountFactory,
    FolderFactory,
    IamUserFactory,
    PartnerFactory,
    PartnerRoleFactory,
)

pytestmark = pytest.mark.django_db


def test_each_partner_gets_its_own_rows(world):
    folder = FolderFactory(account=world.account_a, name="Scoped")
    PartnerRole.objects.filter(pk=world.role_a.pk).update(scope_folder=folder)
    other = PartnerFactory()
    PartnerRoleFactory(account=world.account_b, partner=other, scope_folder=None)
    mine = role_scopes(world.partner.pk)
    assert [(s.account_id, s.path) for s in mine] == [(world.account_a.pk, folder.path)]
    assert role_scopes(other.pk) == ()  # the same SQL, the other id
    assert partner_roles(other.pk).any_live
    assert partner_roles(world.partner.pk).any_live is live_roles(world.partner.pk).exists() is True


def test_a_new_day_compiles_again(world, monkeypatch):
    today = timezone.localdate()
    PartnerRole.objects.filter(partner=world.partner).update(ends_on=today)  # its last day
    assert partner_roles(world.partner.pk).any_live
    tomorrow = today + datetime.timedelta(days=1)
    monkeypatch.setattr(timezone, "localdate", lambda *args, **kwargs: tomorrow)
    assert not live_roles(world.partner.pk).exists()
    assert not partner_roles(world.partner.pk).any_live


def _users_by_email(email):
    return User.objects.select_related("account", "permission_profile").filter(email=email)[:1]


def test_objects_by_a_text_key_are_the_querysets_own_compiled_once(world, monkeypatch):
    """compiled_first gives what the queryset gives: its fields converted (an aware
    datetime), its related objects loaded, each key its own row, None for no row; and
    Django compiles the query once whatever the key."""
    User.objects.filter(pk=world.owner_a.pk).update(last_login=timezone.now())
    people = (world.owner_a, world.owner_b, world.partner_user)
    expected = {person.email: _users_by_email(person.email).get() for person in people}
    compiles = []
    as_sql = SQLCompiler.as_sql
    monkeypatch.setattr(
        SQLCompiler, "as_sql", lambda self, *a, **k: compiles.append(1) or as_sql(self, *a, **k)
    )
    assert compiled_first(_users_by_email, "nobody@example.com") is None
    for person in (*people, world.owner_a):
        user = compiled_first(_users_by_email, person.email)
        with CaptureQueriesContext(connection) as queries:
            assert user.account == expected[person.email].account
            assert user.permission_profile == expected[person.email].permission_profile
        assert len(queries) == 0  # loaded with the user
        assert (user.pk, user.last_login) == (person.pk, expected[person.email].last_login)
    assert timezone.is_aware(compiled_first(_users_by_email, world.owner_a.email).last_login)
    assert len(compiles) == 1


def _roles_among(partner_id, account_ids):
    roles = PartnerRole.objects.filter(partner_id=partner_id, account_id__in=account_ids)
    return roles.order_by("account_id").values_list("account_id", "name")


def test_a_query_of_a_list_of_ids_answers_for_each_key_and_list(world, monkeypatch):
    """compiled_rows_among gives the rows the ORM gives, each id of the list in its own place,
    for every key; Django compiles it once per length of the list."""
    other = PartnerFactory()
    first, second, third, fourth = (AccountFactory() for _ in range(4))
    for account in (first, second, third):
        PartnerRoleFactory(account=account, partner=world.partner)
    PartnerRoleFactory(account=fourth, partner=other)
    asked = [
        (world.partner.pk, [first.pk, third.pk]),
        (world.partner.pk, [second.pk, world.account_a.pk]),
        (other.pk, [fourth.pk, first.pk]),
        (world.partner.pk, [third.pk]),
    ]
    expected = [list(_roles_among(*each)) for each in asked]
    assert [len(rows) for rows in expected] == [2, 2, 1, 1]
    compiles = []
    as_sql = SQLCompiler.as_sql
    monkeypatch.setattr(
        SQLCompiler, "as_sql", lambda self, *a, **k: compiles.append(1) or as_sql(self, *a, **k)
    )
    assert [compiled_rows_among(_roles_among, *each) for each in asked] == expected
    assert len(compiles) == 2
    with pytest.raises(ValueError):
        compiled_rows_among(_roles_among, world.partner.pk, [])


def _names(account_id, order):
    users = User.objects.filter(account_id=account_id).values(name=F("email"))
    roles = PartnerRole.objects.filter(account_id=account_id).values("name")
    return users.union(roles, all=True).order_by(*order)


def test_compiled_values_give_each_keys_rows_in_order_and_count(world, monkeypatch):
    """CompiledValues (the Users page's UNION) gives the rows and count the ORM gives, for
    each key and order, any slice, run only when read; Django compiles once per order."""
    for _ in range(4):
        IamUserFactory(account=world.account_b)
    accounts = (world.account_a.pk, world.account_b.pk)
    asked = [(pk, order) for pk in accounts for order in (("name",), ("-name",))]
    expected = {each: list(_names(*each)) for each in asked}
    assert {len(rows) for rows in expected.values()} == {3, 5}  # A: two users and a role
    compiles = []
    as_sql = SQLCompiler.as_sql
    monkeypatch.setattr(
        SQLCompiler, "as_sql", lambda self, *a, **k: compiles.append(1) or as_sql(self, *a, **k)
    )
    for round in (1, 2):
        for (pk, order), rows in expected.items():
            values = CompiledValues(_names, pk, ()).order_by(*order)
            assert values.ordered and values.count() == len(rows)
            with CaptureQueriesContext(connection) as queries:
                page = values[1:3]
            assert len(queries) == 0  # a page is read when it is read
            assert list(page) == rows[1:3] and len(page) == 2
            assert list(values[3:100]) == rows[3:] and list(values[:0]) == []
        if round == 1:
            compiled_once = len(compiles)
    assert len(compiles) == compiled_once
    values = CompiledValues(_names, world.account_a.pk, ()).order_by("name")
    for misuse in (
        lambda: values[2:],
        lambda: values[-1:3],
        lambda: values[3:1],
        lambda: values[0],
        lambda: values[:3].count(),
        lambda: values[:3].order_by("-name"),
    ):
        with pytest.raises(TypeError):
            misuse()


def _names_with_everyones_roles(account_id, order):
    users = User.objects.filter(account_id=account_id).values(name=F("email"))
    return users.union(PartnerRole.objects.values("name"), all=True).order_by(*order)


def test_a_union_with_a_part_that_is_everyones_is_refused(world):
    """Each query of a compiled UNION takes the key: a part without it would list every
    account's rows, so it is refused before it runs."""
    PartnerRoleFactory(account=world.account_b, partner=PartnerFactory(), name="B's role")
    with pytest.raises(ValueError):
        list(CompiledValues(_names_with_everyones_roles, world.account_a.pk, ())[:10])


def _prepared_statements() -> int:
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM pg_prepared_statements")
        return cursor.fetchone()[0]


@pytest.mark.django_db(transaction=True)  # it closes the connection
def test_postgresql_plans_the_access_queries_once_per_connection(world, settings):
    """The roles read on every page are prepared statements: still counted as queries, right
    for every partner, and prepared again on a new connection (a restart, CONN_MAX_AGE)."""
    if connection.vendor != "postgresql":
        skip_or_fail("prepared statements are PostgreSQL's; set DATABASE_URL", "REQUIRE_POSTGRES")
    folder = FolderFactory(account=world.account_a, name="Scoped")
    PartnerRole.objects.filter(pk=world.role_a.pk).update(scope_folder=folder)
    other = PartnerFactory()
    before = _prepared_statements()
    with CaptureQueriesContext(connection) as queries:
        assert [s.account_id for s in role_scopes(world.partner.pk)] == [world.account_a.pk]
        assert role_scopes(other.pk) == ()
    assert len(queries) == 2  # page query counts see them
    assert _prepared_statements() == before + 1  # one statement, two partners
    connection.close()
    assert [s.account_id for s in role_scopes(world.partner.pk)] == [world.account_a.pk]
    assert _prepared_statements() == 1

    settings.PG_PREPARE_ACCESS_QUERIES = False  # e.g. behind a pooler that cannot keep them
    connection.close()
    assert partner_roles(world.partner.pk).any_live
    assert _prepared_statements() == 0


@pytest.mark.django_db(transaction=True)  # it closes the connection and changes a column
def test_a_lost_or_stale_statement_is_run_again_unprepared(world):
    """A pooler's DISCARD ALL, or a migration changing a column the roles query reads, leaves
    the connection's statement unusable: the query still answers, on a new connection."""
    if connection.vendor != "postgresql":
        skip_or_fail("prepared statements are PostgreSQL's; set DATABASE_URL", "REQUIRE_POSTGRES")
    folder = FolderFactory(account=world.account_a, name="Scoped")
    PartnerRole.objects.filter(pk=world.role_a.pk).update(scope_folder=folder)
    expected = [(world.account_a.pk, folder.path)]
    assert [(s.account_id, s.path) for s in role_scopes(world.partner.pk)] == expected
    assert connection.connection.prepare_threshold is None  # nothing else gets prepared
    with connection.cursor() as cursor:
        cursor.execute("DEALLOCATE ALL")  # behind psycopg's back, as a pooler would
    assert [(s.account_id, s.path) for s in role_scopes(world.partner.pk)] == expected
    assert _prepared_statements() == 0  # that run was unprepared, on a new connection

    assert [(s.account_id, s.path) for s in role_scopes(world.partner.pk)] == expected
    with connection.cursor() as cursor:
        cursor.execute("ALTER TABLE assets_assetfolder ALTER COLUMN path TYPE varchar(1001)")
    try:
        assert [(s.account_id, s.path) for s in role_scopes(world.partner.pk)] == expected
    finally:
        with connection.cursor() as cursor:
            cursor.execute("ALTER TABLE assets_assetfolder ALTER COLUMN path TYPE varchar(1000)")
