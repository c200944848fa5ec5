"""The Product List's search: a serial number's start or a text in the description."""

import importlib
from urllib.parse import quote

import pytest
from django.apps import apps
from django.db import connection

from assets.models import Asset
from tests.assets.test_product_list import list_url, serials

pytestmark = pytest.mark.django_db


def test_search_finds_serial_starts_and_description_texts(world, client, asset_factory):
    """A text that could start a serial number is looked for in both; one with other
    characters (which no serial number has) in descriptions, where it still finds them."""
    branch = asset_factory(world.account_a, description="Branch #421, floor 2")
    spare = asset_factory(world.account_a, description="spare for fgt60f")
    other = asset_factory(world.account_a, description="Core switch")
    client.force_login(world.owner_a)
    expect = {
        "#421": [branch],
        "floor 2": [branch],
        "#421, FLOOR": [branch],
        "fgt60f": [branch, spare, other],  # every serial starts so; one description holds it
        branch.serial_number.lower(): [branch],
        "switch": [other],
        "fgt60f-": [],
    }
    for text, assets in expect.items():
        got = client.get(list_url(world.account_a, f"sort=serial&q={quote(text)}"))
        assert serials(got) == sorted(a.serial_number for a in assets), text


def test_a_text_no_serial_number_starts_with_is_looked_for_in_descriptions_only(
    world, client, asset_factory
):
    """Compared with serial numbers too, PostgreSQL checked each description the trigram index
    gave twice (0.9 ms of a search with 1,003 matches, tests/perf/HISTORY.md)."""
    asset_factory(world.account_a, description="Branch #421")
    client.force_login(world.owner_a)
    for text, with_serials in [("#421", False), ("core switch", False), ("fgt60f", True)]:
        sent = []

        def note(execute, sql, params, many, context, sent=sent):
            if sql.startswith('SELECT "assets_asset"."id"'):
                sent.append(sql)
            return execute(sql, params, many, context)

        with connection.execute_wrapper(note):
            client.get(list_url(world.account_a, f"q={quote(text)}"))
        assert ('"serial_number"' in sent[-1].split("WHERE")[1]) is with_serials, text


def test_the_migration_stops_while_a_serial_number_is_of_another_form(world, asset_factory):
    """The search's rule holds for the units already registered too: the migration that adds
    it names those it would not find by their serial number, and stops."""
    migration = importlib.import_module("assets.migrations.0017_serial_number_validator")
    unit = asset_factory(world.account_a)
    migration.check_serial_numbers(apps, None)  # every serial number of the form: goes on
    Asset.objects.filter(pk=unit.pk).update(serial_number="FGT-60F-0001")
    with pytest.raises(RuntimeError, match=r"in capitals: 1 \(FGT-60F-0001\)"):
        migration.check_serial_numbers(apps, None)
