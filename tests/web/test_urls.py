"""reverse_ids gives the very URL reverse() gives, for every id, and refuses what reverse()
refuses."""

import uuid

import pytest
from django.urls import NoReverseMatch, reverse

from forticloud.web.urls import ids_url, reverse_ids


@pytest.mark.parametrize(
    ("name", "kwargs"),
    [
        ("account:dashboard", {"account_id": 1274099}),
        ("account:assets:asset", {"account_id": 1, "pk": 0}),
        ("account:assets:asset", {"account_id": 7, "pk": 987_654_321}),
        ("account:assets:asset", {"pk": 12, "account_id": 12}),  # the same id twice
        ("partner:forticare:bug", {"number": 1164092}),
        ("partner:export_job", {"pk": uuid.UUID(int=5)}),  # not an id: reverse() itself
    ],
)
def test_the_url_is_reverses_own(name, kwargs):
    assert reverse_ids(name, kwargs) == reverse(name, kwargs=kwargs)
    assert reverse_ids(name, kwargs) == reverse(name, kwargs=kwargs)  # from the cache


def test_what_reverse_refuses_is_refused():
    with pytest.raises(NoReverseMatch):
        reverse_ids("account:assets:asset", {"account_id": 1, "pk": -3})
    with pytest.raises(NoReverseMatch):
        reverse_ids("account:assets:asset", {"account_id": 1, "pk": "../x"})


def test_a_pages_rows_get_the_urls_reverse_gives():
    url = ids_url("account:forticare:ticket", "account_id", "pk")
    for account_id, pk in [(1, 0), (7, 987_654_321), (12, 12), (10**18 - 1, 5)]:
        kwargs = {"account_id": account_id, "pk": pk}
        assert url(account_id, pk) == reverse("account:forticare:ticket", kwargs=kwargs)
