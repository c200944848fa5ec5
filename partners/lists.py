"""Connected Accounts: filters and columns (one declaration)."""

from django.db.models import Q

from forticloud.web.filters import ListFilterSet, SearchFilter
from forticloud.web.listing import parse_id
from forticloud.web.lists import PAGES, ListPage
from forticloud.web.tables import Column, Table

from . import selectors


class ConnectedAccountFilter(ListFilterSet):
    q = SearchFilter(method="search")

    def search(self, roles, name, value):
        """The company, the role's name, or the Account ID."""
        condition = Q(account__company_name__icontains=value) | Q(name__icontains=value)
        if (account_id := parse_id(value)) is not None:
            condition |= Q(account_id=account_id)
        return roles.filter(condition)


CONNECTED_TABLE = Table(
    id="connected-table",
    columns=(
        Column("account", "Account", "account_id", kind=int),
        Column("role", "Partner Role", "name"),
        Column("company", "Company", "account__company_name"),
        Column("owner_name", "User Name"),
        Column("owner_email", "Email"),
        Column("status", "Status", "status"),
    ),
    default_sort="company",
    related=("account",),
)
CONNECTED_ACCOUNTS = ListPage(
    "partners:connected_accounts",
    "Connected Accounts",
    "partners/connected_accounts.html",
    CONNECTED_TABLE,
    ConnectedAccountFilter,
    rows=selectors.connected_account_list,
    shown_rows=selectors.with_owners,
    allowed=lambda access: access.is_partner_visit,
    paging=PAGES,
    exports=(),
)
