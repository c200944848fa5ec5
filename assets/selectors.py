"""Reads of Asset Management."""

import datetime
import hashlib
from array import array
from dataclasses import dataclass
from typing import NamedTuple

from django.contrib.postgres.aggregates import ArrayAgg
from django.core.cache import cache
from django.db import connection
from django.db.models import (
    CharField,
    Count,
    DecimalField,
    F,
    Func,
    Max,
    Min,
    Q,
    StringAgg,
    Sum,
    Value,
)
from django.db.models.functions import Cast, Concat
from django.utils import timezone

from forticloud.web.compiled import (
    CompiledSubquery,
    compiled_queryset,
    compiled_subquery,
    run_prepared,
)
from iam.models import Account
from iam.permissions import Level, Portal
from iam.reach import NOWHERE, Reach

from .coverage import MONTHS, WINDOWS, bucket_counts, coverage_recount_request, is_pending
from .models import Asset, CoverageCount


def asset_list(access, *, decommissioned=False, resource=None):
    """The units ``access`` sees in the Product List (or Decommissioned Units), unsorted; with
    an Asset Management ``resource``, those it sees with that resource."""
    assets = Asset.objects.visible_to(access, resource)
    return assets.decommissioned() if decommissioned else assets.in_service()


@dataclass(frozen=True)
class CoverageState:
    """When the coverage counts an access sees were counted, and whether a recount is due."""

    today: datetime.date
    counted_at: datetime.datetime | None = None
    updating: bool = False


def _count_condition(reach: Reach) -> Q:
    """The counts of what ``reach`` sees: whole accounts' rows, and the folder rows inside
    each scope (units in My Assets itself are outside any folder scope)."""
    whole = Reach(whole=reach.whole).condition() & Q(whole=True)
    if not reach.scoped:
        return whole
    scoped = Reach(scoped=reach.scoped).condition(folder_path="folder_path")
    return whole | (scoped & Q(whole=False))


def coverage_state(access, resource=None) -> CoverageState:
    """Whether the counts of the accounts ``access`` reaches for Asset Management (and its
    ``resource``: the accounts a page shows) are today's.

    Accounts whose counts are missing, of an earlier day or older than a change get a recount
    asked for (one task for all of them); until it has run the counts shown are the last ones
    and ``updating`` is set. One query while every count is current."""
    today, now = timezone.localdate(), timezone.now()
    reach = access.reach(Portal.ASSET_MANAGEMENT, Level.READ_ONLY, resource)
    if reach is NOWHERE:
        return CoverageState(today)
    if reach.units:  # counted as they are (assigned_coverage)
        return CoverageState(today, counted_at=now)
    tallies = reached_tallies(access, resource)
    if tallies.stale:
        stale = Account.objects.filter(reach.account_condition(), _stale(today)).values(
            "pk", requested_at=F("coverage_tally__requested_at"), counted_at=F(COUNTED_AT)
        )
        coverage_recount_request([row["pk"] for row in stale if not is_pending(row, now)])
    return CoverageState(today, counted_at=tallies.counted_at, updating=bool(tallies.stale))


COUNTED_AT = "coverage_tally__counted_at"


def _stale(today: datetime.date) -> Q:
    """Accounts whose counts are missing, of an earlier day or older than a change."""
    return (
        Q(coverage_tally__counted_on__isnull=True)
        | Q(coverage_tally__counted_on__lt=today)
        | Q(coverage_tally__requested_at__gt=F(COUNTED_AT))
    )


class Tallies(NamedTuple):
    """When the counts of the accounts a reach names were counted, read in one row."""

    accounts: int
    stale: int  # how many are not current (coverage_state)
    counted_at: datetime.datetime | None  # the oldest count
    digest: str  # of which accounts these are and when each was counted
    ids: list[int]  # the accounts


def reached_tallies(access, resource=None) -> Tallies:
    """When the counts of the accounts ``access`` reaches for Asset Management (and
    ``resource``) were counted; read once per request, in one row (a thousand rows made into
    Python objects cost more than the page's other queries)."""
    reach = access.reach(Portal.ASSET_MANAGEMENT, Level.READ_ONLY, resource)
    whole, whole_only = reach.whole, not (reach.scoped or reach.units)

    def read():
        if whole_only and isinstance(whole, CompiledSubquery):
            # A partner's reach: the query around its compiled subquery is compiled once too.
            rows = compiled_queryset(_tallies_around, whole.pk, whole.build, whole.shape)
        elif whole_only and isinstance(whole, list | tuple) and len(whole) == 1:
            rows = compiled_queryset(_tallies_of_account, whole[0])  # an account's own pages
        else:
            rows = _tallies(Account.objects.filter(reach.account_condition()))
        return _read_tallies(next(iter(rows), None))

    # Its plan does not depend on the partner or the account: planned once per connection.
    return access.once(("coverage tallies", resource), lambda: run_prepared(read))


