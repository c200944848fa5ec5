"""Keyset pages for long lists: each page is the rows after the last one shown.

A page costs the same at row 25 as at row 500,000: the cursor holds the last row's sort value
and id, and the query seeks past it with a range the (column, id) index can use. No OFFSET.
A cursor that is malformed gives the first page.
"""

import base64
import datetime
import json
from dataclasses import dataclass, fields
from urllib.parse import urlencode

from django.db.models import F, Q


class ListParams:
    """The URL state of a keyset list (a dataclass of strings with ``sort`` and ``after``).
    Subclasses name their sort keys in SORTS and their default in DEFAULT_SORT."""

    SORTS: dict = {}
    DEFAULT_SORT = ""

    @classmethod
    def from_request(cls, get):
        values = {f.name: get.get(f.name, "").strip()[:100] for f in fields(cls)}
        if values["sort"].lstrip("-") not in cls.SORTS:
            values["sort"] = cls.DEFAULT_SORT
        return cls(**values)

    def query(self, **changes) -> str:
        """This view's URL query with ``changes``; empty values and the default sort dropped."""
        values = {**self.__dict__, **changes}
        if values["sort"] == self.DEFAULT_SORT:
            values["sort"] = ""
        return urlencode({k: v for k, v in values.items() if v})


@dataclass
class KeysetPage:
    rows: list
    next_after: str = ""
    is_first: bool = True


def ordered(queryset, field: str, descending: bool):
    direction = "-" if descending else ""
    return queryset.annotate(sort_value=F(field)).order_by(f"{direction}{field}", f"{direction}id")


def cursor_encode(value, pk) -> str:
    value = value.isoformat() if isinstance(value, datetime.date | datetime.datetime) else value
    return base64.urlsafe_b64encode(json.dumps([value, pk]).encode()).decode()


def cursor_decode(cursor: str, kind: type):
    """(value, id) of the last row shown, or None when the cursor is missing or malformed.
    ``kind`` is the sort value's type: str, int, datetime.date or datetime.datetime."""
    try:
        value, pk = json.loads(base64.urlsafe_b64decode(cursor.encode()))
        if kind in (datetime.date, datetime.datetime):
            value = kind.fromisoformat(value)
        elif not isinstance(value, kind) or isinstance(value, bool):
            return None
        return value, int(pk)
    except (ValueError, TypeError, json.JSONDecodeError, UnicodeDecodeError):
        return None


def keyset_page(queryset, *, field: str, descending: bool, after: str, kind: type, size: int = 25):
    rows = ordered(queryset, field, descending)
    last = cursor_decode(after, kind) if after else None
    if last is not None:
        value, pk = last
        beyond = "lt" if descending else "gt"
        reach = "lte" if descending else "gte"
        rows = rows.filter(**{f"{field}__{reach}": value}).filter(
            Q(**{f"{field}__{beyond}": value}) | Q(**{f"id__{beyond}": pk})
        )
    rows = list(rows[: size + 1])
    next_after = ""
    if len(rows) > size:
        rows = rows[:size]
        next_after = cursor_encode(rows[-1].sort_value, rows[-1].pk)
    return KeysetPage(rows=rows, next_after=next_after, is_first=last is None)
