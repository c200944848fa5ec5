"""One declaration of a list's columns: header, sort, column selector and export.

A ``Table`` is read by the page (its headers and sort links), by the keyset pages (the sort
column's field and value type), by the column selector (which columns a user may hide) and by
the exports (the header and value of each column), so none of them is written twice.
"""

import datetime
from collections.abc import Callable
from dataclasses import dataclass, field

from . import listing
from .any_of import any_of


def everyone(access) -> bool:
    return True


@dataclass(frozen=True)
class Column:
    """One column. ``field`` is the model field it shows: its header sorts by it (unless
    ``sorts`` is off). Exports read ``export_field`` (default: ``field``) straight from the
    database, no model object, and write ``export_value(value)`` when given (a label for a
    choice, a date for a time); ``export_value_once`` means ``export_value()`` is called once
    per export to give that function (e.g. one "today" for every row). ``kind`` is the type of
    the sort value (a keyset cursor carries it); ``shown`` says to whom the column shows."""

    key: str
    header: str
    field: str | None = None
    kind: type = str
    export_field: str | None = None
    export_value: Callable | None = None
    export_value_once: bool = False
    export_header: str = ""
    shown: Callable = everyone
    required: bool = False  # the column selector cannot hide it
    sorts: bool = True

    @property
    def sortable(self) -> bool:
        return self.field is not None and self.sorts

    @property
    def exported_field(self) -> str:
        return self.export_field or self.field

    def export_converter(self) -> Callable | None:
        """The function of the field's value this export writes, None for the value itself."""
        return self.export_value() if self.export_value_once else self.export_value


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

    def keyset_page(self, queryset, sort: str, after: str, among=None) -> listing.KeysetPage:
        """A page after the cursor ``after``; the cursor carries the id, so keyset tables break
        ties on the id. ``among``: every matching row's id when the list knows them (few), to
        sort among rather than walk the sort index hoping to meet them."""
        if self.tiebreak != ("id",):
            raise ValueError(f"{self.id}: keyset pages break ties on the id")
        column = self._sort_column(sort)
        if among is not None:
            queryset = queryset.filter(any_of("pk", among))
        return listing.keyset_page(
            self.with_related(queryset),
            field=column.field,
            descending=sort.startswith("-"),
            after=after,
            kind=column.kind,
            size=self.page_size,
        )

    def export_rows(self, queryset, sort: str, columns: list[Column]):
        """The header and the value rows of ``queryset`` in ``sort`` order: tuples read from
        the database in chunks (a server-side cursor on PostgreSQL), no model objects."""
        header = [c.export_header or c.header for c in columns]
        fields = [c.exported_field for c in columns]
        values = self.ordered(queryset, sort).values_list(*fields).iterator(chunk_size=5000)
        converters = [(i, c.export_converter()) for i, c in enumerate(columns)]
        converters = [(i, convert) for i, convert in converters if convert is not None]
        if not converters:
            return header, values
        return header, (_converted(row, converters) for row in values)


def _converted(row: tuple, converters) -> list:
    cells = list(row)
    for index, convert in converters:
        cells[index] = convert(cells[index])
    return cells


def naive(value: datetime.datetime | None):
    """A datetime as a spreadsheet takes it (no time zone), or None."""
    return value.replace(tzinfo=None) if value is not None else None
