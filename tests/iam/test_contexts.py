"""Who may enter which context. Anything not theirs is a 404, the same as a missing page."""

import re

import pytest

from iam.access import access_for_account, access_for_context
from iam.models import Account, PartnerRole, User
from iam.permissions import Level, Portal
from partners.models import Partner
from tests.factories import (
    AccountFactory,
    PartnerRoleFactory,
    PartnerUserFactory,
    ProfileFactory,
)

pytestmark = pytest.mark.django_db


def get_as(client, user, url):
    client.force_login(user)
    return client.get(url)


def test_anonymous_visitors_are_sent_to_the_login_page(world, client):
    response = client.get(f"/a/{world.account_a.pk}/")
    assert response.status_code == 302
    assert response["Location"] == f"/login/?next=/a/{world.account_a.pk}/"
    assert client.get("/partner/")["Location"] == "/login/?next=/partner/"


def test_the_owner_enters_their_account_and_nothing_else(world, client):
    assert get_as(client, world.owner_a, f"/a/{world.account_a.pk}/").status_code == 200
    assert client.get(f"/a/{world.account_b.pk}/").status_code == 404
    assert client.get("/a/999999999/").status_code == 404
    assert client.get("/partner/").status_code == 404


def test_a_forged_account_id_is_a_404_like_a_missing_one(world, client):
    client.force_login(world.stranger)
    forged = client.get(f"/a/{world.account_a.pk}/")
    missing = client.get("/a/999999999/")
    assert forged.status_code == missing.status_code == 404

    def without_nonces(response):  # allowed to differ: the per-response nonce and CSRF mask
        pattern = r"(nonce=\"|X-CSRFToken\": \"|name=\"csrfmiddlewaretoken\" value=\")[^\"]+"
        return re.sub(pattern, "", response.content.decode())

    assert without_nonces(forged) == without_nonces(missing)
    page = forged.content.decode()
    assert "This account is not available to you" in page
    assert 'href="/accounts/"' in page and "Switch Accounts" in page


def test_access_lost_mid_work_explains_itself_and_htmx_goes_there(world, client, post):
    client.force_login(world.partner_user)
    url = f"/a/{world.account_a.pk}/assets/"
    assert client.get(url).status_code == 200
    PartnerRole.objects.filter(pk=world.role_a.pk).update(status=PartnerRole.Status.DISABLED)
    lost = client.get(url)
    assert lost.status_code == 404
    assert "This account is not available to you" in lost.content.decode()
    swap = client.get(url + "?q=x", headers={"HX-Request": "true"})
    assert swap["HX-Redirect"] == url + "?q=x"  # the browser loads the page whole
    current = f"http://testserver{url}?sort=serial"
    action = post(
        url + "units/1/decommission/",
        headers={"HX-Request": "true", "HX-Current-URL": current},
    )
    assert action["HX-Redirect"] == url + "?sort=serial"
    elsewhere = "https://evil.test/phish"
    action = post(
        url + "my-assets/move/", headers={"HX-Request": "true", "HX-Current-URL": elsewhere}
    )
    assert action["HX-Redirect"] == "/phish"  # a path of this site only
    for malformed in ("http://[", "\x7f", "javascript:alert(1)"):
        action = post(
            url + "my-assets/move/", headers={"HX-Request": "true", "HX-Current-URL": malformed}
        )
        assert action["HX-Redirect"] == url + "my-assets/move/"  # its own path, never a 500


def test_an_iam_user_stays_in_their_account(world, client):
    response = get_as(client, world.iam_a, f"/a/{world.account_a.pk}/")
    assert response.status_code == 200
    assert client.get(f"/a/{world.account_b.pk}/").status_code == 404
    assert client.get("/partner/").status_code == 404


def test_the_partner_enters_connected_customers_only(world, client):
    response = get_as(client, world.partner_user, f"/a/{world.account_a.pk}/")
    assert response.status_code == 200
    assert "Alpha Corp" in response.content.decode()
    assert "Reseller access" in response.content.decode()
    assert client.get(f"/a/{world.account_b.pk}/").status_code == 404
    assert client.get(f"/a/{world.stranger.account_id}/").status_code == 404
    assert client.get("/partner/").status_code == 200


