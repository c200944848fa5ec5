"""The route table covers every URL pattern of the project, and names no pattern that is gone.

A new page cannot ship without a row in ``routes.py``: this test names it.
"""

from django.urls import URLPattern, URLResolver, get_resolver

from .answers import NOT_FOUND
from .routes import ROUTES
from .rules import cases, expect


def url_patterns(patterns=None, prefix="", namespaces=()):
    """Every pattern as (key, route): ``key`` is the namespaced name (``account:iam:users``),
    or for an unnamed pattern its full route (``admin/iam/user/<path:object_id>/``)."""
    for pattern in get_resolver().url_patterns if patterns is None else patterns:
        route = prefix + str(pattern.pattern)
        if isinstance(pattern, URLResolver):
            inner = (*namespaces, pattern.namespace) if pattern.namespace else namespaces
            yield from url_patterns(pattern.url_patterns, route, inner)
        else:
            assert isinstance(pattern, URLPattern)
            key = ":".join((*namespaces, pattern.name)) if pattern.name else route
            yield key, route


def test_every_url_pattern_has_a_row():
    rows = {route.name for route in ROUTES}
    patterns = dict(url_patterns())
    missing = sorted(f"{key}  ({route})" for key, route in patterns.items() if key not in rows)
    assert not missing, "URL patterns without a row in tests/access_matrix/routes.py:\n" + (
        "\n".join(missing)
    )


def test_every_row_names_a_pattern_that_exists():
    patterns = {key for key, _route in url_patterns()}
    stale = sorted(route.name for route in ROUTES if route.name not in patterns)
    assert not stale, "Rows for URL patterns that no longer exist:\n" + "\n".join(stale)


def test_one_row_per_pattern():
    names = [route.name for route in ROUTES]
    twice = sorted({name for name in names if names.count(name) > 1})
    assert not twice, f"Patterns with more than one row: {twice}"


def test_every_pattern_key_is_unique():
    keys = [key for key, _route in url_patterns()]
    twice = sorted({key for key in keys if keys.count(key) > 1})
    assert not twice, f"Patterns the table cannot tell apart (give them names): {twice}"


def test_every_route_answers_someone():
    """No route exists only to answer 404: some persona gets more than a 404 from it (a page
    a context does not have is not mounted in that context)."""
    dead = sorted(
        route.name
        for route in ROUTES
        if all(
            NOT_FOUND in expect(route, persona, method).statuses for persona, method in cases(route)
        )
    )
    assert not dead, "Routes no persona can reach (404 for everyone):\n" + "\n".join(dead)
