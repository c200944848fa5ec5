"""All Tickets' From and To days bound the creation time in the portal's time zone (a range of
the time itself, which its index serves), and a Company name filter of an aggregated list finds
the accounts in reach first: the rows are the same as comparing each row's date or name."""

import datetime

import pytest
from django.db import connection
from django.test import override_settings

from assets.models import Asset
from forticare.models import Ticket
from forticloud.web import filters
from iam.models import PartnerRole
from tests.assets.conftest import make_asset
from tests.factories import AccountFactory, PartnerRoleFactory, ProfileFactory

pytestmark = pytest.mark.django_db

UTC = datetime.UTC


def _ticket(account, subject, created_at):
    ticket = Ticket.objects.create(
        account=account, subject=subject, description="-", request_type="rma",
        ticket_type="customer", creator_label="owner",
    )  # fmt: skip
    Ticket.objects.filter(pk=ticket.pk).update(created_at=created_at)
    return ticket


def subjects(client, url) -> list[str]:
    response = client.get(url)
    assert response.status_code == 200
    return sorted(row.subject for row in response.context["page"].rows)


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("since=2026-05-22", ["first minute", "last minute", "next day"]),
        ("until=2026-05-22", ["day before", "first minute", "last minute"]),
        ("since=2026-05-22&until=2026-05-22", ["first minute", "last minute"]),
        ("until=2026-05-21", ["day before"]),
        ("since=2026-05-24", []),
        ("until=9999-12-31", ["day before", "first minute", "last minute", "next day"]),
        ("since=0001-01-01", ["day before", "first minute", "last minute", "next day"]),
        ("since=2026-02-30", ["day before", "first minute", "last minute", "next day"]),
    ],
)
@override_settings(TIME_ZONE="Asia/Tokyo")  # UTC+9: a day starts at 15:00 UTC the day before
def test_from_and_to_are_whole_days_in_the_portals_time_zone(world, client, query, expected):
    tokyo_day = datetime.datetime(2026, 5, 21, 15, 0, tzinfo=UTC)  # 2026-05-22 00:00 there
    _ticket(world.account_a, "day before", tokyo_day - datetime.timedelta(seconds=1))
    _ticket(world.account_a, "first minute", tokyo_day)
    _ticket(world.account_a, "last minute", tokyo_day + datetime.timedelta(hours=23, minutes=59))
    _ticket(world.account_a, "next day", tokyo_day + datetime.timedelta(days=1))
    client.force_login(world.owner_a)
    assert subjects(client, f"/a/{world.account_a.pk}/forticare/?{query}") == expected


@pytest.fixture
def three_companies(world):
    """Alpha Corp and a connected "Alpha Trading" with a ticket and a unit each; an "Alpha
    Outside" not connected to the partner, with the same."""
    trading = PartnerRoleFactory(partner=world.partner).account
    trading.company_name = "Alpha Trading"
    trading.save()
    outside = AccountFactory(company_name="Alpha Outside")
    for account in (world.account_a, trading, outside):
        _ticket(account, account.company_name, datetime.datetime.now(UTC))
        make_asset(account, description=account.company_name)
    return trading, outside


def test_a_company_name_finds_the_accounts_in_reach(world, client, three_companies):
    client.force_login(world.partner_user)
    both = ["Alpha Corp", "Alpha Trading"]
    assert subjects(client, "/partner/forticare/?company=alpha") == both
    assert subjects(client, "/partner/forticare/?company=TRADING") == ["Alpha Trading"]
    assert subjects(client, "/partner/forticare/?company=Outside") == []
    assert subjects(client, "/partner/forticare/?company=100%25") == []
    units = client.get("/partner/assets/?company=alpha").context["page"].rows
    assert sorted(unit.description for unit in units) == both
    assert client.get("/partner/assets/?company=outside").context["page"].rows == []
    assert client.get("/partner/assets/decommissioned/?company=alpha").status_code == 200


# 1: more companies in reach hold "alpha" than are read (the rows are joined to their names);
# 2: as many as are read, though a third company out of reach holds it too (their ids).
@pytest.mark.parametrize("at_most", [1, 2])
def test_a_name_of_more_companies_than_are_read_filters_the_same(
    world, client, three_companies, monkeypatch, at_most
):
    monkeypatch.setattr(filters, "NAMED_ACCOUNTS_AT_MOST", at_most)
    client.force_login(world.partner_user)
    assert subjects(client, "/partner/forticare/?company=alpha") == ["Alpha Corp", "Alpha Trading"]
    assert subjects(client, "/partner/forticare/?company=trading") == ["Alpha Trading"]
    assert len(client.get("/partner/assets/?company=alpha").context["page"].rows) == 2
    assert Asset.objects.filter(description__startswith="Alpha").count() == 3


def _queries_of(client, url: str, name: str) -> list[tuple[str, tuple]]:
    """The queries the page ``url`` + ``name`` runs (but the session's, which are timed), the
    name replaced by NAME: what the database is asked, whoever else holds the name."""
    sent = []

    def note(execute, sql, params, many, context):
        if "django_session" not in sql:
            sent.append((sql, tuple(str(p).replace(name, "NAME") for p in params or ())))
        return execute(sql, params, many, context)

    with connection.execute_wrapper(note):
        assert client.get(url + name).status_code == 200
    return sent


@pytest.mark.parametrize("url", ["/partner/assets/?company=", "/partner/forticare/?company="])
def test_a_name_only_an_account_out_of_reach_has_asks_what_no_name_asks(
    world, client, three_companies, url
):
    """Another partner's customer named so is never part of the query (its rows would be
    walked, and the time would tell that the name exists)."""
    client.force_login(world.partner_user)
    assert _queries_of(client, url, "Outside") == _queries_of(client, url, "Nowhere")


def test_postgresql_knows_how_many_company_names_hold_a_text():
    """The accounts' upper-case names have statistics (migration iam 0020): a text that every
    name holds is judged common, so the lookup of the named accounts hashes the reach once
    instead of probing it account by account."""
    from django.db import connection

    if connection.vendor != "postgresql":
        pytest.skip("PostgreSQL's planner statistics")
    for n in range(200):
        AccountFactory(company_name=f"Scale Company {n}")
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE iam_account")
        cursor.execute(
            "EXPLAIN (FORMAT JSON) SELECT id FROM iam_account "
            "WHERE UPPER(company_name::text) LIKE UPPER(%s)",
            ["%company%"],
        )
        [[[plan]]] = cursor.fetchall()
    assert plan["Plan"]["Plan Rows"] >= 150  # without the statistics: 1


def test_a_company_name_where_the_partner_reaches_no_unit_finds_none(world, client):
    """A partner whose roles give Asset Management on no account: the names are looked for
    among no account, and the list shows no unit (never an error)."""
    no_assets = ProfileFactory(account=world.account_a, asset_management=0, forticare=2)
    PartnerRole.objects.filter(partner=world.partner).update(permission_profile=no_assets)
    make_asset(world.account_a, description="Alpha")
    client.force_login(world.partner_user)
    response = client.get("/partner/assets/?company=alpha")
    assert response.status_code == 200
    assert response.context["page"].rows == []
