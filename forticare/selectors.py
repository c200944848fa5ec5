"""Reads of FortiCare."""

import hashlib

from django.core.cache import cache
from django.db.models import CharField, Count, Q, Subquery, Value
from django.db.models.functions import Cast, Concat

from forticloud.web.compiled import compiled_rows_among
from forticloud.web.models import ListVersion
from iam.reach import Reach

from .models import Bug, Ticket


def ticket_list(access):
    """The tickets ``access`` sees (All Tickets, in an account or aggregated), without their
    descriptions (up to 10,000 characters each, in no column: a ticket's page reads its own)."""
    return Ticket.objects.visible_to(access).defer("description")


def bug_list(access):
    """Every bug, for partner users only; no rows for anyone else (fails closed). Without
    the texts no list column shows (a bug's page reads them)."""
    if access is None or not access.is_partner_user:
        return Bug.objects.none()
    return Bug.objects.defer("description", "search_text", "search_project", "search_category")


def open_ticket_counts(access, *, within=None, versions=None) -> dict[int, dict[str, int]]:
    """Per account ``access`` reaches for FortiCare (or ``within``, a part of that reach:
    ``visible_to``), how many of the tickets it sees are Open and In Progress; with each
    account's ``versions``, kept until they change (``_kept_open_among``). A partner's
    page of whole accounts (the Dashboard's) is one query compiled once (building it cost
    Django more than PostgreSQL needs to count) and prepared: unlike a list's, its plan does
    not depend on its values (an index of the page's accounts, whatever they are)."""
    whole_ids = within is not None and isinstance(within.whole, list) and within.whole
    if whole_ids and not (within.scoped or within.units) and access.is_partner_visit:
        if versions is None:
            rows = compiled_rows_among(_open_among, access.partner.pk, whole_ids)
        else:
            rows = _kept_open_among(access.partner.pk, whole_ids, versions)
    else:
        rows = _open_counts(Ticket.objects.visible_to(access, within=within))
    return {account_id: {"open": open_, "in_progress": busy} for account_id, open_, busy in rows}


# Each account's tickets have a version (``web.ListVersion``): a write of a ticket's status
# raises its account's (services.tickets_changed), and its open tickets kept count again.
TICKETS = "forticare:tickets"
OPEN_COUNTS_SECONDS = 600


def tickets_version(account_id: int) -> str:
    return f"{TICKETS}:{account_id}"


def tickets_version_of(account_id) -> Subquery:
    """The version of the tickets of the account ``account_id`` names (e.g. an OuterRef), to
    read with a page's rows: ``open_ticket_counts``' ``versions``."""
    name = Concat(Value(f"{TICKETS}:"), Cast(account_id, CharField()))
    return Subquery(ListVersion.objects.filter(name=name).values("version")[:1])


def _kept_open_among(partner_id: int, account_ids: list[int], versions: dict) -> list[tuple]:
    """``_open_among``'s counts, kept until a ticket of one of the accounts changes (counting a
    page's few thousand open tickets cost the partner Dashboard a millisecond). The versions
    (account id → ``tickets_version_of``) were read before the counts, and a write raises
    its account's in its own transaction: a count is never kept under versions newer than
    itself."""
    each = ",".join(f"{pk}={versions.get(pk)}" for pk in account_ids)
    key = f"open-tickets:{partner_id}:" + hashlib.sha256(each.encode()).hexdigest()
    rows = cache.get(key)
    if rows is None:
        rows = compiled_rows_among(_open_among, partner_id, account_ids)
        cache.set(key, rows, OPEN_COUNTS_SECONDS)
    return rows


def _open_among(partner_id: int, account_ids: list[int]):
    return _open_counts(Ticket.objects.seen(Reach(whole=account_ids), partner_id))


def _open_counts(tickets):
    """Open and In Progress per account of ``tickets``. The query says what the index
    ticket_not_closed holds (no "id", "status <> closed" rather than "in (...)"), so
    PostgreSQL counts from the index alone."""
    open_ = Q(status=Ticket.Status.OPEN)
    in_progress = Q(status=Ticket.Status.IN_PROGRESS)
    return (
        tickets.exclude(status=Ticket.Status.CLOSED)
        .values("account_id")
        .annotate(
            open=Count("status", filter=open_), in_progress=Count("status", filter=in_progress)
        )
        .order_by()
        .values_list("account_id", "open", "in_progress")
    )
