"""One account's list page without filters, in one of its list's ``prepared_sorts``, is a
prepared statement on PostgreSQL, planned once per connection. Each account still gets its own
rows, page after page, once PostgreSQL plans the statement for every account; the plan it
makes for every value is the walk of the index of (the account, the column, the id), with no
sort; a search, a filter, a scope, a partner's many accounts, Decommissioned Units or another
sort is planned for its own values every time."""

import datetime

import pytest
from django.db import connection

from assets.lists import PRODUCT_LIST
from assets.models import Asset, ProductModel
from forticare.lists import ALL_TICKETS
from forticare.models import Ticket
from iam.permissions import Level
from tests.api.helpers import api_user, bearer
from tests.assets.conftest import make_asset
from tests.conftest import skip_or_fail
from tests.factories import FolderFactory, IamUserFactory, ProfileFactory, TicketFactory

pytestmark = pytest.mark.django_db

TODAY = datetime.date.today()
UNITS_QUERY = 'SELECT "assets_asset"."id"'
TICKETS_QUERY = 'SELECT "forticare_ticket"."id"'


@pytest.fixture
def postgresql():
    if connection.vendor != "postgresql":
        skip_or_fail("prepared statements are PostgreSQL's; set DATABASE_URL", "REQUIRE_POSTGRES")


def _units(account, count: int) -> list[str]:
    """``count`` units of ``account``, registered a day apart: their serials, newest first."""
    units = [
        make_asset(account, registered_on=TODAY - datetime.timedelta(days=n)) for n in range(count)
    ]
    return [unit.serial_number for unit in units]


