"""Each list's declaration says who may see and export it (``ListPage.allowed``, asked again
by export jobs): it agrees with the list page's own answer, for every list, in every context,
for people with every kind of grant."""

import pytest
from django.urls import NoReverseMatch, get_resolver

from forticloud.web.lists import LIST_PAGES
from iam.access import access_for_account
from iam.partner_access import access_for_partner_visit

pytestmark = pytest.mark.django_db


def test_allowed_agrees_with_the_page(world, client):
    get_resolver().url_patterns  # noqa: B018 (the views declare the lists)
    declarations = [d for name, d in LIST_PAGES.items() if not name.startswith("tests:")]
    assert len(declarations) >= 7
    people = [
        (world.owner_a, lambda user: access_for_account(user, world.account_a.pk)),
        (world.iam_a, lambda user: access_for_account(user, world.account_a.pk)),
        (world.partner_user, lambda user: access_for_account(user, world.account_a.pk)),
        (world.partner_user, access_for_partner_visit),
    ]
    checked = 0
    for user, access_of in people:
        access = access_of(user)
        client.force_login(user)
        for declaration in declarations:
            try:
                url = access.reverse(declaration.name)
            except NoReverseMatch:
                continue  # not a list of this context
            status = client.get(url).status_code
            assert status == (200 if declaration.allowed(access) else 404), (user, url)
            checked += 1
    assert checked >= 15


def test_a_search_keeps_the_sort_the_table_shows(world, client):
    """The sort goes with the table (a sort click swaps only the table), inside the search form:
    every list with a search form sends the sort it shows with the next search."""
    get_resolver().url_patterns  # noqa: B018 (the views declare the lists)
    client.force_login(world.owner_a)
    access = access_for_account(world.owner_a, world.account_a.pk)
    searched = 0
    for name, declaration in LIST_PAGES.items():
        try:
            url = access.reverse(name)
        except NoReverseMatch:
            continue
        if name.startswith("tests:") or not declaration.allowed(access):
            continue
        table = declaration.table
        sort = "-" + next(c.key for c in table.columns if c.sortable)
        html = client.get(url, {"sort": sort}).content.decode()
        if 'role="search"' not in html:
            continue
        form = f'id="{table.id}-filters"'
        assert form in html, name
        assert f'name="sort" value="{sort}" form="{table.id}-filters"' in html, name
        searched += 1
    assert searched >= 4
