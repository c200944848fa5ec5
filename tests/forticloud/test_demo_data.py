import pytest
from django.core.management import CommandError, call_command

from forticloud.devdata.demo import CONNECTED_IDS, CUSTOMER_IDS
from iam import access
from iam.models import Account, PartnerRole, User
from iam.partner_reach import connected_accounts
from partners.models import Partner

pytestmark = pytest.mark.django_db


def counts():
    return [m.objects.count() for m in (Account, User, Partner, PartnerRole)]


def test_seed_demo_is_idempotent_and_connects_six_of_eight(settings, client):
    call_command("seed_demo", force=True)
    first = counts()
    call_command("seed_demo", force=True)
    assert counts() == first

    partner = Partner.objects.get(company_name="Aruba 123 Internet Security")
    assert partner.account_id == 1192709
    connected = PartnerRole.objects.filter(partner=partner, status="active")
    # and the organization's root, through a role of the Organization type over EMEA
    assert sorted(connected.values_list("account_id", flat=True)) == sorted(
        [*CONNECTED_IDS, 600000]
    )
    reached = connected_accounts(partner.pk).values_list("pk", flat=True)
    assert 600102 in reached and 600101 not in reached  # France is in EMEA, West is not
    assert set(CUSTOMER_IDS) - set(CONNECTED_IDS) == {754423, 899765}
    for account_id in CUSTOMER_IDS:
        assert Account.objects.get(pk=account_id).company_name == f"Company {account_id}"
    pending = PartnerRole.objects.get(account_id=754423)
    assert (pending.status, pending.partner, pending.token_valid) == ("pending", None, True)
    disabled = PartnerRole.objects.get(account_id=899765)
    assert (disabled.status, disabled.partner) == ("disabled", partner)
    profiles = set(connected.values_list("permission_profile__name", flat=True))
    assert {"SysAdmin", "Full Access", "Partner Tickets", "Assets Only"} <= profiles


def test_the_printed_token_connects_the_pending_customer(settings, client, post):
    from io import StringIO

    out = StringIO()
    call_command("seed_demo", force=True, stdout=out)
    token = out.getvalue().split("Company 754423")[1].split()[0]
    client.force_login(User.objects.get(email="partner2@demo.test"))
    data = {"step": "accept", "token": token, "notification_email": "a@b.test", "acknowledge": "on"}
    assert post("/partner/account/connected-accounts/connect/", data).status_code == 303
    assert PartnerRole.objects.get(account_id=754423).status == "active"


def test_demo_logins_work_with_the_demo_password(settings, client, post):
    call_command("seed_demo", force=True)
    password = settings.DEMO_PASSWORD
    for email in ["owner@demo.test", "partner@demo.test", "partner2@demo.test"]:
        response = post("/login/", {"email": email, "password": password})
        assert response.status_code == 303, email
        post("/logout/")
    data = {"account": "company-1274099", "username": "iam-user", "password": password}
    assert post("/login/iam/", data)["Location"] == "/a/1274099/"


def test_seed_demo_refuses_to_run_in_production(settings):
    settings.DEBUG = False
    with pytest.raises(CommandError):
        call_command("seed_demo")


def test_iam_and_partners_agree_on_what_an_active_partner_is():
    assert access.ACTIVE_PARTNER == Partner.Status.ACTIVE


def test_the_demo_organization_and_its_ou_admin(settings, client, post):
    call_command("seed_demo", force=True)
    call_command("seed_demo", force=True)  # idempotent: one tree, one membership each
    root = Account.objects.get(pk=600000)
    assert root.kind == Account.Kind.ROOT
    tree = root.organization.units.values_list("path", flat=True)
    assert len(tree) == 5 and max(path.count("/") - 1 for path in tree) == 3
    assert {a.kind for a in Account.objects.filter(pk__in=[600101, 600102])} == {"member"}
    data = {"account": "600000", "username": "ou-admin", "password": settings.DEMO_PASSWORD}
    assert post("/login/iam/", data)["Location"] == "/a/600000/"
    tab = client.get("/accounts/switch/?tab=organization").text
    assert "Company 600102" in tab and "Company 600101" not in tab
    assert "<td>" in client.get("/a/600102/assets/").text  # France's units
    assert client.get("/a/600101/").status_code == 404


def test_the_demo_api_users_work_as_the_readme_shows(settings, client):
    call_command("seed_demo", force=True)
    call_command("seed_demo", force=True)  # the same client IDs and secrets again
    secret = f"{settings.DEMO_PASSWORD}-api"
    for client_id, url, key in [
        ("demo-automation", "/api/v1/assets/units/?coverage=expiring30&sort=days", "account_id"),
        ("demo-partner-automation", "/api/v1/partner/connected-accounts/", "account_id"),
    ]:
        answer = client.post(
            "/oauth/token/",
            {"grant_type": "client_credentials", "client_id": client_id, "client_secret": secret},
        )
        assert answer.status_code == 200, answer.content
        headers = {"HTTP_AUTHORIZATION": f"Bearer {answer.json()['access_token']}"}
        rows = client.get(url, **headers).json()["results"]
        assert rows and all(row[key] for row in rows)
    stored = User.objects.get(username="automation").oauth2_provider_application.get()
    assert stored.client_secret != secret  # only its hash


def test_a_demo_login_changed_in_my_account_is_reset_by_the_next_seed(settings):
    from iam.services.email_change import email_change_confirm, email_change_request

    call_command("seed_demo", force=True)
    owner = User.objects.get(email="owner@demo.test")
    tokens = []
    email_change_request(user=owner, new_email="olivia@example.test", link=tokens.append, ip=None)
    email_change_confirm(user=owner, token=tokens[0], ip=None)
    first = counts()

    call_command("seed_demo", force=True)  # no second owner of the account
    assert counts() == first
    owner.refresh_from_db()
    assert owner.email == "owner@demo.test"