def _statements(start: str) -> list[str]:
    """The connection's prepared statements that read the rows of a list (``start``)."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT statement FROM pg_prepared_statements")
        return [row[0] for row in cursor.fetchall() if row[0].startswith(start)]


def _every_page(client, url: str) -> list[str]:
    """The serials of every page of a Product List, following its Next links."""
    serials = []
    while url:
        response = client.get(url)
        assert response.status_code == 200
        page = response.context["page"]
        serials += [unit.serial_number for unit in page.rows]
        url = f"{url.split('?')[0]}?after={page.next_after}" if page.next_after else ""
    return serials


def test_two_accounts_share_one_plan_and_each_keeps_its_own_rows(world, client, postgresql):
    """Past PostgreSQL's five custom plans a prepared statement may be planned once for every
    account: A's and B's lists, asked in turn, are each exactly their own, on every page."""
    mine = {
        world.account_a: _units(world.account_a, 30),
        world.account_b: _units(world.account_b, 28),
    }
    owners = {world.account_a: world.owner_a, world.account_b: world.owner_b}
    for _ in range(4):
        for account, expected in mine.items():
            client.force_login(owners[account])
            assert _every_page(client, f"/a/{account.pk}/assets/") == expected
    assert len(_statements(UNITS_QUERY)) == 2  # the first page and the pages after a cursor


def test_api_users_of_two_accounts_share_the_plan_and_page_through_their_own(
    world, client, postgresql
):
    mine = {
        world.account_a: _units(world.account_a, 27),
        world.account_b: _units(world.account_b, 26),
    }
    tokens = {
        account: bearer(client, *api_user(account, owner))
        for account, owner in ((world.account_a, world.owner_a), (world.account_b, world.owner_b))
    }
    for _ in range(4):
        for account, expected in mine.items():
            seen, url = [], "/api/v1/assets/units/"
            while url:
                page = client.get(url, **tokens[account]).json()
                seen += [unit["serial_number"] for unit in page["results"]]
                url = page["next"]
            assert seen == expected
    assert len(_statements(UNITS_QUERY)) == 2


def test_one_accounts_tickets_are_prepared_and_its_own(world, client, postgresql):
    mine = TicketFactory(account=world.account_a, subject="Mine")
    TicketFactory(account=world.account_b, subject="Theirs")
    client.force_login(world.owner_a)
    for _ in range(3):
        rows = client.get(f"/a/{world.account_a.pk}/forticare/").context["page"].rows
        assert [ticket.pk for ticket in rows] == [mine.pk]
    assert len(_statements(TICKETS_QUERY)) == 1


@pytest.mark.parametrize(
    "query",
    [
        "q=FGT",  # a search: its words decide the plan
        "coverage=expired",  # a filter
        "sort=serial",  # not in the list's prepared_sorts
        "sort=description",
    ],
)
def test_a_search_a_filter_or_another_sort_is_planned_each_time(world, client, postgresql, query):
    _units(world.account_a, 3)
    client.force_login(world.owner_a)
    for _ in range(3):
        assert client.get(f"/a/{world.account_a.pk}/assets/?{query}").status_code == 200
    assert _statements(UNITS_QUERY) == []


def test_lists_whose_rows_depend_on_more_than_the_account_are_planned_each_time(
    world, client, postgresql
):
    """A partner's reach is many accounts, a scope a part of one, Decommissioned Units the few
    of an account: how many rows that is decides the plan, so none is kept for other values."""
    scope = FolderFactory(account=world.account_a, name="Lab")
    make_asset(world.account_a, folder=scope)
    _units(world.account_a, 2)
    profile = ProfileFactory(account=world.account_a, asset_management=Level.READ_ONLY)
    scoped = IamUserFactory(account=world.account_a, permission_profile=profile, scope_folder=scope)
    account = f"/a/{world.account_a.pk}"
    for user, url in [
        (world.partner_user, "/partner/assets/"),
        (scoped, f"{account}/assets/"),
        (world.owner_a, f"{account}/assets/decommissioned/"),
    ]:
        client.force_login(user)
        for _ in range(3):
            assert client.get(url).status_code == 200
    world.role_a.scope_folder = scope  # the partner inside the customer, through a scoped role
    world.role_a.save()
    client.force_login(world.partner_user)
    assert client.get(f"{account}/assets/").status_code == 200
    assert _statements(UNITS_QUERY) == []


def _many_rows(accounts) -> None:
    """Enough units and tickets that PostgreSQL plans as it would for real accounts."""
    product = ProductModel.objects.get(code="FGT60F")
    Asset.objects.bulk_create(
        Asset(
            serial_number=f"PLAN{account.pk:04d}{n:05d}",
            product_model=product,
            product_model_name=product.name,
            description=product.name,
            account=account,
            registered_on=TODAY - datetime.timedelta(days=n % 900),
            coverage_ends_on=TODAY + datetime.timedelta(days=n % 700),
        )
        for account in accounts
        for n in range(1500)
    )
    Ticket.objects.bulk_create(
        Ticket(
            account=account,
            subject=f"Ticket {n}",
            description="-",
            request_type="rma",
            ticket_type="customer",
            creator_label="owner",
        )
        for account in accounts
        for n in range(1500)
    )
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE assets_asset")
        cursor.execute("ANALYZE forticare_ticket")


def _rows_query(client, url: str, start: str) -> tuple[str, list]:
    sent = []

    def note(execute, sql, params, many, context):
        if sql.startswith(start):
            sent.append((sql, list(params)))
        return execute(sql, params, many, context)

    with connection.execute_wrapper(note):
        response = client.get(url)
    assert response.status_code == 200
    [query] = sent
    return query, response.context["page"].next_after


def _generic_plan(sql: str, params: list) -> list[dict]:
    """The plan PostgreSQL makes for ``sql`` whatever its values: each node of it."""
    for number in range(1, len(params) + 1):
        sql = sql.replace("%s", f"${number}", 1)
    with connection.cursor() as cursor:
        cursor.execute("SET plan_cache_mode = force_generic_plan")
        cursor.execute(f"PREPARE plan_check AS {sql}")
        values = ", ".join(["%s"] * len(params))
        cursor.execute(f"EXPLAIN (FORMAT JSON) EXECUTE plan_check({values})", params)
        [[plan]] = cursor.fetchone()
        cursor.execute("DEALLOCATE plan_check")
        cursor.execute("RESET plan_cache_mode")
    nodes, waiting = [], [plan["Plan"]]
    while waiting:
        node = waiting.pop()
        nodes.append(node)
        waiting += node.get("Plans", [])
    return nodes


def _index_of(model, field: str) -> str:
    [index] = [i for i in model._meta.indexes if i.fields[:3] == ["account", field, "id"]]
    return index.name


@pytest.mark.parametrize(
    ("declaration", "model", "path", "start", "user"),
    [
        (PRODUCT_LIST, Asset, "assets/", UNITS_QUERY, "owner_a"),
        (ALL_TICKETS, Ticket, "forticare/", TICKETS_QUERY, "owner_a"),
        (ALL_TICKETS, Ticket, "forticare/", TICKETS_QUERY, "partner_user"),  # and its own
    ],
)
def test_every_prepared_sort_is_planned_as_its_index_walk_for_every_value(
    world, client, postgresql, declaration, model, path, start, user
):
    """For every account and cursor PostgreSQL's plan is the walk of (the account, the column,
    the id): the first page and a page deep in, each sort ascending and descending."""
    _many_rows([world.account_a, world.account_b, world.stranger.account])
    client.force_login(getattr(world, user))
    url = f"/a/{world.account_a.pk}/{path}"
    assert declaration.prepared_sorts
    for key in declaration.prepared_sorts:
        field = declaration.table.columns_by_key[key].field
        for sort in (key, f"-{key}"):
            (sql, params), after = _rows_query(client, f"{url}?sort={sort}", start)
            (deep_sql, deep_params), _ = _rows_query(
                client, f"{url}?sort={sort}&after={after}", start
            )
            for query, values in ((sql, params), (deep_sql, deep_params)):
                nodes = _generic_plan(query, values)
                assert not [n for n in nodes if "Sort" in n["Node Type"]], (sort, nodes)
                assert _index_of(model, field) in {n.get("Index Name") for n in nodes}, sort
