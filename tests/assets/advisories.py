"""Advisories for the tests: made directly (the import has its own tests), with their ranges."""

import datetime
from decimal import Decimal

from assets.advisory_models import Advisory, AdvisoryRange
from assets.models import ProductModel
from assets.versions import range_parse

from .conftest import make_asset

CRITICAL, HIGH, MEDIUM, LOW = (
    Advisory.Severity.CRITICAL,
    Advisory.Severity.HIGH,
    Advisory.Severity.MEDIUM,
    Advisory.Severity.LOW,
)


def make_advisory(
    advisory_id="FG-IR-24-015",
    *ranges,
    severity=CRITICAL,
    cvss="9.6",
    title="",
    cve_ids="",
    published_on=datetime.date(2024, 2, 8),
    fixed_versions="",
):
    """An advisory and its ranges: (model code, "7.2.0-7.2.6", fixed version) each; by
    default FortiGate 60F 7.2.0 to 7.2.6, fixed in 7.2.7."""
    advisory = Advisory.objects.create(
        advisory_id=advisory_id,
        title=title or f"Out-of-bounds write in sslvpnd ({advisory_id})",
        severity=severity,
        cvss=Decimal(cvss),
        cve_ids=cve_ids,
        published_on=published_on,
        fixed_versions=fixed_versions,
    )
    for code, versions, fixed in ranges or [("FGT60F", "7.2.0-7.2.6", "7.2.7")]:
        first, last = range_parse(versions)
        AdvisoryRange.objects.create(
            advisory=advisory,
            product_model=ProductModel.objects.get(code=code),
            first=first,
            last=last,
            fixed_version=fixed,
        )
    return advisory


def make_unit(account, version, model="FGT60F", **fields):
    """A unit of ``account`` running firmware ``version`` ("" when not known)."""
    return make_asset(account, model=model, firmware_version=version, **fields)
