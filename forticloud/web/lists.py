"""A list page as a declaration, and the one view that renders every list.

A list is a ``ListPage``: its template, its ``Table`` (columns, sorts, exports), its filter set
(django-filter, every parameter validated) and how it pages (keyset cursor or page numbers).
``list_response`` renders the page, its htmx partial (the table, when the swap targets it) and
its exports: ``export_rows`` gives the worker the same scoped, filtered rows.
"""

import functools
import hashlib
from collections.abc import Callable
from dataclasses import dataclass, field
from types import SimpleNamespace
from typing import NamedTuple
from urllib.parse import urlencode

from django.core.cache import cache
from django.core.paginator import Paginator
from django.db.models import F
from django.http import QueryDict

from . import listing
from .compiled import compiled_first, run_prepared
from .models import ListVersion
from .responses import partial_for, render_page, see_other
from .tables import Table

KEYSET, PAGES = "keyset", "pages"
EXPORTS = {"csv": "CSV", "xlsx": "Excel"}

# Every ListPage by name: an export job names the list it exports.
LIST_PAGES: dict[str, "ListPage"] = {}


@dataclass(frozen=True)
class ListPage:
    """One list: ``name`` its URL name in a context, ``rows(access)`` its scoped rows,
    ``allowed(access)`` who may see and export it (the view's own check, asked again by
    export jobs), ``title`` for the export page."""

    name: str
    title: str
    template: str
    table: Table
    filterset: type
    rows: Callable
    allowed: Callable
    paging: str = KEYSET
    exports: tuple[str, ...] = ("csv", "xlsx")  # of every column the access may see
    export_name: Callable | None = None  # the file name for an access, else the table's
    counted: bool = False  # shows the number of rows of the search (``total``)
    # The keys of the columns the user chose to show (a column selector): the page and its
    # exports show those. None: every column the access may see.
    columns: Callable | None = None
    # What only the rows shown need, read for those alone (e.g. 25 owners in one query, not a
    # subquery per row, which a page's OFFSET would run for every row it skips):
    # ``shown_rows(rows)`` returns the page's rows completed.
    shown_rows: Callable | None = None
    # The sorts of one account's page that may be a prepared statement (``one_plan``): an index
    # of (the account, the column, the id) gives their order, and no condition's best plan
    # depends on a value (tests/web/test_list_prepared.py reads the plan).
    prepared_sorts: tuple[str, ...] = ()

    def chosen_columns(self, access) -> list[str] | None:
        return self.columns(access) if self.columns else None

    def __post_init__(self):
        if self.shown_rows and self.exports:
            # An export reads plain values, never the page's rows: it would miss what they add.
            raise ValueError(f"{self.name}: a list with shown_rows has no exports")
        LIST_PAGES[self.name] = self

    def file_name(self, access) -> str:
        return self.export_name(access) if self.export_name else self.table.export_name


@functools.cache
def _controls_form(table: Table, paging: str, exports: tuple) -> type[listing.ListForm]:
    """The parameters every list has besides its filters: sort, the page, the export."""
    declared = {"sort": listing.SortParam(table.sorts, default=table.default_sort)}
    # A keyset list's page number only says where its rows are ("26-50"); the cursor finds them.
    declared |= {"after": listing.CursorParam()} if paging == KEYSET else {}
    declared["page"] = listing.PageParam()
    if exports:
        declared["export"] = listing.ChoiceParam({kind: EXPORTS[kind] for kind in exports})
    return type(f"{table.id}Controls", (listing.ListForm,), declared)


