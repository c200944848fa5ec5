"""Rate limits that every web process on every host shares: the counts live in the database.

A limit is ``limit`` requests per ``seconds``, counted per key in windows of ``seconds`` that
start at whole multiples of it. A request goes when this window's count plus the window
before's, weighted by the part of it still within the last ``seconds``, stays within the
limit: the sliding window estimate, which does not let a burst at the end of one window and
another at the start of the next double the limit, as fixed windows would. A refused request
is not counted, so a client that keeps knocking is let in again as its requests age.

One statement counts a request and decides (an upsert whose update runs only while the
estimate allows it): no two processes can both take the last request of a window. It costs an
API request about 0.25 ms (a prepared statement; a SELECT 1 costs half of that). On PostgreSQL
the table is UNLOGGED (migration web 0002): the counts are not worth a WAL write per
request, and they start again after a crash."""

import math
import time

from django.db import connection
from django.utils import timezone

from .compiled import run_prepared
from .models import RateCount

# Counts the request and answers its count, or no row when the estimate refuses it. "This
# window" is the one this host's clock is in, or one another host's clock already started
# (>=: a host a little behind counts there, it does not start its window again).
_COUNT = """
INSERT INTO "web_ratecount" AS r ("key", "window_start", "count", "previous")
VALUES (%(key)s, %(start)s, 1, 0)
ON CONFLICT ("key") DO UPDATE SET
    "previous" = CASE WHEN r."window_start" >= %(start)s THEN r."previous"
                      WHEN r."window_start" = %(start)s - %(seconds)s THEN r."count"
                      ELSE 0 END,
    "count" = CASE WHEN r."window_start" >= %(start)s THEN r."count" ELSE 0 END + 1,
    "window_start" = CASE WHEN r."window_start" >= %(start)s THEN r."window_start"
                          ELSE %(start)s END
WHERE CASE WHEN r."window_start" >= %(start)s THEN r."count" ELSE 0 END
    + CASE WHEN r."window_start" >= %(start)s THEN r."previous"
           WHEN r."window_start" = %(start)s - %(seconds)s THEN r."count"
           ELSE 0 END * %(overlap)s
    + 1 <= %(limit)s
RETURNING "count"
"""


def take(key: str, limit: int, seconds: int, now: float | None = None) -> float | None:
    """Count one request against ``key``'s limit of ``limit`` per ``seconds``: None when it
    may go, else the seconds until one may (and it is not counted)."""
    now = time.time() if now is None else now
    start = int(now // seconds) * seconds
    overlap = 1 - (now - start) / seconds  # the part of the window before still in reach
    if limit >= 1:
        params = {"key": key, "start": start, "seconds": seconds}
        params |= {"overlap": overlap, "limit": limit}
        if run_prepared(lambda: _counted(params)):
            return None
    return _wait(key, limit, seconds, start, overlap)


def _counted(params: dict) -> bool:
    with connection.cursor() as cursor:
        cursor.execute(_COUNT, params)
        return cursor.fetchone() is not None


def _wait(key: str, limit: int, seconds: int, start: int, overlap: float) -> float:
    """The seconds until ``key`` may make a request again."""
    row = RateCount.objects.filter(key=key).values_list("window_start", "count", "previous")
    stored_start, this_count, last_count = row.first() or (start, 0, 0)
    if stored_start < start:  # nothing counted in this window yet
        last_count = this_count if stored_start == start - seconds else 0
        this_count = 0
    if limit >= 1 and this_count + 1 <= limit and last_count:
        # Within this window, once enough of the window before has aged out of reach.
        return (overlap - (limit - 1 - this_count) / last_count) * seconds
    if limit < 1 or not this_count:
        return seconds  # a limit of zero: never (asked again after a window)
    # In the next window, once enough of this one has aged out of reach.
    return (overlap + 1 - (limit - 1) / this_count) * seconds


def rate_counts_prune(days: int = 2) -> int:
    """Forget the counts of keys that made no request for ``days`` (the longest window is a
    day); returns how many."""
    oldest = math.floor(timezone.now().timestamp()) - days * 86400
    deleted, _ = RateCount.objects.filter(window_start__lt=oldest).delete()
    return deleted
