"""IAM > Identity Provider and the External IdP roles of the Users page: set up with Test
connection against a real provider on loopback, the client secret kept encrypted, roles added,
edited, disabled and deleted within the actor's own grants, every change audited."""

import pytest
from django.db import connection
from django.test import Client

from iam.models import AuditEvent, ExternalIdpRole, IdentityProvider, User
from iam.permissions import Level
from tests.conftest import csrf_token
from tests.factories import IamUserFactory, ProfileFactory

from .conftest import log_in_through, person

pytestmark = pytest.mark.django_db


def iam_url(world, suffix):
    return f"/a/{world.account_a.pk}/iam/{suffix}"


def test_the_owner_sets_up_the_provider_and_tests_the_connection(world, client, post, provider_url):
    client.force_login(world.owner_a)
    page = client.get(iam_url(world, "identity-provider/"))
    assert page.status_code == 200 and f"/login/idp/{world.account_a.pk}/" in page.text
    data = {
        "issuer": provider_url + "/",
        "client_id": "portal-a",
        "client_secret": "a-very-secret-value",
        "roles_claim": "groups",
        "allowed_domains": "",
        "enabled": "on",
    }
    assert post(iam_url(world, "identity-provider/"), data).status_code == 303
    provider = IdentityProvider.objects.get(account=world.account_a)
    assert provider.issuer == provider_url and provider.client_secret == "a-very-secret-value"
    with connection.cursor() as cursor:
        cursor.execute("SELECT client_secret_encrypted FROM iam_identityprovider")
        assert "a-very-secret-value" not in cursor.fetchone()[0]
    assert "a-very-secret-value" not in str(AuditEvent.objects.get().changes)
    tested = post(iam_url(world, "identity-provider/test/"))
    assert "Test connection succeeded" in client.get(tested["Location"]).text
    kept = {**data, "client_secret": "", "roles_claim": "roles"}
    assert post(iam_url(world, "identity-provider/"), kept).status_code == 303
    provider.refresh_from_db()
    assert provider.client_secret == "a-very-secret-value" and provider.roles_claim == "roles"
    provider.issuer = "http://127.0.0.1:9/"
    provider.save()
    failed = post(iam_url(world, "identity-provider/test/"))
    assert "Test connection failed" in client.get(failed["Location"]).text


def test_only_iam_admin_reaches_the_provider_page(world, client):
    writer = IamUserFactory(
        account=world.account_a,
        permission_profile=ProfileFactory(account=world.account_a, iam=Level.READ_WRITE),
    )
    client.force_login(writer)
    assert client.get(iam_url(world, "identity-provider/")).status_code == 404


def test_roles_are_added_listed_edited_and_deleted_within_the_actor_s_grants(world, client, post):
    client.force_login(world.owner_a)
    small = ProfileFactory(account=world.account_a, name="Viewer", asset_management=Level.READ_ONLY)
    data = {"name": "Engineers", "claim_value": " eng ", "permission_profile": small.pk}
    assert post(iam_url(world, "users/new/idp-role/"), data).status_code == 303
    role = ExternalIdpRole.objects.get(account=world.account_a)
    assert role.claim_value == "eng"
    users = client.get(iam_url(world, "users/?type=idp_role")).text
    assert "Engineers" in users and "External IdP Role" in users and "Viewer" in users
    edited = {**data, "name": "Engineering"}
    assert post(iam_url(world, f"idp-roles/{role.pk}/edit/"), edited).status_code == 303
    assert post(iam_url(world, f"idp-roles/{role.pk}/disable/")).status_code == 303
    role.refresh_from_db()
    assert (role.name, role.status) == ("Engineering", "disabled")
    assert post(iam_url(world, f"idp-roles/{role.pk}/delete/")).status_code == 303
    assert not ExternalIdpRole.objects.exists()
    actions = set(AuditEvent.objects.values_list("action", flat=True))
    assert {"idp_role.create", "idp_role.update", "idp_role.disable", "idp_role.delete"} <= actions


def test_no_one_hands_a_role_more_than_they_hold(world, client, post):
    admin = IamUserFactory(
        account=world.account_a,
        permission_profile=ProfileFactory(
            account=world.account_a, iam=Level.ADMIN, asset_management=Level.READ_ONLY
        ),
    )
    client.force_login(admin)
    bigger = ProfileFactory(account=world.account_a, forticare=Level.ADMIN)
    data = {"name": "Too much", "claim_value": "all", "permission_profile": bigger.pk}
    refused = post(iam_url(world, "users/new/idp-role/"), data)
    assert refused.status_code == 200 and "more than" in refused.text
    assert not ExternalIdpRole.objects.exists()


def test_a_person_cannot_change_the_role_they_act_through(world, client, post, idp, provider_url):
    idp.engineers.permission_profile.iam = Level.ADMIN
    idp.engineers.permission_profile.save()
    person(provider_url, "erin", groups=["eng"])
    log_in_through(client, world.account_a.pk, "erin")
    role = idp.engineers
    assert client.get(iam_url(world, f"idp-roles/{role.pk}/edit/")).status_code == 404
    assert post(iam_url(world, f"idp-roles/{role.pk}/disable/")).status_code == 404
    assert ExternalIdpRole.objects.get(pk=role.pk).is_active
    # Disabling it as the owner logs the person out at once.
    erin = User.objects.get(username="erin")
    owner = Client()
    owner.force_login(world.owner_a)
    owner.post(
        iam_url(world, f"idp-roles/{role.pk}/disable/"),
        {"csrfmiddlewaretoken": csrf_token(owner)},
    )
    assert User.objects.get(pk=erin.pk).session_epoch == erin.session_epoch + 1
    assert client.get(f"/a/{world.account_a.pk}/").status_code == 302  # to the login page


def test_only_who_holds_every_role_may_change_the_provider(world, client, post, idp):
    """Whoever controls the provider can sign anyone in with any role: an IAM Admin who holds
    less than the Support role may not repoint it at a provider of their own."""
    admin = IamUserFactory(
        account=world.account_a,
        permission_profile=ProfileFactory(
            account=world.account_a, iam=Level.ADMIN, asset_management=Level.READ_ONLY
        ),
    )
    client.force_login(admin)
    data = {"issuer": "http://127.0.0.1:9", "client_id": "mine", "roles_claim": "groups"}
    refused = post(iam_url(world, "identity-provider/"), data)
    assert refused.status_code == 200 and "Support grants more than your own" in refused.text
    idp.refresh_from_db()
    assert idp.client_id == "portal-a"


def test_a_new_issuer_signs_out_who_the_old_one_signed_in(world, client, post, idp, provider_url):
    person(provider_url, "henry", groups=["eng"])
    log_in_through(client, world.account_a.pk, "henry")
    assert client.get(f"/a/{world.account_a.pk}/assets/").status_code == 200
    owner = Client()
    owner.force_login(world.owner_a)
    data = {"issuer": "http://127.0.0.1:9", "client_id": "portal-a", "roles_claim": "groups"}
    data |= {"enabled": "on", "csrfmiddlewaretoken": csrf_token(owner)}
    assert owner.post(iam_url(world, "identity-provider/"), data).status_code == 303
    assert client.get(f"/a/{world.account_a.pk}/assets/").status_code == 302
