"""Online renewal: Renew from the Renewal Notice, the renewal requests (an account's, and the
partner's across its customers), Cancel, Send Quote and Complete."""

from functools import partial

from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from forticloud.web.actions import confirm_then_act, save_then
from forticloud.web.lists import list_response
from iam.decorators import partner_visit_only, requires
from iam.permissions import Level, Portal

from .. import renewal_requests as renewals
from ..forms_renewal import CompleteForm, QuoteForm, RenewForm
from ..lists_renewals import RENEWAL_REQUESTS, STATUS_FILTERS, may_see_renewals
from ..models import RenewalRequest
from .common import READ, asset_nav


def _page(request, template, status=200, **context):
    context = {"nav": asset_nav(request.access), **context}
    return render(request, template, context, status=status)


def _request_or_404(request, pk, level=READ):
    if not may_see_renewals(request.access):
        raise Http404("No such page.")
    requests = RenewalRequest.objects.visible_to(request.access, level)
    return get_object_or_404(requests.select_related("account", "partner"), pk=pk)


def _request_url(request, renewal):
    return request.access.reverse("assets:renewal_request", pk=renewal.pk)


def _request_create(access, data):
    return renewals.renewal_request(
        access=access,
        unit_ids=[unit.pk for unit in data["units"]],
        term_years=data["term_years"],
        note=data["note"],
    )


@requires(Portal.ASSET_MANAGEMENT, READ)
@require_http_methods(["GET", "POST"])
def renew(request):
    """The units chosen on the Renewal Notice (``units``), the term and a note: Send Request."""
    access = request.access
    if not renewals.may_renew(access):
        raise Http404("No such page.")
    chosen = {"units": request.GET.getlist("units"), "term_years": 1}
    form = RenewForm(request.POST if request.method == "POST" else chosen, access=access)
    saved = save_then(
        request,
        form,
        lambda: _request_create(access, form.cleaned_data),
        done=lambda renewal: f"Renewal request {renewal.pk} was sent.",
        next_url=partial(_request_url, request),
    )
    form.is_valid()  # on a GET too: the page lists the chosen units that may be renewed
    units = form.cleaned_data.get("units", [])
    return saved or _page(request, "assets/renewal_renew.html", form=form, units=units)


@requires(Portal.ASSET_MANAGEMENT, READ)
@require_safe
def renewal_requests(request):
    if not may_see_renewals(request.access):
        raise Http404("No such page.")
    context = {"nav": asset_nav(request.access), "statuses": STATUS_FILTERS}
    return list_response(request, RENEWAL_REQUESTS, context)


@requires(Portal.ASSET_MANAGEMENT, READ)
@require_safe
def renewal_request(request, pk):
    renewal = _request_or_404(request, pk)
    return _detail(request, renewal)


def _units(renewal):
    return list(renewal.units.select_related("asset__product_model").order_by("pk"))


def _detail(request, renewal, status=200, **forms):
    """The request's page; a partner it is addressed to gets Send Quote and Complete."""
    units = _units(renewal)
    answering = renewals.may_answer(request.access) and renewal.is_open
    if answering:  # the customer's role grants the partner Read/Write on renewals
        requests = RenewalRequest.objects.visible_to(request.access, Level.READ_WRITE)
        answering = requests.filter(pk=renewal.pk).exists()
    if answering:
        forms.setdefault("quote_form", QuoteForm())
        forms.setdefault("complete_form", CompleteForm(request_units=units))
    can_cancel = renewals.may_renew(request.access) and renewal.is_open
    context = {"renewal": renewal, "units": units, "can_cancel": can_cancel, **forms}
    return _page(request, "assets/renewal_request.html", status, **context)


@requires(Portal.ASSET_MANAGEMENT, READ)
@require_http_methods(["GET", "POST"])
def renewal_cancel(request, pk):
    renewal = _request_or_404(request, pk)
    if not renewals.may_renew(request.access):
        raise Http404("No such page.")
    return confirm_then_act(
        request,
        partial(renewals.renewal_cancel, access=request.access, pk=renewal.pk),
        title=f"Cancel renewal request {renewal.pk}?",
        message="Your partner (or Fortinet) is told that you no longer need this renewal.",
        done=f"Renewal request {renewal.pk} was cancelled.",
        next_url=_request_url(request, renewal),
    )


def _answer(request, pk, form_name, make_form, act, done):
    """Send Quote or Complete (``act(form)``) on a request addressed to the visiting partner;
    a refusal shows the page again with the form's errors."""
    renewal = _request_or_404(request, pk, Level.READ_WRITE)
    if not renewals.may_answer(request.access):
        raise Http404("No such page.")
    form = make_form(request.POST, _units(renewal))
    url = _request_url(request, renewal)
    saved = save_then(request, form, lambda: act(form), done=done, next_url=url)
    return saved or _detail(request, renewal, status=400, **{form_name: form})


@partner_visit_only
@requires(Portal.ASSET_MANAGEMENT, READ)
@require_POST
def renewal_quote(request, pk):
    def act(form):
        quote = form.cleaned_data["quote"]
        return renewals.renewal_quote(access=request.access, pk=pk, quote=quote)

    def make_form(data, units):
        return QuoteForm(data)

    return _answer(request, pk, "quote_form", make_form, act, "Your quote was sent.")


@partner_visit_only
@requires(Portal.ASSET_MANAGEMENT, READ)
@require_POST
def renewal_complete(request, pk):
    def act(form):
        return renewals.renewal_complete(access=request.access, pk=pk, codes=form.codes())

    def make_form(data, units):
        return CompleteForm(data, request_units=units)

    done = "The request is completed: the units' coverage is extended."
    return _answer(request, pk, "complete_form", make_form, act, done)
