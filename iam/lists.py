"""The Users page and the Audit Log: filters and columns (one declaration each). The Audit
Log's page lays out its own cells (an event's target and changes); its table declares the
columns of its CSV export."""

import datetime

import django_filters

from forticloud.web.filters import DayFilter, ListFilterSet, SearchFilter
from forticloud.web.lists import PAGES, ListPage
from forticloud.web.tables import Column, Table

from .models import AuditEvent, User
from .models.audit import ACTION_LABELS, action_label
from .permissions import Portal
from .selectors.principals import PRINCIPAL_STATUSES, PRINCIPAL_TYPES, principal_list


class AuditLogFilter(ListFilterSet):
    actor = SearchFilter(field_name="actor_label", lookup_expr="icontains")
    action = django_filters.ChoiceFilter(choices=list(ACTION_LABELS.items()))
    since = DayFilter(field_name="created_at")
    until = DayFilter(field_name="created_at", until=True)


def _iso_time(moment) -> str:
    return moment.isoformat()


AUDIT_TABLE = Table(
    id="audit-table",
    columns=(
        Column(
            "time",
            "Time",
            "created_at",
            kind=datetime.datetime,
            export_value=_iso_time,
        ),
        Column("actor", "Actor", "actor_label", sorts=False),
        Column("acting_as", "Acting as", "acting_as", sorts=False),
        Column("action", "Action", "action", sorts=False, export_value=action_label),
        Column("target_type", "Target type", "target_type", sorts=False),
        Column("target", "Target", "target_label", sorts=False),
        Column("changes", "Changes", export_field="changes"),
        Column("ip", "IP", "ip_address", sorts=False),
    ),
    default_sort="-time",
    page_size=50,
)


def _may_view_iam(access) -> bool:
    return access.can(Portal.IAM)


AUDIT_LOG = ListPage(
    "iam:audit_log",
    "Audit Log",
    "iam/audit.html",
    AUDIT_TABLE,
    AuditLogFilter,
    rows=AuditEvent.objects.visible_to,
    allowed=_may_view_iam,
    paging=PAGES,
    exports=("csv",),
    export_name=lambda access: f"audit-log-{access.account.pk}",
)


class PrincipalFilter(ListFilterSet):
    """Every principal of the account is a UNION of IAM users and Partner roles, which the
    selector filters part by part; the list then sorts and pages the union."""

    q = SearchFilter()
    type = django_filters.ChoiceFilter(choices=list(PRINCIPAL_TYPES.items()))
    status = django_filters.ChoiceFilter(choices=list(PRINCIPAL_STATUSES.items()))

    def filter_queryset(self, queryset):
        values = {name: self.form.cleaned_data.get(name) or "" for name in self.filters}
        return principal_list(self.request.access, **values)


USERS_TABLE = Table(
    id="user-table",
    columns=(
        Column("name", "USERNAME/ROLE/ID", "title"),
        Column("description", "DESCRIPTION"),
        Column("type", "TYPE", "type_label"),
        Column("profile", "PERMISSION PROFILE", "profile_name"),
        Column("scope", "PERMISSION SCOPE"),
        Column("status", "STATUS", "status_label"),
    ),
    default_sort="name",
    tiebreak=("principal", "row_id"),  # a user and a role may share an id
)
USERS = ListPage(
    "iam:users",
    "Users",
    "iam/users.html",
    USERS_TABLE,
    PrincipalFilter,
    rows=lambda access: User.objects.none(),  # the filter set builds the union of principals
    allowed=_may_view_iam,
    # Unsearched, the rows are a CompiledValues, which pages and counts but is no queryset to
    # filter further: the list keeps no count (counted) and has no exports.
    paging=PAGES,
    exports=(),
)
