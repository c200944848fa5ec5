"""Queries every request runs, compiled to SQL once instead of on every request.

A page starts with a few small access queries (a partner's roles). Building their querysets
and compiling them costs Django more than PostgreSQL needs to run them (README, "CPU per
page"). ``compiled`` compiles such a queryset once, with a stand-in id where each request's id
goes, and then gives its SQL with the request's id in the stand-in's place, as
``reverse_ids`` does for URLs. The SQL is compiled again for another database, and each day:
the queries compare End Dates with today."""

import functools
from collections.abc import Callable
from contextlib import contextmanager

from django.conf import settings
from django.db import NotSupportedError, ProgrammingError, connection
from django.db.models.expressions import RawSQL
from django.utils import timezone

from .urls import STAND_IN

_compiled: dict[tuple, tuple[str, tuple, tuple[int, ...]]] = {}


def _compile(build: Callable, shape: tuple) -> tuple[str, tuple, tuple[int, ...]]:
    key = (build, shape, connection.vendor, timezone.localdate())
    if key not in _compiled:
        sql, params = build(STAND_IN, *shape).query.sql_with_params()
        slots = tuple(
            n for n, value in enumerate(params) if type(value) is int and value == STAND_IN
        )
        if not slots:
            raise ValueError(f"{build.__name__} does not use its id")
        today = key[-1]
        for stale in [k for k in list(_compiled) if k[-1] != today]:  # yesterday's SQL
            _compiled.pop(stale, None)
        _compiled[key] = (sql, tuple(params), slots)
    return _compiled[key]


def compiled(build: Callable, pk: int, *shape) -> tuple[str, list]:
    """The SQL and parameters of ``build(pk, *shape)`` (a queryset), compiled once per
    ``shape`` (values that change what the SQL is, e.g. a portal and a level)."""
    sql, params, slots = _compile(build, shape)
    params = list(params)
    for n in slots:
        params[n] = int(pk)
    return sql, params


def compiled_rows(build: Callable, pk: int, *shape) -> list[tuple]:
    """The rows of ``build(pk, *shape)``, a ``values_list`` of plain columns (the database's
    values, without the ORM's conversions)."""
    sql, params = compiled(build, pk, *shape)

    def rows():
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            return cursor.fetchall()

    return run_prepared(rows)


def compiled_subquery(build: Callable, pk: int, *shape) -> RawSQL:
    """``build(pk, *shape)`` as a subquery, e.g. ``filter(account_id__in=...)``."""
    # The SQL is the ORM's own, compiled above; only the integer id changes.
    return RawSQL(*compiled(build, pk, *shape))  # noqa: S611


@functools.cache
def _preparing_cursor_class():
    from django.db.backends.postgresql.base import ServerBindingCursor

    class PreparingCursor(ServerBindingCursor):
        def execute(self, query, params=None, **options):
            return super().execute(query, params, prepare=True)

    return PreparingCursor


def run_prepared[T](run: Callable[[], T]) -> T:
    """``run()``, its queries prepared statements of the connection on PostgreSQL: the server
    parses and plans each once per connection, not on every request (the access queries' joins:
    about 2.5 ms of an aggregated page). Only for queries whose best plan does not depend on
    their values (the access queries, a lookup by a unique key); a list's query stays
    unprepared: a plan made once, without its search words, can be much slower (README, "CPU
    per page").

    A statement the server no longer has (a pooler's DISCARD ALL) or that a migration made
    stale ("cached plan must not change result type") fails: the connection is closed, its
    statements with it, and ``run()`` runs again unprepared; in a transaction, which a closed
    connection would break, the error stands and the next request connects again."""
    if connection.vendor != "postgresql" or not settings.PG_PREPARE_ACCESS_QUERIES:
        return run()
    try:
        with _preparing():
            return run()
    except (NotSupportedError, ProgrammingError):
        if connection.in_atomic_block:
            connection.close_at = 0  # closed at the end of the request
            raise
        connection.close()
        return run()


@contextmanager
def _preparing():
    connection.ensure_connection()
    raw = connection.connection
    previous = raw.cursor_factory, raw.prepare_threshold
    # Django turns psycopg's preparing off (None): a threshold turns it on, and our cursor asks
    # for each of its queries. Both go back after: with a threshold psycopg would also note the
    # text of every other query (their values written in).
    raw.cursor_factory = _preparing_cursor_class()
    if raw.prepare_threshold is None:
        raw.prepare_threshold = 2**31
    try:
        yield
    finally:
        raw.cursor_factory, raw.prepare_threshold = previous
