"""Reads for the login and account-chooser pages."""

from dataclasses import dataclass

from django.core.paginator import Paginator
from django.db.models import Case, F, Q, Value, When
from django.db.models.functions import Coalesce
from django.urls import reverse

from forticloud.web.listing import parse_id

from . import grants
from .access import (
    PARTNER_CONTEXT,
    access_for_context,
    connected_accounts,
    may_visit_as_partner,
    own_accounts,
)
from .models import Account, AuditEvent, PartnerRole, User

CHOOSER_PAGE_SIZE = 25
MY_ACCOUNTS = "mine"
PARTNER_CONNECTED = "partner"


@dataclass
class Chooser:
    tabs: list[tuple[str, str]]
    tab: str
    query: str
    page: object  # a Paginator page of Account
    can_visit_as_partner: bool


def _search(accounts, query: str):
    if not query:
        return accounts
    condition = Q(company_name__icontains=query) | Q(alias__icontains=query)
    if (account_id := parse_id(query)) is not None:
        condition |= Q(pk=account_id)
    return accounts.filter(condition)


def account_chooser(user: User, *, tab: str = "", query: str = "", page: str = "1") -> Chooser:
    """The tabs and one page of accounts of "Choose a Connected Account" / Switch Accounts.

    Two queries for a page (count and rows) plus one to know whether "My Accounts" has any,
    however many accounts are connected.
    """
    tabs = []
    if own_accounts(user).exists():
        tabs.append((MY_ACCOUNTS, "My Accounts"))
    partner_tab = may_visit_as_partner(user)
    if partner_tab:
        tabs.append((PARTNER_CONNECTED, "Partner Connected Accounts"))
    keys = [key for key, _label in tabs]
    tab = tab if tab in keys else (keys[0] if keys else MY_ACCOUNTS)
    accounts = connected_accounts(user) if tab == PARTNER_CONNECTED else own_accounts(user)
    accounts = (
        _search(accounts, query.strip())
        .order_by("company_name", "pk")
        .only("pk", "company_name", "alias")
    )
    paginator = Paginator(accounts, CHOOSER_PAGE_SIZE)
    return Chooser(
        tabs=tabs,
        tab=tab,
        query=query.strip(),
        page=paginator.get_page(page),
        can_visit_as_partner=partner_tab,
    )


def context_label(key: str) -> str:
    if key == PARTNER_CONTEXT:
        return "Visit as Partner"
    account_id = parse_id(key.removeprefix("a-"))
    account = Account.objects.filter(pk=account_id).only("company_name").first()
    return str(account) if account_id is not None and account else key


def context_home(user: User, key: str) -> str | None:
    """The Dashboard URL of a context the user may enter, else None."""
    access = access_for_context(user, key)
    return access.reverse("dashboard") if access else None


def landing_url(user: User) -> str:
    """Where a person goes after login: the one account they have, else the chooser."""
    if user.kind == User.Kind.PARTNER:
        if not may_visit_as_partner(user):
            mine = list(own_accounts(user)[:1])
            return (
                reverse("account:dashboard", kwargs={"account_id": mine[0].pk})
                if mine
                else reverse("choose_account")
            )
        if not own_accounts(user).exists() and not connected_accounts(user).exists():
            # Seed 000: a partner with neither lands on FortiCare, with no Services menu.
            return reverse("partner:forticare:all_tickets")
        return reverse("choose_account")
    mine = list(own_accounts(user)[:2])
    if len(mine) == 1:
        return reverse("account:dashboard", kwargs={"account_id": mine[0].pk})
    if user.is_staff and not mine:
        return reverse("admin:index")
    return reverse("choose_account")


# The Users page: every principal of the account in one list (IAM users, API users, the
# Partner role), sorted and paginated in the database with a UNION of two queries.

PRINCIPAL_TYPES = {
    "iam": "IAM User",
    "api": "API User",
    "partner_role": "Partner Role",
}
PRINCIPAL_STATUSES = dict(PartnerRole.Status.choices)  # IAM users are active or disabled
PRINCIPAL_SORTS = {
    "name": "title",
    "type": "type_label",
    "profile": "profile_name",
    "status": "status_label",
}
PRINCIPAL_COLUMNS = [
    "row_id",
    "principal",
    "title",
    "summary",
    "type_label",
    "profile_name",
    "scope_name",
    "status_label",
    "partner_name",
]


def _status_label(field: str):
    return Case(
        *[When(**{field: key}, then=Value(label)) for key, label in PRINCIPAL_STATUSES.items()],
        default=Value(""),
    )


