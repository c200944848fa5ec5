"""Reads of Asset Management: the Product List (one account or aggregated) with keyset pages."""

import datetime
from dataclasses import dataclass

from django.db.models import Q
from django.utils import timezone

from forticloud.web import listing

from .models import NO_COVERAGE, Asset, AssetFolder

PAGE_SIZE = 25
# Sort key (URL) → the field it orders by. Every sort ends with the id, so pages never skip
# or repeat a row.
SORTS = {
    "serial": "serial_number",
    "model": "product_model__name",
    "description": "description",
    "days": "coverage_ends_on",
    "registered": "registered_on",
    "company": "account__company_name",
}
DATE_SORTS = {"days", "registered"}
DEFAULT_SORT = "-registered"
COVERAGE_FILTERS = {
    "expired": "Expired",
    "expiring30": "Expiring within 30 days",
    "expiring90": "Expiring within 90 days",
    "no_coverage": "No coverage",
}


@dataclass
class ProductListParams(listing.ListParams):
    SORTS = SORTS
    DEFAULT_SORT = DEFAULT_SORT
    # company: a company name or an Account ID, so free text; q too.
    FIELDS = {"coverage": listing.ChoiceParam(COVERAGE_FILTERS), "folder": listing.IdParam()}

    q: str = ""
    coverage: str = ""
    folder: str = ""
    company: str = ""
    sort: str = DEFAULT_SORT
    after: str = ""


def product_list(access, params: ProductListParams, *, decommissioned=False):
    """The filtered Product List (or Decommissioned Units) of ``access``, unsorted."""
    assets = Asset.objects.visible_to(access)
    assets = assets.decommissioned() if decommissioned else assets.in_service()
    today = timezone.localdate()
    if params.coverage == "expired":
        assets = assets.filter(coverage_ends_on__lt=today).exclude(coverage_ends_on=NO_COVERAGE)
    elif params.coverage in ("expiring30", "expiring90"):
        days = 30 if params.coverage == "expiring30" else 90
        assets = assets.filter(
            coverage_ends_on__gte=today, coverage_ends_on__lte=today + datetime.timedelta(days)
        )
    elif params.coverage == "no_coverage":
        assets = assets.filter(coverage_ends_on=NO_COVERAGE)
    if (folder_id := listing.parse_id(params.folder)) is not None:
        folder = AssetFolder.objects.visible_to(access).filter(pk=folder_id).first()
        assets = assets.filter(folder__path__startswith=folder.path) if folder else assets.none()
    if params.company and access.is_partner_visit:
        if (account_id := listing.parse_id(params.company)) is not None:
            assets = assets.filter(account_id=account_id)
        else:
            assets = assets.filter(account__company_name__icontains=params.company)
    if params.q:
        assets = assets.filter(
            Q(serial_number__startswith=params.q.upper()) | Q(description__icontains=params.q)
        )
    return assets


def ordered(assets, sort: str):
    return listing.ordered(assets, SORTS[sort.lstrip("-")], sort.startswith("-"))


def keyset_page(assets, params: ProductListParams, size: int = PAGE_SIZE) -> listing.KeysetPage:
    key = params.sort.lstrip("-")
    return listing.keyset_page(
        assets.select_related("product_model", "account", "folder"),
        field=SORTS[key],
        descending=params.sort.startswith("-"),
        after=params.after,
        kind=datetime.date if key in DATE_SORTS else str,
        size=size,
    )
