"""Choose a Connected Account (after login) and Switch Accounts (profile menu)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from iam.models import PartnerRole, User
from tests.factories import AccountFactory, PartnerRoleFactory

pytestmark = pytest.mark.django_db

HTMX = {"HX-Request": "true"}


def rows(response):
    return [account.pk for account in response.context["chooser"].page]


def test_the_partner_sees_its_connected_accounts_only(world, client):
    PartnerRoleFactory(account=world.account_b, partner=world.partner, status="pending")
    client.force_login(world.partner_user)

    response = client.get("/accounts/?tab=partner")

    assert response.status_code == 200
    assert rows(response) == [world.account_a.pk]
    html = response.content.decode()
    assert "Partner Connected Accounts" in html
    assert "Visit as Partner" in html
    assert "ACCOUNT NAME" in html and "ACCOUNT ID" in html
    assert "Bravo Ltd" not in html


def test_search_by_name_or_account_id_and_paginate(world, client):
    client.force_login(world.partner_user)
    for n in range(30):
        PartnerRoleFactory(
            account=AccountFactory(company_name=f"Zulu {n:02d}"), partner=world.partner
        )
    page1 = client.get("/accounts/?tab=partner")
    assert len(rows(page1)) == 25
    assert page1.context["chooser"].page.paginator.count == 31
    page2 = client.get("/accounts/?tab=partner&page=2")
    assert len(rows(page2)) == 6

    by_name = client.get("/accounts/?tab=partner&q=alpha")
    assert rows(by_name) == [world.account_a.pk]
    by_id = client.get(f"/accounts/?tab=partner&q={world.account_a.pk}")
    assert rows(by_id) == [world.account_a.pk]
    nothing = client.get("/accounts/?tab=partner&q=bravo")
    assert rows(nothing) == []
    assert "No account matches" in nothing.content.decode()


def test_htmx_search_returns_only_the_table(world, client):
    client.force_login(world.partner_user)
    response = client.get(
        "/accounts/?tab=partner&q=alpha", headers={**HTMX, "HX-Target": "account-table"}
    )
    html = response.content.decode()
    assert html.lstrip().startswith('<div id="account-table">')
    assert "<html" not in html
    assert "Alpha Corp" in html


def chooser_queries(client, user):
    client.force_login(user)
    with CaptureQueriesContext(connection) as queries:
        assert client.get("/accounts/?tab=partner").status_code == 200
    return len(queries)


def test_the_chooser_query_count_does_not_grow_with_accounts(
    world, client, django_assert_max_num_queries
):
    few = chooser_queries(client, world.partner_user)
    for _ in range(60):
        PartnerRoleFactory(partner=world.partner)
    with django_assert_max_num_queries(few):
        assert client.get("/accounts/?tab=partner").status_code == 200
    with django_assert_max_num_queries(few):
        assert (
            client.get(
                "/accounts/switch/?tab=partner", headers={**HTMX, "HX-Target": "modal-body"}
            ).status_code
            == 200
        )


def test_select_enters_the_account_and_remembers_it(world, client, post):
    client.force_login(world.partner_user)
    response = post("/accounts/select/", {"to": f"a-{world.account_a.pk}"})
    assert response.status_code == 303
    assert response["Location"] == f"/a/{world.account_a.pk}/"
    world.partner_user.refresh_from_db()
    assert world.partner_user.last_context == f"a-{world.account_a.pk}"


def test_select_refuses_a_context_the_user_may_not_enter(world, client, post):
    client.force_login(world.partner_user)
    for key in [f"a-{world.account_b.pk}", "a-999999999", "nonsense"]:
        assert post("/accounts/select/", {"to": key}).status_code == 404
    client.force_login(world.owner_a)
    assert post("/accounts/select/", {"to": "partner"}).status_code == 404
    assert User.objects.get(pk=world.partner_user.pk).last_context == ""


def test_select_needs_post_and_csrf(world, client):
    client.force_login(world.partner_user)
    assert client.get(f"/accounts/select/?to=a-{world.account_a.pk}").status_code == 405
    assert client.post("/accounts/select/", {"to": "partner"}).status_code == 403


def test_switch_accounts_dialog_asks_for_confirmation(world, client, post):
    client.force_login(world.partner_user)
    dialog = client.get(
        "/accounts/switch/?tab=partner", headers={**HTMX, "HX-Target": "modal-body"}
    )
    html = dialog.content.decode()
    assert "<html" not in html
    assert "Switch Accounts" in html
    assert f"/accounts/switch/confirm/?to=a-{world.account_a.pk}" in html

    confirm = client.get(f"/accounts/switch/confirm/?to=a-{world.account_a.pk}", headers=HTMX)
    assert "Alpha Corp" in confirm.content.decode()
    assert "Continue" in confirm.content.decode()
    assert client.get(f"/accounts/switch/confirm/?to=a-{world.account_b.pk}").status_code == 404

    response = post("/accounts/select/", {"to": "partner"}, headers=HTMX)
    assert response["HX-Redirect"] == "/partner/"


def test_switch_accounts_works_as_plain_pages_without_javascript(world, client):
    client.force_login(world.partner_user)
    page = client.get("/accounts/switch/?tab=partner")
    assert "<html" in page.content.decode()
    confirm = client.get("/accounts/switch/confirm/?to=partner")
    assert "<html" in confirm.content.decode()
    assert 'name="to" value="partner"' in confirm.content.decode()


def test_the_last_context_is_offered_at_the_next_login(world, client, post):
    client.force_login(world.partner_user)
    post("/accounts/select/", {"to": f"a-{world.account_a.pk}"})
    post("/logout/")
    client.force_login(world.partner_user)

    chooser = client.get("/accounts/")
    assert "Continue to Alpha Corp" in chooser.content.decode()
    assert client.get("/")["Location"] == f"/a/{world.account_a.pk}/"

    # A context that is no longer allowed is forgotten, not offered.
    PartnerRole.objects.filter(pk=world.role_a.pk).update(status="disabled")
    assert "Continue to" not in client.get("/accounts/").content.decode()
    # With no account and no connection left, the partner lands on FortiCare (seed 000).
    assert client.get("/")["Location"] == "/partner/forticare/"


def test_people_with_one_account_see_it_under_my_accounts(world, client):
    client.force_login(world.owner_a)
    response = client.get("/accounts/switch/")
    assert rows(response) == [world.account_a.pk]
    assert "Partner Connected Accounts" not in response.content.decode()


def test_history_restore_gets_the_whole_page_and_caches_vary_on_htmx(world, client):
    client.force_login(world.partner_user)
    headers = {**HTMX, "HX-History-Restore-Request": "true"}
    response = client.get("/accounts/?tab=partner&q=alpha", headers=headers)
    assert "<html" in response.content.decode()
    assert "HX-Request" in response["Vary"]
