"""Coverage counts for the dashboards: how many units end their coverage in each window and
month, counted by a task per account (CoverageCount) and read through the access's reach; and
with them how many units each advisory affects (AdvisoryCount, the Vulnerability List).

A count is of one day. A change to an account's units (register, a contract, decommission,
restore, move) asks for a recount of that account; a dashboard that finds counts of an earlier
day, or none, asks for them and shows "Updating" until the worker has counted."""

import datetime
import itertools
from collections import defaultdict

from django.db import transaction
from django.db.models import Count, Q
from django.tasks import task
from django.utils import timezone

from .advisory_matching import advisory_counts
from .models import NO_COVERAGE, AdvisoryCount, Asset, CoverageCount, CoverageTally

WINDOWS = ("expired", "within_30", "within_60", "within_90", "later", "no_coverage")
MONTHS = tuple(f"month_{k}" for k in range(12))
# A request older than this with no count since is taken as lost (a worker gone) and repeated.
REQUEST_PATIENCE = datetime.timedelta(minutes=10)


def month_starts(today: datetime.date) -> list[datetime.date]:
    """The first days of the twelve months the counts cover, from ``today``'s month."""
    starts = []
    year, month = today.year, today.month
    for _ in range(13):
        starts.append(datetime.date(year, month, 1))
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return starts


def bucket_counts(today: datetime.date) -> dict:
    """One Count per window and month, each of the units whose coverage end falls in it."""
    day = today.toordinal()

    def until(days):
        return datetime.date.fromordinal(day + days)

    covered = ~Q(coverage_ends_on=NO_COVERAGE)
    ends = "coverage_ends_on"
    windows = {
        "expired": covered & Q(**{f"{ends}__lt": today}),
        "within_30": Q(**{f"{ends}__gte": today, f"{ends}__lte": until(30)}),
        "within_60": Q(**{f"{ends}__gt": until(30), f"{ends}__lte": until(60)}),
        "within_90": Q(**{f"{ends}__gt": until(60), f"{ends}__lte": until(90)}),
        "later": Q(**{f"{ends}__gt": until(90)}),
        "no_coverage": Q(coverage_ends_on=NO_COVERAGE),
    }
    starts = month_starts(today)
    for k, name in enumerate(MONTHS):
        windows[name] = Q(**{f"{ends}__gte": starts[k], f"{ends}__lt": starts[k + 1]})
    return {name: Count("pk", filter=condition) for name, condition in windows.items()}


# Accounts per recount transaction and per task: a list of ids is one query parameter each,
# and SQLite takes 32,766 parameters a query, PostgreSQL (server-side binding) 65,535.
RECOUNT_BATCH = 5_000


def coverage_recount(account_ids) -> None:
    """Count the in-service units of these accounts again, as of today."""
    for batch in itertools.batched(sorted(set(account_ids)), RECOUNT_BATCH, strict=False):
        _recount(list(batch))


def _recount(account_ids: list[int]) -> None:
    started = timezone.now()
    today = timezone.localdate()
    with transaction.atomic():
        # The tallies, locked in one order: a parallel recount of the same accounts waits and
        # then replaces these rows instead of adding to them.
        CoverageTally.objects.bulk_create(
            [CoverageTally(account_id=pk) for pk in account_ids], ignore_conflicts=True
        )
        list(
            CoverageTally.objects.select_for_update()
            .filter(account_id__in=account_ids)
            .order_by("pk")
            .values_list("pk", flat=True)
        )
        per_folder = (
            Asset.objects.in_service()
            .filter(account_id__in=account_ids)
            .values("account_id", "folder__path")
            .annotate(**bucket_counts(today))
            .order_by()
        )
        rows, wholes = [], defaultdict(lambda: dict.fromkeys(WINDOWS + MONTHS, 0))
        for counts in per_folder:
            account_id, path = counts.pop("account_id"), counts.pop("folder__path")
            rows.append(
                CoverageCount(account_id=account_id, whole=False, folder_path=path or "", **counts)
            )
            whole = wholes[account_id]
            for name, units in counts.items():
                whole[name] += units
        rows += [CoverageCount(account_id=pk, whole=True, **wholes[pk]) for pk in account_ids]
        CoverageCount.objects.filter(account_id__in=account_ids).delete()
        CoverageCount.objects.bulk_create(rows, batch_size=2000)
        AdvisoryCount.objects.filter(account_id__in=account_ids).delete()
        AdvisoryCount.objects.bulk_create(advisory_counts(account_ids), batch_size=2000)
        CoverageTally.objects.filter(account_id__in=account_ids).update(
            counted_on=today, counted_at=started
        )


@task()
def coverage_recount_task(account_ids: list[int]) -> int:
    coverage_recount(account_ids)
    return len(account_ids)


def coverage_recount_request(account_ids) -> None:
    """Ask the worker to recount these accounts (queued with the caller's transaction)."""
    for batch in itertools.batched(sorted(set(account_ids)), RECOUNT_BATCH, strict=False):
        batch = list(batch)
        CoverageTally.objects.bulk_create(
            [CoverageTally(account_id=pk) for pk in batch], ignore_conflicts=True
        )
        CoverageTally.objects.filter(account_id__in=batch).update(requested_at=timezone.now())
        coverage_recount_task.enqueue(batch)


def is_pending(tally: dict, now: datetime.datetime) -> bool:
    """Whether a recount was asked for recently and has not been done yet."""
    requested_at, counted_at = tally["requested_at"], tally["counted_at"]
    return (
        requested_at is not None
        and (counted_at is None or requested_at > counted_at)
        and now - requested_at < REQUEST_PATIENCE
    )
