"""Partner Account and Connected Accounts, in the partner's own context (/partner/...)."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import render
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from forticloud.web.lists import list_response
from forticloud.web.responses import error_text, render_page, see_other
from iam.decorators import partner_visit_only
from iam.permissions import partner_role_grants

from . import selectors, services
from .forms import AcceptForm, NotificationEmailForm, TokenForm
from .lists import CONNECTED_ACCOUNTS


@partner_visit_only
@require_safe
def partner_account(request):
    """Partner Account: the partner company, its own FortiCloud account, its connections."""
    user = request.access.user
    if user.partner.account_id is None:
        # Seed 000: without a FortiCloud account there is no Partner Account entry.
        raise Http404("No such page.")
    context = {
        "partner": user.partner,
        "own_account": user.partner.account,
        "connected": selectors.connected_account_counts(request.access),
    }
    return render(request, "partners/partner_account.html", context)


@partner_visit_only
@require_safe
def connected_account_list(request):
    return list_response(request, CONNECTED_ACCOUNTS)


@partner_visit_only
@require_http_methods(["GET", "POST"])
def connect_account(request):
    """Connect Account: paste the token, Go, check what it grants, Accept.

    The token only ever travels in POST bodies (this form and the hidden field of the next),
    never in a URL, so it stays out of logs and browser history."""
    ip = request.access.ip
    if request.method == "POST" and request.POST.get("step") == "accept":
        return _accept(request, ip)
    context = {"form": TokenForm()}
    if request.method == "POST":
        form = TokenForm(request.POST)
        context |= (
            _preview(request, form.cleaned_data["token"], ip) if form.is_valid() else {"form": form}
        )
    return render(request, "partners/connect_account.html", context)


def _accept(request, ip):
    """Accept: connect the role the token names, with the Notification Email."""
    form = AcceptForm(request.POST)
    if not form.is_valid():
        context = {"form": TokenForm()} | _preview(
            request, form.cleaned_data.get("token", ""), ip, form
        )
        return render(request, "partners/connect_account.html", context)
    try:
        role = services.connection_accept(
            user=request.user,
            token=form.cleaned_data["token"],
            notification_email=form.cleaned_data["notification_email"],
            ip=ip,
        )
    except ValidationError as error:
        context = {"form": TokenForm(), "error": error_text(error)}
        return render(request, "partners/connect_account.html", context)
    messages.success(request, f"Connected to {role.account.company_name}.")
    return see_other(request.access.reverse("partners:role", pk=role.pk))


def _preview(request, token, ip, accept_form=None):
    try:
        role = services.connection_preview(user=request.user, token=token, ip=ip)
    except ValidationError as error:
        return {"form": TokenForm(), "error": error_text(error)}
    return {
        "role": role,
        "grants": partner_role_grants(role.permission_profile),
        "accept_form": accept_form or AcceptForm(initial={"token": token}),
    }


def _own_role(request, pk, *, live=False):
    role = selectors.connected_role(request.access, pk, live=live)
    if role is None:
        raise Http404("No such Partner role.")
    return role


def _role_page(request, role, email_form=None):
    if not role.is_active:
        # Disabled by the customer: the partner sees that, and nothing else.
        return render(request, "partners/role_disabled.html", {"role": role})
    initial = {"notification_email": role.notification_email}
    context = {
        "role": role,
        "grants": partner_role_grants(role.permission_profile),
        "email_form": email_form or NotificationEmailForm(initial=initial),
        "events": selectors.role_events(role),
    }
    return render(request, "partners/role_details.html", context)


@partner_visit_only
@require_safe
def role_details(request, pk):
    return _role_page(request, _own_role(request, pk))


@partner_visit_only
@require_POST
def notification_email_update(request, pk):
    role = _own_role(request, pk, live=True)
    form = NotificationEmailForm(request.POST)
    if form.is_valid():
        services.notification_email_set(
            user=request.user,
            role=role,
            email=form.cleaned_data["notification_email"],
            ip=request.access.ip,
        )
        messages.success(request, "The Notification Email was updated.")
        url = request.access.reverse("partners:role", pk=role.pk)
        return see_other(url)
    return _role_page(request, role, form)


@partner_visit_only
@require_http_methods(["GET", "POST"])
def disconnect(request, pk):
    role = _own_role(request, pk, live=True)
    if request.method == "GET":
        context = {"role": role}
        return render_page(request, "partners/disconnect.html", context, "dialog")
    services.connection_disconnect(user=request.user, role=role, ip=request.access.ip)
    messages.success(request, f"Disconnected from {role.account.company_name}.")
    url = request.access.reverse("partners:connected_accounts")
    return see_other(url)
