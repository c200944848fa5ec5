"""A search whose words some rows hold and most rows hold (forticloud/web/search.py): the
same rows as a plain substring search, with only the uncommon words looked up in the index."""

import pytest
from django.db import connection

from forticare.models import Ticket
from forticloud.web.search import contains, forget_statistics
from tests.conftest import skip_or_fail
from tests.factories import TicketFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def subjects(world):
    """300 tickets of customer A, every subject starting with "Issue", as support tickets
    often do; the statistics read afresh."""
    for n in range(300):
        TicketFactory(account=world.account_a, subject=f"Issue {n} with network connectivity")
    TicketFactory(account=world.account_a, subject="4242 Issue, the words the other way")
    TicketFactory(account=world.account_a, subject="Printer out of paper")
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE forticare_ticket")
    forget_statistics()
    yield
    forget_statistics()


def _listed_subjects(client, account, text):
    response = client.get(f"/a/{account.pk}/forticare/", {"q": text, "sort": "subject"})
    assert response.status_code == 200
    rows = list(response.context["page"].rows)
    after = response.context["page"].next_after
    while after:
        more = client.get(
            f"/a/{account.pk}/forticare/", {"q": text, "sort": "subject", "after": after}
        )
        rows += more.context["page"].rows
        after = more.context["page"].next_after
    return sorted(ticket.subject for ticket in rows)


@pytest.mark.parametrize(
    "text",
    [
        "Issue 42",
        "issue 4 with",
        "Issue 4242",
        "issue 142 WITH",
        "with NETWORK 129",
        "Issue",
        "of paper",
        "Issue x",
    ],
)
def test_search_finds_the_rows_that_hold_the_text(world, client, subjects, text):
    client.force_login(world.owner_a)
    everything = Ticket.objects.filter(account=world.account_a).values_list("subject", flat=True)
    expected = sorted(s for s in everything if text.lower() in s.lower())
    assert _listed_subjects(client, world.account_a, text) == expected
    assert "4242 Issue, the words the other way" not in _listed_subjects(
        client, world.account_a, "Issue 4242"
    )


def test_the_index_looks_up_only_the_uncommon_words(world):
    if connection.vendor != "postgresql":
        skip_or_fail("trigram indexes and column statistics are PostgreSQL's", "REQUIRE_POSTGRES")
    Ticket.objects.bulk_create(  # enough rows for the planner to want the trigram index
        TicketFactory.build(account=world.account_a, subject=f"Issue {n} with network")
        for n in range(3000)
    )
    with connection.cursor() as cursor:
        cursor.execute("SELECT gin_clean_pending_list('ticket_subject_trgm')")  # as a VACUUM
        cursor.execute("ANALYZE forticare_ticket")
    forget_statistics()
    tickets = Ticket.objects.filter(contains("subject", "Issue 142 with", Ticket))
    sql, params = tickets.values("pk").query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute(f"EXPLAIN {sql}", params)
        plan = "\n".join(row[0] for row in cursor.fetchall())
    looked_up = [line for line in plan.splitlines() if "Index Cond" in line]
    assert looked_up and "ticket_subject_trgm" in plan
    # "Issue" and "with" are in every subject: checked on the rows, not looked up.
    assert all("ISSUE" not in line and "WITH" not in line for line in looked_up), plan
    assert sorted(tickets.values_list("subject", flat=True)) == sorted(
        Ticket.objects.filter(subject__icontains="Issue 142 with").values_list("subject", flat=True)
    )
