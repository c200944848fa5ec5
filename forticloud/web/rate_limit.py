"""Rate limits that every web process on every host shares: the counts live in the database.

A limit is ``limit`` requests per ``seconds``, counted per key in windows of ``seconds`` that
start at whole multiples of it. A request goes when this window's count plus the window
before's, weighted by the part of it still within the last ``seconds``, stays within the
limit: the sliding window estimate, which does not let a burst at the end of one window and
another at the start of the next double the limit, as fixed windows would. A refused request
is not counted, so a client that keeps knocking is let in again as its requests age.

One statement counts a request and decides (an upsert whose update runs only while the
estimate allows it): no two processes can both take the last request of a window. The time is
the database's, not each host's, whose clocks may differ. It costs an API request about 0.25
ms (a prepared statement; a SELECT 1 costs half of that). On PostgreSQL the table is UNLOGGED
(migration web 0002): the counts are not worth a WAL write per request, and they start again
after a crash."""

import functools
import math

from django.db import connection

from .compiled import run_prepared
from .models import RateCount

# The database's time in seconds since the epoch (the same all through a statement), or the
# ``now`` parameter when one is given (the tests' times).
_NOW = {
    "postgresql": "COALESCE(%(now)s::float8, extract(epoch FROM statement_timestamp())::float8)",
    "sqlite": "COALESCE(%(now)s, (julianday('now') - 2440587.5) * 86400.0)",
}
_WINDOW_START = {
    "postgresql": "floor(<now> / %(seconds)s)::bigint * %(seconds)s",
    "sqlite": "CAST(<now> / %(seconds)s AS INTEGER) * %(seconds)s",
}

# Counts the request and answers its count, or no row when the estimate refuses it. The new
# row (``excluded``) carries this window's start and the time. "This window" is also one that
# started later (>=): the database's clock stepped back.
_COUNT = """
INSERT INTO "web_ratecount" AS r ("key", "window_start", "count", "previous", "counted_at")
VALUES (%(key)s, <window start>, 1, 0, <now>)
ON CONFLICT ("key") DO UPDATE SET
    "previous" = CASE WHEN r."window_start" >= excluded."window_start" THEN r."previous"
                      WHEN r."window_start" = excluded."window_start" - %(seconds)s
                      THEN r."count" ELSE 0 END,
    "count" = CASE WHEN r."window_start" >= excluded."window_start" THEN r."count" ELSE 0 END + 1,
    "window_start" = CASE WHEN r."window_start" >= excluded."window_start" THEN r."window_start"
                          ELSE excluded."window_start" END,
    "counted_at" = excluded."counted_at"
WHERE CASE WHEN r."window_start" >= excluded."window_start" THEN r."count" ELSE 0 END
    + CASE WHEN r."window_start" >= excluded."window_start" THEN r."previous"
           WHEN r."window_start" = excluded."window_start" - %(seconds)s THEN r."count"
           ELSE 0 END
      * (1 - (excluded."counted_at" - excluded."window_start") / %(seconds)s)
    + 1 <= %(limit)s
RETURNING "count"
"""
_READ = """
SELECT "window_start", "count", "previous", <now> FROM "web_ratecount" WHERE "key" = %(key)s
"""


@functools.cache
def _sql(statement: str, vendor: str) -> str:
    """``statement`` with the time and the window's start in ``vendor``'s SQL."""
    return statement.replace("<window start>", _WINDOW_START[vendor]).replace("<now>", _NOW[vendor])


def take(key: str, limit: int, seconds: int, now: float | None = None) -> float | None:
    """Count one request against ``key``'s limit of ``limit`` per ``seconds``: None when it
    may go, else the seconds until one may (and it is not counted). ``now``: a time to count
    at instead of the database's (seconds since the epoch)."""
    if limit < 1:
        return float(seconds)  # never: asked again after a window
    params = {"key": key, "seconds": seconds, "limit": limit, "now": now}
    if run_prepared(lambda: _counted(params)):
        return None
    return _wait(params)


def _counted(params: dict) -> bool:
    with connection.cursor() as cursor:
        cursor.execute(_sql(_COUNT, connection.vendor), params)
        return cursor.fetchone() is not None


def _wait(params: dict) -> float:
    """The seconds until the key, just refused, may make a request again."""
    limit, seconds = params["limit"], params["seconds"]
    with connection.cursor() as cursor:
        cursor.execute(_sql(_READ, connection.vendor), params)
        row = cursor.fetchone()
    if row is None:  # pruned since: its requests are long gone
        return 1.0
    stored_start, this_count, last_count, now = row
    start = math.floor(now / seconds) * seconds
    if stored_start < start:  # nothing counted in this window yet
        last_count = this_count if stored_start == start - seconds else 0
        this_count = 0
    # The part of the window before still within the last ``seconds``.
    overlap = min(1.0, 1 - (now - max(start, stored_start)) / seconds)
    if this_count + 1 <= limit and last_count:
        # Within this window, once enough of the window before has aged out of reach.
        return (overlap - (limit - 1 - this_count) / last_count) * seconds
    # In the next window, once enough of this one has aged out of reach.
    return (overlap + 1 - (limit - 1) / max(this_count, 1)) * seconds


def rate_counts_prune(days: int = 2) -> int:
    """Forget the counts of keys that made no request for ``days`` (the longest window is a
    day); returns how many."""
    with connection.cursor() as cursor:
        cursor.execute(_sql("SELECT <now>", connection.vendor), {"now": None})
        (now,) = cursor.fetchone()
    deleted, _ = RateCount.objects.filter(counted_at__lt=now - days * 86400).delete()
    return deleted
