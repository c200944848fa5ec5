"""PSIRT advisories loaded from a file (`manage.py import_advisories`): CSV or JSON, every row
validated before anything is written; a bad file imports nothing unless the caller skips its
bad rows. An advisory already known (its ID) is updated and its ranges replaced; the accounts
with units of the product models concerned get their counts recounted."""

import datetime
import re
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from django.db import transaction
from django.utils import timezone

from forticloud.web.listing import parse_date

from .advisory_files import FIELDS, BadFile, records_read
from .advisory_models import Advisory, AdvisoryRange
from .coverage import coverage_recount_request
from .models import Asset, ProductModel
from .versions import range_parse, range_text, version_parse, version_text

ADVISORY_ID = re.compile(r"^FG-IR-[0-9]{2}-[0-9]{3,6}$")
CVE_ID = re.compile(r"^CVE-[0-9]{4}-[0-9]{4,}$")
CVE_SEPARATORS = re.compile(r"[\s,;]+")
SEVERITIES = {label.lower(): value for value, label in Advisory.Severity.choices}


@dataclass
class ImportReport:
    imported: int
    errors: list[str]
    recounted_accounts: int = 0
    unreadable: bool = False  # the file as a whole (not its rows): nothing can be imported


@dataclass
class ParsedAdvisory:
    """One valid row: the Advisory's fields and its ranges (product model id, first, last,
    fixed version)."""

    advisory_id: str
    fields: dict
    ranges: list[tuple[int, int, int, str]] = field(default_factory=list)


def _items(value, separator=";") -> list[str]:
    """A list field: a JSON list, or text with ``separator`` between the items."""
    if isinstance(value, list):
        return [str(item).strip() for item in value if str(item).strip()]
    return [item.strip() for item in str(value or "").split(separator) if item.strip()]


LISTS = ("cve_ids", "product_models", "affected_versions", "fixed_versions")


def _kind_problems(name: str, value) -> list[str]:
    """A field must be text (a list of texts for a list field, a number for the CVSS); a
    version must be text: 7.10 as a JSON number reads 7.1."""
    items = value if isinstance(value, list) and name in LISTS else [value]
    numbers_ok = name == "cvss"
    if any(
        not isinstance(v, str | None) and not (numbers_ok and isinstance(v, int | float))
        for v in items
    ):
        return [f'{name} must be text (versions too: "7.10", not 7.10)']
    if any(isinstance(v, str) and "\x00" in v for v in items):
        return [f"{name} holds a NUL character"]
    return []


def _text(record: dict, name: str) -> str:
    value = record.get(name)
    return "" if value is None else str(value).strip()


def _cvss(text: str, problems: list) -> Decimal | None:
    try:
        score = Decimal(text)
    except InvalidOperation:
        score = None
    if score is None or not score.is_finite() or not 0 <= score <= 10 or score != round(score, 1):
        problems.append("cvss must be a score from 0.0 to 10.0 (one decimal)")
        return None
    return round(score, 1)


def _cve_ids(record: dict, problems: list) -> str:
    value = record.get("cve_ids")
    items = value if isinstance(value, list) else CVE_SEPARATORS.split(str(value or ""))
    ids = list(dict.fromkeys(str(item).strip().upper() for item in items if str(item).strip()))
    bad = [cve for cve in ids if not CVE_ID.match(cve)]
    if bad:
        problems.append(f"cve_ids: {', '.join(bad)} not like CVE-2024-21762")
    text = " ".join(ids)
    if len(text) > 500:
        problems.append("cve_ids is longer than 500 characters")
    return text


def _models(record: dict, models: dict, problems: list) -> list[int]:
    codes = _items(record.get("product_models"))
    unknown = [code for code in codes if code.upper() not in models]
    if not codes:
        problems.append("product_models is empty")
    elif unknown:
        problems.append(f"product_models: unknown model {', '.join(unknown)}")
    return list(dict.fromkeys(models[code.upper()] for code in codes if code.upper() in models))


def _versions(record: dict, name: str, parse, problems: list) -> list:
    parsed = []
    for text in _items(record.get(name)):
        try:
            parsed.append(parse(text))
        except ValueError as error:
            problems.append(f"{name}: {error}")
    return parsed


def _ranges(record: dict, model_ids: list[int], problems: list) -> list:
    """Every affected range for every model, each with its fix: the lowest fixed version
    above the range (a fixed version inside an affected range contradicts the advisory)."""
    if not _items(record.get("affected_versions")):
        problems.append("affected_versions is empty")
    ranges = _versions(record, "affected_versions", range_parse, problems)
    fixes = sorted(set(_versions(record, "fixed_versions", version_parse, problems)))
    for first, last in ranges:
        for fix in fixes:
            if first <= fix <= last:
                problems.append(
                    f"fixed version {version_text(fix)} lies within the affected range "
                    f"{range_text(first, last)}"
                )
    result = []
    for first, last in ranges:
        fix = next((version_text(fix) for fix in fixes if fix > last), "")
        result += [(model_id, first, last, fix) for model_id in model_ids]
    return result


