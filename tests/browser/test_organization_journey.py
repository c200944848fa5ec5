"""An owner creates an organization and an OU and invites another account; that account's
owner joins with the token in their own browser; the member shows in the root's OU."""

import re

import pytest
from django.core.management import call_command

from tests.browser.conftest import log_in

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
