"""URLs of pages named once per row of a list. ``reverse`` walks the URLconf on every call,
which costs more than the row's other cells; ``reverse_ids`` reverses a name once with
stand-in ids and then puts each row's ids in their place, and ``ids_url`` gives a page's rows
one function that only fills them in."""

from collections.abc import Callable
from typing import Any

from django.urls import get_script_prefix, get_urlconf, reverse

MAX_ID = 10**18 - 1  # ids are 1 to 18 ASCII digits: any row's, and beyond it no row


class IdConverter:
    """``<id:pk>``: an id of 1 to 18 ASCII digits; a longer one matches no URL (a 404), never
    a number the database would refuse."""

    regex = "[0-9]{1,18}"

    def to_python(self, value: str) -> int:
        return int(value)

    def to_url(self, value) -> str:
        return str(value)


_templates: dict[tuple, str] = {}
STAND_IN = 987_654_321_012_345_000  # far beyond any row's id (a URL may hold it: a 404)


def _template(name: str, keys: tuple[str, ...]) -> str:
    """``name``'s URL with a ``str.format`` field ``{n}`` where the n-th of ``keys`` goes."""
    cache_key = (get_urlconf(), get_script_prefix(), name, keys)
    template = _templates.get(cache_key)
    if template is None:
        url = reverse(name, kwargs={key: STAND_IN + n for n, key in enumerate(keys)})
        template = url.replace("{", "{{").replace("}", "}}")
        for n in range(len(keys)):
            template = template.replace(str(STAND_IN + n), f"{{{n}}}")
        _templates[cache_key] = template
    return template


def reverse_ids(name: str, kwargs: dict) -> str:
    """``reverse(name, kwargs=kwargs)``, from a cached template when every value is an id."""
    if not kwargs or not all(type(value) is int and value >= 0 for value in kwargs.values()):
        return reverse(name, kwargs=kwargs)
    keys = tuple(sorted(kwargs))
    return _template(name, keys).format(*[kwargs[key] for key in keys])


def ids_url(name: str, *keys: str) -> Callable[..., str]:
    """A function of ids, one for each of ``keys`` in that order, giving ``name``'s URL with
    them, as ``reverse_ids`` does: for a page's rows, which then reverse nothing. Only ever
    given ids (ints from rows), which it does not check."""
    return _template(name, keys).format


def row_urls(name: str, account) -> Callable[[Any], str]:
    """A list's links to ``name``'s page, in an account's context, of each of its rows
    (``row.pk``): in ``account``'s, the list's context, or for an aggregated list (None) in
    each row's own account (``row.account_id``)."""
    url = ids_url(f"account:{name}", "account_id", "pk")
    if account is None:
        return lambda row: url(row.account_id, row.pk)
    account_id = account.pk
    return lambda row: url(account_id, row.pk)
