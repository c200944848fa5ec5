"""Which units an advisory affects: a unit of one of its product models whose firmware code
lies within one of its ranges. Matched in the database (assets.versions: versions as ordered
integers); a unit whose version is not known matches nothing."""

from collections import defaultdict
from typing import NamedTuple

from django.db import DEFAULT_DB_ALIAS
from django.db.models import Count, F, Q

from forticloud.web.compiled import compiled_queryset, run_prepared

from .advisory_models import Advisory, AdvisoryCount, AdvisoryRange
from .models import Asset


class NamedAdvisory(NamedTuple):
    advisory: Advisory  # its Advisory ID, title and severity (the Product List's note)
    affects: Q  # the units (Asset rows) it affects


def named_advisory(advisory_id: int) -> NamedAdvisory | None:
    """The advisory ``advisory_id`` names, with the units it affects: a unit of one of its
    product models whose firmware code lies within one of its ranges, or None.

    One prepared query reads the advisory with its ranges (a few). They are written into the
    units' query as values, so PostgreSQL estimates how many units match (it cannot for a
    subquery of ranges, and chose to read every unit to sort a few)."""
    rows = run_prepared(lambda: list(compiled_queryset(_with_ranges, advisory_id)))
    if not rows:
        return None
    advisory = Advisory.from_db(DEFAULT_DB_ALIAS, ADVISORY_NOTE, rows[0][: len(ADVISORY_NOTE)])
    models_of = defaultdict(list)  # a range of versions, often of several models
    for *_, model_id, first, last in rows:
        if model_id is not None:  # an advisory without ranges affects nothing
            models_of[first, last].append(model_id)
    affects = Q(pk__in=[])
    for (first, last), model_ids in models_of.items():
        affects |= Q(firmware_code__range=(first, last), product_model_id__in=model_ids)
    return NamedAdvisory(advisory, affects)


ADVISORY_NOTE = ("id", "advisory_id", "title", "severity")


def _with_ranges(advisory_id):
    ranges = ("ranges__product_model_id", "ranges__first", "ranges__last")
    return Advisory.objects.filter(pk=advisory_id).values_list(*ADVISORY_NOTE, *ranges)


def ranges_of_unit(asset: Asset):
    """The ranges (with their advisories) that affect ``asset``, most severe first."""
    if asset.firmware_code is None:
        return AdvisoryRange.objects.none()
    return (
        AdvisoryRange.objects.filter(
            product_model_id=asset.product_model_id,
            first__lte=asset.firmware_code,
            last__gte=asset.firmware_code,
        )
        .select_related("advisory")
        .order_by("-advisory__severity", "-advisory__cvss", "-advisory__published_on", "id")
    )


def advisory_counts(account_ids) -> list[AdvisoryCount]:
    """The AdvisoryCount rows of these accounts' in-service units, counted now: one per
    account and advisory (``whole``), one per folder and advisory. One query."""
    matches = (
        AdvisoryRange.objects.filter(
            product_model__assets__account_id__in=account_ids,
            product_model__assets__decommissioned_at__isnull=True,
            product_model__assets__firmware_code__gte=F("first"),
            product_model__assets__firmware_code__lte=F("last"),
        )
        .values(
            "advisory_id",
            account_id=F("product_model__assets__account_id"),
            folder_path=F("product_model__assets__folder__path"),
        )
        .annotate(units=Count("product_model__assets", distinct=True))
        .order_by()
    )
    rows, wholes = [], defaultdict(int)
    for match in matches:
        account_id, advisory_id = match["account_id"], match["advisory_id"]
        rows.append(
            AdvisoryCount(
                account_id=account_id,
                whole=False,
                folder_path=match["folder_path"] or "",
                advisory_id=advisory_id,
                units=match["units"],
            )
        )
        wholes[account_id, advisory_id] += match["units"]
    rows += [
        AdvisoryCount(account_id=account_id, whole=True, advisory_id=advisory_id, units=units)
        for (account_id, advisory_id), units in wholes.items()
    ]
    return rows
