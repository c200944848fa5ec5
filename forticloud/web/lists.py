"""A list page as a declaration, and the one view that renders every list.

A list is a ``ListPage``: its template, its ``Table`` (columns, sorts, exports), its filter set
(django-filter, every parameter validated) and how it pages (keyset cursor or page numbers).
``list_response`` renders the page, its htmx partial (the table, when the swap targets it) and
its CSV / .xlsx exports from the same scoped, filtered rows.
"""

from dataclasses import dataclass, field
from functools import cache
from urllib.parse import urlencode

from django.core.paginator import Paginator

from . import listing
from .responses import partial_for, render_page
from .tables import Table

KEYSET, PAGES = "keyset", "pages"
EXPORTS = {"csv": "CSV", "xlsx": "Excel"}


@dataclass(frozen=True)
class ListPage:
    template: str
    table: Table
    filterset: type
    paging: str = KEYSET
    exports: tuple[str, ...] = ("csv", "xlsx")  # of every column the access may see


@cache
def _controls_form(table: Table, paging: str, exports: tuple) -> type[listing.ListForm]:
    """The parameters every list has besides its filters: sort, the page, the export."""
    declared = {"sort": listing.SortParam(table.sorts, default=table.default_sort)}
    declared |= (
        {"after": listing.CursorParam()} if paging == KEYSET else {"page": listing.PageParam()}
    )
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


def list_response(
    request,
    declaration: ListPage,
    queryset,
    context=None,
    *,
    columns=None,
    export_name="",
    page_context=None,
):
    """The list page of ``queryset`` (already scoped through request.access), its htmx partial
    or its export (named ``export_name``, else the table's). ``columns`` limits the shown
    columns (a column selector's choice); ``page_context(page)`` adds what depends on the
    rows shown (e.g. which of them the user may change)."""
    table = declaration.table
    state = ListState.of(request, declaration, queryset)
    shown = table.shown_to(request.access, columns)
    if state.export:
        columns = table.shown_to(request.access)
        return table.export(state.rows, state.sort, state.export, columns, name=export_name)
    if declaration.paging == KEYSET:
        page = table.keyset_page(state.rows, state.sort, state.after)
    else:
        rows = table.with_related(table.ordered(state.rows, state.sort))
        page = Paginator(rows, table.page_size).get_page(state.page)
    context = {"page": page, "params": state, "table": table, "columns": shown, **(context or {})}
    if page_context is not None:
        context |= page_context(page)
    return render_page(request, declaration.template, context, partial_for(request, table.id))
