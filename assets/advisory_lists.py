"""The Vulnerability List: one row per advisory affecting units in scope, with how many (one
declaration: rows, filters, columns, exports).

The units an advisory affects are counted by the worker (AdvisoryCount, per account and
folder, with the coverage counts): a row sums those counts over the reach of the Vulnerability
List resource (a partner's customers whose role grants it, a Local scope's folders), so a
thousand customers and a million units cost one grouped query of their count rows. A Limited
Access sub user's assigned units are in no count: they are matched as they are."""

import datetime

import django_filters
from django.db.models import Count, F, Q, Sum

from forticloud.web.filters import SearchFilter
from forticloud.web.listing import parse_id
from forticloud.web.lists import PAGES, ListPage
from forticloud.web.tables import Column, Table
from iam.permissions import Level, Portal, Resource

from .advisory_matching import ranges_of_unit
from .advisory_models import Advisory, AdvisoryCount, AdvisoryRange
from .models import Asset
from .selectors import _count_condition

SEVERITY_LABELS = dict(Advisory.Severity.choices)
# ?severity=critical ... ?severity=low, most severe first.
SEVERITY_NAMES = {label.lower(): value for value, label in reversed(Advisory.Severity.choices)}
SEVERITY_CHOICES = [(name, name.title()) for name in SEVERITY_NAMES]

# The advisory's fields a row shows, under names no count or range field has.
ADVISORY_FIELDS = {
    "ir_number": F("advisory__advisory_id"),
    "title": F("advisory__title"),
    "severity": F("advisory__severity"),
    "cvss": F("advisory__cvss"),
    "cve_ids": F("advisory__cve_ids"),
    "fixed_versions": F("advisory__fixed_versions"),
    "published_on": F("advisory__published_on"),
}


def vulnerability_reach(access):
    """Who sees what on the Vulnerability List: the reach of its resource."""
    return access.reach(Portal.ASSET_MANAGEMENT, Level.READ_ONLY, Resource.VULNERABILITY_LIST)


def may_view_vulnerabilities(access) -> bool:
    """The page: in an account, the Vulnerability List resource; in an aggregated view, Asset
    Management (each customer's role then decides whether its units count)."""
    if access.is_aggregated:
        return access.can(Portal.ASSET_MANAGEMENT)
    return access.can(Portal.ASSET_MANAGEMENT, Level.READ_ONLY, Resource.VULNERABILITY_LIST)


def units_in_scope(access):
    """The units in service ``access`` sees with the Vulnerability List resource."""
    return Asset.objects.in_service().filter(vulnerability_reach(access).condition(unit="pk"))


def _live_counts(units):
    """Per advisory, how many of ``units`` (a few: assigned units) it affects, matched now."""
    return (
        AdvisoryRange.objects.filter(
            product_model__assets__in=units,
            product_model__assets__firmware_code__gte=F("first"),
            product_model__assets__firmware_code__lte=F("last"),
        )
        .values("advisory_id")
        .annotate(
            affected=Count("product_model__assets", distinct=True),
            companies=Count("product_model__assets__account_id", distinct=True),
        )
    )


def advisory_rows(access):
    """The Vulnerability List's rows for ``access``: dicts of the advisory's fields
    (ADVISORY_FIELDS), ``advisory_id`` (its pk), ``affected`` (units) and ``companies``
    (accounts with affected units), unsorted."""
    reach = vulnerability_reach(access)
    if reach.units:
        rows = _live_counts(units_in_scope(access))
    else:
        rows = (
            AdvisoryCount.objects.filter(_count_condition(reach))
            .values("advisory_id")
            .annotate(affected=Sum("units"), companies=Count("account_id", distinct=True))
        )
    return rows.annotate(**ADVISORY_FIELDS)


def advisory_filtered(access, value) -> tuple[Advisory | None, bool]:
    """The advisory a Product List's ``?advisory=`` names (advisories are public, their units
    are not), and whether the access may see which units it affects (in an aggregated view,
    each customer's role decides)."""
    pk = parse_id(value)
    advisory = Advisory.objects.filter(pk=pk).first() if pk is not None else None
    return advisory, access.is_aggregated or may_view_vulnerabilities(access)


def unit_advisories(access, asset) -> list | None:
    """The ranges (with their advisory) that affect ``asset``, one per advisory, most severe
    first; None when ``access`` has no Vulnerability List (the unit's page then says nothing
    of advisories)."""
    if not may_view_vulnerabilities(access):
        return None
    ranges = {}
    for advisory_range in ranges_of_unit(asset):
        ranges.setdefault(advisory_range.advisory_id, advisory_range)
    return list(ranges.values())


def unversioned_count(access) -> int | None:
    """How many units in scope have no firmware version (they match no advisory); None in an
    aggregated view, where counting a million units per view costs too much."""
    if access.is_aggregated:
        return None
    return units_in_scope(access).filter(firmware_code__isnull=True).count()


class VulnerabilityFilter(django_filters.FilterSet):
    q = SearchFilter(method="search")
    severity = django_filters.ChoiceFilter(choices=SEVERITY_CHOICES, method="by_severity")
    company = SearchFilter(method="of_company")  # aggregated views: a company or Account ID

    def search(self, rows, name, value):
        """An advisory ID, a CVE ID or words of the title."""
        return rows.filter(
            Q(ir_number__icontains=value) | Q(cve_ids__icontains=value) | Q(title__icontains=value)
        )

    def by_severity(self, rows, name, value):
        return rows.filter(severity=SEVERITY_NAMES[value])

    def of_company(self, rows, name, value):
        if not self.request.access.is_aggregated:
            return rows
        if (account_id := parse_id(value)) is not None:
            return rows.filter(account_id=account_id)
        return rows.filter(account__company_name__icontains=value)


def _severity_label(value) -> str:
    return SEVERITY_LABELS.get(value, "")


def _aggregated(access) -> bool:
    return access.is_aggregated


def _score(value) -> str:
    return f"{value:.1f}"


VULNERABILITY_TABLE = Table(
    id="advisory-table",
    columns=(
        Column("advisory", "ADVISORY ID", "ir_number", export_header="Advisory ID"),
        Column("title", "TITLE", "title", export_header="Title"),
        Column(
            "severity",
            "SEVERITY",
            "severity",
            kind=int,
            export_value=_severity_label,
            export_header="Severity",
        ),
        Column("cvss", "CVSS", "cvss", export_value=_score, export_header="CVSS"),
        Column("cves", "CVE IDS", "cve_ids", sorts=False, export_header="CVE IDs"),
        Column("units", "UNITS AFFECTED", "affected", kind=int, export_header="Units Affected"),
        Column(
            "companies",
            "COMPANIES",
            "companies",
            kind=int,
            export_header="Companies",
            shown=_aggregated,
        ),
        Column("fixed", "FIXED IN", "fixed_versions", sorts=False, export_header="Fixed In"),
        Column(
            "published",
            "PUBLISHED",
            "published_on",
            kind=datetime.date,
            export_header="Published",
        ),
    ),
    default_sort="-severity",
    # Ties break on the score, then on the advisory ID (unique: a grouped row has no own id).
    tiebreak=("cvss", "ir_number"),
    export_name="vulnerability-list",
    sheet="Vulnerability List",
)

VULNERABILITY_LIST = ListPage(
    "assets:vulnerabilities",
    "Vulnerability List",
    "assets/vulnerabilities.html",
    VULNERABILITY_TABLE,
    VulnerabilityFilter,
    rows=advisory_rows,
    allowed=may_view_vulnerabilities,
    paging=PAGES,
)
