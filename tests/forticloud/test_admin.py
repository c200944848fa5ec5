import pytest

from tests.factories import OwnerFactory, StaffFactory

pytestmark = pytest.mark.django_db

CHANGELISTS = [
    "/admin/iam/account/?q=alpha&status__exact=active&kind__exact=non_ou",
    "/admin/iam/user/?q=owner&kind__exact=owner&is_active__exact=1",
    "/admin/iam/partnerrole/?q=alpha&status__exact=active",
    "/admin/partners/partner/?q=reseller&status__exact=active",
]


@pytest.mark.parametrize("url", CHANGELISTS)
def test_staff_search_and_filter_every_model(world, client, url):
    client.force_login(StaffFactory())
    response = client.get(url)
    assert response.status_code == 200
    assert response.context["cl"].result_count >= 1


def test_staff_add_users_with_validated_unique_emails(world, client, post):
    client.force_login(StaffFactory())
    data = {
        "kind": "owner",
        "email": world.owner_a.email.upper(),
        "account": world.account_b.pk,
        "usable_password": "true",
        "password1": "a-long-enough-password",
        "password2": "a-long-enough-password",
    }
    response = post("/admin/iam/user/add/", data)
    assert response.status_code == 200
    assert "A user with this email already exists." in response.text


def test_customers_and_partners_never_reach_django_admin(world, client):
    for user in (world.owner_a, world.partner_user, OwnerFactory()):
        client.force_login(user)
        response = client.get("/admin/iam/account/")
        assert response.status_code == 302
        assert response["Location"].startswith("/admin/login/")


def test_staff_disabling_a_user_ends_its_sessions_for_good(world, client, post):
    from django.test import Client

    victim = Client()
    victim.force_login(world.owner_a)
    assert victim.get(f"/a/{world.account_a.pk}/").status_code == 200
    client.force_login(StaffFactory())
    change = f"/admin/iam/user/{world.owner_a.pk}/change/"
    form = client.get(change).context["adminform"].form
    data = {name: form[name].value() for name in form.fields if form[name].value() is not None}
    data = {k: v for k, v in data.items() if k not in ("groups", "user_permissions")}
    assert post(change, data | {"is_active": ""}).status_code == 302
    assert post(change, data | {"is_active": "on"}).status_code == 302
    assert victim.get(f"/a/{world.account_a.pk}/").status_code == 302
