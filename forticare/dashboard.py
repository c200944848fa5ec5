"""What FortiCare adds to iam's pages: the account Dashboard's open tickets (linked to All
Tickets), and the tickets a Partner role's access preview counts."""

from django.template.loader import render_to_string

from iam.dashboard import Figure, dashboard_panel
from iam.permissions import Portal
from iam.previews import preview_counter

from . import selectors
from .models import Ticket


@dashboard_panel("tickets")
def tickets_panel(request) -> str:
    access = request.access
    if access.is_aggregated or not access.can(Portal.FORTICARE):
        return ""
    counts = selectors.open_ticket_counts(access).get(access.account.pk, {})
    all_tickets = access.reverse("forticare:all_tickets")
    figures = [
        Figure("Open tickets", counts.get("open", 0), f"{all_tickets}?status={Ticket.Status.OPEN}"),
        Figure(
            "In Progress",
            counts.get("in_progress", 0),
            f"{all_tickets}?status={Ticket.Status.IN_PROGRESS}",
        ),
    ]
    return render_to_string("forticare/dashboard_tickets.html", {"figures": figures}, request)


@preview_counter("Tickets", Portal.FORTICARE)
def tickets_in_scope(access) -> int:
    """The Partner role's access preview: the tickets the access would see."""
    return Ticket.objects.visible_to(access).count()
