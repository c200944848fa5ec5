"""The Vulnerability List: one row per advisory affecting units in scope, with how many (one
declaration: rows, filters, columns, exports). Its rows come from assets.advisory_selectors."""

import datetime

import django_filters
from django.db.models import Q

from forticloud.web.filters import ListFilterSet, SearchFilter
from forticloud.web.lists import PAGES, ListPage
from forticloud.web.tables import Column, Table

from .advisory_models import Advisory
from .advisory_selectors import advisory_rows, may_view_vulnerabilities

SEVERITY_LABELS = dict(Advisory.Severity.choices)
# ?severity=critical ... ?severity=low, most severe first.
SEVERITY_NAMES = {label.lower(): value for value, label in reversed(Advisory.Severity.choices)}
SEVERITY_CHOICES = [(name, name.title()) for name in SEVERITY_NAMES]


class VulnerabilityFilter(ListFilterSet):
    # First: in an aggregated view, one company's counts replace every company's (the other
    # filters then narrow those rows).
    company = SearchFilter(method="of_company")  # a company name or an Account ID
    q = SearchFilter(method="search")
    severity = django_filters.ChoiceFilter(choices=SEVERITY_CHOICES, method="by_severity")

    def of_company(self, rows, name, value):
        if not self.request.access.is_aggregated:
            return rows
        return advisory_rows(self.request.access, company=value)

    def search(self, rows, name, value):
        """An advisory ID, a CVE ID or words of the title."""
        found = Q(advisory_id__icontains=value) | Q(cve_ids__icontains=value)
        return rows.filter(found | Q(title__icontains=value))

    def by_severity(self, rows, name, value):
        return rows.filter(severity=SEVERITY_NAMES[value])


def _severity_label(value) -> str:
    return SEVERITY_LABELS.get(value, "")


def _aggregated(access) -> bool:
    return access.is_aggregated


def _score(value) -> str:
    return f"{value:.1f}"


VULNERABILITY_TABLE = Table(
    id="advisory-table",
    columns=(
        Column("advisory", "ADVISORY ID", "advisory_id", export_header="Advisory ID"),
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
    # Ties break on the score, then on the advisory ID (unique).
    tiebreak=("cvss", "advisory_id"),
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