@dataclass
class ListState:
    """The URL state of one list: the valid filter values (as the URL had them), the sort,
    the page and the export asked for. A bad parameter is dropped; the list never fails."""

    filters: object  # the bound FilterSet
    sort: str
    after: str = ""
    page: int = 1
    export: str = ""
    values: dict = field(default_factory=dict)
    default_sort: str = ""

    @classmethod
    def of(cls, request, declaration: ListPage, queryset, query=None) -> "ListState":
        """The state ``query`` (the request's GET unless given) asks of the list."""
        query = request.GET if query is None else query
        filters = declaration.filterset(query, queryset=queryset, request=request)
        filters.is_valid()
        # The valid filters as cleaned (a search text stripped and cut), for the page's links.
        values = {
            name: str(value)
            for name, value in filters.form.cleaned_data.items()
            if value not in ("", None)
        }
        table = declaration.table
        controls = _controls_form(table, declaration.paging, declaration.exports)
        return cls(
            filters=filters,
            values=values,
            default_sort=table.default_sort,
            **controls(query).values(),
        )

    def __getattr__(self, name):
        # ``params.q`` in templates: a valid filter value, "" when missing or bad. Only the
        # list's own filters answer: a misspelt name fails as any missing attribute does.
        filters = self.__dict__.get("filters")
        if filters is None or name not in filters.filters:
            raise AttributeError(name)
        return self.values.get(name, "")

    @property
    def rows(self):
        return self.filters.qs

    def query(self, **changes) -> str:
        """This list's URL query with ``changes``; empty values and the default sort dropped."""
        page = self.page if self.page != 1 else ""
        values = {**self.values, "sort": self.sort, "after": self.after, "page": page, **changes}
        if values["sort"] == self.default_sort:
            values["sort"] = ""
        return urlencode({key: value for key, value in values.items() if value})


# A count is kept this many seconds, per list, user, context and search (a new search, or a
# change announced by ``list_changed``, counts again).
COUNT_SECONDS = 60
# Up to this many matching rows, the count keeps their ids too, and pages are read among them.
FEW_ROWS = 1000


class Total(NamedTuple):
    count: int
    ids: list[int] | None  # of every row counted, when they are few


def list_total(declaration: ListPage, access, state: ListState) -> Total:
    """How many rows the list has as ``state`` filters it, and which when they are few:
    counted once and then cached, until ``list_changed``. The ids are never a scope: a page is
    read from the list's scoped, filtered rows among them (listing.keyset_page)."""
    version = list_version(declaration.name)
    search = urlencode(sorted(state.values.items()))
    name = f"{declaration.name}|{access.key}|{access.user.pk}|{search}|{version}"
    key = "list-count:" + hashlib.sha256(name.encode()).hexdigest()
    total = cache.get(key)
    if total is None:
        count = state.rows.count()
        ids = state.rows.order_by().values_list("pk", flat=True)
        total = Total(count, list(ids) if count <= FEW_ROWS else None)
        cache.set(key, total, COUNT_SECONDS)
    return total


def list_version(name: str) -> int | None:
    """How many times the rows of list ``name`` changed (None: never): what is kept of them is
    kept under it. Read it before the rows: a change raises it in its own transaction, so what
    is read after it is never older than it."""
    # Compiled once and prepared (a lookup by its key): 0.5 → 0.25 ms of a counted list's page.
    row = run_prepared(lambda: compiled_first(_version_of, name))
    return row.version if row is not None else None


def _version_of(name: str):
    return ListVersion.objects.filter(name=name)


def list_changed(name: str) -> None:
    """The rows of list ``name`` changed for everyone (an import, a staff edit): every process
    counts them again, and reads their pages anew."""
    ListVersion.objects.get_or_create(name=name)
    ListVersion.objects.filter(name=name).update(version=F("version") + 1)


def export_rows(declaration: ListPage, access, query: str):
    """The export of the list as ``query`` shows it to ``access``: header, rows, row count."""
    query = QueryDict(query)
    request = SimpleNamespace(access=access, user=access.user, GET=query)
    state = ListState.of(request, declaration, declaration.rows(access), query=query)
    table = declaration.table
    shown = table.shown_to(access, declaration.chosen_columns(access))
    header, rows = table.export_rows(state.rows, state.sort, shown)
    return header, rows, state.rows.count()


def export_query(state: ListState) -> str:
    """The list's query as an export keeps it: its filters and sort, not its page."""
    return state.query(after="", page="")