@pytest.mark.parametrize("status", [PartnerRole.Status.PENDING, PartnerRole.Status.DISABLED])
def test_a_role_that_is_not_active_gives_no_entry(world, client, status):
    PartnerRole.objects.filter(pk=world.role_a.pk).update(status=status)
    assert get_as(client, world.partner_user, f"/a/{world.account_a.pk}/").status_code == 404


def test_another_partners_role_gives_no_entry(world, client):
    other = PartnerUserFactory()
    PartnerRoleFactory(account=world.account_b, partner=other.partner)
    assert get_as(client, world.partner_user, f"/a/{world.account_b.pk}/").status_code == 404
    assert get_as(client, other, f"/a/{world.account_a.pk}/").status_code == 404


@pytest.mark.parametrize("status", [Partner.Status.INACTIVE, Partner.Status.TERMINATED])
def test_an_inactive_partner_loses_its_customers_and_its_partner_view(world, client, status):
    Partner.objects.filter(pk=world.partner.pk).update(status=status)
    assert get_as(client, world.partner_user, f"/a/{world.account_a.pk}/").status_code == 404
    assert client.get("/partner/").status_code == 404


def test_losing_access_takes_effect_on_the_next_request(world, client):
    url = f"/a/{world.account_a.pk}/"
    assert get_as(client, world.partner_user, url).status_code == 200
    PartnerRole.objects.filter(pk=world.role_a.pk).update(status=PartnerRole.Status.DISABLED)
    assert client.get(url).status_code == 404


def test_a_suspended_account_cannot_be_entered(world):
    Account.objects.filter(pk=world.account_a.pk).update(status=Account.Status.SUSPENDED)
    assert access_for_account(world.partner_user, world.account_a.pk) is None


def test_partner_users_enter_their_partners_own_account(world, client):
    own = AccountFactory(company_name="Reseller One HQ")
    Partner.objects.filter(pk=world.partner.pk).update(account=own)
    world.partner_user.refresh_from_db()
    response = get_as(client, world.partner_user, f"/a/{own.pk}/")
    assert response.status_code == 200
    assert "in the Partner&#x27;s own account" in response.content.decode()


def test_portal_pages_follow_the_grants(world, client):
    a = world.account_a.pk
    client.force_login(world.owner_a)
    for portal in ("assets", "forticare", "iam"):
        assert client.get(f"/a/{a}/{portal}/", follow=True).status_code == 200
    client.force_login(world.iam_a)  # no permission profile yet: nothing granted
    for portal in ("assets", "forticare", "iam"):
        assert client.get(f"/a/{a}/{portal}/").status_code == 404
    client.force_login(world.owner_b)
    assert client.get(f"/a/{a}/assets/").status_code == 404


def test_context_keys_are_parsed_strictly(world):
    user = world.owner_a
    assert access_for_context(user, f"a-{world.account_a.pk}") is not None
    for key in ["", "a-", "a-x", f"b-{world.account_a.pk}", "a-" + "9" * 40, "partner"]:
        assert access_for_context(user, key) is None


def test_grants_per_kind(world):
    owner = access_for_account(world.owner_a, world.account_a.pk)
    assert owner.can(Portal.IAM, Level.ADMIN)
    iam = access_for_account(world.iam_a, world.account_a.pk)
    assert not iam.can(Portal.ASSET_MANAGEMENT, Level.READ_ONLY)
    partner = access_for_account(world.partner_user, world.account_a.pk)
    assert partner.can(Portal.FORTICARE, Level.ADMIN)
    assert not partner.can(Portal.ORGANIZATION, Level.READ_ONLY)
    assert partner.role == world.role_a


def test_an_api_user_has_its_grant_in_its_own_account_only(world, db):
    """What its token gets (iam.api): its profile in its own account, nothing elsewhere. It
    never signs in to the portal (tests/iam/test_api_users.py)."""
    api = User.objects.create_user(kind=User.Kind.API, account=world.account_a, username="api")
    assert access_for_account(api, world.account_a.pk).grants == {}  # no profile: nothing
    api.permission_profile = ProfileFactory(account=world.account_a, asset_management=1)
    assert access_for_account(api, world.account_a.pk).grants == {Portal.ASSET_MANAGEMENT: 1}
    assert access_for_account(api, world.account_b.pk) is None
    assert access_for_context(api, "partner") is None
