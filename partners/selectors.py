from dataclasses import dataclass, replace
from itertools import accumulate

from django.db.models import Case, Count, Exists, OuterRef, Q, Subquery, Value, When

from assets.selectors import URGENCY, counted_accounts, coverage_by_account
from forticare.selectors import open_ticket_counts
from iam.models import AuditEvent, PartnerRole, User
from iam.partner_reach import reaching_roles
from iam.permissions import Portal


def _partner_roles(access):
    """The roles connected to the access's partner. Only "Visit as Partner" lists a partner's
    connections; any other access gets none (fails closed)."""
    if access is None or not access.is_partner_visit or access.partner is None:
        return PartnerRole.objects.none()
    return PartnerRole.objects.filter(partner_id=access.partner.pk)


def _while_active(value):
    """The customer's details show only while the role is active: a role the customer
    disabled shows that it is disabled, and nothing else."""
    return Case(When(status=PartnerRole.Status.ACTIVE, then=value), default=Value(""))


def connected_account_list(access):
    """The Partner roles connected to the access's partner: one row per customer account, with
    the customer's master user (User Name, Email) in the same query."""
    owners = User.objects.filter(account=OuterRef("account"), kind=User.Kind.OWNER)
    return _partner_roles(access).annotate(
        owner_name=_while_active(Subquery(owners.values("full_name")[:1])),
        owner_email=_while_active(Subquery(owners.values("email")[:1])),
    )


def connected_account_counts(access) -> dict:
    """How many accounts Connected Accounts lists ("total", as its pager counts them) and how
    many of their roles are active."""
    active = Q(status=PartnerRole.Status.ACTIVE)
    return _partner_roles(access).aggregate(total=Count("pk"), active=Count("pk", filter=active))


def connected_role(access, role_id: int, *, live: bool = False) -> PartnerRole | None:
    """One of the partner's own roles (``live``: only an active one), else None (a 404)."""
    roles = _partner_roles(access)
    if live:
        roles = roles.filter(status=PartnerRole.Status.ACTIVE)
    return (
        roles.select_related("account", "permission_profile", "scope_folder")
        .filter(pk=role_id)
        .first()
    )


def role_events(role: PartnerRole):
    """The role's history, while the role is active (a disabled role shows nothing else)."""
    if not role.is_active:
        return AuditEvent.objects.none()
    return AuditEvent.objects.filter(
        account_id=role.account_id, target_type="Partner Role", target_id=str(role.pk)
    )[:20]


@dataclass(frozen=True)
class CustomerRow:
    """One connected customer on the partner's Dashboard. A count is None where the role
    does not reach it (disabled, or Asset Management not granted): nothing, not zero."""

    account_id: int
    company: str
    role_id: int
    role_name: str
    status: str
    status_label: str
    counting: bool = False  # reached, its units not counted yet
    sees_tickets: bool = False  # the role reaches FortiCare
    within_30: int | None = None
    within_60: int | None = None
    within_90: int | None = None
    expired: int | None = None
    open_tickets: int | None = None


class Customers:
    """The partner's customers for a Paginator, one page at a time: first those whose units
    it sees, most units expiring soonest first (assets.selectors.coverage_by_account), then
    the others (a disabled role, no Asset Management, not counted yet) by company. Every role
    connected to the partner is one row (the member accounts an Organization-type role reaches
    count in the totals, not as rows); a page costs three or four queries."""

    def __init__(self, access):
        self.access = access
        self.roles = _partner_roles(access).select_related("account")
        connected = set(self.roles.values_list("account_id", flat=True))  # a role per account
        self.total = len(connected)
        self.counted_rows = [row for row in coverage_by_account(access) if row[0] in connected]
        self.counted = len(self.counted_rows)  # how many lead the list
        if access.partner is not None:
            # Whether the role reaches each portal: the rule of every aggregated list.
            self.roles = self.roles.annotate(
                sees_units=_reaches(access, Portal.ASSET_MANAGEMENT),
                sees_tickets=_reaches(access, Portal.FORTICARE),
            )

    def count(self) -> int:
        return self.total

    def __getitem__(self, page: slice) -> list[CustomerRow]:
        start, stop = page.start or 0, page.stop
        rows = []
        if start < self.counted:
            counted = self.counted_rows[start : min(stop, self.counted)]
            counts = {row[0]: dict(zip(URGENCY, row[1:], strict=True)) for row in counted}
            roles = self.roles.in_bulk(counts, field_name="account_id")
            rows += [_row(roles[pk], counts[pk]) for pk in counts if pk in roles]
        if stop > self.counted:
            others = self.roles.exclude(account_id__in=counted_accounts(self.access)).order_by(
                "account__company_name", "account_id"
            )
            others = others[max(start - self.counted, 0) : stop - self.counted]
            rows += [_row(role, None, counting=role.sees_units) for role in others]
        return rows


def _reaches(access, portal):
    roles = (
        reaching_roles(access.partner.pk, portal)
        if access.can(portal)
        else PartnerRole.objects.none()
    )
    return Exists(roles.filter(pk=OuterRef("pk")))


def _row(role, counts, counting=False) -> CustomerRow:
    within = [None] * 3
    if counts is not None:
        within = list(accumulate(counts[k] for k in ("within_30", "within_60", "within_90")))
    return CustomerRow(
        account_id=role.account_id,
        company=role.account.company_name,
        role_id=role.pk,
        role_name=role.name,
        status=role.status,
        status_label=role.get_status_display(),
        counting=counting,
        sees_tickets=role.sees_tickets,
        within_30=within[0],
        within_60=within[1],
        within_90=within[2],
        expired=counts["expired"] if counts else None,
    )


def with_open_tickets(access, rows) -> list[CustomerRow]:
    """``rows`` with the open tickets of the customers whose role reaches FortiCare (one
    query); the others keep None."""
    reached = [row.account_id for row in rows if row.sees_tickets]
    if not reached:
        return rows
    counts = open_ticket_counts(access, reached)
    return [
        replace(row, open_tickets=counts.get(row.account_id, {}).get("open", 0))
        if row.account_id in reached
        else row
        for row in rows
    ]
