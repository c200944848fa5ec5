"""A list's filter menus keep the user's choice: after filtering (or following a link with the
filter in it) the menu shows the chosen value, and only that one; a value that is not a
choice selects none, so the menu shows its first option."""

import re

import pytest

from assets.lists import COVERAGE_FILTERS, coverage_months
from forticloud.web.templatetags.portal import options

pytestmark = pytest.mark.django_db

MENUS = [
    # (page under /a/<account>/, menu id, parameter, a choice that is not the first)
    ("assets/", "asset-coverage", "coverage", list(COVERAGE_FILTERS)[2]),
    ("assets/", "asset-ends", "ends", coverage_months()[3][0]),
    ("assets/vulnerability-list/", "advisory-severity", "severity", "high"),
    ("assets/renewal-notice/requests/", "renewal-status", "status", "quoted"),
    ("forticare/", "ticket-status", "status", "closed"),
    ("forticare/", "ticket-type", "type", "partner"),
    ("iam/users/", "user-type", "type", "api"),
    ("iam/users/", "user-status", "status", "disabled"),
    ("iam/audit-log/", "audit-action", "action", "iam_user.create"),
]


def chosen(html: str, menu: str) -> list[str]:
    """The values of the options marked selected in the <select> with id ``menu``."""
    [options] = re.findall(rf'<select id="{menu}"[^>]*>(.*?)</select>', html, re.S)
    values = re.findall(r'<option value="([^"]*)"( selected)?>', options)
    assert values, f"{menu} has no options"
    return [value for value, selected in values if selected]


@pytest.mark.parametrize(("page", "menu", "parameter", "value"), MENUS)
def test_the_chosen_value_is_the_one_selected(world, client, page, menu, parameter, value):
    client.force_login(world.owner_a)
    url = f"/a/{world.account_a.pk}/{page}"
    assert chosen(client.get(url).content.decode(), menu) == []
    shown = client.get(url, {parameter: value})
    assert shown.status_code == 200
    assert chosen(shown.content.decode(), menu) == [value]
    unknown = client.get(url, {parameter: '"><script>alert(1)</script>'})
    assert unknown.status_code == 200
    assert chosen(unknown.content.decode(), menu) == []
    assert b"<script>alert(1)" not in unknown.content


def test_values_and_labels_are_escaped_and_only_the_equal_value_is_selected():
    choices = {'a"b': "<b>&'", "c": "C"}
    assert str(options(choices, 'a"b')) == (
        '<option value="a&quot;b" selected>&lt;b&gt;&amp;&#x27;</option>'
        '<option value="c">C</option>'
    )
    assert str(options(list(choices.items()), "")) == str(options(choices, "nothing"))
    assert "selected" not in str(options(choices, "C"))  # a label is not a value
    assert str(options({}, "c")) == ""
