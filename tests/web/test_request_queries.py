"""What every page pays before its own work (tests/perf/HISTORY.md): a partner's exceptional
roles read once per request."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

pytestmark = pytest.mark.django_db


def test_visit_as_partner_reads_the_roles_scopes_once(client, world):
    client.force_login(world.partner_user)
    with CaptureQueriesContext(connection) as queries:
        response = client.get("/partner/assets/")
    assert response.status_code == 200
    scope_reads = [q["sql"] for q in queries if "iam_partnerrole_scope_units" in q["sql"]]
    assert len(scope_reads) == 1
