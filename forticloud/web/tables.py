"""One declaration of a list's columns: header, sort, column selector and export.

A ``Table`` is read by the page (its headers and sort links), by the keyset pages (the sort
column's field and value type), by the column selector (which columns a user may hide) and by
the exports (the header and value of each column), so none of them is written twice.
"""

import datetime
import operator
from collections.abc import Callable
from dataclasses import dataclass, field

from . import listing


def everyone(access) -> bool:
    return True


@dataclass(frozen=True)
class Column:
    """One column. ``field`` is the model field it shows: its header sorts by it (unless
    ``sorts`` is off) and exports export it, unless ``value`` (a function of the row) or
    ``value_for_export`` (called once per export, it returns that function: e.g. one "today"
    for every row) says otherwise. ``kind`` is the type of the sort value (a keyset cursor
    carries it); ``shown`` says to whom the column shows."""

    key: str
    header: str
    field: str | None = None
    kind: type = str
    value: Callable | None = None
    value_for_export: Callable | None = None
    export_header: str = ""
    shown: Callable = everyone
    required: bool = False  # the column selector cannot hide it
    sorts: bool = True

    @property
    def sortable(self) -> bool:
        return self.field is not None and self.sorts

    @property
    def plain(self) -> bool:
        """Exported as the field's value, straight from the database."""
        return self.value is None and self.value_for_export is None

    def export_getter(self) -> Callable:
        """The function giving this column's value of a row in one export."""
        if self.value_for_export is not None:
            return self.value_for_export()
        return self.value or operator.attrgetter(self.field.replace("__", "."))


@dataclass(frozen=True)
class Table:
    """The columns of one list, its default sort, the id of the element its htmx swaps
    replace, the related rows each row shows, and the name of its exports."""

    id: str
    columns: tuple[Column, ...]
    default_sort: str
    related: tuple[str, ...] = ()
    export_name: str = ""
    sheet: str = "Export"
    page_size: int = 25
    # The columns that break ties of the sort, so pages never skip or repeat a row.
    tiebreak: tuple[str, ...] = ("id",)
    columns_by_key: dict = field(init=False, repr=False, compare=False)

    def __post_init__(self):
        object.__setattr__(self, "columns_by_key", {c.key: c for c in self.columns})

    @property
    def target(self) -> str:
        return f"#{self.id}"

    @property
    def sorts(self) -> dict[str, str]:
        """Sort key → the field it orders by."""
        return {c.key: c.field for c in self.columns if c.sortable}

    def shown_to(self, access, chosen=None) -> list[Column]:
        """The columns ``access`` sees, limited to ``chosen`` keys (a column selector)."""
        return [
            c
            for c in self.columns
            if c.shown(access) and (chosen is None or c.key in chosen or c.required)
        ]

    def with_related(self, queryset):
        """``queryset`` fetching the related rows the list shows, in the same query."""
        return queryset.select_related(*self.related) if self.related else queryset

    def _sort_column(self, sort: str) -> Column:
        return self.columns_by_key[sort.lstrip("-")]

    def ordered(self, queryset, sort: str):
        """``queryset`` in ``sort`` order, the id breaking ties (no annotation: a count of it
        stays a plain count)."""
        direction = "-" if sort.startswith("-") else ""
        keys = [self._sort_column(sort).field, *self.tiebreak]
        return queryset.order_by(*[f"{direction}{key}" for key in keys])

    def keyset_page(self, queryset, sort: str, after: str) -> listing.KeysetPage:
        """A page after the cursor ``after``; the cursor carries the id, so keyset tables break
        ties on the id."""
        if self.tiebreak != ("id",):
            raise ValueError(f"{self.id}: keyset pages break ties on the id")
        column = self._sort_column(sort)
        return listing.keyset_page(
            self.with_related(queryset),
            field=column.field,
            descending=sort.startswith("-"),
            after=after,
            kind=column.kind,
            size=self.page_size,
        )

    def export_rows(self, queryset, sort: str, columns: list[Column]):
        """The header and the value rows of ``queryset`` in ``sort`` order, read in chunks."""
        header = [c.export_header or c.header for c in columns]
        rows = self.ordered(queryset, sort)
        if all(c.plain for c in columns):
            # Plain fields: tuples straight from the database, no model objects.
            return header, rows.values_list(*[c.field for c in columns]).iterator(chunk_size=5000)
        getters = [c.export_getter() for c in columns]
        objects = self.with_related(rows).iterator(chunk_size=2000)
        return header, ([get(row) for get in getters] for row in objects)


def naive(value: datetime.datetime | None):
    """A datetime as a spreadsheet takes it (no time zone), or None."""
    return value.replace(tzinfo=None) if value is not None else None