def _published(text: str, problems: list) -> datetime.date | None:
    day = parse_date(text)  # YYYY-MM-DD in ASCII digits, a real day
    if day is None:
        problems.append("published must be a date as YYYY-MM-DD")
    return day


def advisory_parse(record, models: dict) -> tuple[ParsedAdvisory | None, list[str]]:
    """The advisory of one record (a dict of the FIELDS), or None and every problem found.
    ``models``: product model code (upper case) → id."""
    if not isinstance(record, dict):
        return None, ["not an object with the fields " + ", ".join(FIELDS)]
    problems = []
    if None in record:
        problems.append("more values than the header has columns")
    for name in FIELDS:
        problems += _kind_problems(name, record.get(name))
    missing = [name for name in FIELDS if name not in record]
    if missing:
        problems.append(f"missing: {', '.join(missing)}")
    advisory_id = _text(record, "advisory_id").upper()
    if not ADVISORY_ID.match(advisory_id):
        problems.append("advisory_id must be like FG-IR-24-015")
    title = _text(record, "title")
    if not title or len(title) > 255:
        problems.append("title must be 1 to 255 characters")
    severity = SEVERITIES.get(_text(record, "severity").lower())
    if severity is None:
        problems.append("severity must be one of Critical, High, Medium, Low")
    cvss = _cvss(_text(record, "cvss"), problems)
    cve_ids = _cve_ids(record, problems)
    ranges = _ranges(record, _models(record, models, problems), problems)
    fixed = sorted(set(_versions(record, "fixed_versions", version_parse, [])), reverse=True)
    published_on = _published(_text(record, "published"), problems)
    if problems:
        return None, problems
    fields = {
        "title": title,
        "severity": severity,
        "cvss": cvss,
        "cve_ids": cve_ids,
        "fixed_versions": ", ".join(version_text(code) for code in fixed)[:255],
        "published_on": published_on,
    }
    return ParsedAdvisory(advisory_id, fields, ranges), []


def advisories_parse(path) -> tuple[list[ParsedAdvisory], list[str]]:
    """The valid advisories of the file and one line per bad row ("line 4: ...; ...")."""
    models = {code.upper(): pk for code, pk in ProductModel.objects.values_list("code", "pk")}
    parsed, errors, seen = [], [], {}
    for where, record in records_read(path):
        advisory, problems = advisory_parse(record, models)
        if advisory is not None and advisory.advisory_id in seen:
            problems = [f"advisory_id {advisory.advisory_id} also on {seen[advisory.advisory_id]}"]
        elif advisory is not None:
            seen[advisory.advisory_id] = where
            parsed.append(advisory)
            continue
        errors.append(f"{where}: {'; '.join(problems)}")
    return parsed, errors


def _affected_accounts(model_ids) -> list[int]:
    """The accounts with units in service of these product models (their counts change)."""
    units = Asset.objects.in_service().filter(product_model_id__in=model_ids)
    return list(units.order_by().values_list("account_id", flat=True).distinct())


@transaction.atomic
def advisories_save(parsed: list[ParsedAdvisory], *, recount: bool = True) -> int:
    """Create or update the advisories and replace their ranges; ask for a recount of the
    accounts whose units the old or new ranges concern (unless the caller recounts every
    account itself). Returns how many accounts."""
    if not parsed:
        return 0
    now = timezone.now()
    Advisory.objects.bulk_create(
        [Advisory(advisory_id=a.advisory_id, imported_at=now, **a.fields) for a in parsed],
        update_conflicts=True,
        unique_fields=["advisory_id"],
        update_fields=[*parsed[0].fields, "imported_at"],
    )
    ids = dict(
        Advisory.objects.filter(advisory_id__in=[a.advisory_id for a in parsed]).values_list(
            "advisory_id", "pk"
        )
    )
    old = AdvisoryRange.objects.filter(advisory_id__in=ids.values())
    model_ids = set(old.values_list("product_model_id", flat=True))
    old.delete()
    ranges = [
        AdvisoryRange(
            advisory_id=ids[a.advisory_id],
            product_model_id=model_id,
            first=first,
            last=last,
            fixed_version=fix,
        )
        for a in parsed
        for model_id, first, last, fix in a.ranges
    ]
    AdvisoryRange.objects.bulk_create(ranges, batch_size=2000)
    if not recount:
        return 0
    accounts = _affected_accounts(model_ids | {r.product_model_id for r in ranges})
    coverage_recount_request(accounts)
    return len(accounts)


def advisories_import(path, *, skip_invalid: bool = False) -> ImportReport:
    """Validate every row of the file; import nothing from a bad file unless
    ``skip_invalid`` (then the good rows). OSError if the file cannot be read."""
    try:
        parsed, errors = advisories_parse(path)
    except BadFile as error:
        return ImportReport(0, [str(error)], unreadable=True)
    if errors and not skip_invalid:
        return ImportReport(0, errors)
    return ImportReport(len(parsed), errors, advisories_save(parsed))
