"""Reads of FortiCare."""

from .models import Bug, Ticket


def ticket_list(access):
    """The tickets ``access`` sees (All Tickets, in an account or aggregated)."""
    return Ticket.objects.visible_to(access)


def bug_list(access):
    """Every bug, for partner users only; no rows for anyone else (fails closed)."""
    if access is None or not access.is_partner_user:
        return Bug.objects.none()
    return Bug.objects.all()
