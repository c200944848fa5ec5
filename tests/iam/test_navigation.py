"""The Services menu, the profile menu, the Dashboard and where people land after login."""

import html
import re

import pytest

from iam.models import PartnerRole
from partners.models import Partner
from tests.factories import PASSWORD, AccountFactory, PartnerUserFactory

pytestmark = pytest.mark.django_db


def services(response):
    match = re.search(
        r'<details class="menu" id="services-menu">(.*?)</details>', response.text, re.S
    )
    if not match:
        return None
    return [html.unescape(label) for label in re.findall(r"<a [^>]*>([^<]+)</a>", match.group(1))]


def profile_menu(response):
    match = re.search(r'id="profile-menu">(.*?)</details>', response.text, re.S)
    return match.group(1)


def test_the_owner_has_every_portal_of_the_account(world, client):
    client.force_login(world.owner_a)
    response = client.get(f"/a/{world.account_a.pk}/")
    assert services(response) == [
        "Asset Management",
        "FortiCare",
        "Identity & Access Management",
        "Organization",
    ]
    menu = profile_menu(response)
    assert "Switch Accounts" in menu and "Log out" in menu
    assert "Partner Account" not in menu


def test_the_services_menu_lists_only_granted_portals(world, client):
    client.force_login(world.iam_a)  # no permission profile yet
    response = client.get(f"/a/{world.account_a.pk}/")
    assert services(response) is None
    assert "No portal is granted to you" in response.text


def test_the_dashboard_says_who_acts_where_with_which_portals(world, client):
    client.force_login(world.partner_user)
    response = client.get(f"/a/{world.account_a.pk}/")
    text = response.text
    assert "Dashboard" in text
    assert f'through the Partner role "{world.role_a.name}"' in text.replace("&quot;", '"')
    assert "Alpha Corp" in text and str(world.account_a.pk) in text
    assert "Asset Management" in text and "Admin" in text


def test_a_partner_with_its_own_account_has_the_partner_account_entry(world, client):
    Partner.objects.filter(pk=world.partner.pk).update(account=AccountFactory())
    client.force_login(world.partner_user)
    response = client.get("/partner/")
    assert services(response) == ["Asset Management", "FortiCare"]
    assert "Partner Account" in profile_menu(response)
    page = client.get("/partner/account/")
    assert page.status_code == 200
    assert "Reseller One" in page.text and "Connected Accounts" in page.text


def test_a_partner_without_forticloud_account_but_with_customers(world, client):
    client.force_login(world.partner_user)
    response = client.get("/partner/")
    assert services(response) == ["Asset Management", "FortiCare"]
    assert "Partner Account" not in profile_menu(response)
    assert client.get("/partner/account/").status_code == 404


def test_a_partner_with_neither_lands_on_forticare_without_services_menu(db, client, post):
    lonely = PartnerUserFactory()
    response = post("/login/", {"email": lonely.email, "password": PASSWORD})
    assert response["Location"] == "/partner/forticare/"
    page = client.get("/partner/forticare/")
    assert page.status_code == 200
    assert services(page) is None
    assert "Customer Support Bulletin" in page.text
    assert "Partner Account" not in profile_menu(page)


def test_the_partner_lands_on_the_chooser(world, client, post):
    response = post("/login/", {"email": world.partner_user.email, "password": PASSWORD})
    assert response["Location"] == "/accounts/"
    page = client.get("/accounts/?tab=partner")
    assert "Welcome Back!" in page.text and "Reseller One" in page.text


def test_a_partner_whose_partner_left_the_program_keeps_its_own_account(world, client, post):
    own = AccountFactory()
    Partner.objects.filter(pk=world.partner.pk).update(account=own, status="terminated")
    response = post("/login/", {"email": world.partner_user.email, "password": PASSWORD})
    assert response["Location"] == f"/a/{own.pk}/"
    assert client.get(f"/a/{world.account_a.pk}/").status_code == 404


def test_only_the_chosen_context_is_shown_in_the_top_bar(world, client):
    PartnerRole.objects.create(
        account=world.account_b, partner=world.partner, name="B", status="active"
    )
    client.force_login(world.partner_user)
    page = client.get(f"/a/{world.account_b.pk}/")
    assert 'class="context-badge"' in page.text
    assert "Bravo Ltd" in page.text and "Alpha Corp" not in page.text


def test_switch_accounts_opens_on_the_tab_of_the_current_context(world, client):
    client.force_login(world.partner_user)
    in_customer = profile_menu(client.get(f"/a/{world.account_a.pk}/"))
    assert 'href="/accounts/switch/?tab=partner"' in in_customer
    client.force_login(world.owner_a)
    assert 'href="/accounts/switch/"' in profile_menu(client.get(f"/a/{world.account_a.pk}/"))


def test_the_dashboard_tiles_open_each_granted_portal_and_no_portal_we_lack(world, client):
    client.force_login(world.owner_a)
    text = client.get(f"/a/{world.account_a.pk}/").text
    tiles = re.findall(r'<li class="tile( tile-off)?">\s*(.*?)</li>', text, re.S)
    linked = {
        re.search(r">([^<]+)</a>", body).group(1): re.search(r'href="([^"]+)"', body).group(1)
        for off, body in tiles
        if not off
    }
    assert linked == {
        "Asset Management": f"/a/{world.account_a.pk}/assets/",
        "FortiCare": f"/a/{world.account_a.pk}/forticare/",
        "Identity &amp; Access Management": f"/a/{world.account_a.pk}/iam/",
        "Organization": f"/a/{world.account_a.pk}/organization/",
    }
    unusable = [body for off, body in tiles if off]
    assert unusable and all("href" not in body for body in unusable)
    assert all("Not available in this portal" in body for body in unusable)
