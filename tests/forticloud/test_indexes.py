"""The schema's indexes on PostgreSQL: none twice (every index is written on each insert and
kept on disk), and the search and the filter that need one have it."""

import pytest
from django.db import connection

from tests.assets.conftest import make_asset

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def postgresql_only():
    if connection.vendor != "postgresql":
        pytest.skip("PostgreSQL's indexes (SQLite ignores operator classes)")


def test_no_table_has_the_same_index_twice():
    with connection.cursor() as cursor:
        cursor.execute(
            """
            SELECT indrelid::regclass::text, array_agg(indexrelid::regclass::text ORDER BY 1)
            FROM pg_index JOIN pg_class ON pg_class.oid = indrelid
            WHERE pg_class.relnamespace = 'public'::regnamespace
            GROUP BY indrelid, indkey::text, indclass::text, indoption::text,
                coalesce(pg_get_expr(indexprs, indrelid), ''),
                coalesce(pg_get_expr(indpred, indrelid), '')
            HAVING count(*) > 1
            """
        )
        assert cursor.fetchall() == []


def test_a_serial_prefix_search_is_answered_from_an_index(world):
    make_asset(world.account_a)
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute(
            "EXPLAIN SELECT id FROM assets_asset WHERE serial_number::text LIKE %s", ["FGT60F%"]
        )
        plan = "\n".join(row[0] for row in cursor.fetchall())
    assert "Index Cond: (((serial_number)::text ~>=~ 'FGT60F'::text)" in plan, plan


def _list_query(client, url: str) -> tuple[str, tuple]:
    """The units' query of the Product List at ``url``."""
    sent = []

    def note(execute, sql, params, many, context):
        if sql.startswith('SELECT "assets_asset"."id"'):
            sent.append((sql, params))
        return execute(sql, params, many, context)

    with connection.execute_wrapper(note):
        assert client.get(url).status_code == 200
    return sent[-1]


@pytest.mark.parametrize("who", ["owner", "partner"])
def test_expiring_units_in_the_default_order_are_checked_in_the_index(world, client, who):
    """Expiring within 30 days, newest first: walking the registration date's index, each
    unit's coverage end is read from the index, not from the row (at a million units 1,460
    rows were read for a page of 26)."""
    for days in (5, 200):
        make_asset(world.account_a, ends_in=days)
    user, url = (
        (world.owner_a, f"/a/{world.account_a.pk}/assets/")
        if who == "owner"
        else (world.partner_user, "/partner/assets/")
    )
    client.force_login(user)
    sql, params = _list_query(client, f"{url}?coverage=expiring30")
    with connection.cursor() as cursor:
        for setting in ("enable_seqscan", "enable_bitmapscan", "enable_sort"):
            cursor.execute(f"SET LOCAL {setting} = off")  # as with a million units
        cursor.execute(f"EXPLAIN {sql}", params)
        plan = "\n".join(row[0] for row in cursor.fetchall())
    lines = plan.splitlines()
    walk = next(n for n, line in enumerate(lines) if "Scan Backward" in line)
    assert "on assets_asset" in lines[walk], plan  # the units, newest first, from an index
    assert "Index Cond:" in lines[walk + 1] and "coverage_ends_on >=" in lines[walk + 1], plan
