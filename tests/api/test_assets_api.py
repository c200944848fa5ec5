"""The Product List through the REST API: an API user's token, the page's filters, sort and
keyset cursor, the same rows as the page and the same 404 for a missing and a forbidden unit;
errors in one JSON shape."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from oauth2_provider.models import AccessToken
from rest_framework.serializers import ModelSerializer

from assets.api.serializers import EntitlementSerializer, UnitSerializer
from assets.lists import DECOMMISSIONED_UNITS, PRODUCT_LIST
from assets.models import Entitlement
from iam.access import access_for_account
from iam.models import Account, PermissionProfile, User
from iam.permissions import Level, ResourceLevel
from tests.assets.conftest import make_asset
from tests.conftest import skip_or_fail
from tests.factories import FolderFactory, IamUserFactory, ProfileFactory, builtin_profile

from .helpers import api_user, bearer

pytestmark = pytest.mark.django_db

UNITS = "/api/v1/assets/units/"


@pytest.fixture
def units(world):
    return [make_asset(world.account_a, ends_in=days) for days in range(-5, 55)]


@pytest.fixture
def token(world, client):
    user, secret = api_user(world.account_a, world.owner_a)
    return bearer(client, user, secret)


def test_the_product_list_pages_through_every_unit_of_the_account(world, client, units, token):
    make_asset(world.account_b)  # another account's unit never shows
    seen, url = [], UNITS + "?sort=days"
    while url:
        page = client.get(url, **token).json()
        assert len(page["results"]) <= 25
        seen += page["results"]
        url = page["next"]
    assert [unit["serial_number"] for unit in seen] == [
        unit.serial_number for unit in sorted(units, key=lambda u: (u.coverage_ends_on, u.pk))
    ]
    first = seen[0]
    assert first["days_to_expiration"] == "Expired" and first["account_id"] == world.account_a.pk


def test_the_page_s_filters_and_sorts_apply(world, client, units, token):
    expiring = client.get(UNITS + "?coverage=expiring30&sort=-days", **token).json()["results"]
    assert [unit["days_to_expiration"] for unit in expiring][:2] == ["30 days", "29 days"]
    assert len(expiring) == 25 and all(u["days_to_expiration"] != "Expired" for u in expiring)
    search = client.get(UNITS + f"?q={units[3].serial_number}", **token).json()["results"]
    assert [unit["id"] for unit in search] == [units[3].pk]
    bad = client.get(UNITS + "?sort=nonsense&coverage=never&after=not-a-cursor", **token)
    assert bad.status_code == 200  # a bad parameter falls back to its default, as on the page


def test_a_unit_and_the_same_404_for_missing_and_forbidden(world, client, units, token):
    unit = client.get(f"{UNITS}{units[0].pk}/", **token)
    assert unit.status_code == 200 and unit.json()["serial_number"] == units[0].serial_number
    assert unit.json()["entitlements"] is None  # Read Only: as on the unit's page
    other = make_asset(world.account_b)
    forbidden = client.get(f"{UNITS}{other.pk}/", **token)
    missing = client.get(f"{UNITS}999999999/", **token)
    assert forbidden.status_code == missing.status_code == 404
    assert (
        forbidden.json()
        == missing.json()
        == {"error": {"status": 404, "code": "not_found", "message": "Not found."}}
    )


def test_the_scope_and_the_profile_of_the_api_user_decide(world, client, units):
    branch = FolderFactory(account=world.account_a, name="Branch")
    branch.path = f"/{branch.pk}/"
    branch.save()
    inside = make_asset(world.account_a, folder=branch)
    profile = ProfileFactory(account=world.account_a, asset_management=Level.READ_ONLY)
    scoped, secret = api_user(
        world.account_a, world.owner_a, "scoped", permission_profile=profile, scope_folder=branch
    )
    headers = bearer(client, scoped, secret)
    assert [u["id"] for u in client.get(UNITS, **headers).json()["results"]] == [inside.pk]
    assert client.get(f"{UNITS}{units[0].pk}/", **headers).status_code == 404
    no_assets = ProfileFactory(account=world.account_a, forticare=Level.READ_ONLY)
    tickets_only, secret = api_user(
        world.account_a, world.owner_a, "tickets", permission_profile=no_assets
    )
    headers = bearer(client, tickets_only, secret)
    assert client.get(UNITS, **headers).status_code == 404
    assert client.get(f"{UNITS}{inside.pk}/", **headers).status_code == 404


def test_no_token_a_session_a_disabled_user_or_an_inactive_account_get_401(
    world, client, units, token
):
    assert client.get(UNITS).json()["error"]["status"] == 401
    client.force_login(world.owner_a)  # a browser session is no way into the API
    assert client.get(UNITS).status_code == 401
    assert client.get(UNITS, HTTP_AUTHORIZATION="Bearer not-a-token").status_code == 401
    assert client.get(UNITS, **token).status_code == 200
    Account.objects.filter(pk=world.account_a.pk).update(status=Account.Status.SUSPENDED)
    assert client.get(UNITS, **token).status_code == 401
    Account.objects.filter(pk=world.account_a.pk).update(status=Account.Status.ACTIVE)
    User.objects.filter(kind=User.Kind.API).update(is_active=False)
    assert client.get(UNITS, **token).status_code == 401
    assert client.get(f"{UNITS}?access_token=x").status_code == 401  # no token in the URL


def test_the_query_count_does_not_grow_with_the_rows(world, client, token):
    def queries():
        with CaptureQueriesContext(connection) as captured:
            assert client.get(UNITS, **token).status_code == 200
        return len(captured)

    make_asset(world.account_a)
    few = queries()
    for _ in range(40):
        make_asset(world.account_a)
    assert queries() == few
    # The token with its API user, account and grant in one; the rate limit's count; the page.
    assert few == 3


def test_the_openapi_schema_is_public_and_describes_the_list(client):
    schema = client.get("/api/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json")
    assert schema.status_code == 200
    document = schema.json()
    operation = document["paths"]["/api/v1/assets/units/"]["get"]
    assert operation["operationId"] == "assets_product_list"
    names = {parameter["name"] for parameter in operation["parameters"]}
    assert {"q", "coverage", "sort", "after"} <= names
    flows = document["components"]["securitySchemes"]["apiUser"]["flows"]
    assert flows["clientCredentials"]["tokenUrl"] == "/oauth/token/"


def test_each_api_user_has_its_own_rate_limit(world, client, settings):
    """Beyond API_RATE_LIMIT an API user gets 429 with Retry-After; another user does not."""
    settings.API_RATE_LIMIT = "3/minute"
    busy, secret = api_user(world.account_a, world.owner_a, "busy")
    headers = bearer(client, busy, secret)
    answers = [client.get(UNITS, **headers) for _ in range(4)]
    assert [answer.status_code for answer in answers] == [200, 200, 200, 429]
    assert int(answers[-1]["Retry-After"]) > 0
    assert answers[-1].json()["error"]["code"] == "throttled"
    calm, secret = api_user(world.account_a, world.owner_a, "calm")
    assert client.get(UNITS, **bearer(client, calm, secret)).status_code == 200


def test_the_docs_page_is_served_from_our_own_host(client):
    page = client.get("/api/docs/")
    assert page.status_code == 200
    assert "/static/drf_spectacular_sidecar/swagger-ui-dist/swagger-ui-bundle.js" in page.text
    assert not any(cdn in page.text for cdn in ("cdn", "unpkg", "jsdelivr", "https://"))
    script = client.get("/api/docs/?script=")
    assert script.status_code == 200 and "/api/schema/" in script.text


def test_an_expired_a_malformed_or_a_resource_bound_token_is_401(world, client, token):
    assert client.get(UNITS, **token).status_code == 200
    raw = token["HTTP_AUTHORIZATION"].split()[1]
    stored = AccessToken.objects.get()
    AccessToken.objects.filter(pk=stored.pk).update(resource=["https://elsewhere.example/"])
    assert client.get(UNITS, **token).status_code == 401  # RFC 8707: not for this server
    AccessToken.objects.filter(pk=stored.pk).update(resource=[], expires=stored.created)
    expired = client.get(UNITS, **token)
    assert expired.status_code == 401
    assert 'error="invalid_token"' in expired["WWW-Authenticate"]
    two_words = client.get(UNITS, HTTP_AUTHORIZATION=f"Bearer {raw} extra")
    assert two_words.status_code == 401 and two_words.json()["error"]["status"] == 401


def test_the_direct_representation_of_a_unit_is_drf_s(world):
    """UnitSerializer reads its fields directly for speed: the same answer as DRF's own path,
    for a unit in service and a decommissioned one."""
    make_asset(world.account_a, ends_in=12, folder=FolderFactory(account=world.account_a))
    make_asset(world.account_a, decommissioned_at=timezone.now())
    access = access_for_account(world.owner_a, world.account_a.pk)
    rows = [*PRODUCT_LIST.rows(access), *DECOMMISSIONED_UNITS.rows(access)]
    assert len(rows) == 2
    serializer = UnitSerializer()
    for row in rows:
        assert serializer.to_representation(row) == ModelSerializer.to_representation(
            serializer, row
        )


def test_the_direct_representation_of_entitlements_is_drf_s(world, client):
    """A unit's entitlements are read directly too: the same answer as DRF's own path, and
    the unit's answer lists them, latest end first."""
    unit = make_asset(world.account_a, ends_in=30)
    Entitlement.objects.create(
        asset=unit,
        service=Entitlement.Service.FORTIGUARD,
        starts_on=datetime.date(2025, 1, 1),
        ends_on=datetime.date(2099, 12, 31),
        contract_number="C-123 «x»",
    )
    serializer = EntitlementSerializer()
    entitlements = list(unit.entitlements.all())
    assert len(entitlements) == 2
    expected = [ModelSerializer.to_representation(serializer, each) for each in entitlements]
    assert [serializer.to_representation(each) for each in entitlements] == expected
    profile = builtin_profile(PermissionProfile.Builtin.SYSADMIN)
    user, secret = api_user(world.account_a, world.owner_a, "admin", permission_profile=profile)
    answer = client.get(f"{UNITS}{unit.pk}/", **bearer(client, user, secret))
    assert answer.status_code == 200
    assert answer.json()["entitlements"] == expected
    assert answer.json()["entitlements"][0] == {
        "service": "fortiguard",
        "starts_on": "2025-01-01",
        "ends_on": "2099-12-31",
        "contract_number": "C-123 «x»",
    }


