"""API users and their bearer tokens, made the way a customer makes them: through the IAM
services, then POST /oauth/token/ with the client credentials."""

import base64

from iam.access import access_for_account
from iam.permissions import Level
from iam.services.api_users import api_user_create, credentials_of
from tests.factories import ProfileFactory


def api_user(account, owner, name="api", **fields):
    """An API user of ``account`` (its owner adds it) and its secret."""
    if "permission_profile" not in fields:
        fields["permission_profile"] = ProfileFactory(
            account=account, asset_management=Level.READ_ONLY, forticare=Level.READ_ONLY
        )
    access = access_for_account(owner, account.pk)
    return api_user_create(access=access, username=name, **fields)


def bearer(client, user, secret) -> dict:
    """The headers of a request with a fresh token of ``user``."""
    client_id = credentials_of(user).client_id
    basic = base64.b64encode(f"{client_id}:{secret}".encode()).decode()
    answer = client.post(
        "/oauth/token/", {"grant_type": "client_credentials"}, HTTP_AUTHORIZATION=f"Basic {basic}"
    )
    assert answer.status_code == 200, answer.content
    return {"HTTP_AUTHORIZATION": f"Bearer {answer.json()['access_token']}"}


def started_export(client, account, owner) -> tuple[dict, str]:
    """An API user of ``account``'s headers, and the id of the Product List export it started
    (queued: no worker has run)."""
    user, secret = api_user(account, owner)
    headers = bearer(client, user, secret)
    started = client.post(
        "/api/v1/exports/",
        {"list": "assets:product_list", "kind": "csv", "query": ""},
        content_type="application/json",
        **headers,
    )
    assert started.status_code == 202, started.content
    return headers, started.json()["id"]