def principal_list(access, *, q: str = "", type: str = "", status: str = "", sort: str = ""):
    """Rows (dicts) of the Users page for ``access``'s account, filtered and sorted."""
    users = (
        User.objects.visible_to(access)
        .filter(kind__in=[User.Kind.IAM, User.Kind.API])
        .annotate(
            row_id=F("pk"),
            principal=Value("user"),
            title=F("username"),
            summary=F("description"),
            type_label=Case(
                When(kind=User.Kind.IAM, then=Value("IAM User")), default=Value("API User")
            ),
            profile_name=Case(
                When(user_group__isnull=False, then=F("user_group__permission_profile__name")),
                default=Coalesce(F("permission_profile__name"), Value("")),
            ),
            scope_name=Case(
                When(
                    user_group__isnull=False,
                    then=Coalesce(F("user_group__scope_folder__name"), Value("MyAssets")),
                ),
                default=Coalesce(F("scope_folder__name"), Value("MyAssets")),
            ),
            status_key=Case(
                When(is_active=True, then=Value(PartnerRole.Status.ACTIVE.value)),
                default=Value(PartnerRole.Status.DISABLED.value),
            ),
            partner_name=Value(""),
        )
        .annotate(status_label=_status_label("status_key"))
    )
    roles = PartnerRole.objects.visible_to(access).annotate(
        row_id=F("pk"),
        principal=Value("partner_role"),
        title=F("name"),
        summary=F("description"),
        type_label=Value("Partner Role"),
        profile_name=Coalesce(F("permission_profile__name"), Value("")),
        scope_name=Coalesce(F("scope_folder__name"), Value("MyAssets")),
        status_label=_status_label("status"),
        partner_name=Coalesce(F("partner__company_name"), Value("")),
    )
    if q:
        users = users.filter(Q(username__icontains=q) | Q(description__icontains=q))
        roles = roles.filter(Q(name__icontains=q) | Q(description__icontains=q))
    if status in PRINCIPAL_STATUSES:
        users = users.filter(status_key=status)
        roles = roles.filter(status=status)
    if type not in PRINCIPAL_TYPES:
        type = ""  # an unknown type lists every principal, as no type does
    parts = []
    if type in ("", "iam", "api"):
        parts.append(users.filter(kind=type) if type else users)
    if type in ("", "partner_role"):
        parts.append(roles)
    parts = [part.values(*PRINCIPAL_COLUMNS) for part in parts]
    combined = parts[0].union(*parts[1:], all=True) if len(parts) > 1 else parts[0]
    key = PRINCIPAL_SORTS.get(sort.lstrip("-"), "title")
    direction = "-" if sort.startswith("-") else ""
    return combined.order_by(f"{direction}{key}", "principal", "row_id")


def changeable_principals(access, rows) -> dict[str, set[int]]:
    """Of the Users page rows shown, those ``access`` may change (iam.grants.may_change), by
    kind: at most two queries for a page, whatever its rows."""
    ids = {"user": set(), "partner_role": set()}
    for row in rows:
        ids[row["principal"]].add(row["row_id"])
    users = User.objects.visible_to(access).filter(pk__in=ids["user"], kind=User.Kind.IAM)
    roles = PartnerRole.objects.visible_to(access).filter(pk__in=ids["partner_role"])
    return {
        "users": _changeable(
            access, ids["user"], users.select_related(*grants.USER_GRANT_RELATIONS)
        ),
        "roles": _changeable(
            access, ids["partner_role"], roles.select_related("permission_profile", "scope_folder")
        ),
    }


def _changeable(access, ids, rows) -> set[int]:
    return {row.pk for row in rows if grants.may_change(access, row)} if ids else set()


AUDIT_ACTIONS = [
    "iam_user.create",
    "iam_user.update",
    "iam_user.disable",
    "iam_user.enable",
    "iam_user.delete",
    "profile.create",
    "profile.update",
    "profile.delete",
    "group.create",
    "group.update",
    "group.delete",
    "partner_role.create",
    "partner_role.token_issue",
    "partner_role.token_regenerate",
    "partner_role.update",
    "partner_role.connect",
    "partner_role.notification_email",
    "partner_role.disconnect",
    "partner_role.disable",
    "partner_role.enable",
    "partner_role.delete",
    "partner_role.partner_status",
    "partner_role.migrate",
    "legacy_connection.disconnect",
    "login.locked",
]


def audit_event_list(access, *, actor: str = "", action: str = "", since=None, until=None):
    events = AuditEvent.objects.visible_to(access)
    if actor:
        events = events.filter(actor_label__icontains=actor)
    if action:
        events = events.filter(action=action)
    if since:
        events = events.filter(created_at__date__gte=since)
    if until:
        events = events.filter(created_at__date__lte=until)
    return events
