"""The renewal requests list: an account's (Renewal Notice), and the partner's across its
customers (Visit as Partner), one declaration."""

import datetime

import django_filters
from django.db.models import Count, Q

from forticloud.web.filters import CompanyFilter, ListFilterSet, SearchFilter
from forticloud.web.listing import parse_id
from forticloud.web.lists import ListPage
from forticloud.web.tables import Column, Table, naive
from iam.permissions import Level, Portal, Resource

from .models import RenewalRequest

STATUS_FILTERS = dict(RenewalRequest.Status.choices)


class RenewalRequestFilter(ListFilterSet):
    q = SearchFilter(method="search")
    status = django_filters.ChoiceFilter(choices=RenewalRequest.Status.choices)
    company = CompanyFilter()

    def search(self, requests, name, value):
        """The request number, or a unit's serial number."""
        condition = Q(units__asset__serial_number__startswith=value.upper())
        if (number := parse_id(value)) is not None:
            condition |= Q(pk=number)
        return requests.filter(pk__in=requests.filter(condition).values("pk"))


def renewal_request_rows(access):
    return (
        RenewalRequest.objects.visible_to(access)
        .select_related("account")
        .annotate(unit_count=Count("units"))
    )


def may_see_renewals(access) -> bool:
    """In an account: Renewal Notice at Read Only; visiting as Partner, the requests addressed
    to it (whose customers' roles grant the resource: RenewalRequest.visible_to)."""
    if access.is_partner_visit:
        return access.partner is not None and access.can(Portal.ASSET_MANAGEMENT)
    return not access.is_aggregated and access.can(
        Portal.ASSET_MANAGEMENT, Level.READ_ONLY, Resource.RENEWAL_NOTICE
    )


RENEWAL_TABLE = Table(
    id="renewal-table",
    columns=(
        Column("id", "REQUEST", "id", kind=int),
        Column("company", "COMPANY", "account__company_name", shown=lambda a: a.is_aggregated),
        Column("status", "STATUS", "status", export_value=STATUS_FILTERS.get),
        Column("units", "UNITS", export_field="unit_count", sorts=False),
        Column("term", "TERM", "term_years", kind=int, export_value=dict(RenewalRequest.TERMS).get),
        Column(
            "requested",
            "REQUESTED",
            "requested_at",
            kind=datetime.datetime,
            export_value=naive,
        ),
        Column("by", "REQUESTED BY", "requested_by_label", sorts=False),
        Column("updated", "UPDATED", "updated_at", kind=datetime.datetime, export_value=naive),
    ),
    default_sort="-requested",
    export_name="renewal-requests",
    sheet="Renewal Requests",
)
RENEWAL_REQUESTS = ListPage(
    "assets:renewal_requests",
    "Renewal Requests",
    "assets/renewal_requests.html",
    RENEWAL_TABLE,
    RenewalRequestFilter,
    rows=renewal_request_rows,
    allowed=may_see_renewals,
)
