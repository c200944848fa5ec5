"""A partner opens the Dashboard: the counts refresh by themselves once the worker has counted,
a bar of the chart opens the units ending that month, a customer's number opens its units."""

import re

import pytest
from django.core.management import call_command

from assets.coverage import coverage_recount_request
from iam.models import Account
from tests.browser.conftest import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_partner_dashboard_counts_then_opens_the_lists_behind_its_numbers(
    page, settings, worker
):
    call_command("seed_demo", force=True)
    coverage_recount_request(Account.objects.values_list("pk", flat=True))  # as after a change
    expect = pytest.importorskip("playwright.sync_api").expect

    log_in(page, "partner@demo.test", settings.DEMO_PASSWORD)
    page.goto("/partner/")
    panel = page.locator("#dashboard-customers")
    expect(panel.get_by_role("heading", name="Connected customers")).to_be_visible()
    # The worker counts; the panel asks again every two seconds and stops once current.
    expect(panel).not_to_contain_text("Updating the counts", timeout=20_000)
    expect(panel).to_contain_text("Counted")

    bar = panel.locator("svg a").filter(has=page.locator("rect[height]:not([height='0'])")).first
    label = bar.get_attribute("aria-label")
    units = int(re.search(r": ([0-9,]+) unit", label).group(1).replace(",", ""))
    bar.click()
    expect(page).to_have_url(re.compile(r"/partner/assets/\?ends=[0-9]{4}-[0-9]{2}$"))
    expect(page.locator("#asset-table tbody tr")).to_have_count(units)
    expect(page.get_by_label("Coverage ends in")).to_have_value(
        re.search(r"ends=([0-9-]+)", page.url).group(1)
    )

    page.go_back()
    first_row = page.locator("#dashboard-customers tbody tr").first
    company = first_row.locator("td").first.inner_text()
    within_30 = first_row.locator("td").nth(4)
    expected = int(within_30.inner_text())
    within_30.get_by_role("link").click()
    expect(page).to_have_url(re.compile(r"\?company=[0-9]+&coverage=expiring30$"))
    rows = page.locator("#asset-table tbody tr")
    expect(rows).to_have_count(expected)
    expect(rows.first).to_contain_text(company)