def _tallies(accounts):
    """The row of ``Tallies`` of ``accounts``: a queryset, so that it can be compiled once."""
    if connection.vendor == "postgresql":
        # The ids and the sum of the count times (seconds, a numeric: no sum overflows), the
        # digest's parts: writing a thousand "id:counted_at" texts took half a millisecond.
        counted = Func(F(COUNTED_AT), template="EXTRACT(EPOCH FROM %(expressions)s)")
        digest = {
            "counted_sum": Sum(counted, output_field=DecimalField()),
            "ids": ArrayAgg("pk", default=[]),
        }
    else:
        # Old SQLite cannot order an aggregate: the text is then in scan order, which only
        # changes the digest kept_sum files a sum under, never what the sum is of.
        by_id = "pk" if connection.features.supports_aggregate_order_by_clause else None
        each = Concat(Cast("pk", CharField()), Value(":"), Cast(COUNTED_AT, CharField()))
        digest = {"counted": StringAgg(each, Value(","), order_by=by_id, default="")}
    # Grouped by a constant, which adds no GROUP BY: one row of all of them, as a queryset
    # (unlike aggregate(), it can be compiled once).
    return (
        accounts.order_by()
        .values(all=Value(1))
        .annotate(
            accounts=Count("pk"),
            stale=Count("pk", filter=_stale(timezone.localdate())),
            counted_at=Min(COUNTED_AT),
            **digest,
        )
        .values_list("accounts", "stale", "counted_at", *digest)
    )


def _read_tallies(row) -> Tallies:
    if row is None:
        return Tallies(0, 0, None, "", [])
    accounts, stale, counted_at, *digest = row
    if len(digest) == 2:  # PostgreSQL's: the sum of the count times, and the ids
        counted_sum, ids = digest
        named = array("q", sorted(ids)).tobytes() + str(counted_sum).encode()
        return Tallies(accounts, stale, counted_at, hashlib.sha256(named).hexdigest(), ids)
    (counted,) = digest
    ids = [int(part.partition(":")[0]) for part in counted.split(",") if part]
    return Tallies(accounts, stale, counted_at, hashlib.sha256(counted.encode()).hexdigest(), ids)


def _tallies_of_account(pk: int):
    return _tallies(Account.objects.filter(pk=pk))


def _tallies_around(pk: int, build, shape: tuple):
    return _tallies(Account.objects.filter(pk__in=compiled_subquery(build, pk, *shape)))


# Figures summed over many accounts' counts are kept this long, under a digest of which
# accounts and which of their counts they sum (a new reach or a recount sums again).
TOTALS_SECONDS = 600
KEPT_ACCOUNTS_AT_MOST = 5000  # their ids are parameters of the summing query


def kept_sum(access, resource, name: str, compute):
    """``compute(reach)`` of the accounts ``access`` reaches whole for Asset Management (and
    ``resource``), kept under a digest of those accounts (reached_tallies) and when each was
    counted: another reach or any recount of theirs gives another digest. The sum is of
    exactly the accounts the digest names (read with them: the reach read again later in the
    request could have changed). A reach with Local scopes or assigned units is summed
    each time."""
    reach = access.reach(Portal.ASSET_MANAGEMENT, Level.READ_ONLY, resource)
    tallies = reached_tallies(access, resource)
    if reach.scoped or reach.units or tallies.accounts > KEPT_ACCOUNTS_AT_MOST:
        return compute(reach)
    key = f"{name}:{tallies.accounts}:{tallies.digest}"
    if (kept := cache.get(key, _MISSING)) is not _MISSING:
        return kept
    if len(tallies.ids) != tallies.accounts:  # a text the database cut short names others
        return compute(reach)
    summed = compute(Reach(whole=tallies.ids))
    cache.set(key, summed, TOTALS_SECONDS)
    return summed


_MISSING = object()


def _sums(names, prefix=""):
    return {f"{prefix}{name}": Sum(name) for name in names}


def coverage_totals(access) -> dict[str, int]:
    """The windows and months summed over the units ``access`` sees, and ``accounts``: how
    many accounts have counts. One query, kept while the counts and the reach stay."""
    reach = access.reach(Portal.ASSET_MANAGEMENT)
    if reach is NOWHERE:
        return dict.fromkeys((*WINDOWS, *MONTHS, "accounts"), 0)
    if reach.units:
        return assigned_coverage(access)
    return kept_sum(access, None, "coverage-totals", _coverage_sums)


def _coverage_sums(reach: Reach) -> dict[str, int]:
    rows = CoverageCount.objects.filter(_count_condition(reach))
    sums = rows.aggregate(**_sums(WINDOWS + MONTHS), accounts=Count("account_id", distinct=True))
    return {name: units or 0 for name, units in sums.items()}  # no rows: None


def assigned_coverage(access) -> dict[str, int]:
    """coverage_totals of a Limited Access sub user: its assigned units are few and no
    folder's counts hold them, so they are counted as they are. One query."""
    units = asset_list(access)
    sums = units.aggregate(**bucket_counts(timezone.localdate()))
    return sums | {"accounts": 1}


URGENCY = ("within_30", "within_60", "within_90", "expired")


def counts_by_account(reach: Reach) -> list[tuple[int, int, int, int, int]]:
    """Per account ``reach`` holds and has counts of: its id and its units by window (URGENCY's
    order), most units expiring soonest first (then most expired, then by company); counted
    now, a ``kept_sum``'s compute (the partner Dashboard's order)."""
    # The sums get a prefix: an annotation may not take a field's name.
    rows = (
        CoverageCount.objects.filter(_count_condition(reach))
        .values("account_id")
        .annotate(company=Max("account__company_name"), **_sums(URGENCY, prefix="units_"))
    )
    ordering = [f"-units_{name}" for name in URGENCY]
    columns = [f"units_{name}" for name in URGENCY]
    return list(
        rows.order_by(*ordering, "company", "account_id").values_list("account_id", *columns)
    )
