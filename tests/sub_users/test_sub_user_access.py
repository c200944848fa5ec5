"""What sub users get (seed 001): Full Access everything but IAM, read-only without folder
changes or moves; Limited Access only the Product List and Decommissioned Units of its units."""

import re

import pytest

from tests.exports import csv_rows, export_of
from tests.factories import PASSWORD

pytestmark = pytest.mark.django_db


def log_in(client, post, user):
    response = post("/login/", {"email": user.email, "password": PASSWORD})
    assert response.status_code == 303, response
    return client


def serials(response) -> set[str]:
    return {asset.serial_number for asset in response.context["page"].object_list}


def a_url(world, path=""):
    return f"/a/{world.account_a.pk}/{path}"


def test_limited_sub_user_sees_only_its_units_in_every_list(world, client, post, units, limited):
    log_in(client, post, limited)
    product_list = client.get(a_url(world, "assets/"))
    assert product_list.status_code == 200
    assert serials(product_list) == {units["east"].serial_number, units["core"].serial_number}
    decommissioned = client.get(a_url(world, "assets/decommissioned/"))
    assert serials(decommissioned) == {units["gone"].serial_number}
    # Searching the whole account's serials finds only its own.
    search = client.get(a_url(world, "assets/"), {"q": units["west"].serial_number})
    assert serials(search) == set()


def test_limited_sub_user_export_holds_exactly_its_units(world, client, post, units, limited):
    log_in(client, post, limited)
    rows = csv_rows(export_of(client, a_url(world, "assets/")))
    exported = {row[0] for row in rows[1:]}
    assert exported == {units["east"].serial_number, units["core"].serial_number}


def figures(page: str) -> dict[str, str]:
    found = re.findall(
        r'<span class="figure-value">([^<]*)</span> <span class="figure-label">([^<]*)</span>', page
    )
    return {label: value for value, label in found}


def test_limited_sub_user_dashboard_counts_its_units(world, client, post, units, limited):
    log_in(client, post, limited)
    shown = figures(client.get(a_url(world)).content.decode())
    assert shown["Units"] == "2"
    assert shown["Expiring within 30 days"] == "1"  # east, in 20 days
    assert shown["Expired"] == "1"


@pytest.mark.parametrize(
    "path",
    ["assets/my-assets/", "assets/register/", "iam/users/", "forticare/tickets/new/", "iam/"],
)
def test_limited_sub_user_reaches_nothing_else(world, client, post, units, limited, path):
    log_in(client, post, limited)
    assert client.get(a_url(world, path)).status_code == 404


def test_limited_sub_user_unit_pages_are_its_own_only(world, client, post, units, limited):
    log_in(client, post, limited)
    assert client.get(a_url(world, f"assets/units/{units['east'].pk}/")).status_code == 200
    for other in ("west", "top", "gone_other", "of_b"):
        assert client.get(a_url(world, f"assets/units/{units[other].pk}/")).status_code == 404


def test_limited_sub_user_sees_a_change_of_its_units_on_the_next_request(
    world, client, post, units, limited
):
    log_in(client, post, limited)
    limited.assigned_units.remove(units["core"])
    assert serials(client.get(a_url(world, "assets/"))) == {units["east"].serial_number}


def test_full_sub_user_sees_every_unit_and_no_iam(world, client, post, units, full):
    log_in(client, post, full)
    assert serials(client.get(a_url(world, "assets/"))) == {
        units[name].serial_number for name in ("east", "west", "core", "top")
    }
    assert client.get(a_url(world, "assets/my-assets/")).status_code == 200
    assert client.get(a_url(world, "assets/register/")).status_code == 200
    assert client.get(a_url(world, "forticare/tickets/new/")).status_code == 200
    assert client.get(a_url(world, "iam/users/")).status_code == 404


def test_full_read_only_sub_user_cannot_change_folders_or_move(
    world, client, post, units, full_read_only
):
    log_in(client, post, full_read_only)
    assert client.get(a_url(world, "assets/my-assets/")).status_code == 200
    created = post(a_url(world, "assets/my-assets/folders/"), {"name": "Nope", "parent": ""})
    assert created.status_code == 404
    moved = post(
        a_url(world, "assets/my-assets/move/"),
        {"assets": [units["east"].pk], "target": units["data_center"].pk},
    )
    assert moved.status_code == 404
    units["east"].refresh_from_db()
    assert units["east"].folder == units["branch"]
    assert client.get(a_url(world, "forticare/tickets/new/")).status_code == 200
