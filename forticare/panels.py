"""What FortiCare adds to other apps' pages."""

from django.template.loader import render_to_string

from assets.panels import unit_panel

from .models import Ticket


@unit_panel
def unit_tickets(request, asset) -> str:
    """A unit's page: the tickets about the unit that the access may see."""
    tickets = Ticket.objects.visible_to(request.access).filter(asset=asset)[:50]
    return render_to_string("forticare/unit_tickets.html", {"tickets": tickets}, request)
