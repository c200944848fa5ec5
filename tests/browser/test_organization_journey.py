"""An owner creates an organization and an OU and invites another account; that account's
owner joins with the token in their own browser; the member shows in the root's OU. An OU
admin appointed to that OU sees the member's units in the organization view, and loses them
when the member moves to another OU."""

import re

import pytest
from django.core.management import call_command

from assets.models import Asset
from tests.browser.conftest import log_in

ROOT = "/a/899765"
PASSWORD = "an-ou-admin-password"

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_create_an_organization_invite_an_account_and_it_joins(new_page, settings):
    call_command("seed_demo", force=True)
    expect = pytest.importorskip("playwright.sync_api").expect
    root = new_page()
    log_in(root, "owner-899765@demo.test", settings.DEMO_PASSWORD)
    root.goto("/a/899765/organization/")
    expect(root.locator("main")).to_contain_text("IAM mode")
    root.get_by_role("link", name="Create Organization").click()
    root.get_by_label("Organization Name").fill("Demo Group")
    root.get_by_role("button", name="Create Organization").click()
    expect(root.locator("main")).to_contain_text("Advanced")

    root.get_by_role("link", name="Add OU").click()
    root.get_by_label("OU Name").fill("EMEA")
    root.get_by_role("button", name="Add OU").click()
    expect(root.locator(".ou-tree")).to_contain_text("EMEA")

    root.get_by_role("link", name="Invite Account").click()
    root.get_by_label("Account ID").fill("754423")
    root.get_by_label("OU", exact=True).select_option(label="EMEA")
    root.get_by_role("button", name="Invite").click()
    token = root.get_by_label("Token").input_value()
    assert token.startswith("fcou_")

    member = new_page()
    log_in(member, "owner-754423@demo.test", settings.DEMO_PASSWORD)
    member.goto("/a/754423/organization/")
    member.get_by_role("link", name="Join an Organization").click()
    member.get_by_label("Invitation token").fill(token)
    member.get_by_label(re.compile("I understand")).check()
    member.get_by_role("button", name="Join").click()
    expect(member.locator("main")).to_contain_text("Member of")
    expect(member.locator("main")).to_contain_text("Demo Group, OU EMEA")

    root.goto("/a/899765/organization/")
    members = root.get_by_role("table")
    expect(members).to_contain_text("754423")
    expect(members).to_contain_text("EMEA")

    ou_admin = appoint_ou_admin(root, new_page, expect)
    units = Asset.objects.filter(account_id=754423).order_by("-registered_on", "-id")
    serial = units.values_list("serial_number", flat=True)[0]  # the list's first row
    product_list = ou_admin.get_by_role("table")
    expect(product_list).to_contain_text(serial)
    expect(product_list).to_contain_text("Company 754423")

    root.goto("/a/899765/organization/")
    root.get_by_role("link", name="Move Company 754423", exact=True).click()
    root.get_by_label("Move to OU").select_option(label="APAC")
    root.get_by_role("button", name="Move").click()
    ou_admin.reload()
    expect(ou_admin.get_by_role("table")).not_to_contain_text(serial)


def appoint_ou_admin(root, new_page, expect):
    """The root owner adds an APAC OU, an Organization-type profile and an IAM user with it
    over EMEA; that user logs in and opens the organization view's Product List."""
    root.get_by_role("link", name="Add OU").click()
    root.get_by_label("OU Name").fill("APAC")
    root.get_by_role("button", name="Add OU").click()
    root.goto(f"{ROOT}/iam/profiles/new/")
    root.get_by_label("Profile Name").fill("OU Admins")
    root.get_by_label("Organization", exact=True).check()
    root.get_by_label("Asset Management: Read Only").check()
    root.get_by_role("button", name="Create").click()
    root.goto(f"{ROOT}/iam/users/new/iam-user/")
    root.get_by_label("Username").fill("emea-admin")
    root.get_by_label(re.compile(r"^Password \*?$")).fill(PASSWORD)
    root.get_by_label("Confirm Password").fill(PASSWORD)
    root.get_by_label("Permission Profile").select_option(label="OU Admins")
    root.get_by_label("OU Scope").select_option(label="EMEA")
    root.get_by_role("button", name="Add User").click()
    expect(root.locator("main")).to_contain_text("emea-admin")

    ou_admin = new_page()
    ou_admin.goto("/login/iam/")
    ou_admin.get_by_label("Account ID/Alias").fill("899765")
    ou_admin.get_by_label("Username").fill("emea-admin")
    ou_admin.get_by_label("Password").fill(PASSWORD)
    ou_admin.get_by_role("button", name="Log In").click()
    ou_admin.goto("/accounts/switch/?tab=organization")
    ou_admin.get_by_role("link", name="Organization view").click()
    ou_admin.get_by_role("button", name="Continue").click()
    expect(ou_admin.locator("main")).to_contain_text("organization view of Demo Group")
    ou_admin.get_by_role("link", name="Asset Management").first.click()
    return ou_admin


def test_a_new_member_account_and_its_owner_sets_a_password(new_page, settings):
    call_command("seed_demo", force=True)
    expect = pytest.importorskip("playwright.sync_api").expect
    root = new_page()
    log_in(root, "owner-600000@demo.test", settings.DEMO_PASSWORD)
    root.goto("/a/600000/organization/")
    root.get_by_role("link", name="Create Member Account").click()
    root.get_by_label("Company Name").fill("Browser Co")
    root.get_by_label("Owner Email").fill("owner@browser-co.test")
    root.get_by_label("OU", exact=True).select_option(label="— France")
    root.get_by_role("button", name="Create").click()
    link = root.get_by_label("Link").input_value()

    owner = new_page()
    owner.goto(link)
    expect(owner.get_by_role("heading", name="Set Your Password")).to_be_visible()
    owner.get_by_label(re.compile(r"^New password \*?$")).fill("a-long-and-new-password")
    owner.get_by_label("New password confirmation").fill("a-long-and-new-password")
    owner.get_by_role("button", name="Set Password").click()
    expect(owner.get_by_role("heading", name="Password Set")).to_be_visible()
    log_in(owner, "owner@browser-co.test", "a-long-and-new-password")
    expect(owner.get_by_role("heading", name="Dashboard")).to_be_visible()
    expect(owner.locator("main")).to_contain_text("Browser Co")
