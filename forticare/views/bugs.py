"""Bug Tracker: partner users only. Everyone else gets a 404 and no menu entry."""

from django.contrib import messages
from django.http import Http404, QueryDict
from django.shortcuts import get_object_or_404
from django.views.decorators.http import require_POST, require_safe

from forticloud.web.lists import ListState, list_response
from forticloud.web.responses import render_page, see_other

from .. import bugs
from ..forms import BugColumnsForm
from ..lists import BUG_TRACKER, bug_tracker_allowed
from ..models import Bug
from .common import page_context


def _partners_only(request):
    if request.access is None or not bug_tracker_allowed(request.access):
        raise Http404("No such page.")


@require_safe
def bug_list(request):
    _partners_only(request)
    return list_response(request, BUG_TRACKER, page_context(request))


@require_POST
def bug_columns(request):
    _partners_only(request)
    form = BugColumnsForm(request.POST)
    back = ""
    if form.is_valid():
        bugs.columns_save(request.user, form.cleaned_data["columns"])
        # Only the list's own valid parameters go back into the URL.
        query = QueryDict(form.cleaned_data["back"])
        back = ListState.of(request, BUG_TRACKER, Bug.objects.none(), query).query()
    else:
        messages.error(request, "Choose among the columns of the list.")
    url = request.access.reverse("forticare:bugs")
    return see_other(url, back)


@require_safe
def bug_detail(request, number):
    _partners_only(request)
    bug = get_object_or_404(Bug, number=number)
    return render_page(request, "forticare/bug_detail.html", page_context(request, bug=bug))
