"""The master user creates a Limited Access sub user with two units; the sub user sees those
two; the master migrates them; the IAM user sees the same two (issue 16)."""

import re

import pytest
from django.core.management import call_command

from assets.models import Asset
from tests.browser.conftest import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "browser-sub-password-1"
NEW_PASSWORD = "browser-iam-password-2"


def product_list_serials(page) -> list[str]:
    page.goto("/a/1274099/assets/")
    rows = page.locator("#asset-table tbody tr")
    return sorted(re.findall(r"[A-Z0-9]{10,}", " ".join(rows.all_inner_texts())))


def test_master_creates_a_limited_sub_user_then_migrates_them(new_page, page, settings):
    expect = pytest.importorskip("playwright.sync_api").expect
    call_command("seed_demo", force=True)
    two = list(Asset.objects.filter(account_id=1274099).order_by("-serial_number")[:2])

    log_in(page, "owner@demo.test", settings.DEMO_PASSWORD)
    page.goto("/a/1274099/iam/")
    page.get_by_role("link", name="Manage User").click()
    expect(page.get_by_role("heading", name="Current Users")).to_be_visible()
    page.get_by_role("link", name="Add User").click()
    page.get_by_label("Email").fill("browser-sub@demo.test")
    page.get_by_label("Name").fill("Browser Sub")
    page.locator("#id_password").fill(PASSWORD)
    page.locator("#id_password_confirm").fill(PASSWORD)
    page.get_by_label("Limited Access").check()
    for unit in two:
        page.get_by_label("Search units").fill(unit.serial_number)
        match = page.locator("#units-picker").get_by_label(unit.serial_number)
        expect(match).to_have_count(1)
        match.check()
    expect(page.locator("#units-picker input:checked")).to_have_count(2)  # kept across searches
    page.get_by_role("button", name="Add User").click()
    expect(page.get_by_role("status")).to_contain_text(
        "Sub user browser-sub@demo.test was created."
    )
    expect(page.get_by_role("row").filter(has_text="browser-sub@demo.test")).to_contain_text(
        "Limited Access: 2 units"
    )

    sub = new_page()
    log_in(sub, "browser-sub@demo.test", PASSWORD)
    expect(sub).to_have_url(re.compile(r"/a/1274099/"))
    serials = sorted(unit.serial_number for unit in two)
    assert product_list_serials(sub) == serials

    page.get_by_role("link", name="Sub User Migration").click()
    row = page.get_by_role("row").filter(has_text="browser-sub@demo.test")
    expect(row).to_contain_text("Same 2 units")
    row.get_by_label("Select browser-sub@demo.test").check()
    page.get_by_role("button", name="Migrate Selected").click()
    expect(page.get_by_role("status")).to_contain_text("1 sub user migrated.")
    link = page.locator("section.notice code").inner_text()

    # The old login is gone on the next click; the person sets a password through the link.
    sub.goto("/a/1274099/assets/")
    expect(sub).to_have_url(re.compile(r"/login/"))
    sub.goto(link)
    expect(sub.get_by_text("username browser-sub")).to_be_visible()
    sub.locator("#id_new_password1").fill(NEW_PASSWORD)
    sub.locator("#id_new_password2").fill(NEW_PASSWORD)
    sub.get_by_role("button", name="Set Password").click()
    expect(sub.get_by_role("heading", name="Password Set")).to_be_visible()
    sub.goto("/login/iam/")
    sub.get_by_label("Account ID/Alias").fill("1274099")
    sub.get_by_label("Username").fill("browser-sub")
    sub.get_by_label("Password").fill(NEW_PASSWORD)
    sub.get_by_role("button", name="Log In").click()
    expect(sub).to_have_url(re.compile(r"/a/1274099/$"))
    assert product_list_serials(sub) == serials
    assert page.csp_violations == [] and sub.csp_violations == []
