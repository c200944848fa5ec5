"""Where a login lands: the account chooser, Switch Accounts, entering a context, the Dashboard."""

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST, require_safe
from django_htmx.http import HttpResponseClientRedirect

from forticloud.web.listing import list_values
from forticloud.web.responses import render_page, see_other

from ..access import access_for_context
from ..dashboard import dashboard_panel_render, dashboard_panels_render
from ..forms.params import ChooserForm, ContextForm
from ..portal_homes import portal_tiles
from ..selectors import chooser as selectors
from ..services.common import context_remember


@login_required
@require_safe
def home(request):
    user = request.user
    if user.last_context:
        url = selectors.context_home(user, user.last_context)
        if url:
            return redirect(url)
    return redirect(selectors.landing_url(user))


@login_required
@require_safe
def choose_account(request, switching=False):
    """ "Choose a Connected Account" after login, and the Switch Accounts dialog."""
    params = list_values(ChooserForm, request.GET)
    chooser = selectors.account_chooser(
        request.user, tab=params["tab"], query=params["q"], page=params["page"]
    )
    last = request.user.last_context
    context = {
        "chooser": chooser,
        "switching": switching,
        "list_url": reverse("switch_accounts" if switching else "choose_account"),
        "continue_key": last
        if not switching and last and access_for_context(request.user, last)
        else "",
    }
    if context["continue_key"]:
        context["continue_label"] = selectors.context_label(last)
    partial = "account_table" if request.htmx.target == "account-table" else "chooser"
    return render_page(request, "iam/choose_account.html", context, partial)


def _context_key(data) -> str:
    """The context ``to`` names, or "" (no such account) when it is not a context key."""
    form = ContextForm(data)
    return form.cleaned_data["to"] if form.is_valid() else ""


@login_required
@require_safe
def switch_confirm(request):
    key = _context_key(request.GET)
    if access_for_context(request.user, key) is None:
        raise Http404("No such account.")
    context = {"key": key, "label": selectors.context_label(key)}
    return render_page(request, "iam/switch_confirm.html", context, "confirm")


@login_required
@require_POST
def select_context(request):
    """Enter a context (Select, Visit as Partner, Continue): remember it, go to its Dashboard."""
    access = access_for_context(request.user, _context_key(request.POST))
    if access is None:
        raise Http404("No such account.")
    context_remember(user=request.user, access=access)
    url = access.reverse("dashboard")
    if request.htmx:
        return HttpResponseClientRedirect(url)
    return see_other(url)


@require_safe
def dashboard(request):
    """The context's portals as tiles, and what other apps show here (iam.dashboard). With
    ``?panel=<name>`` (htmx) one panel alone: a panel still counting polls for itself."""
    if request.htmx and "panel" in request.GET:
        html = dashboard_panel_render(request, request.GET["panel"])
        if html is None:
            raise Http404("No such panel.")
        return HttpResponse(html)
    context = {
        "tiles": portal_tiles(request.access),
        "panels": dashboard_panels_render(request),
    }
    return render(request, "iam/dashboard.html", context)
