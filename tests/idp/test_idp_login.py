"""Log in with your organization (seeds 001, 003), through a real OpenID provider on loopback:
one matching role goes straight in, two ask on the jump page, none is refused with nothing
made; the role's profile and scope are the access, and the account is the provider's only."""

import pytest
from django.test import Client

from iam.models import AuditEvent, User

from .conftest import log_in_through, person

pytestmark = pytest.mark.django_db


def test_one_role_goes_straight_to_the_account_with_that_role(world, client, idp, provider_url):
    person(provider_url, "alice", name="Alice Doe", groups=["eng", "unrelated"])
    answer = log_in_through(client, world.account_a.pk, "alice")
    assert answer.status_code == 303
    assert answer["Location"] == f"/a/{world.account_a.pk}/"
    dashboard = client.get(answer["Location"])
    assert "External IdP role Engineers" in dashboard.text
    alice = User.objects.get(kind=User.Kind.EXTERNAL, username="alice")
    assert (alice.account, alice.idp_role, alice.idp_claims) == (
        world.account_a,
        idp.engineers,
        ["eng", "unrelated"],
    )
    assert not alice.has_usable_password()
    assert client.get(f"/a/{world.account_a.pk}/assets/").status_code == 200
    assert client.get(f"/a/{world.account_a.pk}/forticare/").status_code == 404  # not its role's
    assert client.get(f"/a/{world.account_b.pk}/").status_code == 404
    assert AuditEvent.objects.filter(action="idp_user.login", account=world.account_a).exists()


def test_two_roles_ask_on_the_jump_page_before_any_portal(world, client, idp, provider_url, post):
    person(provider_url, "bob", groups=["eng", "support"])
    answer = log_in_through(client, world.account_a.alias or world.account_a.pk, "bob")
    assert answer["Location"] == "/login/idp/roles/"
    assert client.get(f"/a/{world.account_a.pk}/assets/").status_code == 404
    jump = client.get("/login/idp/roles/").text
    assert "Continue as Engineers" in jump and "Continue as Support" in jump
    assert "Asset Management: Read Only" in jump and "FortiCare: Read/Write" in jump
    chosen = post("/login/idp/roles/", {"role": idp.support.pk})
    assert chosen["Location"] == f"/a/{world.account_a.pk}/"
    assert client.get(f"/a/{world.account_a.pk}/forticare/").status_code == 200
    assert client.get(f"/a/{world.account_a.pk}/assets/").status_code == 404
    # Switch Role: back to the jump page, the other role.
    post("/login/idp/roles/", {"role": idp.engineers.pk})
    assert client.get(f"/a/{world.account_a.pk}/assets/").status_code == 200


def test_no_matching_role_is_refused_and_nothing_is_made(world, client, idp, provider_url):
    person(provider_url, "carol", groups=["marketing"])
    answer = log_in_through(client, world.account_a.pk, "carol")
    assert answer.status_code == 403
    assert "no role of this account matches your groups" in answer.text
    assert not User.objects.filter(kind=User.Kind.EXTERNAL).exists()
    assert client.get(f"/a/{world.account_a.pk}/").status_code == 302  # not logged in
    assert AuditEvent.objects.filter(action="idp_user.login_refused").exists()


def test_disabling_the_role_or_the_provider_ends_the_session(world, client, idp, provider_url):
    person(provider_url, "dave", groups=["eng"])
    log_in_through(client, world.account_a.pk, "dave")
    assert client.get(f"/a/{world.account_a.pk}/assets/").status_code == 200
    idp.engineers.status = "disabled"
    idp.engineers.save()
    assert client.get(f"/a/{world.account_a.pk}/assets/").status_code == 404
    idp.engineers.status = "active"
    idp.engineers.save()
    assert client.get(f"/a/{world.account_a.pk}/assets/").status_code == 200
    idp.enabled = False
    idp.save()
    assert client.get(f"/a/{world.account_a.pk}/assets/").status_code == 404


def test_an_email_outside_the_allowed_domains_is_refused(world, client, idp, provider_url):
    idp.allowed_domains = "alpha.example, @beta.example"
    idp.save()
    person(provider_url, "frank", email="frank@elsewhere.example", groups=["eng"])
    refused = log_in_through(client, world.account_a.pk, "frank")
    assert refused.status_code == 403 and "not in a domain this account allows" in refused.text
    assert not User.objects.filter(kind=User.Kind.EXTERNAL).exists()
    person(provider_url, "grace", email="grace@beta.example", groups=["eng"])
    assert log_in_through(client, world.account_a.pk, "grace").status_code == 303


def test_the_login_page_leads_to_the_account_s_custom_page(world, client, idp, post):
    start = client.get("/login/idp/")
    assert "Account ID/Alias" in start.text
    answer = post("/login/idp/", {"account": str(world.account_a.pk)})
    assert f'href="/login/idp/{world.account_a.pk}/"' in answer.text
    assert client.get(f"/login/idp/{world.account_b.pk}/").status_code == 404  # no provider
    assert client.get("/login/idp/no-such-alias/").status_code == 404


def test_a_malformed_account_gets_a_clear_message(client, post):
    answer = post("/login/idp/", {"account": "../../etc/passwd"})
    assert answer.status_code == 200
    assert "Enter an Account ID (digits) or an account alias." in answer.text


def test_a_second_browser_leaves_the_first_signed_in(world, client, idp, provider_url):
    person(provider_url, "ivy", groups=["eng"])
    log_in_through(client, world.account_a.pk, "ivy")
    other = Client()
    log_in_through(other, world.account_a.pk, "ivy")
    assert client.get(f"/a/{world.account_a.pk}/assets/").status_code == 200
    assert other.get(f"/a/{world.account_a.pk}/assets/").status_code == 200
