"""One account's list page without filters is a prepared statement on PostgreSQL, planned once
per connection: each account still gets its own rows, page after page, once PostgreSQL plans
the statement for every account; a search, a filter, a scope, a partner's many accounts or a
sort no index of the account orders are planned for their own values every time."""

import datetime

import pytest
from django.db import connection

from iam.permissions import Level
from tests.api.helpers import api_user, bearer
from tests.assets.conftest import make_asset
from tests.conftest import skip_or_fail
from tests.factories import FolderFactory, IamUserFactory, ProfileFactory

pytestmark = pytest.mark.django_db

TODAY = datetime.date.today()


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


def _unit_statements() -> list[str]:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT statement FROM pg_prepared_statements WHERE statement LIKE %s",
            ['%FROM "assets_asset"%'],
        )
        return [row[0] for row in cursor.fetchall()]


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
    statements = _unit_statements()
    assert len(statements) == 2  # the first page and the pages after a cursor: for both accounts
    assert all('"account_id" IN' in statement for statement in statements)


@pytest.mark.parametrize(
    "query",
    [
        "q=FGT",  # a search: its words decide the plan
        "coverage=expired",  # a filter
        "sort=serial",  # no index orders one account's units by serial number alone
        "sort=description",
    ],
)
def test_a_search_a_filter_or_an_unindexed_sort_is_planned_each_time(
    world, client, postgresql, query
):
    _units(world.account_a, 3)
    client.force_login(world.owner_a)
    for _ in range(3):
        assert client.get(f"/a/{world.account_a.pk}/assets/?{query}").status_code == 200
    assert _unit_statements() == []


def test_a_partners_list_and_a_scoped_users_list_are_planned_each_time(world, client, postgresql):
    """A partner's reach is many accounts, a scope a part of one: how many rows that is decides
    the plan, so neither is kept for the next values."""
    scope = FolderFactory(account=world.account_a, name="Lab")
    make_asset(world.account_a, folder=scope)
    _units(world.account_a, 2)
    profile = ProfileFactory(account=world.account_a, asset_management=Level.READ_ONLY)
    scoped = IamUserFactory(account=world.account_a, permission_profile=profile, scope_folder=scope)
    for user, url in [
        (world.partner_user, "/partner/assets/"),
        (scoped, f"/a/{world.account_a.pk}/assets/"),
    ]:
        client.force_login(user)
        for _ in range(3):
            assert client.get(url).status_code == 200
    assert _unit_statements() == []


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
    assert len(_unit_statements()) == 2
