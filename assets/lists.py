"""The Product List and Decommissioned Units: columns, filters, exports (one declaration)."""

import datetime
from dataclasses import replace
from functools import lru_cache

import django_filters
from django.db.models import Q
from django.utils import dateformat, timezone

from forticloud.web.filters import CompanyFilter, IdFilter, ListFilterSet, MonthFilter, SearchFilter
from forticloud.web.lists import ListPage
from forticloud.web.tables import Column, Table
from iam.permissions import Portal, Resource

from . import selectors
from .advisory_selectors import advisory_named
from .coverage import month_starts
from .models import NO_COVERAGE, SERIAL_PREFIX, AssetFolder, days_to_expiration

COVERAGE_FILTERS = {
    "expired": "Expired",
    "expiring30": "Expiring within 30 days",
    "expiring60": "Expiring within 60 days",
    "expiring90": "Expiring within 90 days",
    "no_coverage": "No coverage",
}


def coverage_filter(assets, coverage: str):
    """Units by coverage: ended, ending within 30 or 90 days, or never covered."""
    today = timezone.localdate()
    if coverage == "expired":
        return assets.filter(coverage_ends_on__lt=today).exclude(coverage_ends_on=NO_COVERAGE)
    if coverage in ("expiring30", "expiring60", "expiring90"):
        days = int(coverage.removeprefix("expiring"))
        return assets.filter(
            coverage_ends_on__gte=today, coverage_ends_on__lte=today + datetime.timedelta(days)
        )
    if coverage == "no_coverage":
        return assets.filter(coverage_ends_on=NO_COVERAGE)
    return assets


def coverage_months() -> tuple[tuple[str, str], ...]:
    """The "Coverage ends in" choices: this month and the eleven after it, each a value and a
    label ("2026-12", "Dec 2026", as the Dashboard's chart names them)."""
    return _months_from(timezone.localdate().replace(day=1))


@lru_cache(maxsize=2)
def _months_from(first_day: datetime.date) -> tuple[tuple[str, str], ...]:
    # Labels made once a month: Django's date filter parsed its format for each (a fifth of
    # the page's filter form).
    starts = month_starts(first_day)[:12]
    return tuple((start.strftime("%Y-%m"), dateformat.format(start, "M Y")) for start in starts)


class ProductListFilter(ListFilterSet):
    q = SearchFilter(method="search")
    coverage = django_filters.ChoiceFilter(
        choices=list(COVERAGE_FILTERS.items()), method="by_coverage"
    )
    ends = MonthFilter(field_name="coverage_ends_on")  # "Coverage ends in" a month
    folder = IdFilter(method="in_folder")
    company = CompanyFilter(portal=Portal.ASSET_MANAGEMENT)
    advisory = IdFilter(method="affected_by_advisory")  # the Vulnerability List's links
    decommissioned = False  # in service; Decommissioned Units' filter set says True

    @classmethod
    def units(cls, access, resource=None):
        """The rows of a list with these filters (its ListPage's ``rows``): the units
        ``access`` sees, with an Asset Management ``resource`` those it sees with it."""
        return selectors.asset_list(access, decommissioned=cls.decommissioned, resource=resource)

    def filter_queryset(self, assets):
        if self.form.cleaned_data.get("advisory"):
            # Which units an advisory affects is only for those who have the Vulnerability
            # List (an account's resource, a customer's Partner role): the list's units in its
            # reach, which lies within Asset Management's (one semi-join of a partner's roles,
            # not two).
            assets = self.units(self.request.access, Resource.VULNERABILITY_LIST)
        return super().filter_queryset(assets)

    def search(self, assets, name, value):
        """A serial number's start, or a text in the description. A text no serial number
        can start with (models.SERIAL_PREFIX) is looked for in descriptions alone: beside the
        serial's condition PostgreSQL checked each description it found twice."""
        in_description = Q(description__icontains=value)
        start = value.upper()
        if not SERIAL_PREFIX.fullmatch(start):
            return assets.filter(in_description)
        return assets.filter(Q(serial_number__startswith=start) | in_description)

    def by_coverage(self, assets, name, value):
        return coverage_filter(assets, value)

    def in_folder(self, assets, name, value):
        """The folder and its subfolders; a folder outside the scope matches nothing."""
        folder = AssetFolder.objects.visible_to(self.request.access).filter(pk=value).first()
        return assets.filter(folder__path__startswith=folder.path) if folder else assets.none()

    def affected_by_advisory(self, assets, name, value):
        """The units the advisory affects, of the units filter_queryset has narrowed to the
        Vulnerability List's reach: without it, nothing, so the filter never tells which units
        are vulnerable."""
        named = advisory_named(self.request.access, value)
        return assets.filter(named.affects) if named else assets.none()


class DecommissionedUnitsFilter(ProductListFilter):
    decommissioned = True


def _days_to_expiration_today():
    """One export's "Days to Expiration" of a coverage end: every row from the same day."""
    today = timezone.localdate()
    return lambda coverage_ends_on: days_to_expiration(coverage_ends_on, today)


def _aggregated(access) -> bool:
    return access.is_aggregated


# Every sort column has a (column, id) index, so keyset pages seek (see the README). The rows
# show the model and company names kept on the asset row: no join, and the name shown is the
# one the rows are sorted by.
PRODUCT_TABLE = Table(
    id="asset-table",
    columns=(
        Column("serial", "SERIAL NUMBER", "serial_number", export_header="Serial Number"),
        Column("model", "PRODUCT MODEL", "product_model_name", export_header="Product Model"),
        Column("description", "DESCRIPTION", "description", export_header="Description"),
        Column(
            "company",
            "COMPANY",
            "company_name",
            export_header="Company",
            shown=_aggregated,
        ),
        Column(
            "firmware",
            "FIRMWARE VERSION",
            "firmware_version",
            sorts=False,  # no index: a million units would be sorted per page
            export_header="Firmware Version",
        ),
        Column(
            "days",
            "DAYS TO EXPIRATION",
            "coverage_ends_on",
            kind=datetime.date,
            export_value=_days_to_expiration_today,
            export_value_once=True,
            export_header="Days to Expiration",
        ),
        Column(
            "registered",
            "REGISTRATION DATE",
            "registered_on",
            kind=datetime.date,
            export_header="Registration Date",
        ),
    ),
    default_sort="-registered",
    export_name="product-list",
    sheet="Product List",
)
DECOMMISSIONED_TABLE = replace(PRODUCT_TABLE, export_name="decommissioned-units")


def _may_view(access) -> bool:
    return access.can(Portal.ASSET_MANAGEMENT)


PRODUCT_LIST = ListPage(
    "assets:product_list",
    "Product List",
    "assets/product_list.html",
    PRODUCT_TABLE,
    ProductListFilter,
    rows=ProductListFilter.units,
    allowed=_may_view,
    prepared_sorts=("registered", "days", "model"),
)
DECOMMISSIONED_UNITS = replace(
    PRODUCT_LIST,
    name="assets:decommissioned",
    title="Decommissioned Units",
    table=DECOMMISSIONED_TABLE,
    filterset=DecommissionedUnitsFilter,
    rows=DecommissionedUnitsFilter.units,
    # A large account's few decommissioned units are found by their own index, a small
    # account's by walking its units: the plan depends on the account.
    prepared_sorts=(),
)
