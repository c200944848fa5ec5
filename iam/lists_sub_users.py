"""My Account > Manage User > Current Users: the account's sub users (one declaration)."""

import datetime

import django_filters
from django.db.models import Q

from forticloud.web.filters import ListFilterSet, SearchFilter
from forticloud.web.lists import PAGES, ListPage
from forticloud.web.tables import Column, Table

from .selectors.sub_users import sub_user_rows


class SubUserFilter(ListFilterSet):
    q = SearchFilter(method="search")
    access = django_filters.ChoiceFilter(
        field_name="legacy_access", choices=[("full", "Full Access"), ("limited", "Limited Access")]
    )

    def search(self, queryset, name, value):
        return queryset.filter(Q(email__icontains=value) | Q(full_name__icontains=value))


SUB_USERS_TABLE = Table(
    id="sub-user-table",
    columns=(
        Column("email", "EMAIL", "email"),
        Column("name", "NAME", "full_name"),
        Column("access", "ACCESS", "legacy_access"),
        Column("status", "STATUS", "is_active"),
        Column("last_login", "LAST LOGIN", "last_login", kind=datetime.datetime, sorts=False),
    ),
    default_sort="email",
    page_size=50,
)


def _is_master_user(access) -> bool:
    return access.is_master_user


SUB_USERS = ListPage(
    "iam:sub_users",
    "Current Users",
    "iam/sub_users.html",
    SUB_USERS_TABLE,
    SubUserFilter,
    rows=sub_user_rows,
    allowed=_is_master_user,
    paging=PAGES,
    exports=(),
)
