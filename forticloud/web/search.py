"""Substring search that PostgreSQL's trigram indexes serve well when some words are common.

A trigram index looks up every trigram of the searched text, and a trigram that most rows hold
costs a walk through most of the index: in All Tickets' 500,000 subjects "Issue 4242" took
13.8 ms, of which "4242" alone 0.5 ms (tests/perf/HISTORY.md). ``contains`` asks the index for the
words that few rows hold and checks the whole text on those rows only. How many rows hold a
word is read from the column's statistics (``pg_stats``, the sample ANALYZE keeps), once per
process every few minutes."""

import time

from django.db import connection
from django.db.models import CharField, F, Func, Q, Value
from django.db.models.lookups import IContains

COMMON = 0.1  # a word in this share of the rows or more is checked, not looked up
SHORTEST_LOOKED_UP = 3  # a shorter word gives the index no trigram of its own
STATISTICS_SECONDS = 600

_samples: dict[tuple[str, str], tuple[float, list[tuple[str, float]]]] = {}


class _NotIndexed(Func):
    """The column as an expression no index is built on (``column || ''``), so the planner
    checks it on the rows the looked-up words give instead of looking it up too."""

    template = "(%(expressions)s)"
    arg_joiner = " || "
    output_field = CharField()


def contains(field: str, text: str, model) -> Q:
    """The rows of ``model`` whose ``field`` holds ``text`` (``{field}__icontains``)."""
    condition = Q(**{f"{field}__icontains": text})
    words = text.split()
    if connection.vendor != "postgresql" or len(words) < 2:
        return condition
    column = model._meta.get_field(field).column
    sample = _sample(model._meta.db_table, column)
    rare = [w for w in words if len(w) >= SHORTEST_LOOKED_UP and _share(sample, w) < COMMON]
    if not sample or not rare or len(rare) == len(words):
        return condition
    looked_up = Q(*(Q(**{f"{field}__icontains": word}) for word in rare))
    return looked_up & Q(IContains(_NotIndexed(F(field), Value("")), text))


def _share(sample: list[tuple[str, float]], word: str) -> float:
    """The estimated share of the rows that hold ``word``."""
    word = word.upper()
    return sum(weight for value, weight in sample if word in value)


def _sample(table: str, column: str) -> list[tuple[str, float]]:
    """The column's most common values and histogram bounds (upper case), each weighted by
    the share of the rows it stands for; empty before the table's first ANALYZE."""
    now = time.monotonic()
    read_at, sample = _samples.get((table, column), (None, []))
    if read_at is not None and now - read_at < STATISTICS_SECONDS:
        return sample
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT most_common_vals::text::text[], most_common_freqs,"
            " histogram_bounds::text::text[] FROM pg_stats"
            " WHERE schemaname = current_schema() AND tablename = %s AND attname = %s",
            [table, column],
        )
        row = cursor.fetchone()
    sample = []
    if row is not None:
        common, frequencies, bounds = row[0] or [], row[1] or [], row[2] or []
        sample = [(value.upper(), share) for value, share in zip(common, frequencies, strict=True)]
        rest = 1 - sum(frequencies)
        sample += [(value.upper(), rest / len(bounds)) for value in bounds]
    _samples[(table, column)] = (now, sample)
    return sample


def forget_statistics() -> None:
    """Read the statistics again at the next search (after ANALYZE, in tests)."""
    _samples.clear()
