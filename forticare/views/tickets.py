"""All Tickets, a ticket, Create Ticket, comments, close and reopen."""

from functools import partial

from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from forticloud.web.actions import act_then, save_then
from forticloud.web.lists import list_response
from iam.decorators import requires
from iam.models import Account
from iam.permissions import Level, Portal

from .. import lists, services
from ..forms import CommentForm, TicketForm
from ..models import Ticket
from .common import READ, page_context


@requires(Portal.FORTICARE, READ)
@require_safe
def all_tickets(request):
    context = page_context(request, statuses=lists.STATUS_FILTERS, types=lists.TYPE_FILTERS)
    return list_response(request, lists.ALL_TICKETS, context)


def _ticket(request, pk):
    tickets = Ticket.objects.visible_to(request.access).select_related("account", "asset")
    return get_object_or_404(tickets, pk=pk)


@requires(Portal.FORTICARE, READ)
@require_http_methods(["GET", "POST"])
def ticket_account_choice(request):
    """Create Ticket from the aggregated view: first, which account?"""
    reach = request.access.reach(Portal.FORTICARE, Level.READ_WRITE)
    accounts = Account.objects.filter(reach.account_condition()).order_by("company_name")
    return render(
        request, "forticare/choose_account.html", page_context(request, accounts=accounts)
    )


@requires(Portal.FORTICARE, READ)
@require_http_methods(["GET", "POST"])
def ticket_create(request):
    access = request.access
    if not services.may_work(access):
        raise Http404("No such page.")
    partner = services.acting_as_partner(access)
    form = TicketForm(request.POST or None, access=access, partner=partner)
    saved = save_then(
        request,
        form,
        lambda: services.ticket_create(access=access, **form.cleaned_data),
        done=lambda ticket: f"Ticket {ticket.pk} was created.",
        next_url=lambda ticket: access.reverse("forticare:ticket", pk=ticket.pk),
    )
    return saved or render(request, "forticare/ticket_form.html", page_context(request, form=form))


@requires(Portal.FORTICARE, READ)
@require_safe
def ticket_detail(request, pk):
    return _ticket_page(request, _ticket(request, pk))


def _ticket_page(request, ticket, comment_form=None, status=200):
    context = page_context(
        request,
        ticket=ticket,
        comments=ticket.comments.all(),
        can_work=services.may_work(request.access),
        comment_form=comment_form or CommentForm(),
    )
    return render(request, "forticare/ticket_detail.html", context, status=status)


def _ticket_action(request, pk, service, done):
    """``service(access=, ticket=)`` on a ticket the access may work on, else 404."""
    ticket = _ticket(request, pk)
    if not services.may_work(request.access):
        raise Http404("No such page.")
    url = request.access.reverse("forticare:ticket", pk=ticket.pk)
    act = partial(service, access=request.access, ticket=ticket)
    return act_then(request, act, done=done, next_url=url)


@requires(Portal.FORTICARE, Level.READ_WRITE)
@require_POST
def ticket_comment(request, pk):
    form = CommentForm(request.POST)
    if not form.is_valid():
        # Too long, empty or with a NUL byte: the page again, with the message, nothing stored.
        ticket = _ticket(request, pk)
        if not services.may_work(request.access):
            raise Http404("No such page.")
        return _ticket_page(request, ticket, comment_form=form, status=400)
    add = partial(services.comment_add, body=form.cleaned_data["body"])
    return _ticket_action(request, pk, add, "Your comment was added.")


@requires(Portal.FORTICARE, Level.READ_WRITE)
@require_POST
def ticket_close(request, pk):
    return _ticket_action(request, pk, services.ticket_close, "The ticket was closed.")


@requires(Portal.FORTICARE, Level.READ_WRITE)
@require_POST
def ticket_reopen(request, pk):
    return _ticket_action(request, pk, services.ticket_reopen, "The ticket was reopened.")
