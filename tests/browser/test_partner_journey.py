"""A partner logs in, selects a customer, switches to Visit as Partner, and logs out."""

import re

import pytest
from django.core.management import call_command

from tests.browser.conftest import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_partner_selects_a_customer_switches_to_visit_as_partner_and_logs_out(page, settings):
    call_command("seed_demo", force=True)
    expect = pytest.importorskip("playwright.sync_api").expect

    log_in(page, "partner@demo.test", settings.DEMO_PASSWORD)

    expect(page.get_by_role("heading", name="Welcome Back!")).to_be_visible()
    page.get_by_role("link", name="Partner Connected Accounts").click()
    expect(page).to_have_url(re.compile(r"/accounts/\?tab=partner$"))
    table = page.locator("#account-table")
    # header + six connected customers + an organization's root and its member in EMEA
    expect(table.get_by_role("row")).to_have_count(9)
    expect(table).to_contain_text("Company 600102")
    expect(table).not_to_contain_text("Company 754423")

    page.get_by_label("Search accounts").fill("344266")
    expect(table.get_by_role("row")).to_have_count(2)  # htmx search, no reload
    page.get_by_label("Search accounts").fill("")
    expect(table.get_by_role("row")).to_have_count(9)

    page.get_by_role("button", name="Select Company 1274099 (1274099)").click()
    expect(page).to_have_url(re.compile(r"/a/1274099/$"))
    expect(page.get_by_role("heading", name="Dashboard")).to_be_visible()
    expect(page.locator("main")).to_contain_text("Company 1274099")
    expect(page.locator("main")).to_contain_text("Aruba 123 Partner Role")

    page.get_by_label("Profile menu").click()
    page.get_by_role("link", name="Switch Accounts").click()
    dialog = page.get_by_role("dialog", name="Switch Accounts")
    expect(dialog).to_be_visible()
    dialog.get_by_role("link", name="Partner Connected Accounts").click()
    dialog.get_by_role("link", name="Visit as Partner").click()
    expect(dialog).to_contain_text("You are about to switch to Visit as Partner")
    dialog.get_by_role("button", name="Continue").click()

    expect(page).to_have_url(re.compile(r"/partner/$"))
    expect(page.locator(".context-badge")).to_have_text("Visiting as Partner")
    expect(page.get_by_role("group").filter(has_text="Services")).to_be_visible()

    page.get_by_label("Profile menu").click()
    page.get_by_role("button", name="Log out").click()
    expect(page).to_have_url(re.compile(r"/login/$"))
    page.goto("/partner/")
    expect(page).to_have_url(re.compile(r"/login/\?next=/partner/$"))

    assert page.csp_violations == []
