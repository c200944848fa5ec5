"""Asset Management changes through the REST API: Register, folders, moves, decommission and
restore, validated by the pages' forms and made by their services, within the API user's
profile and Local scope (404 outside it, 400 with the fields for bad input)."""

import pytest

from assets.models import Asset, AssetFolder, ProductModel
from iam.permissions import Level, ResourceLevel
from tests.assets.conftest import make_asset
from tests.factories import FolderFactory, ProfileFactory

from .helpers import api_user, bearer

pytestmark = pytest.mark.django_db

UNITS = "/api/v1/assets/units/"
FOLDERS = "/api/v1/assets/folders/"


def _writer(world, client, **fields):
    profile = ProfileFactory(
        account=world.account_a,
        asset_management=Level.READ_WRITE,
        asset_maintenance=ResourceLevel.READ_WRITE,
    )
    user, secret = api_user(
        world.account_a, world.owner_a, "writer", permission_profile=profile, **fields
    )
    return bearer(client, user, secret)


def _post(client, url, data, headers):
    return client.post(url, data, content_type="application/json", **headers)


def test_register_a_unit_then_find_it_in_the_product_list(world, client):
    headers = _writer(world, client)
    model = ProductModel.objects.get(code="FGT60F")
    serial = f"{model.serial_prefix}API0000001"
    answer = _post(client, UNITS, {"serial": serial.lower(), "product_model": model.pk}, headers)
    assert answer.status_code == 201, answer.content
    assert answer.json()["serial_number"] == serial
    listed = client.get(UNITS + f"?q={serial}", **headers).json()["results"]
    assert [unit["serial_number"] for unit in listed] == [serial]
    again = _post(client, UNITS, {"serial": serial, "product_model": model.pk}, headers)
    assert again.status_code == 400
    assert again.json()["error"]["fields"]["non_field_errors"] == [
        "This serial number is already registered."
    ]


def test_bad_input_is_a_400_naming_the_field_and_changes_nothing(world, client):
    headers = _writer(world, client)
    bad = _post(client, UNITS, {"serial": "X", "product_model": "٣"}, headers)
    assert bad.status_code == 400 and "product_model" in bad.json()["error"]["fields"]
    not_an_object = _post(client, UNITS, ["serial"], headers)
    assert not_an_object.status_code == 400
    assert not_an_object.json()["error"]["message"] == "The body must be a JSON object."
    assert not Asset.objects.exists()


def test_a_read_only_api_user_changes_nothing(world, client):
    reader, secret = api_user(world.account_a, world.owner_a)  # Asset Management Read Only
    headers = bearer(client, reader, secret)
    unit = make_asset(world.account_a)
    model = ProductModel.objects.get(code="FGT60F")
    register = {"serial": f"{model.serial_prefix}API0000002", "product_model": model.pk}
    assert _post(client, UNITS, register, headers).status_code == 404
    assert _post(client, f"{UNITS}{unit.pk}/decommission/", {}, headers).status_code == 404
    assert _post(client, FOLDERS, {"name": "Nope"}, headers).status_code == 404
    assert client.get(FOLDERS, **headers).status_code == 200  # reading is Read Only's
    unit.refresh_from_db()
    assert unit.decommissioned_at is None and Asset.objects.count() == 1


def test_folders_are_made_renamed_and_deleted(world, client):
    headers = _writer(world, client)
    made = _post(client, FOLDERS, {"name": "Racks"}, headers)
    assert made.status_code == 201, made.content
    folder = made.json()
    child = _post(client, FOLDERS, {"name": "Rack 1", "parent": folder["id"]}, headers).json()
    assert child["parent_id"] == folder["id"]
    duplicate = _post(client, FOLDERS, {"name": "racks"}, headers)
    assert duplicate.status_code == 400
    renamed = _post(client, f"{FOLDERS}{child['id']}/rename/", {"name": "Rack A"}, headers)
    assert renamed.json()["name"] == "Rack A"
    not_empty = _post(client, f"{FOLDERS}{folder['id']}/delete/", {}, headers)
    assert "not empty" in not_empty.json()["error"]["message"]
    assert _post(client, f"{FOLDERS}{child['id']}/delete/", {}, headers).status_code == 204
    names = [row["name"] for row in client.get(FOLDERS, **headers).json()["results"]]
    assert names == ["Racks"]


def test_another_account_s_folder_is_404_like_a_missing_one(world, client):
    headers = _writer(world, client)
    theirs = FolderFactory(account=world.account_b, name="Theirs")
    for url, data in [
        (f"{FOLDERS}{theirs.pk}/rename/", {"name": "Mine"}),
        (f"{FOLDERS}{theirs.pk}/delete/", {}),
        (FOLDERS, {"name": "Inside", "parent": theirs.pk}),
        (f"{FOLDERS}999999/delete/", {}),
    ]:
        answer = _post(client, url, data, headers)
        assert answer.status_code == 404 and answer.json()["error"]["message"] == "Not found."
    theirs.refresh_from_db()
    assert theirs.name == "Theirs" and not theirs.children.exists()


def test_units_move_within_the_scope_only(world, client):
    branch = FolderFactory(account=world.account_a, name="Branch")
    east = FolderFactory(account=world.account_a, name="East", parent=branch)
    outside = FolderFactory(account=world.account_a, name="Data Center")
    units = [make_asset(world.account_a, folder=branch) for _ in range(2)]
    stranger_unit = make_asset(world.account_a, folder=outside)
    headers = _writer(world, client, scope_folder=branch)
    moved = _post(
        client, f"{UNITS}move/", {"assets": [u.pk for u in units], "target": east.pk}, headers
    )
    assert moved.json() == {"moved": 2}
    assert set(Asset.objects.filter(folder=east).values_list("pk", flat=True)) == {
        u.pk for u in units
    }
    away = _post(client, f"{UNITS}move/", {"assets": [units[0].pk], "target": outside.pk}, headers)
    assert away.status_code == 400 and "target" in away.json()["error"]["fields"]
    theirs = _post(
        client, f"{UNITS}move/", {"assets": [stranger_unit.pk], "target": east.pk}, headers
    )
    assert theirs.status_code == 400 and "assets" in theirs.json()["error"]["fields"]
    assert Asset.objects.get(pk=stranger_unit.pk).folder == outside
    assert AssetFolder.objects.filter(account=world.account_a).count() == 3


def test_decommission_then_restore(world, client):
    headers = _writer(world, client)
    unit = make_asset(world.account_a, ends_in=30)
    gone = _post(client, f"{UNITS}{unit.pk}/decommission/", {}, headers)
    assert gone.status_code == 200 and gone.json()["decommissioned_at"]
    assert client.get(UNITS, **headers).json()["results"] == []
    listed = client.get("/api/v1/assets/decommissioned-units/", **headers).json()["results"]
    assert [row["id"] for row in listed] == [unit.pk]
    back = _post(client, f"{UNITS}{unit.pk}/restore/", {}, headers)
    assert back.json()["decommissioned_at"] is None
    assert [row["id"] for row in client.get(UNITS, **headers).json()["results"]] == [unit.pk]
    theirs = make_asset(world.account_b)
    assert _post(client, f"{UNITS}{theirs.pk}/decommission/", {}, headers).status_code == 404
    assert Asset.objects.get(pk=theirs.pk).decommissioned_at is None
