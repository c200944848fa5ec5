"""IAM through the REST API: the Users page's principals, as the page lists them (filters,
sort, pages), for an API user whose profile has IAM; without it, 404."""

import pytest
from django.test import Client

from iam.models import AuditEvent, User, UserGroup
from iam.permissions import Level
from tests.factories import IamUserFactory, ProfileFactory

from .helpers import api_user, bearer

pytestmark = pytest.mark.django_db

USERS = "/api/v1/iam/users/"
NEW_PASSWORD = "Robot-Horse-Battery-42"


def test_the_users_page_s_principals_page_by_page(world, client):
    profile = ProfileFactory(account=world.account_a, iam=Level.READ_ONLY)
    reader, secret = api_user(world.account_a, world.owner_a, "reader", permission_profile=profile)
    headers = bearer(client, reader, secret)
    for number in range(30):
        IamUserFactory(account=world.account_a, username=f"user-{number:02d}")
    IamUserFactory(account=world.account_b, username="elsewhere")
    first = client.get(USERS + "?sort=name", **headers).json()
    assert len(first["results"]) == 25 and "page=2" in first["next"]
    second = client.get(first["next"], **headers).json()
    names = [row["name"] for row in first["results"] + second["results"]]
    assert "elsewhere" not in names and second["next"] is None
    assert {"reader", "user-00", "user-29", world.iam_a.username} <= set(names)
    roles = client.get(USERS + "?type=partner_role", **headers).json()["results"]
    assert [(row["kind"], row["partner"]) for row in roles] == [("partner_role", "Reseller One")]
    api = client.get(USERS + "?type=api", **headers).json()["results"]
    assert [row["type"] for row in api] == ["API User"]


def test_without_iam_the_users_are_404(world, client):
    user, secret = api_user(world.account_a, world.owner_a)  # Asset Management, FortiCare
    assert client.get(USERS, **bearer(client, user, secret)).status_code == 404


def _admin(world, client, **profile_fields):
    profile = ProfileFactory(
        account=world.account_a,
        iam=Level.READ_WRITE,
        asset_management=Level.READ_ONLY,
        **profile_fields,
    )
    user, secret = api_user(world.account_a, world.owner_a, "iam-admin", permission_profile=profile)
    return user, bearer(client, user, secret)


def _post(client, url, data, headers):
    return client.post(url, data, content_type="application/json", **headers)


def test_groups_and_profiles_read_as_their_pages_list_them(world, client):
    profile = ProfileFactory(account=world.account_a, name="Helpdesk", forticare=Level.READ_WRITE)
    UserGroup.objects.create(account=world.account_a, name="Support", permission_profile=profile)
    UserGroup.objects.create(account=world.account_b, name="Elsewhere", permission_profile=profile)
    _, headers = _admin(world, client)
    groups = client.get("/api/v1/iam/groups/", **headers).json()
    assert [
        (g["name"], g["permission_profile"], g["permission_scope"]) for g in groups["results"]
    ] == [("Support", "Helpdesk", "MyAssets")]
    assert groups["next"] is None
    profiles = client.get("/api/v1/iam/profiles/", **headers).json()["results"]
    helpdesk = next(row for row in profiles if row["name"] == "Helpdesk")
    assert helpdesk["portals"]["forticare"] == "Read/Write" and not helpdesk["builtin"]
    assert {"SysAdmin", "Full Access", "No Access"} <= {row["name"] for row in profiles}
    reader, secret = api_user(world.account_a, world.owner_a, "no-iam")
    assert client.get("/api/v1/iam/groups/", **bearer(client, reader, secret)).status_code == 404


def test_an_iam_user_is_added_then_logs_in_then_is_disabled(world, client):
    _, headers = _admin(world, client)
    small = ProfileFactory(account=world.account_a, asset_management=Level.READ_ONLY)
    data = {"username": "robot-made", "password": NEW_PASSWORD, "permission_profile": small.pk}
    made = _post(client, USERS, data, headers)
    assert made.status_code == 201, made.content
    created = User.objects.get(pk=made.json()["id"])
    assert created.kind == User.Kind.IAM and created.check_password(NEW_PASSWORD)
    assert NEW_PASSWORD not in str(made.content)
    person = Client()
    login = {"account": str(world.account_a.pk), "username": "robot-made", "password": NEW_PASSWORD}
    assert person.post("/login/iam/", login).status_code == 303
    product_list = f"/a/{world.account_a.pk}/assets/"
    assert person.get(product_list).status_code == 200
    from_afar = headers | {"REMOTE_ADDR": "203.0.113.9"}
    disabled = _post(client, f"{USERS}{created.pk}/disable/", {}, from_afar)
    assert disabled.json()["status"] == "Disabled"
    assert person.get(product_list).status_code == 302  # its session ended: to the login
    audited = AuditEvent.objects.get(action="iam_user.disable", target_id=str(created.pk))
    assert audited.ip_address == "203.0.113.9"  # from where, as a page's change is recorded
    enabled = _post(client, f"{USERS}{created.pk}/enable/", {}, headers)
    assert enabled.json()["status"] == "Active"


def test_no_one_hands_out_more_than_they_hold(world, client):
    _, headers = _admin(world, client)
    bigger = ProfileFactory(account=world.account_a, forticare=Level.ADMIN)
    data = {"username": "too-much", "password": NEW_PASSWORD, "permission_profile": bigger.pk}
    refused = _post(client, USERS, data, headers)
    assert refused.status_code == 400
    assert "more than" in refused.json()["error"]["message"]
    weak = _post(client, USERS, {"username": "weak", "password": "123"}, headers)
    assert {"password", "permission_profile"} <= set(weak.json()["error"]["fields"])
    theirs = ProfileFactory(account=world.account_b)
    data = {"username": "theirs", "password": NEW_PASSWORD, "permission_profile": theirs.pk}
    assert "permission_profile" in _post(client, USERS, data, headers).json()["error"]["fields"]
    assert not User.objects.filter(username__in=["too-much", "weak", "theirs"]).exists()


def test_the_grant_it_acts_through_and_other_accounts_users_are_404(world, client):
    me, headers = _admin(world, client)
    for user in (me, world.owner_a, IamUserFactory(account=world.account_b)):
        assert _post(client, f"{USERS}{user.pk}/disable/", {}, headers).status_code == 404
    assert client.get(f"{USERS}{world.owner_a.pk}/", **headers).status_code == 404
    assert client.get(f"{USERS}{world.iam_a.pk}/", **headers).json()["username"] == (
        world.iam_a.username
    )
    assert User.objects.get(pk=me.pk).is_active
