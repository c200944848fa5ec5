"""Bad ids, context keys, filters and cursors: a refusal or the unfiltered page, never a 500."""

import base64
import json

import pytest

from assets.models import AssetFolder
from forticloud.web.listing import parse_id
from tests.assets.conftest import make_asset
from tests.factories import PASSWORD

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("0", 0),
        ("5000000", 5_000_000),
        ("9" * 18, int("9" * 18)),
        ("9" * 19, None),
        ("²", None),
        ("①", None),
        ("٣", None),  # int() reads it as 3
        ("12٣", None),
        (" 12", None),
        ("12\n", None),
        ("-1", None),
        ("+1", None),
        ("1_000", None),
        ("", None),
        (12, None),
        (None, None),
    ],
)
def test_parse_id_takes_ascii_digits_only(value, expected):
    assert parse_id(value) == expected


def arabic_indic(number: int) -> str:
    return "".join(chr(0x0660 + int(digit)) for digit in str(number))


@pytest.mark.parametrize("account", ["²", "①", "٣", "99999999999999999999999", "\x00"])
def test_iam_login_with_a_bad_account_id_is_a_refusal_not_a_500(world, client, post, account):
    data = {"account": account, "username": world.iam_a.username, "password": PASSWORD}
    response = post("/login/iam/", data)
    assert response.status_code == 200
    assert response.context["error"]
    assert "_auth_user_id" not in client.session


def test_an_account_id_in_other_digits_does_not_name_the_account(world, client, post):
    """int() reads Arabic-Indic digits as the number: the Account ID is ASCII digits only."""
    data = {
        "account": arabic_indic(world.account_a.pk),
        "username": world.iam_a.username,
        "password": PASSWORD,
    }
    assert post("/login/iam/", data).status_code == 200
    assert "_auth_user_id" not in client.session
    data["account"] = str(world.account_a.pk)
    assert post("/login/iam/", data).status_code == 303


def test_an_unknown_principal_type_lists_every_principal(world, client):
    client.force_login(world.owner_a)
    response = client.get(f"/a/{world.account_a.pk}/iam/users/?type=x")
    assert response.status_code == 200
    titles = {row["title"] for row in response.context["page"]}
    assert {world.iam_a.username, world.role_a.name} <= titles


@pytest.mark.parametrize("profile", ["abc", "²", "٣", "-1", "99999999999999999999999", "\x00"])
def test_a_bad_profile_id_previews_no_grants(world, client, profile):
    client.force_login(world.owner_a)
    url = f"/a/{world.account_a.pk}/iam/partner-roles/preview/"
    response = client.get(url, {"permission_profile": profile}, headers={"HX-Request": "true"})
    assert response.status_code == 200
    assert response.context["grants"] == []


@pytest.mark.parametrize("value", ["²", "①", "٣", "abc", "99999999999999999999999"])
def test_bad_folder_and_company_filters_are_ignored(world, client, value):
    unit = make_asset(world.account_a)
    client.force_login(world.owner_a)
    response = client.get(f"/a/{world.account_a.pk}/assets/", {"folder": value})
    assert response.status_code == 200
    assert [a.pk for a in response.context["page"].rows] == [unit.pk]
    assert response.context["params"].folder == ""
    client.force_login(world.partner_user)
    assert client.get("/partner/assets/", {"company": value}).status_code == 200


@pytest.mark.parametrize("parent", ["abc", "²", "٣", "99999999999999999999999", "\x00"])
def test_a_folder_under_a_parent_that_is_not_an_id_is_a_404(world, client, post, parent):
    client.force_login(world.owner_a)
    url = f"/a/{world.account_a.pk}/assets/my-assets/folders/"
    response = post(url, {"name": "Paris", "parent": parent})
    assert response.status_code == 404
    assert not AssetFolder.objects.filter(name="Paris").exists()


@pytest.mark.parametrize("key", ["a-²", "a-٣", "a-①", "a-99999999999999999999999", "a-", "x"])
def test_switching_to_a_context_key_that_is_not_one_is_a_404(world, client, post, key):
    client.force_login(world.owner_a)
    assert client.get("/accounts/switch/confirm/", {"to": key}).status_code == 404
    assert post("/accounts/select/", {"to": key}).status_code == 404
    good = f"a-{world.account_a.pk}"
    assert client.get("/accounts/switch/confirm/", {"to": good}).status_code == 200


def forged_cursor(value, pk) -> str:
    return base64.urlsafe_b64encode(json.dumps([value, pk]).encode()).decode()


@pytest.mark.parametrize(
    "after",
    [
        forged_cursor("a", 10**23),
        forged_cursor(10**23, 1),
        forged_cursor("2024-01-3²", 1),
        forged_cursor("\x00", 1),
        forged_cursor(None, None),
        "not base64!",
    ],
)
@pytest.mark.parametrize(
    ("path", "sort"),
    [
        ("assets/", "description"),
        ("assets/", "-registered"),
        ("forticare/", "id"),
        ("forticare/", "-created"),
    ],
)
def test_a_forged_cursor_gives_a_page_not_a_500(world, client, path, sort, after):
    make_asset(world.account_a)
    client.force_login(world.owner_a)
    url = f"/a/{world.account_a.pk}/{path}"
    assert client.get(url, {"sort": sort, "after": after}).status_code == 200
