"""Reads of Asset Management: the Product List (one account or aggregated) with keyset pages."""

import base64
import datetime
import json
from dataclasses import dataclass, field

from django.db.models import F, Q
from django.utils import timezone

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
class ProductListParams:
    q: str = ""
    coverage: str = ""
    folder: str = ""
    company: str = ""
    sort: str = DEFAULT_SORT
    after: str = ""

    @classmethod
    def from_request(cls, get):
        values = {name: get.get(name, "").strip()[:100] for name in cls.__dataclass_fields__}
        if values["sort"].lstrip("-") not in SORTS:
            values["sort"] = DEFAULT_SORT
        return cls(**values)

    def query(self, **changes) -> str:
        """The URL query of this view with ``changes`` (empty values dropped)."""
        from urllib.parse import urlencode

        values = {**self.__dict__, **changes}
        if values["sort"] == DEFAULT_SORT:
            values["sort"] = ""
        return urlencode({k: v for k, v in values.items() if v})


@dataclass
class KeysetPage:
    rows: list
    next_after: str = ""
    is_first: bool = True
    columns: list = field(default_factory=list)


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
    if params.folder.isdigit():
        folder = AssetFolder.objects.visible_to(access).filter(pk=int(params.folder)).first()
        assets = assets.filter(folder__path__startswith=folder.path) if folder else assets.none()
    if params.company and access.is_partner_visit:
        if params.company.isdigit() and len(params.company) <= 18:
            assets = assets.filter(account_id=int(params.company))
        else:
            assets = assets.filter(account__company_name__icontains=params.company)
    if params.q:
        assets = assets.filter(
            Q(serial_number__startswith=params.q.upper()) | Q(description__icontains=params.q)
        )
    return assets


def ordered(assets, sort: str):
    key = SORTS[sort.lstrip("-")]
    direction = "-" if sort.startswith("-") else ""
    return assets.annotate(sort_value=F(key)).order_by(f"{direction}{key}", f"{direction}id")


def _cursor_encode(value, pk) -> str:
    value = value.isoformat() if isinstance(value, datetime.date) else value
    return base64.urlsafe_b64encode(json.dumps([value, pk]).encode()).decode()


def _cursor_decode(cursor: str, sort: str):
    """(value, id) of the last row shown, or None when the cursor is missing or malformed."""
    try:
        value, pk = json.loads(base64.urlsafe_b64decode(cursor.encode()))
        if sort.lstrip("-") in DATE_SORTS:
            value = datetime.date.fromisoformat(value)
        elif not isinstance(value, str):
            return None
        return value, int(pk)
    except (ValueError, TypeError, json.JSONDecodeError, UnicodeDecodeError):
        return None


def keyset_page(assets, params: ProductListParams, size: int = PAGE_SIZE) -> KeysetPage:
    """One page after the cursor: WHERE (value, id) beyond the last row shown, LIMIT size."""
    key = SORTS[params.sort.lstrip("-")]
    descending = params.sort.startswith("-")
    rows = ordered(assets, params.sort).select_related("product_model", "account", "folder")
    after = _cursor_decode(params.after, params.sort) if params.after else None
    if after is not None:
        value, pk = after
        beyond = "lt" if descending else "gt"
        # (key, id) beyond (value, pk), with a leading range the index can seek to.
        reach = "lte" if descending else "gte"
        rows = rows.filter(**{f"{key}__{reach}": value}).filter(
            Q(**{f"{key}__{beyond}": value}) | Q(**{f"id__{beyond}": pk})
        )
    rows = list(rows[: size + 1])
    next_after = ""
    if len(rows) > size:
        rows = rows[:size]
        next_after = _cursor_encode(rows[-1].sort_value, rows[-1].pk)
    return KeysetPage(rows=rows, next_after=next_after, is_first=after is None)
