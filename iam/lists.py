"""The Audit Log: filters, columns of its export (one declaration)."""

import datetime

import django_filters

from forticloud.web.filters import IsoDateFilter, SearchFilter
from forticloud.web.lists import PAGES, ListPage
from forticloud.web.tables import Column, Table

from .selectors.audit import AUDIT_ACTIONS


class AuditLogFilter(django_filters.FilterSet):
    actor = SearchFilter(field_name="actor_label", lookup_expr="icontains")
    action = django_filters.ChoiceFilter(choices=[(a, a) for a in AUDIT_ACTIONS])
    since = IsoDateFilter(field_name="created_at__date", lookup_expr="gte")
    until = IsoDateFilter(field_name="created_at__date", lookup_expr="lte")


def _iso_time(event) -> str:
    return event.created_at.isoformat()


AUDIT_TABLE = Table(
    id="audit-table",
    columns=(
        Column(
            "time",
            "Time",
            "created_at",
            kind=datetime.datetime,
            value=lambda e: e.created_at.isoformat(),
        ),
        Column("actor", "Actor", "actor_label"),
        Column("acting_as", "Acting as", "acting_as"),
        Column("action", "Action", "action"),
        Column("target_type", "Target type", "target_type"),
        Column("target", "Target", "target_label"),
        Column("changes", "Changes", value=lambda e: e.changes),
        Column("ip", "IP", "ip_address"),
    ),
    default_sort="-time",
    page_size=50,
)
AUDIT_LOG = ListPage("iam/audit.html", AUDIT_TABLE, AuditLogFilter, paging=PAGES, exports=("csv",))
