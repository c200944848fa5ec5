"""Coverage counts (CoverageCount) and the account Dashboard's Asset Management figures: what
the worker counts is what the Product List's filters find, in the user's scope, kept current
after changes and at a new day."""

import datetime
import re

import pytest
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from assets import services
from assets.coverage import coverage_recount
from assets.models import CoverageCount, CoverageTally
from iam.access import access_for_account
from tests.exports import run_worker
from tests.factories import FolderFactory, IamUserFactory, ProfileFactory

from .conftest import make_asset


@pytest.fixture
def units(world):
    """Alpha's units: 2 within 30 days, 1 within 31 to 60, 1 within 61 to 90, 1 later, 2 expired
    (one in a folder), 1 never covered, 1 decommissioned (never counted)."""
    hq = FolderFactory(account=world.account_a, name="HQ")
    for days in (0, 30, 45, 90, 400, -1):
        make_asset(world.account_a, ends_in=days)
    make_asset(world.account_a, ends_in=-300, folder=hq)
    make_asset(world.account_a)
    make_asset(world.account_a, ends_in=5, decommissioned_at=timezone.now())
    make_asset(world.account_b, ends_in=3)  # another customer's
    return hq


FIGURE = re.compile(
    r'<a href="([^"]*)"><span class="figure-value">([^<]*)</span> '
    r'<span class="figure-label">([^<]*)</span>'
)


def figures(response) -> dict[str, tuple[str, str]]:
    """The Dashboard's figures: label → (number, link)."""
    return {
        label: (number, url.replace("&amp;", "&"))
        for url, number, label in FIGURE.findall(response.text)
    }


def list_count(client, url) -> int:
    return client.get(url).text.count('<td><a href="/a/')


def test_the_owner_sees_units_by_coverage_each_a_link_to_the_product_list_so_filtered(
    world, client, units
):
    coverage_recount([world.account_a.pk])
    client.force_login(world.owner_a)
    shown = figures(client.get(f"/a/{world.account_a.pk}/"))
    product_list = f"/a/{world.account_a.pk}/assets/"
    assert shown["Units"] == ("8", product_list)
    assert shown["Expiring within 30 days"] == ("2", f"{product_list}?coverage=expiring30")
    assert shown["Expiring within 90 days"] == ("4", f"{product_list}?coverage=expiring90")
    assert shown["Expired"] == ("2", f"{product_list}?coverage=expired")
    for number, url in shown.values():  # each number is what its link lists
        assert list_count(client, url) == int(number)


def test_an_iam_user_scoped_to_a_folder_counts_only_that_folder(world, client, units):
    coverage_recount([world.account_a.pk])
    world.iam_a.permission_profile = ProfileFactory(account=world.account_a, asset_management=1)
    world.iam_a.scope_folder = units
    world.iam_a.save()
    client.force_login(world.iam_a)
    shown = figures(client.get(f"/a/{world.account_a.pk}/"))
    assert shown["Units"][0] == "1"
    assert shown["Expired"][0] == "1"
    assert shown["Expiring within 30 days"][0] == "0"


def test_counts_of_no_day_yet_are_asked_for_and_the_panel_says_updating(world, client, units):
    client.force_login(world.owner_a)
    first = client.get(f"/a/{world.account_a.pk}/")
    assert "Updating the counts" in first.text
    assert 'hx-trigger="every 2s"' in first.text
    panel = client.get(f"/a/{world.account_a.pk}/?panel=coverage", HTTP_HX_REQUEST="true")
    assert panel.status_code == 200 and "<html" not in panel.text
    run_worker()
    fresh = client.get(f"/a/{world.account_a.pk}/?panel=coverage", HTTP_HX_REQUEST="true")
    assert "Updating the counts" not in fresh.text and "every 2s" not in fresh.text
    assert figures(fresh)["Units"][0] == "8"


