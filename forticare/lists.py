"""All Tickets and the Bug Tracker: columns, filters, exports (one declaration each)."""

import datetime

import django_filters
from django.db.models import Q, Value
from django.db.models.functions import Upper

from forticloud.web.compiled import compiled_first, run_prepared
from forticloud.web.filters import CompanyFilter, DayFilter, ListFilterSet, SearchFilter
from forticloud.web.listing import parse_id
from forticloud.web.lists import ListPage
from forticloud.web.search import contains
from forticloud.web.tables import Column, Table, naive
from iam.permissions import Portal

from . import selectors
from .models import Bug, BugColumnChoice, Ticket

STATUS_FILTERS = dict(Ticket.Status.choices)
TYPE_FILTERS = dict(Ticket.TicketType.choices)


class TicketListFilter(ListFilterSet):
    q = SearchFilter(method="search")
    status = django_filters.ChoiceFilter(choices=Ticket.Status.choices, field_name="status")
    type = django_filters.ChoiceFilter(choices=Ticket.TicketType.choices, field_name="ticket_type")
    since = DayFilter(field_name="created_at")
    until = DayFilter(field_name="created_at", until=True)
    company = CompanyFilter(portal=Portal.FORTICARE)

    def search(self, tickets, name, value):
        """The subject, or the Ticket ID when the text is one."""
        condition = contains("subject", value, Ticket)
        if (ticket_id := parse_id(value)) is not None:
            condition |= Q(pk=ticket_id)
        return tickets.filter(condition)


def _date(moment):
    return moment.date() if moment else None


def _partner_tickets_shown(access) -> bool:
    """Partner-only tickets exist for partners only: the customer's own list has no need to
    say that every ticket is shared."""
    return access.role is not None or access.is_partner_visit


TICKET_TABLE = Table(
    id="ticket-table",
    columns=(
        Column("id", "Ticket ID", "id", kind=int),
        Column("subject", "Subject", "subject"),
        Column(
            "request_type",
            "Request Type",
            "request_type",
            export_value=dict(Ticket.RequestType.choices).get,
        ),
        Column(
            "created", "Creation Date", "created_at", kind=datetime.datetime, export_value=naive
        ),
        Column("closed", "Close Date", export_field="closed_at", export_value=_date),
        Column(
            "type", "Ticket Type", "ticket_type", export_value=dict(Ticket.TicketType.choices).get
        ),
        Column("account", "Account", "company_name"),  # the account's name kept on the row
        Column(
            "visibility",
            "Ticket Visibility",
            "visibility",
            export_value=dict(Ticket.Visibility.choices).get,
            shown=_partner_tickets_shown,
        ),
    ),
    default_sort="-created",
    export_name="all-tickets",
    sheet="All Tickets",
)
ALL_TICKETS = ListPage(
    "forticare:all_tickets",
    "All Tickets",
    "forticare/all_tickets.html",
    TICKET_TABLE,
    TicketListFilter,
    rows=selectors.ticket_list,
    allowed=lambda access: access.can(Portal.FORTICARE),
    prepared_sorts=("created",),
)


class BugFilter(ListFilterSet):
    q = SearchFilter(method="search", max_length=200)

    def search(self, bugs, name, value):
        """Every word matches: in the summary or a release, or a project, category, status or
        bug number ("FortiManager resolved": resolved FortiManager bugs)."""
        for word in value.split()[:MAX_SEARCH_WORDS]:
            bugs = bugs.filter(bug_word_condition(word))
        return bugs


MAX_SEARCH_WORDS = 8


def bug_word_condition(word: str) -> Q:
    condition = (
        Q(search_text__contains=Upper(Value(word)))  # the summary or the releases
        | Q(search_project=Upper(Value(word)))
        | Q(search_category=Upper(Value(word)))
    )
    if word.lower() in Bug.STATUSES:  # stored in lower case
        condition |= Q(status=word.lower())
    number = parse_id(word)
    if number is not None and number < 2**31:
        condition |= Q(number=number)
    return condition


# The seed's columns, in its order; the bug number always shows (it opens the bug).
BUG_TABLE = Table(
    id="bug-table",
    columns=(
        Column("number", "BUG#", "number", kind=int, required=True),
        Column("category", "CATEGORY", "category"),
        Column("project", "PROJECT", "project"),
        Column("releases", "KNOWN FIXED RELEASE", "known_fixed_releases"),
        Column("status", "STATUS", "status"),
        Column("summary", "SUMMARY", "summary"),
    ),
    default_sort="-number",
    export_name="bug-tracker",
    sheet="Bug Tracker",
    page_size=50,
)


def bug_columns_of(access) -> list[str]:
    """The Bug Tracker columns the user chose to show (every one until they choose)."""
    # Compiled once and prepared (a lookup by its key): 0.5 → 0.25 ms of every page.
    choice = run_prepared(lambda: compiled_first(_column_choice_of, access.user.pk))
    keys = list(BUG_TABLE.columns_by_key)
    chosen = [c for c in (choice.columns if choice else []) if c in keys]
    return chosen or keys


def _column_choice_of(user_id: int):
    return BugColumnChoice.objects.filter(user_id=user_id)


def bug_tracker_allowed(access) -> bool:
    """The Bug Tracker is the partners' (seed 000): every partner person's, and a partner's API
    user's only with FortiCare in its own profile (the partner API never gives more)."""
    if not access.is_partner_user:
        return False
    return access.api_partner is None or access.can(Portal.FORTICARE)


BUG_TRACKER = ListPage(
    "forticare:bugs",
    "Bug Tracker",
    "forticare/bug_tracker.html",
    BUG_TABLE,
    BugFilter,
    rows=selectors.bug_list,
    allowed=bug_tracker_allowed,
    counted=True,  # Total Records
    columns=bug_columns_of,  # the page and its exports
)
