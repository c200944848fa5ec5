from array import array
from dataclasses import dataclass, replace
from itertools import accumulate

from django.db.models import BooleanField, Count, ExpressionWrapper, Max, OuterRef, Q, Sum, Value
from django.db.models.functions import Coalesce

from assets.selectors import URGENCY, counts_by_account, kept_sum
from forticare.selectors import open_ticket_counts, tickets_version_of
from forticloud.web.compiled import compiled_rows, compiled_rows_among
from iam.models import AuditEvent, PartnerRole, User
from iam.partner_reach import reaching
from iam.permissions import Portal
from iam.reach import Reach


def _visiting_partner_id(access) -> int | None:
    """The access's partner. Only "Visit as Partner" lists a partner's connections; any other
    access gets none (fails closed)."""
    if access is None or not access.is_partner_visit or access.partner is None:
        return None
    return access.partner.pk


def _partner_roles(access):
    """The roles connected to the access's partner (none outside Visit as Partner)."""
    partner_id = _visiting_partner_id(access)
    if partner_id is None:
        return PartnerRole.objects.none()
    return PartnerRole.objects.filter(partner_id=partner_id)


def connected_account_list(access):
    """The Partner roles connected to the access's partner: one row per customer account
    (``with_owners`` adds the customer's master user to the rows shown)."""
    return _partner_roles(access).only("name", "status", "account_id", "account__company_name")


def with_owners(roles) -> list:
    """``roles`` with their customer's master user (``owner_name``, ``owner_email``) read in one
    query. The customer's details show only while the role is active: a role the customer
    disabled shows that it is disabled, and nothing else."""
    roles = list(roles)
    active = [role.account_id for role in roles if role.is_active]
    owners = User.objects.filter(account_id__in=active, kind=User.Kind.OWNER)
    found = {
        account: (name, email)
        for account, name, email in owners.values_list("account_id", "full_name", "email")
    }
    for role in roles:
        role.owner_name, role.owner_email = found.get(role.account_id, ("", ""))
    return roles


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
    role_url: str
    role_name: str
    status: str
    status_label: str
    counting: bool = False  # reached, its units not counted yet
    sees_tickets: bool = False  # the role reaches FortiCare
    in_folder: bool = False  # the role reaches only within a scope folder
    within_30: int | None = None
    within_60: int | None = None
    within_90: int | None = None
    expired: int | None = None
    open_tickets: int | None = None
    tickets_version: int | None = None  # of the account's tickets, read with the role


class Customers:
    """The partner's customers for a Paginator, one page at a time: first those whose units
    it sees, most units expiring soonest first (assets.selectors.counts_by_account), then
    the others (a disabled role, no Asset Management, not counted yet) by company. Every role
    connected to the partner is one row (the member accounts an Organization-type role reaches
    count in the totals, not as rows).

    The order is kept, as the totals are, while the partner's reach and counts stay (their
    digest) and its set of roles too (``_role_set``): ordering a thousand roles cost more than
    the rest of the page. A page's rows are read afresh, by the reach rule, on every view."""

    def __init__(self, access):
        self.access = access
        self.partner_id = _visiting_partner_id(access)
        self.order = array("q")
        if self.partner_id is not None:
            self.grants = (access.can(Portal.ASSET_MANAGEMENT), access.can(Portal.FORTICARE))
            self.order = self._kept_order()

    def _kept_order(self) -> array:
        """``_order``, kept."""
        (role_set,) = compiled_rows(_role_set, self.partner_id)
        grants = "".join(str(int(granted)) for granted in self.grants)
        name = f"customer-order:{self.partner_id}:{grants}:" + "-".join(map(str, role_set))
        return kept_sum(self.access, None, name, self._order)

    def _order(self, reach) -> array:
        """The account id and counts (ORDER_FIELDS of each, NOT_COUNTED where not counted) of
        the accounts ``reach`` holds (kept_sum's: exactly those its digest names) and of the
        partner's other roles, in order: an array, which the cache reads back at once (a list
        of a thousand tuples took a tenth of a millisecond)."""
        companies = dict(compiled_rows(_role_companies, self.partner_id))
        counted = [row for row in counts_by_account(reach) if row[0] in companies]
        ids = {row[0] for row in counted}
        others = sorted(  # by company, "acme" beside "Acme" (usually few: sorted here)
            (pk for pk in companies if pk not in ids),
            key=lambda pk: (companies[pk].casefold(), companies[pk], pk),
        )
        order = array("q")
        for row in counted:
            order.extend(row)
        for pk in others:
            order.extend((pk, *NOT_COUNTED))
        return order

    def count(self) -> int:
        return len(self.order) // ORDER_FIELDS

    def __getitem__(self, page: slice) -> list[CustomerRow]:
        entries = []
        for n in range(self.count())[page]:
            pk, *counts = self.order[n * ORDER_FIELDS : (n + 1) * ORDER_FIELDS]
            entries.append((pk, None if counts == NOT_COUNTED else tuple(counts)))
        if not entries:
            return []
        ids = [pk for pk, _ in entries]
        rows = compiled_rows_among(_connected_roles, self.partner_id, ids, *self.grants)
        roles = {row[0]: row for row in rows}  # a role gone since: no row
        return [_row(self.access, roles[pk], counts) for pk, counts in entries if pk in roles]


