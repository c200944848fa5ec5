"""The schema's indexes on PostgreSQL: each one the planner can use for something, none twice
(every index is written on each insert and kept on disk), and the searches that need one have
it."""

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
