"""What the login through an identity provider refuses, with real providers on loopback: a
code issued to another account's client, an ID token altered on the way, an expired one. Each
is refused with the same page, and nobody is signed in or made."""

import base64
import json
import threading
from datetime import timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

import oidc_provider_mock
import pytest
import requests
from django.core.exceptions import ValidationError

from iam.access import access_for_account
from iam.models import ExternalIdpRole, IdentityProvider, PermissionProfile, User
from iam.permissions import Level
from tests.factories import IamUserFactory, ProfileFactory, builtin_profile

from .conftest import log_in_through, person

pytestmark = pytest.mark.django_db

NOT_VERIFIED = "could not be verified"


def _nobody_signed_in(client, world):
    assert not User.objects.filter(kind=User.Kind.EXTERNAL).exists()
    assert client.get(f"/a/{world.account_a.pk}/").status_code == 302


def _point(provider: IdentityProvider, issuer: str) -> None:
    provider.issuer = issuer
    provider.save()


def test_a_code_issued_to_another_account_s_client_is_refused(world, client, idp, provider_url):
    """Account B uses the same provider with its own client: a code the provider gave for A's
    client, brought back into a login started for B, signs nobody in to either."""
    other = IdentityProvider(account=world.account_b, issuer=provider_url, client_id="portal-b")
    other.client_secret = "secret-b"
    other.save()
    ExternalIdpRole.objects.create(
        account=world.account_b,
        name="B engineers",
        claim_value="eng",
        permission_profile=idp.engineers.permission_profile.__class__.objects.create(
            account=world.account_b, name="B", asset_management=1
        ),
    )
    person(provider_url, "mallory", groups=["eng"])
    start_a = client.get(f"/login/idp/{world.account_a.pk}/")
    authorized = requests.post(
        start_a["Location"], data={"sub": "mallory"}, allow_redirects=False, timeout=5
    )
    code = parse_qs(urlsplit(authorized.headers["Location"]).query)["code"][0]
    start_b = client.get(f"/login/idp/{world.account_b.pk}/")
    state_b = parse_qs(urlsplit(start_b["Location"]).query)["state"][0]
    answer = client.get(f"/login/idp/callback/?code={code}&state={state_b}")
    assert answer.status_code == 400 and NOT_VERIFIED in answer.text
    assert not User.objects.filter(kind=User.Kind.EXTERNAL).exists()
    assert client.get(f"/a/{world.account_b.pk}/").status_code == 302


def test_a_state_the_portal_did_not_issue_is_refused(world, client, idp, provider_url):
    person(provider_url, "mallory", groups=["eng"])
    start = client.get(f"/login/idp/{world.account_a.pk}/")
    authorized = requests.post(
        start["Location"], data={"sub": "mallory"}, allow_redirects=False, timeout=5
    )
    query = parse_qs(urlsplit(authorized.headers["Location"]).query)
    answer = client.get(f"/login/idp/callback/?code={query['code'][0]}&state=forged")
    assert answer.status_code == 400 and NOT_VERIFIED in answer.text
    _nobody_signed_in(client, world)