@pytest.mark.parametrize(
    "assets, entitlements",
    [
        (Level.ADMIN, ResourceLevel.READ_ONLY),
        (Level.READ_WRITE, ResourceLevel.READ_ONLY),
        (Level.READ_WRITE, ResourceLevel.NO_ACCESS),
        (Level.READ_ONLY, ResourceLevel.READ_WRITE),
    ],
)
def test_a_unit_s_entitlements_only_for_whom_its_page_shows_them(
    world, client, assets, entitlements
):
    """Seed 001: entitlements and contracts for Admin and Read/Write with Entitlement
    Management. An API user sees them exactly when an IAM user of the same profile sees them
    on the unit's page; otherwise ``entitlements`` is null and no contract number is sent."""
    unit = make_asset(world.account_a, ends_in=30)
    unit.entitlements.update(contract_number="CONTRACT-77")
    profile = ProfileFactory(
        account=world.account_a, asset_management=assets, entitlement_management=entitlements
    )
    client.force_login(IamUserFactory(account=world.account_a, permission_profile=profile))
    page = client.get(f"/a/{world.account_a.pk}/assets/units/{unit.pk}/")
    assert page.status_code == 200
    on_the_page = "CONTRACT-77" in page.content.decode()
    client.logout()
    user, secret = api_user(world.account_a, world.owner_a, permission_profile=profile)
    answer = client.get(f"{UNITS}{unit.pk}/", **bearer(client, user, secret))
    assert answer.status_code == 200
    assert on_the_page is (assets != Level.READ_ONLY and entitlements != ResourceLevel.NO_ACCESS)
    assert (b"CONTRACT-77" in answer.content) is on_the_page
    assert (answer.json()["entitlements"] is None) is not on_the_page


def test_the_token_lookup_is_planned_once_and_revocation_still_ends_it(world, client, token):
    """On PostgreSQL the token's lookup is a prepared statement of the connection: one plan
    for every token, and a revoked or expired token still fails on its next request."""
    if connection.vendor != "postgresql":
        skip_or_fail("prepared statements are PostgreSQL's; set DATABASE_URL", "REQUIRE_POSTGRES")
    other_user, other_secret = api_user(world.account_a, world.owner_a, name="second")
    other = bearer(client, other_user, other_secret)
    for headers in (token, other, token):
        assert client.get(UNITS, **headers).status_code == 200
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FROM pg_prepared_statements WHERE statement LIKE %s",
            ["%oauth2_provider_accesstoken%"],
        )
        assert cursor.fetchone()[0] == 1
    AccessToken.objects.filter(user=other_user).update(expires=timezone.now())
    assert client.get(UNITS, **other).status_code == 401
    AccessToken.objects.filter(user__kind=User.Kind.API).delete()
    assert client.get(UNITS, **token).status_code == 401