def test_a_change_asks_for_a_recount_of_that_account_only(world, client, units):
    coverage_recount([world.account_a.pk, world.account_b.pk])
    owner = access_for_account(world.owner_a, world.account_a.pk)
    unit = make_asset(world.account_a, ends_in=10)
    services.asset_decommission(access=owner, asset=unit)
    client.force_login(world.owner_a)
    assert "Updating the counts" in client.get(f"/a/{world.account_a.pk}/").text
    client.force_login(world.owner_b)
    assert "Updating the counts" not in client.get(f"/a/{world.account_b.pk}/").text
    run_worker()
    client.force_login(world.owner_a)
    assert figures(client.get(f"/a/{world.account_a.pk}/"))["Units"][0] == "8"


def test_counts_of_yesterday_are_counted_again(world, client, units):
    coverage_recount([world.account_a.pk])
    yesterday = timezone.localdate() - datetime.timedelta(days=1)
    CoverageTally.objects.filter(account=world.account_a).update(counted_on=yesterday)
    client.force_login(world.owner_a)
    assert "Updating the counts" in client.get(f"/a/{world.account_a.pk}/").text
    run_worker()
    assert CoverageTally.objects.get(account=world.account_a).counted_on == timezone.localdate()


def test_a_recount_replaces_the_rows_instead_of_adding_to_them(world, units):
    coverage_recount([world.account_a.pk])
    coverage_recount([world.account_a.pk])
    whole = CoverageCount.objects.get(account=world.account_a, whole=True)
    assert (whole.within_30, whole.within_60, whole.within_90) == (2, 1, 1)
    assert (whole.later, whole.expired, whole.no_coverage) == (1, 2, 1)
    folders = CoverageCount.objects.filter(account=world.account_a, whole=False)
    assert sorted(folders.values_list("folder_path", flat=True)) == ["", units.path]


def test_units_by_month_match_the_coverage_ends_in_filter(world, client, units):
    coverage_recount([world.account_a.pk])
    whole = CoverageCount.objects.get(account=world.account_a, whole=True)
    client.force_login(world.owner_a)
    today = timezone.localdate()
    month = today.strftime("%Y-%m")
    listed = list_count(client, f"/a/{world.account_a.pk}/assets/?ends={month}")
    assert listed == whole.month_0
    assert list_count(client, f"/a/{world.account_a.pk}/assets/?ends=2026-13") == 8  # ignored
    assert client.get(f"/a/{world.account_a.pk}/assets/?ends=%00x").status_code == 200


def test_the_dashboard_costs_the_same_queries_with_more_units(world, client, units):
    from tests.conftest import page_queries

    coverage_recount([world.account_a.pk])
    client.force_login(world.owner_a)
    url = f"/a/{world.account_a.pk}/"
    before = page_queries(client, url)
    for _ in range(20):
        make_asset(world.account_a, ends_in=20, folder=FolderFactory(account=world.account_a))
    coverage_recount([world.account_a.pk])
    assert page_queries(client, url) == before


def test_an_iam_user_without_asset_management_sees_no_unit_figures(world, client, units):
    world.iam_a.permission_profile = ProfileFactory(account=world.account_a, asset_management=0)
    world.iam_a.save()
    client.force_login(world.iam_a)
    assert "Expiring within 30 days" not in client.get(f"/a/{world.account_a.pk}/").text


def test_a_sub_user_of_another_account_cannot_read_the_panel(world, client, units):
    client.force_login(IamUserFactory(account=world.account_b))
    response = client.get(f"/a/{world.account_a.pk}/?panel=coverage", HTTP_HX_REQUEST="true")
    assert response.status_code in (204, 404)


def test_many_accounts_are_counted_in_batches(world, units, monkeypatch):
    # More accounts than one query may list (SQLite: 32,766 parameters, PostgreSQL: 65,535)
    # are counted a batch at a time: a task each, all counted.
    monkeypatch.setattr("assets.coverage.RECOUNT_BATCH", 1)
    accounts = [world.account_a.pk, world.account_b.pk]
    services.coverage_recount_request(accounts)
    tasks = DBTaskResult.objects.filter(task_path__endswith="coverage_recount_task")
    assert sorted(tasks.values_list("args_kwargs__args", flat=True)) == [[[a]] for a in accounts]
    run_worker()
    counted = CoverageTally.objects.filter(account_id__in=accounts, counted_on=timezone.localdate())
    assert counted.count() == 2
    whole = CoverageCount.objects.get(account=world.account_a, whole=True)
    assert (whole.within_30, whole.expired) == (2, 2)
