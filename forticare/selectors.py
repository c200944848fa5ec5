"""All Tickets: filters, sorts and keyset pages, in one account or aggregated."""

import datetime
from dataclasses import dataclass

from django.db.models import Q

from forticloud.web import listing

from .models import Ticket

SORTS = {
    "id": ("id", int),
    "subject": ("subject", str),
    "request_type": ("request_type", str),
    "created": ("created_at", datetime.datetime),
    "type": ("ticket_type", str),
    "account": ("account__company_name", str),
}
DEFAULT_SORT = "-created"
STATUS_FILTERS = dict(Ticket.Status.choices)
TYPE_FILTERS = dict(Ticket.TicketType.choices)


@dataclass
class TicketListParams(listing.ListParams):
    SORTS = SORTS
    DEFAULT_SORT = DEFAULT_SORT
    FIELDS = {
        "status": listing.ChoiceParam(STATUS_FILTERS),
        "type": listing.ChoiceParam(TYPE_FILTERS),
        "since": listing.DateParam(),
        "until": listing.DateParam(),
    }

    q: str = ""
    status: str = ""
    type: str = ""
    since: str = ""
    until: str = ""
    sort: str = DEFAULT_SORT
    after: str = ""


def ticket_list(access, params: TicketListParams):
    tickets = Ticket.objects.visible_to(access)
    if params.q:
        condition = Q(subject__icontains=params.q)
        if (ticket_id := listing.parse_id(params.q)) is not None:
            condition |= Q(pk=ticket_id)
        tickets = tickets.filter(condition)
    if params.status in STATUS_FILTERS:
        tickets = tickets.filter(status=params.status)
    if params.type in TYPE_FILTERS:
        tickets = tickets.filter(ticket_type=params.type)
    if since := listing.parse_date(params.since):
        tickets = tickets.filter(created_at__date__gte=since)
    if until := listing.parse_date(params.until):
        tickets = tickets.filter(created_at__date__lte=until)
    return tickets


def ordered(tickets, sort: str):
    field, _kind = SORTS[sort.lstrip("-")]
    return listing.ordered(tickets, field, sort.startswith("-"))


def ticket_page(tickets, params: TicketListParams, size: int = 25) -> listing.KeysetPage:
    field, kind = SORTS[params.sort.lstrip("-")]
    return listing.keyset_page(
        tickets.select_related("account"),
        field=field,
        descending=params.sort.startswith("-"),
        after=params.after,
        kind=kind,
        size=size,
    )
