"""Bug Tracker: partner users only. Everyone else gets a 404 and no menu entry."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.views.decorators.http import require_POST, require_safe

from forticloud.web.exports import stream_csv, stream_xlsx
from forticloud.web.listing import list_values
from forticloud.web.responses import render_page, see_other

from . import bugs
from .forms import BugColumnsForm, BugListForm
from .models import Bug
from .views import _context


def _partners_only(request):
    if request.access is None or not request.access.is_partner_user:
        raise Http404("No such page.")


@require_safe
def bug_list(request):
    _partners_only(request)
    params = list_values(BugListForm, request.GET)
    q, sort, export = params["q"], params["sort"], params["export"]
    results = bugs.bug_search(request.access, q, sort)
    if export in ("csv", "xlsx"):
        header = [header for header, _field in bugs.COLUMNS.values()]
        fields = [field for _header, field in bugs.COLUMNS.values()]
        rows = results.values_list(*fields).iterator(chunk_size=5000)
        if export == "csv":
            return stream_csv("bug-tracker.csv", header, rows)
        return stream_xlsx("bug-tracker.xlsx", header, rows, sheet="Bug Tracker")
    columns = bugs.columns_of(request.user)
    context = _context(
        request,
        page=Paginator(results, 50).get_page(params["page"]),
        q=q,
        sort=sort,
        params=params,
        columns=[(key, bugs.COLUMNS[key][0]) for key in columns],
        all_columns=[(key, header, key in columns) for key, (header, _f) in bugs.COLUMNS.items()],
    )
    partial = "table" if request.htmx.target == "bug-table" else None
    return render_page(request, "forticare/bug_tracker.html", context, partial)


@require_POST
def bug_columns(request):
    _partners_only(request)
    form = BugColumnsForm(request.POST)
    back = ""
    if form.is_valid():
        bugs.columns_save(request.user, form.cleaned_data["columns"])
        back = BugListForm.list_query(form.cleaned_data["back"])
    else:
        messages.error(request, "Choose among the columns of the list.")
    url = request.access.reverse("forticare:bugs")
    return see_other(url, back)


@require_safe
def bug_detail(request, number):
    _partners_only(request)
    bug = get_object_or_404(Bug, number=number)
    return render_page(request, "forticare/bug_detail.html", _context(request, bug=bug))
