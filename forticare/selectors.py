"""Reads of FortiCare."""

from django.db.models import Count, Q

from .models import Bug, Ticket


def ticket_list(access):
    """The tickets ``access`` sees (All Tickets, in an account or aggregated)."""
    return Ticket.objects.visible_to(access)


def bug_list(access):
    """Every bug, for partner users only; no rows for anyone else (fails closed). Without
    the texts no list column shows (a bug's page reads them)."""
    if access is None or not access.is_partner_user:
        return Bug.objects.none()
    return Bug.objects.defer("description", "search_text", "search_project", "search_category")


def open_ticket_counts(access, *, within=None) -> dict[int, dict[str, int]]:
    """Per account ``access`` reaches for FortiCare (or ``within``, a part of that reach:
    ``visible_to``), how many of the tickets it sees are Open and In Progress. The query says
    what the index ticket_not_closed holds (no "id", "status <> closed" rather than
    "in (...)"), so PostgreSQL counts from the index alone."""
    open_ = Q(status=Ticket.Status.OPEN)
    in_progress = Q(status=Ticket.Status.IN_PROGRESS)
    rows = (
        Ticket.objects.visible_to(access, within=within)
        .exclude(status=Ticket.Status.CLOSED)
        .values("account_id")
        .annotate(
            open=Count("status", filter=open_), in_progress=Count("status", filter=in_progress)
        )
        .order_by()
    )
    return {row.pop("account_id"): row for row in rows}