class _Tampering(BaseHTTPRequestHandler):
    """Forwards to the provider (keeping the Host, so it names this proxy in its URLs) and
    changes the groups in the ID token of every token response, keeping its signature."""

    upstream = ""

    def _forward(self):
        length = int(self.headers.get("Content-Length") or 0)
        answer = requests.request(
            self.command,
            self.upstream + self.path,
            headers={k: v for k, v in self.headers.items() if k.lower() != "content-length"},
            data=self.rfile.read(length) if length else None,
            allow_redirects=False,
            timeout=5,
        )
        body = answer.content
        if self.path.startswith("/oauth2/token") and answer.ok:
            token = answer.json()
            header, payload, signature = token["id_token"].split(".")
            claims = json.loads(base64.urlsafe_b64decode(payload + "=="))
            claims["groups"] = ["eng", "support"]
            forged = base64.urlsafe_b64encode(json.dumps(claims).encode()).rstrip(b"=").decode()
            token["id_token"] = f"{header}.{forged}.{signature}"
            body = json.dumps(token).encode()
        self.send_response(answer.status_code)
        for name, value in answer.headers.items():
            if name.lower() not in ("content-length", "transfer-encoding", "connection"):
                self.send_header(name, value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    do_GET = do_POST = _forward

    def log_message(self, *args):
        pass


def test_an_id_token_altered_on_the_way_is_refused(world, client, idp, provider_url):
    _Tampering.upstream = provider_url
    proxy = ThreadingHTTPServer(("127.0.0.1", 0), _Tampering)
    threading.Thread(target=proxy.serve_forever, daemon=True).start()
    try:
        _point(idp, f"http://127.0.0.1:{proxy.server_port}")
        person(provider_url, "mallory", groups=["marketing"])
        answer = log_in_through(client, world.account_a.pk, "mallory")
    finally:
        proxy.shutdown()
    assert answer.status_code == 400 and NOT_VERIFIED in answer.text
    _nobody_signed_in(client, world)


def test_an_expired_id_token_is_refused(world, client, idp, provider_url):
    with oidc_provider_mock.run_server_in_thread(
        access_token_max_age=timedelta(minutes=-5)
    ) as stale:
        stale_url = f"http://localhost:{stale.server_port}"
        _point(idp, stale_url)
        person(stale_url, "mallory", groups=["eng"])
        answer = log_in_through(client, world.account_a.pk, "mallory")
    assert answer.status_code == 400 and NOT_VERIFIED in answer.text
    _nobody_signed_in(client, world)


def test_a_role_added_later_stays_within_who_last_saved_the_provider(world, idp):
    """A scoped IAM Admin saves the provider (pointing it at an issuer it controls); a role the
    owner adds later with more than that admin holds would let the admin sign anyone in with
    it: refused until someone who holds it saves the provider again. Raising the profile of a
    role, or enabling one, is held to the same."""
    from iam.services.idp import identity_provider_save, idp_role_create, idp_role_set_active
    from iam.services.profiles import profile_update

    scoped = IamUserFactory(
        account=world.account_a,
        permission_profile=ProfileFactory(
            account=world.account_a, iam=Level.ADMIN, asset_management=1, forticare=2
        ),
    )
    admin = access_for_account(scoped, world.account_a.pk)
    identity_provider_save(
        access=admin, issuer=idp.issuer, client_id="portal-a", roles_claim="groups"
    )
    owner = access_for_account(world.owner_a, world.account_a.pk)
    sysadmin = builtin_profile(PermissionProfile.Builtin.SYSADMIN)
    fields = {"name": "Admins", "claim_value": "fc-admins", "permission_profile": sysadmin}
    with pytest.raises(ValidationError, match=f"last saved by {scoped.username}"):
        idp_role_create(access=owner, **fields)
    assert not ExternalIdpRole.objects.filter(name="Admins").exists()
    engineering = idp.engineers.permission_profile
    with pytest.raises(ValidationError, match=f"last saved by {scoped.username}"):
        profile_update(access=owner, profile=engineering, name="Engineering", forticare=3)
    assert PermissionProfile.objects.get(pk=engineering.pk).forticare == Level.NONE
    idp_role_set_active(access=owner, role=idp.support, active=False)
    PermissionProfile.objects.filter(pk=idp.support.permission_profile_id).update(forticare=3)
    with pytest.raises(ValidationError, match="last saved by"):
        idp_role_set_active(access=owner, role=idp.support, active=True)
    identity_provider_save(
        access=owner, issuer=idp.issuer, client_id="portal-a", roles_claim="groups"
    )
    assert idp_role_create(access=owner, **fields).name == "Admins"


def test_renaming_or_lowering_a_role_needs_no_save_of_the_provider(world, idp):
    """Nobody known saved the provider (before it was recorded): what widens nothing goes."""
    from iam.services.idp import idp_role_update
    from iam.services.profiles import profile_update

    IdentityProvider.objects.filter(pk=idp.pk).update(saved_by=None)
    owner = access_for_account(world.owner_a, world.account_a.pk)
    engineers = idp.engineers
    fields = {"claim_value": "eng", "permission_profile": engineers.permission_profile}
    assert idp_role_update(access=owner, role=engineers, name="Builders", **fields).name == (
        "Builders"
    )
    support = idp.support.permission_profile
    profile_update(access=owner, profile=support, name="Support desk", forticare=1)
    assert PermissionProfile.objects.get(pk=support.pk).forticare == 1
    with pytest.raises(ValidationError, match="someone no longer here"):
        profile_update(access=owner, profile=support, name="Support desk", forticare=3)
