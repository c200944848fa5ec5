"""The edges of External IdP roles: what a role may not take, what cannot be deleted while a
role uses it, which issuer URLs the portal refuses to fetch, and long subjects."""

import pytest
from django.core.exceptions import ValidationError

from assets.services import folder_delete
from iam.access import access_for_account
from iam.auth.oidc import ConnectionTestFailed, connection_test
from iam.forms.idp import IdentityProviderForm
from iam.models import ExternalIdpRole, User
from iam.permissions import Level, ScopeType
from iam.services.idp import idp_role_create
from iam.services.profiles import profile_delete
from tests.factories import FolderFactory, ProfileFactory

from .conftest import log_in_through, person

pytestmark = pytest.mark.django_db


def test_a_role_takes_no_organization_type_profile(world):
    owner = access_for_account(world.owner_a, world.account_a.pk)
    organization = ProfileFactory(
        account=world.account_a, type=ScopeType.ORGANIZATION, organization=Level.READ_WRITE
    )
    with pytest.raises(ValidationError, match="Local type"):
        idp_role_create(
            access=owner, name="OU admins", claim_value="ou", permission_profile=organization
        )
    assert not ExternalIdpRole.objects.exists()


def test_what_a_role_uses_is_not_deleted_under_it(world):
    owner = access_for_account(world.owner_a, world.account_a.pk)
    folder = FolderFactory(account=world.account_a, name="Lab")
    profile = ProfileFactory(account=world.account_a, name="Lab view", asset_management=1)
    idp_role_create(
        access=owner, name="Lab", claim_value="lab", permission_profile=profile, scope_folder=folder
    )
    with pytest.raises(ValidationError, match="External IdP role Lab"):
        profile_delete(access=owner, profile=profile)
    with pytest.raises(ValidationError, match="permission scope"):
        folder_delete(access=owner, folder=folder)


@pytest.mark.parametrize(
    "issuer",
    ["http://idp.example", "https://127.0.0.1", "https://10.0.0.8", "https://[::1]:8443"],
)
def test_the_portal_fetches_no_issuer_on_its_own_network(settings, issuer):
    settings.IDP_ALLOW_HTTP = False
    data = {"issuer": issuer, "client_id": "c", "client_secret": "s", "roles_claim": "groups"}
    form = IdentityProviderForm(data)
    assert not form.is_valid()
    assert form.errors["issuer"] == ["The issuer URL must be https:// on a public host."]
    with pytest.raises(ConnectionTestFailed, match="https to a public host"):
        connection_test(issuer)


def test_a_provider_that_publishes_no_keys_fails_the_test_with_a_message(provider_url):
    assert connection_test(provider_url) >= 1
    with pytest.raises(ConnectionTestFailed, match="could not read"):
        connection_test("http://127.0.0.1:9")


def test_a_subject_longer_than_a_username_is_kept_as_its_hash(world, client, idp, provider_url):
    sub = "s" * 200
    person(provider_url, sub, email="long@alpha.example", groups=["eng"])
    assert log_in_through(client, world.account_a.pk, sub).status_code == 303
    user = User.objects.get(kind=User.Kind.EXTERNAL)
    assert len(user.username) == 64 and user.username != sub[:64]
    assert log_in_through(client, world.account_a.pk, sub).status_code == 303
    assert User.objects.filter(kind=User.Kind.EXTERNAL).count() == 1
