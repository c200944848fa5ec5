"""Query counts of the sub user pages do not grow with the rows shown."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.assets.conftest import make_asset

from .conftest import sub_user

pytestmark = pytest.mark.django_db


def queries(client, url) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def test_current_users_and_the_limited_product_list_stay_flat(world, client, units):
    def grow(count, start):
        assigned = [make_asset(world.account_a) for _ in range(count)]
        for n in range(count):
            sub_user(world.account_a, f"s{start + n}@alpha.test", "limited", assigned)
        return assigned

    grow(2, 0)
    limited = sub_user(world.account_a, "reader@alpha.test", "limited", [units["east"]])
    client.force_login(world.owner_a)
    manage = f"/a/{world.account_a.pk}/iam/sub-users/"
    few_users = queries(client, manage)
    client.force_login(limited)
    product_list = f"/a/{world.account_a.pk}/assets/"
    few_units = queries(client, product_list)

    limited.assigned_units.add(*grow(20, 100))
    client.force_login(world.owner_a)
    assert queries(client, manage) == few_users
    client.force_login(limited)
    assert queries(client, product_list) == few_units


def test_the_unit_picker_and_the_edit_page_stay_flat(world, client, units):
    user = sub_user(world.account_a, "picker@alpha.test", "limited", [units["east"]])
    client.force_login(world.owner_a)
    edit = f"/a/{world.account_a.pk}/iam/sub-users/{user.pk}/edit/"
    few = queries(client, edit)
    user.assigned_units.add(*[make_asset(world.account_a) for _ in range(15)])
    assert queries(client, edit) == few
