"""API users (seeds 001, 003): IAM > Users > Add New > API User makes a Client ID and a secret
shown once (only its hash is kept); the secret gets a one-hour bearer token at /oauth/token/
(client credentials), itself kept only as a hash. Regenerate Secret, Disable and Delete end
the tokens at once; an API user never signs in to the portal."""

import base64
import hashlib
import logging
import re

import pytest
from django.contrib.auth.hashers import check_password
from oauth2_provider.models import AccessToken, Application

from iam.models import Account, AuditEvent, PartnerRole, PermissionProfile, User
from iam.permissions import Level
from partners.models import Partner
from tests.factories import IamUserFactory, ProfileFactory, builtin_profile

pytestmark = pytest.mark.django_db


def url(world, suffix):
    return f"/a/{world.account_a.pk}/iam/{suffix}"


def new_api_user(world, post, profile=None, name="inventory-sync"):
    """Add New > API User; returns the user, its Client ID and the secret shown once."""
    profile = profile or builtin_profile(PermissionProfile.Builtin.SYSADMIN)
    data = {"username": name, "description": "Nightly sync", "permission_profile": profile.pk}
    answer = post(url(world, "users/new/api-user/"), {**data, "scope_folder": "", "user_group": ""})
    assert answer.status_code == 303, answer
    user = User.objects.get(kind=User.Kind.API, username=name)
    assert answer["Location"] == url(world, f"api-users/{user.pk}/")
    page = post.client.get(answer["Location"]).text
    client_id = re.search(r'id="api-client-id" value="([^"]+)"', page).group(1)
    secret = re.search(r'id="api-secret" value="([^"]+)"', page).group(1)
    return user, client_id, secret


def token_request(client, client_id, secret, **extra):
    basic = base64.b64encode(f"{client_id}:{secret}".encode()).decode()
    return client.post(
        "/oauth/token/",
        {"grant_type": "client_credentials", **extra},
        HTTP_AUTHORIZATION=f"Basic {basic}",
    )


@pytest.fixture
def owner_posts(world, client, post):
    client.force_login(world.owner_a)
    post.client = client
    return post


def test_the_secret_is_shown_once_and_kept_only_as_a_hash(world, client, owner_posts, caplog):
    caplog.set_level(logging.DEBUG)
    user, client_id, secret = new_api_user(world, owner_posts)
    application = Application.objects.get(user=user)
    assert application.client_id == client_id and len(secret) >= 43  # 256 bits
    assert secret not in application.client_secret
    assert check_password(secret, application.client_secret)
    again = client.get(url(world, f"api-users/{user.pk}/")).text
    assert secret not in again and client_id in again and "shown once" in again
    assert "regenerate-secret/" in again  # the owner may make a new one
    event = AuditEvent.objects.get(action="api_user.create")
    assert event.changes["after"]["Client ID"] == client_id
    assert secret not in str(list(AuditEvent.objects.values_list("changes", flat=True)))
    users = client.get(url(world, "users/?type=api")).text
    assert "inventory-sync" in users and "API User" in users
    token = token_request(client, client_id, secret).json()["access_token"]
    assert secret not in caplog.text and token not in caplog.text


def test_client_credentials_give_a_one_hour_token_kept_only_as_a_hash(world, client, owner_posts):
    user, client_id, secret = new_api_user(world, owner_posts)
    answer = token_request(client, client_id, secret)
    assert answer.status_code == 200
    body = answer.json()
    assert body["token_type"] == "Bearer" and body["expires_in"] == 3600
    stored = AccessToken.objects.get(user=user)
    assert stored.token != body["access_token"] and body["access_token"] not in stored.token
    assert stored.token_checksum == hashlib.sha256(body["access_token"].encode()).hexdigest()
    assert token_request(client, client_id, "not-the-secret").status_code == 401
    password = token_request(client, client_id, secret, grant_type="password")
    assert password.status_code == 400  # client credentials only
    revoked = client.post(
        "/oauth/revoke_token/",
        {"token": body["access_token"], "client_id": client_id, "client_secret": secret},
    )
    assert revoked.status_code == 200
    assert not AccessToken.objects.filter(user=user).exists()


