"""The accounts linked to the credentials ("Choose a Connected Account", Switch Accounts), and
where a login lands."""

from dataclasses import dataclass

from django.core.paginator import Paginator
from django.db.models import Q
from django.urls import reverse

from forticloud.web.listing import parse_id

from ..access import (
    PARTNER_CONTEXT,
    access_for_context,
    may_visit_as_partner,
    organization_context_key,
    own_accounts,
)
from ..models import Account, Organization, User
from ..organization_access import organization_accounts
from ..partner_reach import connected_accounts
from ..permissions import Portal
from ..portal_homes import portal_home

CHOOSER_PAGE_SIZE = 25


MY_ACCOUNTS = "mine"


PARTNER_CONNECTED = "partner"


ORGANIZATION_ACCOUNTS = "organization"


@dataclass
class Chooser:
    tabs: list[tuple[str, str]]
    tab: str
    query: str
    page: object  # a Paginator page of Account
    can_visit_as_partner: bool
    organization_view: str = ""  # the key of the organization view the user may open


def _search(accounts, query: str):
    if not query:
        return accounts
    condition = Q(company_name__icontains=query) | Q(alias__icontains=query)
    if (account_id := parse_id(query)) is not None:
        condition |= Q(pk=account_id)
    return accounts.filter(condition)


def account_chooser(user: User, *, tab: str = "", query: str = "", page: str = "1") -> Chooser:
    """The tabs and one page of accounts of "Choose a Connected Account" / Switch Accounts.

    Two queries for a page (count and rows) plus one each to know whether "My Accounts" and
    "Organization Accounts" have any, however many accounts are connected.
    """
    tabs = []
    if own_accounts(user).exists():
        tabs.append((MY_ACCOUNTS, "My Accounts"))
    partner_tab = may_visit_as_partner(user)
    if partner_tab:
        tabs.append((PARTNER_CONNECTED, "Partner Connected Accounts"))
    organization_view = ""
    if organization_accounts(user).exists():
        tabs.append((ORGANIZATION_ACCOUNTS, "Organization Accounts"))
        organization_view = organization_context_key(user.account_id)
    keys = [key for key, _label in tabs]
    tab = tab if tab in keys else (keys[0] if keys else MY_ACCOUNTS)
    if tab == PARTNER_CONNECTED:
        accounts = connected_accounts(user.partner_id)
    else:
        accounts = (
            organization_accounts(user) if tab == ORGANIZATION_ACCOUNTS else own_accounts(user)
        )
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
        organization_view=organization_view,
    )


def context_label(key: str) -> str:
    if key == PARTNER_CONTEXT:
        return "Visit as Partner"
    prefix, _, account_id = key.partition("-")
    account_id = parse_id(account_id)
    if prefix == "o":
        organization = Organization.objects.filter(root_id=account_id).first()
        return f"{organization}, organization view" if organization else key
    account = Account.objects.filter(pk=account_id).only("company_name").first()
    return str(account) if account_id is not None and account else key


def context_home(user: User, key: str) -> str | None:
    """The Dashboard URL of a context the user may enter, else None."""
    access = access_for_context(user, key)
    return access.reverse("dashboard") if access else None


def landing_url(user: User) -> str:
    """Where a person goes after login: the one account they have, else the chooser; a person
    of an identity provider with several roles, to the jump page first."""
    if user.kind == User.Kind.EXTERNAL and user.idp_role_id is None:
        return reverse("idp_roles")
    if user.kind == User.Kind.PARTNER:
        if not may_visit_as_partner(user):
            mine = list(own_accounts(user)[:1])
            return (
                reverse("account:dashboard", kwargs={"account_id": mine[0].pk})
                if mine
                else reverse("choose_account")
            )
        if not own_accounts(user).exists() and not connected_accounts(user.partner_id).exists():
            # Seed 000: a partner with neither lands on FortiCare, with no Services menu.
            return reverse(f"partner:{portal_home(Portal.FORTICARE)}")
        return reverse("choose_account")
    mine = list(own_accounts(user)[:2])
    if len(mine) == 1:
        return reverse("account:dashboard", kwargs={"account_id": mine[0].pk})
    if user.is_staff and not mine:
        return reverse("admin:index")
    return reverse("choose_account")
