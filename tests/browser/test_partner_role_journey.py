"""The customer creates a Partner role and shares the token; the partner connects, switches
into the account; the customer disables the role and the partner loses it on the next click."""

import re

import pytest
from django.core.management import call_command

from iam.models import Account, User
from tests.browser.conftest import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_token_connect_switch_and_disable(new_page, page, settings):
    expect = pytest.importorskip("playwright.sync_api").expect
    call_command("seed_demo", force=True)
    account = Account.objects.create(pk=5550001, company_name="Echo Corp")
    owner = User.objects.create_user(
        kind=User.Kind.OWNER, email="echo@demo.test", account=account, password="echo-owner-pass-1"
    )

    # The customer creates the role and copies the token.
    log_in(page, owner.email, "echo-owner-pass-1")
    page.goto("/a/5550001/iam/users/")
    page.get_by_text("Add New").click()
    page.get_by_role("link", name="Partner Role").click()
    page.get_by_label("Partner Role Name").fill("MSP access")
    page.get_by_label("Select a Permission Profile").select_option(label="SysAdmin")
    expect(page.locator("#role-grants")).to_contain_text("able to manage users")
    cancel = page.get_by_role("link", name="Cancel").bounding_box()
    add = page.get_by_role("button", name="Add Role").bounding_box()
    assert abs(cancel["y"] - add["y"]) < 1 and abs(cancel["height"] - add["height"]) < 1
    page.get_by_role("button", name="Add Role").click()
    page.get_by_role("button", name="Copy").click()
    expect(page.get_by_role("button", name="Copied")).to_be_visible()
    token = page.get_by_label("Token").input_value()
    assert token.startswith("fcpr_")
    # A reload shows it no more and makes no new one: the token copied stays the one to use.
    page.reload()
    expect(page.get_by_text("The token was shown once")).to_be_visible()
    expect(page.get_by_label("Token")).to_have_count(0)

    # The partner connects with it.
    partner_page = new_page()
    log_in(partner_page, "partner@demo.test", settings.DEMO_PASSWORD)
    partner_page.get_by_label("Profile menu").click()
    partner_page.get_by_role("link", name="Partner Account").click()
    partner_page.get_by_role("link", name="Connected Accounts", exact=True).click()
    partner_page.get_by_role("link", name="Connect Account").click()
    partner_page.get_by_label("Token").fill(token)
    partner_page.get_by_role("button", name="Go").click()
    expect(partner_page.locator("main")).to_contain_text("Echo Corp")
    partner_page.get_by_label("Notification Email").fill("noc@aruba123.demo.test")
    partner_page.get_by_label(re.compile("I acknowledge")).check()
    partner_page.get_by_role("button", name="Accept").click()
    expect(partner_page.get_by_role("status")).to_contain_text("Connected to Echo Corp.")

    # ... and switches into the customer's account.
    partner_page.get_by_label("Profile menu").click()
    partner_page.get_by_role("link", name="Switch Accounts").click()
    dialog = partner_page.get_by_role("dialog", name="Switch Accounts")
    dialog.get_by_label("Search accounts").fill("Echo")
    dialog.get_by_role("link", name="Select Echo Corp (5550001)").click()
    dialog.get_by_role("button", name="Continue").click()
    expect(partner_page).to_have_url(re.compile(r"/a/5550001/$"))
    expect(partner_page.locator("main")).to_contain_text("Echo Corp")
    partner_page.goto("/a/5550001/assets/")
    expect(partner_page.get_by_role("heading", name="Product List")).to_be_visible()

    # The customer disables the role.
    page.goto("/a/5550001/iam/users/")
    expect(page.get_by_role("row").filter(has_text="MSP access")).to_contain_text("Active")
    page.get_by_role("link", name="Disable MSP access").click()
    page.get_by_role("dialog").get_by_role("button", name="Yes, I Want to Continue.").click()
    expect(page.get_by_role("status")).to_contain_text("was disabled")

    # The partner's next search (an htmx swap) shows why, whole; the account is gone.
    partner_page.get_by_label("Search by serial number or description").fill("forti")
    gone = partner_page.get_by_role("heading", name="This account is not available to you")
    expect(gone).to_be_visible()
    partner_page.get_by_role("link", name="Choose an account").click()
    partner_page.goto("/accounts/?tab=partner&q=Echo")
    expect(partner_page.locator("#account-table")).to_contain_text("No account matches")
    assert page.csp_violations == []
