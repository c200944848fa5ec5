"""A real OpenID provider on loopback (oidc-provider-mock, in a thread of the test process),
account A's identity provider pointing at it, and the walk of a login through it: the portal's
custom login page, the provider's authorization form (over HTTP), the portal's callback."""

from urllib.parse import quote, urlsplit

import oidc_provider_mock
import pytest
import requests

from iam.models import ExternalIdpRole, IdentityProvider
from iam.permissions import Level
from tests.factories import ProfileFactory


@pytest.fixture(scope="session")
def provider_url():
    with oidc_provider_mock.run_server_in_thread() as server:
        yield f"http://localhost:{server.server_port}"


def person(provider_url: str, sub: str, **claims) -> None:
    """The provider's user ``sub`` with these claims (e.g. ``groups``)."""
    claims.setdefault("email", f"{sub}@alpha.example")
    answer = requests.put(f"{provider_url}/users/{quote(sub)}", json=claims, timeout=5)
    assert answer.status_code == 204, answer.text


@pytest.fixture
def idp(world, provider_url):
    """Account A's provider and two roles: Engineers (group "eng": Asset Management Read Only)
    and Support (group "support": FortiCare Read/Write)."""
    provider = IdentityProvider(
        account=world.account_a, issuer=provider_url, client_id="portal-a", roles_claim="groups"
    )
    provider.client_secret = "secret-a"
    provider.saved_by = world.owner_a
    provider.save()
    engineers = ExternalIdpRole.objects.create(
        account=world.account_a,
        name="Engineers",
        claim_value="eng",
        permission_profile=ProfileFactory(
            account=world.account_a, name="Engineering", asset_management=Level.READ_ONLY
        ),
    )
    support = ExternalIdpRole.objects.create(
        account=world.account_a,
        name="Support",
        claim_value="support",
        permission_profile=ProfileFactory(
            account=world.account_a, name="Support desk", forticare=Level.READ_WRITE
        ),
    )
    provider.engineers, provider.support = engineers, support
    return provider


def log_in_through(client, account_ref, sub: str):
    """The person ``sub`` logs in at account ``account_ref``'s custom page: the portal sends
    them to the provider, the provider (its form, over HTTP) sends them back with a code; the
    answer of the portal's callback."""
    start = client.get(f"/login/idp/{account_ref}/")
    assert start.status_code == 302, start
    authorized = requests.post(
        start["Location"], data={"sub": sub}, allow_redirects=False, timeout=5
    )
    assert authorized.status_code == 302, authorized.text
    back = urlsplit(authorized.headers["Location"])
    return client.get(f"{back.path}?{back.query}")
