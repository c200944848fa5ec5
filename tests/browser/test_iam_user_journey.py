"""The owner creates an IAM user, who logs in, sees only the permitted portals, and loses
access on the next click once the owner disables them."""

import re

import pytest
from django.core.management import call_command

from tests.browser.conftest import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "browser-user-password-1"


def test_owner_creates_an_iam_user_then_disables_them(new_page, page, settings):
    expect = pytest.importorskip("playwright.sync_api").expect
    call_command("seed_demo", force=True)

    log_in(page, "owner@demo.test", settings.DEMO_PASSWORD)
    expect(page.get_by_role("heading", name="Dashboard")).to_be_visible()
    page.locator("#services-menu summary").click()
    page.locator("#services-menu").get_by_role("link", name="Identity & Access Management").click()
    expect(page.get_by_role("heading", name="Users")).to_be_visible()

    page.get_by_text("Add New").click()
    page.get_by_role("link", name="IAM User").click()
    page.get_by_label("Username").fill("browser-user")
    page.get_by_label("Description").fill("Created in the browser test")
    page.get_by_label("Password", exact=False).first.fill(PASSWORD)
    page.get_by_label("Confirm Password").fill(PASSWORD)
    page.get_by_label("Permission Profile").select_option(label="Asset Viewer")
    page.get_by_role("button", name="Add User").click()
    expect(page.get_by_role("status")).to_contain_text("IAM user browser-user was created.")
    row = page.get_by_role("row").filter(has_text="browser-user")
    expect(row).to_contain_text("Asset Viewer")

    # The new user, in a browser of their own.
    iam_page = new_page()
    iam_page.goto("/login/iam/")
    iam_page.get_by_label("Account ID/Alias").fill("company-1274099")
    iam_page.get_by_label("Username").fill("browser-user")
    iam_page.get_by_label("Password").fill(PASSWORD)
    iam_page.get_by_role("button", name="Log In").click()
    expect(iam_page).to_have_url(re.compile(r"/a/1274099/$"))
    iam_page.locator("#services-menu summary").click()
    services = iam_page.locator("#services-menu .menu-items")
    expect(services.get_by_role("link")).to_have_text(["Asset Management", "FortiCare"])
    iam_page.goto("/a/1274099/iam/users/")
    expect(iam_page.get_by_role("heading", name="Page not found")).to_be_visible()
    iam_page.go_back()

    # The owner disables them.
    page.get_by_role("link", name="Disable browser-user").click()
    dialog = page.get_by_role("dialog", name="Confirm To Disable User")
    expect(dialog).to_be_visible()
    dialog.get_by_role("button", name="Yes, I Want to Continue.").click()
    expect(page.get_by_role("row").filter(has_text="browser-user")).to_contain_text("Disabled")

    # Their next click ends on the login page.
    iam_page.locator("#services-menu summary").click()
    iam_page.locator("#services-menu").get_by_role("link", name="FortiCare").click()
    expect(iam_page).to_have_url(re.compile(r"/login/\?next="))
    assert page.csp_violations == []
