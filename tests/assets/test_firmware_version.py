"""A unit's firmware version: set at Register, changed on the unit's page (Asset Maintenance
Read-Write) and through the REST API; a bad version gets a clear message, never a 500; the
unit's page lists its advisories; a change asks for a recount so the Vulnerability List
follows."""

import pytest

from assets.models import Asset, CoverageTally, ProductModel
from iam.permissions import Level, ResourceLevel
from tests.api.helpers import api_user, bearer
from tests.factories import FolderFactory, IamUserFactory, ProfileFactory

from .advisories import LOW, make_advisory, make_unit

pytestmark = pytest.mark.django_db

BAD = "Enter a firmware version such as 7.2.5."


def register_data(**fields):
    model = ProductModel.objects.get(code="FGT60F")
    return {
        "serial": f"{model.serial_prefix}77770001",
        "product_model": model.pk,
        "description": "",
        "folder": "",
        "contract_code": "",
        **fields,
    }


def test_register_takes_a_firmware_version(world, client, post):
    client.force_login(world.owner_a)
    url = f"/a/{world.account_a.pk}/assets/register/"
    assert "Firmware Version" in client.get(url).text
    bad = post(url, register_data(firmware_version="7.2.x"))
    assert bad.status_code == 200 and BAD in bad.text
    assert not Asset.objects.exists()
    assert post(url, register_data(firmware_version="v7.2.5")).status_code == 303
    unit = Asset.objects.get()
    assert (unit.firmware_version, unit.firmware_code) == ("7.2.5", 7_002_005)


def test_the_unit_page_sets_the_version_and_lists_the_advisories(world, client, post):
    make_advisory("FG-IR-24-015")
    make_advisory("FG-IR-24-999", ("FGT60F", "7.4.*", ""), severity=LOW, cvss="2.0")
    unit = make_unit(world.account_a, "")
    client.force_login(world.owner_a)
    page_url = f"/a/{world.account_a.pk}/assets/units/{unit.pk}/"
    page = client.get(page_url).text
    assert "No firmware version is known for this unit" in page
    answer = post(f"{page_url}firmware/", {"firmware_version": " 7.2.6 "})
    assert answer.status_code == 303 and answer["Location"] == page_url
    unit.refresh_from_db()
    assert (unit.firmware_version, unit.firmware_code) == ("7.2.6", 7_002_006)
    assert CoverageTally.objects.get(account=world.account_a).requested_at is not None
    page = client.get(page_url).text
    assert "The firmware version of" in page and "FG-IR-24-015" in page
    assert "7.2.0 - 7.2.6" in page and "7.2.7" in page and "FG-IR-24-999" not in page
    post(f"{page_url}firmware/", {"firmware_version": "7.4.1"})
    page = client.get(page_url).text
    assert "FG-IR-24-999" in page and ">Low</span>" in page and "No fix yet" in page
    post(f"{page_url}firmware/", {"firmware_version": "9.9.9"})
    assert "No advisory affects firmware 9.9.9" in client.get(page_url).text


@pytest.mark.parametrize("version", ["7.2.x", "7" * 40, "7.2\x005", "٧.٢.٥"])  # noqa: RUF001
def test_a_bad_version_is_refused_with_a_message(world, client, post, version):
    unit = make_unit(world.account_a, "7.0.1")
    client.force_login(world.owner_a)
    page_url = f"/a/{world.account_a.pk}/assets/units/{unit.pk}/"
    answer = post(f"{page_url}firmware/", {"firmware_version": version}, follow=True)
    assert answer.status_code == 200 and BAD in answer.text
    unit.refresh_from_db()
    assert unit.firmware_version == "7.0.1"


def test_an_empty_version_means_not_known(world, client, post):
    unit = make_unit(world.account_a, "7.0.1")
    client.force_login(world.owner_a)
    post(f"/a/{world.account_a.pk}/assets/units/{unit.pk}/firmware/", {"firmware_version": ""})
    unit.refresh_from_db()
    assert (unit.firmware_version, unit.firmware_code) == ("", None)


def test_read_only_and_out_of_scope_users_do_not_change_it(world, client, post):
    branch = FolderFactory(account=world.account_a, name="Branch")
    outside = make_unit(world.account_a, "7.0.1")
    reader = IamUserFactory(
        account=world.account_a,
        permission_profile=ProfileFactory(
            account=world.account_a,
            asset_management=Level.READ_ONLY,
            asset_maintenance=ResourceLevel.READ_ONLY,
        ),
    )
    client.force_login(reader)
    page_url = f"/a/{world.account_a.pk}/assets/units/{outside.pk}/"
    assert 'name="firmware_version"' not in client.get(page_url).text
    assert post(f"{page_url}firmware/", {"firmware_version": "7.2.5"}).status_code == 404
    writer = IamUserFactory(
        account=world.account_a,
        scope_folder=branch,
        permission_profile=ProfileFactory(
            account=world.account_a,
            asset_management=Level.READ_WRITE,
            asset_maintenance=ResourceLevel.READ_WRITE,
        ),
    )
    client.force_login(writer)
    assert post(f"{page_url}firmware/", {"firmware_version": "7.2.5"}).status_code == 404
    outside.refresh_from_db()
    assert outside.firmware_version == "7.0.1"


def _api_writer(world, client, **levels):
    profile = ProfileFactory(account=world.account_a, **levels)
    user, secret = api_user(world.account_a, world.owner_a, "fw", permission_profile=profile)
    return bearer(client, user, secret)


def test_the_api_shows_registers_and_changes_the_version(world, client):
    headers = _api_writer(
        world,
        client,
        asset_management=Level.READ_WRITE,
        asset_maintenance=ResourceLevel.READ_WRITE,
    )
    data = register_data(firmware_version="7.4.1")
    del data["folder"]
    created = client.post("/api/v1/assets/units/", data, content_type="application/json", **headers)
    assert created.status_code == 201, created.content
    assert created.json()["firmware_version"] == "7.4.1"
    unit_url = f"/api/v1/assets/units/{created.json()['id']}/"
    listed = client.get("/api/v1/assets/units/", **headers).json()["results"]
    assert listed[0]["firmware_version"] == "7.4.1"
    changed = client.post(
        f"{unit_url}firmware/", {"firmware_version": "7.4.3"}, "application/json", **headers
    )
    assert changed.status_code == 200 and changed.json()["firmware_version"] == "7.4.3"
    bad = client.post(
        f"{unit_url}firmware/", {"firmware_version": "latest"}, "application/json", **headers
    )
    assert bad.status_code == 400
    assert bad.json()["error"]["fields"]["firmware_version"] == [BAD]
    missing = client.post(
        "/api/v1/assets/units/999999/firmware/", {"firmware_version": "7.4.3"}, **headers
    )
    assert missing.status_code == 404


def test_an_api_reader_cannot_change_it(world, client):
    unit = make_unit(world.account_a, "7.0.1")
    headers = _api_writer(world, client, asset_management=Level.READ_ONLY)
    answer = client.post(
        f"/api/v1/assets/units/{unit.pk}/firmware/",
        {"firmware_version": "7.2.5"},
        "application/json",
        **headers,
    )
    assert answer.status_code == 404
    unit.refresh_from_db()
    assert unit.firmware_version == "7.0.1"
