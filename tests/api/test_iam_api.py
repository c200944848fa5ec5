"""IAM through the REST API: the Users page's principals, as the page lists them (filters,
sort, pages), for an API user whose profile has IAM; without it, 404."""

import pytest

from iam.permissions import Level
from tests.factories import IamUserFactory, ProfileFactory

from .helpers import api_user, bearer

pytestmark = pytest.mark.django_db

USERS = "/api/v1/iam/users/"


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