ORDER_FIELDS = 1 + len(URGENCY)  # an account id and its units in each window
NOT_COUNTED = [-1] * (ORDER_FIELDS - 1)


def _role_set(partner_id: int):
    """What changes the set of the partner's roles (one row): how many, and their ids. Not a
    digest: two roles leaving and two joining with the same sum of ids in ten minutes (never
    one change) would leave the kept order missing a row until it expires; what a row shows
    is read on each view, and a role's reach is in the tallies' digest."""
    return (
        PartnerRole.objects.filter(partner_id=partner_id)
        .values(all=Value(1))  # grouped by a constant: one row, as a queryset
        .annotate(count=Count("pk"), ids=Sum("pk"), last=Max("pk"))
        .values_list("count", "ids", "last")
    )


def _role_companies(partner_id: int):
    """The account id and company of each of the partner's roles."""
    roles = PartnerRole.objects.filter(partner_id=partner_id)
    return roles.values_list("account_id", "account__company_name")


def _connected_roles(
    partner_id: int, account_ids: list[int], units_granted: bool, tickets_granted: bool
):
    """The partner's roles of those accounts: account id, company, role id, name, status,
    whether the role reaches Asset Management and FortiCare (the rule of every aggregated
    list), where the partner user's own grants let it, whether it has a scope folder, and its
    account's tickets' version (the kept open tickets')."""

    def reaches(granted, portal):
        if not granted:
            return Value(False)
        # False, not NULL, for a role without a profile (its join is an outer one here)
        return Coalesce(ExpressionWrapper(reaching(portal), BooleanField()), Value(False))

    return (
        PartnerRole.objects.filter(partner_id=partner_id, account_id__in=account_ids)
        .annotate(
            sees_units=reaches(units_granted, Portal.ASSET_MANAGEMENT),
            sees_tickets=reaches(tickets_granted, Portal.FORTICARE),
            tickets_version=tickets_version_of(OuterRef("account_id")),
        )
        .values_list(
            "account_id",
            "account__company_name",
            "pk",
            "name",
            "status",
            "sees_units",
            "sees_tickets",
            "scope_folder_id",
            "tickets_version",
        )
    )


STATUS_LABELS = dict(PartnerRole.Status.choices)


def _row(access, role, counts) -> CustomerRow:
    account_id, company, role_id, name, status, sees_units, sees_tickets, folder_id, version = role
    within, expired = [None] * 3, None
    if counts is not None:  # by window, in URGENCY's order
        within_30, within_60, within_90, expired = counts
        within = list(accumulate((within_30, within_60, within_90)))
    return CustomerRow(
        account_id=account_id,
        company=company,
        role_id=role_id,
        role_url=access.reverse("partners:role", pk=role_id),
        role_name=name,
        status=status,
        status_label=STATUS_LABELS.get(status, status),
        counting=counts is None and bool(sees_units),
        sees_tickets=bool(sees_tickets),
        in_folder=folder_id is not None,
        within_30=within[0],
        within_60=within[1],
        within_90=within[2],
        expired=expired,
        tickets_version=version,
    )


def with_open_tickets(access, rows) -> list[CustomerRow]:
    """``rows`` with the open tickets of the customers whose role reaches FortiCare (one
    query); the others keep None. The query reaches only the page's customers: each row's
    role was read with the rule of the partner's reach (``reaching``), so the reach of every
    role (a thousand, built in full by PostgreSQL) is not needed for 25 of them. A role with
    a scope folder counts within the folder the access holds for it (none: nothing)."""
    reached = [row.account_id for row in rows if row.sees_tickets]
    if not reached:
        return rows
    within = {row.account_id for row in rows if row.sees_tickets and row.in_folder}
    page_reach = Reach(
        whole=[pk for pk in reached if pk not in within],
        scoped=tuple(s for s in access.reach(Portal.FORTICARE).scoped if s[0] in within),
    )
    versions = {row.account_id: row.tickets_version for row in rows}
    counts = open_ticket_counts(access, within=page_reach, versions=versions)
    return [
        replace(row, open_tickets=counts.get(row.account_id, {}).get("open", 0))
        if row.account_id in reached
        else row
        for row in rows
    ]