def test_regenerate_disable_and_delete_end_the_tokens_at_once(world, client, owner_posts):
    user, client_id, secret = new_api_user(world, owner_posts)
    token_request(client, client_id, secret)
    confirm = client.get(url(world, f"api-users/{user.pk}/regenerate-secret/"))
    assert "stops working" in confirm.text
    answer = owner_posts(url(world, f"api-users/{user.pk}/regenerate-secret/"))
    page = client.get(answer["Location"]).text
    new_secret = re.search(r'id="api-secret" value="([^"]+)"', page).group(1)
    assert new_secret != secret and not AccessToken.objects.filter(user=user).exists()
    assert token_request(client, client_id, secret).status_code == 401
    assert token_request(client, client_id, new_secret).status_code == 200

    owner_posts(url(world, f"users/{user.pk}/disable/"))
    assert not AccessToken.objects.filter(user=user).exists()
    assert token_request(client, client_id, new_secret).status_code == 401
    assert AuditEvent.objects.filter(action="api_user.disable").exists()
    owner_posts(url(world, f"users/{user.pk}/enable/"))
    assert token_request(client, client_id, new_secret).status_code == 200
    Account.objects.filter(pk=world.account_a.pk).update(status=Account.Status.SUSPENDED)
    assert token_request(client, client_id, new_secret).status_code == 401
    Account.objects.filter(pk=world.account_a.pk).update(status=Account.Status.ACTIVE)

    owner_posts(url(world, f"users/{user.pk}/delete/"))
    assert not User.objects.filter(pk=user.pk).exists()
    assert not Application.objects.filter(client_id=client_id).exists()
    assert token_request(client, client_id, new_secret).status_code == 401


def test_an_api_user_never_signs_in_to_the_portal(world, client, owner_posts, post):
    user, _client_id, secret = new_api_user(world, owner_posts)
    client.logout()
    login = {"account": str(world.account_a.pk), "username": user.username, "password": secret}
    answer = post("/login/iam/", login)
    assert answer.status_code == 200 and "_auth_user_id" not in client.session


def test_no_one_hands_an_api_user_more_than_they_hold(world, client, post):
    admin = IamUserFactory(
        account=world.account_a,
        permission_profile=ProfileFactory(account=world.account_a, iam=Level.ADMIN),
    )
    client.force_login(admin)
    sysadmin = builtin_profile(PermissionProfile.Builtin.SYSADMIN)
    data = {"username": "too-much", "permission_profile": sysadmin.pk, "scope_folder": ""}
    answer = post(url(world, "users/new/api-user/"), {**data, "user_group": ""})
    assert answer.status_code == 200 and "You cannot grant more than you hold" in answer.text
    assert not User.objects.filter(username="too-much").exists()
    assert not Application.objects.exists()


def test_what_a_partner_made_through_its_role_goes_with_the_role(world, client, post):
    client.force_login(world.partner_user)
    post.client = client
    user, client_id, secret = new_api_user(world, post, name="partner-sync")
    assert user.created_through_role == world.role_a
    token_request(client, client_id, secret)
    client.force_login(world.owner_a)
    post(url(world, f"partner-roles/{world.role_a.pk}/disable/"))
    assert PartnerRole.objects.get(pk=world.role_a.pk).status == PartnerRole.Status.DISABLED
    assert not User.objects.get(pk=user.pk).is_active
    assert not AccessToken.objects.filter(user=user).exists()
    assert token_request(client, client_id, secret).status_code == 401


def test_an_api_user_made_without_a_client_gets_one_with_regenerate(world, client, owner_posts):
    """Staff can make an API user in Django admin, without its client: its page says so, and
    Regenerate Secret makes the Client ID and secret."""
    user = IamUserFactory(account=world.account_a, kind=User.Kind.API, username="from-admin")
    page = client.get(url(world, f"api-users/{user.pk}/")).text
    assert "None yet" in page
    answer = owner_posts(url(world, f"api-users/{user.pk}/regenerate-secret/"))
    page = client.get(answer["Location"]).text
    client_id = re.search(r'id="api-client-id" value="([^"]+)"', page).group(1)
    secret = re.search(r'id="api-secret" value="([^"]+)"', page).group(1)
    assert token_request(client, client_id, secret).status_code == 200


def test_the_partner_api_is_offered_to_partner_users_in_their_own_account(world, client, post):
    """Add New > API User in a Partner's own account offers "Partner API" to its partner users
    only; a customer's page never does, and a forged field there gives nothing."""
    own = Account.objects.create(company_name="Reseller One")
    Partner.objects.filter(pk=world.partner.pk).update(account=own)
    client.force_login(world.partner_user)
    new_url = f"/a/{own.pk}/iam/users/new/api-user/"
    assert "Partner API" in client.get(new_url).text
    sysadmin = builtin_profile(PermissionProfile.Builtin.SYSADMIN)
    data = {"username": "robot", "permission_profile": sysadmin.pk, "partner_api": "on"}
    assert post(new_url, {**data, "scope_folder": "", "user_group": ""}).status_code == 303
    robot = User.objects.get(username="robot")
    assert robot.partner_api
    assert (
        AuditEvent.objects.get(action="api_user.create").changes["after"]["partner_api"] == "True"
    )
    client.force_login(world.owner_a)
    assert "Partner API" not in client.get(url(world, "users/new/api-user/")).text
    forged = {**data, "username": "forged", "scope_folder": "", "user_group": ""}
    assert post(url(world, "users/new/api-user/"), forged).status_code == 303
    assert not User.objects.get(username="forged").partner_api