def list_page(declaration: ListPage, state: ListState, total: Total | None = None, *, access):
    """The page of rows ``state`` asks for: a keyset page (after the cursor ``state.after``)
    or a Paginator page (number ``state.page``), as the list pages; ``object_list`` its rows.
    ``total``: the list's, when it has one (a keyset page is read among its few ids).
    ``access``: whose rows they are (``one_plan``: whether their query is prepared)."""
    table = declaration.table
    if declaration.paging == KEYSET:
        among = total.ids if total else None

        def read():
            return table.keyset_page(state.rows, state.sort, state.after, among)

        page = run_prepared(read) if one_plan(declaration, state, access, among) else read()
        if declaration.shown_rows:
            page.rows = declaration.shown_rows(page.rows)
        return page
    page = _numbered_page(table.with_related(table.ordered(state.rows, state.sort)), table, state)
    if declaration.shown_rows:
        page.object_list = declaration.shown_rows(page.object_list)
    return page


def one_plan(declaration: ListPage, state: ListState, access, among=None) -> bool:
    """Whether the keyset page's query has one best plan whatever its values, so that it may be
    a prepared statement, planned once per connection (0.3 to 0.5 ms of one account's Product
    List, and of the API's; tests/perf/HISTORY.md, twenty-fourth round): the rows of one whole
    account (no scope folder or units, whose size decides the plan), no filter or search (how
    many rows a search word finds decides its plan), in one of the list's ``prepared_sorts``."""
    if declaration.paging != KEYSET or among is not None or state.values or access is None:
        return False
    whole = access.account and access.scope_folder is None and access.assigned_units is None
    return bool(whole) and state.sort.lstrip("-") in declaration.prepared_sorts


def _numbered_page(rows, table: Table, state: ListState):
    """The Paginator page ``state.page`` of ``rows``. The first page is read with one row more:
    when that row does not come, these are all the rows and no count query runs (a
    Vulnerability List of some dozen advisories, a search that finds a few accounts)."""
    if state.page != 1:
        return Paginator(rows, table.page_size).get_page(state.page)
    first = list(rows[: table.page_size + 1])
    if len(first) <= table.page_size:
        return Paginator(first, table.page_size).get_page(1)
    page = Paginator(rows, table.page_size).page(1)  # counts the rows
    page.object_list = first[: table.page_size]
    return page


def list_response(request, declaration: ListPage, context=None, *, page_context=None):
    """The list page of ``declaration.rows(request.access)``, or its htmx partial, with the
    columns the user chose (``ListPage.columns``, and ``column_choices`` for its selector);
    ``page_context(page)`` adds what depends on the rows shown (e.g. which of them the user may
    change)."""
    table = declaration.table
    state = ListState.of(request, declaration, declaration.rows(request.access))
    chosen = declaration.chosen_columns(request.access)
    shown = table.shown_to(request.access, chosen)
    if state.export:
        # An export link of before export jobs (a bookmark): its Start Export page.
        query = urlencode(
            {"list": declaration.name, "kind": state.export, "query": export_query(state)}
        )
        return see_other(request.access.reverse("export_start"), query)
    total = list_total(declaration, request.access, state) if declaration.counted else None
    page = list_page(declaration, state, total, access=request.access)
    position = {}
    if declaration.paging == KEYSET:
        number = state.page if state.after else 1
        first = (number - 1) * table.page_size + 1
        position = {
            "page_number": number,
            "first_row": first,
            "last_row": first + len(page.rows) - 1,
        }
    context = {
        "page": page,
        "params": state,
        "table": table,
        "columns": shown,
        "shown_keys": {column.key for column in shown},
        "list_page": declaration,
        "export_query": export_query(state),
        **position,
        **(context or {}),
    }
    if chosen is not None:  # the column selector's boxes
        context["column_choices"] = [(c, c.key in chosen) for c in table.columns]
    if total is not None:
        context["total"] = total.count
    if page_context is not None:
        context |= page_context(page)
    return render_page(request, declaration.template, context, partial_for(request, table.id))
