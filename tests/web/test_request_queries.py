"""What every page pays before its own work (README, "CPU per page"): a partner's exceptional
roles read once per request, and on PostgreSQL the access queries prepared once per
connection instead of planned on every click."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.conftest import skip_or_fail

pytestmark = pytest.mark.django_db


def test_visit_as_partner_reads_the_roles_scopes_once(client, world):
    client.force_login(world.partner_user)
    with CaptureQueriesContext(connection) as queries:
        response = client.get("/partner/assets/")
    assert response.status_code == 200
    scope_reads = [q["sql"] for q in queries if "iam_partnerrole_scope_units" in q["sql"]]
    assert len(scope_reads) == 1


def test_access_queries_are_prepared_on_postgresql(client, world):
    if connection.vendor != "postgresql":
        skip_or_fail("this run uses SQLite; set DATABASE_URL for PostgreSQL", "REQUIRE_POSTGRES")
    client.force_login(world.owner_a)
    for _ in range(3):
        assert client.get("/healthz").status_code == 200
    with connection.cursor() as cursor:
        cursor.execute("SELECT statement FROM pg_prepared_statements")
        prepared = [row[0] for row in cursor.fetchall()]
    assert any('FROM "django_session"' in statement for statement in prepared)
    assert any('FROM "iam_user"' in statement for statement in prepared)
