"""Queries every request runs, compiled to SQL once instead of on every request.

A page starts with a few small access queries (a partner's roles). Building their querysets
and compiling them costs Django more than PostgreSQL needs to run them
(tests/perf/HISTORY.md). ``compiled`` compiles such a queryset once, with a stand-in id where
each request's id goes, and then gives its SQL with the request's id in the stand-in's place, as
``reverse_ids`` does for URLs. The SQL is compiled again for another database, and each day:
the queries compare End Dates with today."""

import copy
import functools
from collections.abc import Callable
from contextlib import contextmanager

from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, NotSupportedError, ProgrammingError, connection, connections
from django.db.models.expressions import RawSQL
from django.utils import timezone

from .urls import MAX_ID

# Where the key goes: no id a URL or a form can give (those stop at MAX_ID) equals it, so no
# other integer parameter of a query is ever taken for the key.
STAND_IN = MAX_ID + 987_654_321
TEXT_STAND_IN = "\x1fcompiled stand-in\x1f"  # for a text key; no one searches for it

_compiled: dict[tuple, tuple] = {}


def _stand_ins(count: int) -> list[int]:
    """Stand-ins for a list of ``count`` ids that a query takes after its key: above STAND_IN,
    as far from any id a URL or a form can give."""
    return [STAND_IN + 1 + n for n in range(count)]


def _compile(build: Callable, shape: tuple, stand_in=STAND_IN, among: int = 0) -> tuple:
    """The SQL, the parameters and the slots where the key goes of ``build(stand_in,
    *shape)`` (``among``: ``build(stand_in, ids, *shape)`` with a list of that many ids), with
    the queryset and the compiler that compiled it. A slot is (parameter, 0) for the key and
    (parameter, n) for the n-th id of the list."""
    key = (build, shape, type(stand_in), among, connection.vendor, timezone.localdate())
    entry = _compiled.get(key)  # once: at midnight another thread may drop yesterday's
    if entry is None:
        ids = _stand_ins(among)
        queryset = build(stand_in, ids, *shape) if among else build(stand_in, *shape)
        compiler = queryset.query.get_compiler(DEFAULT_DB_ALIAS)
        sql, params = compiler.as_sql()
        which = {stand_in: 0} | {value: n for n, value in enumerate(ids, start=1)}
        slots = tuple(
            (n, which[value])
            for n, value in enumerate(params)
            if isinstance(value, type(stand_in)) and value in which
        )
        if {n for _, n in slots} != set(range(among + 1)) or not _each_part_keyed(
            queryset, stand_in
        ):
            raise ValueError(f"{build.__name__} does not use its key or each of its ids")
        today = key[-1]
        for stale in [k for k in list(_compiled) if k[-1] != today]:  # yesterday's SQL
            _compiled.pop(stale, None)
        entry = _compiled[key] = (sql, tuple(params), slots, queryset, compiler)
    return entry


def _each_part_keyed(queryset, stand_in) -> bool:
    """Whether each query of a UNION takes the key (a part without it would be everyone's)."""
    return all(
        stand_in in part.get_compiler(DEFAULT_DB_ALIAS).as_sql()[1]
        for part in queryset.query.combined_queries
    )


def _with_key(params: tuple, slots: tuple, key, ids=()) -> tuple:
    values = (key, *ids)
    params = list(params)
    for n, which in slots:
        params[n] = type(params[n])(values[which])  # the backend's own type (psycopg's Int8)
    return tuple(params)


def compiled(build: Callable, pk: int, *shape) -> tuple[str, list]:
    """The SQL and parameters of ``build(pk, *shape)`` (a queryset), compiled once per
    ``shape`` (values that change what the SQL is, e.g. a portal and a level)."""
    sql, params, slots, _, _ = _compile(build, shape)
    return sql, list(_with_key(params, slots, int(pk)))


def _iterable(build: Callable, key, shape: tuple, stand_in, tail=("", ()), ids=()):
    """``build(key, *shape)`` (``build(key, ids, *shape)`` with ``ids``) compiled once, to
    iterate as Django iterates a queryset: each call gives Django's own iteration a copy of the
    compiler with the call's key (``tail``: SQL and parameters appended, e.g. a LIMIT)."""
    sql, params, slots, queryset, compiler = _compile(build, shape, stand_in, among=len(ids))
    # The tail's numbers typed as the key is (psycopg's Int8 on PostgreSQL): one prepared
    # statement serves every page, whatever its OFFSET.
    number = type(params[slots[0][0]])
    tail_params = tuple(number(value) for value in tail[1])
    params = _with_key(params, slots, key, [int(each) for each in ids]) + tail_params
    ready = copy.copy(compiler)
    ready.connection = connections[DEFAULT_DB_ALIAS]  # this thread's
    ready.as_sql = lambda *args, **kwargs: (sql + tail[0], params)
    queryset = queryset._chain()
    queryset.query.get_compiler = lambda *args, **kwargs: ready
    return queryset


def compiled_first(build: Callable, key: int | str):
    """The first object of ``build(key)``, a queryset of objects (with ``select_related``) by
    a unique key, an id or a text, or None: the objects the queryset itself would give,
    converted (the API's token lookup: compiling its joins took a sixth of an API request)."""
    stand_in = STAND_IN if isinstance(key, int) else TEXT_STAND_IN
    return next(iter(_iterable(build, key, (), stand_in)), None)


def compiled_queryset(build: Callable, pk: int, *shape):
    """``build(pk, *shape)``, a queryset compiled once per ``shape``, to iterate (values
    converted as the queryset converts them)."""
    return _iterable(build, int(pk), shape, STAND_IN)


def compiled_queryset_among(build: Callable, pk: int, ids: list[int], *shape):
    """``compiled_queryset`` of ``build(pk, ids, *shape)``, a query of a list of ids (e.g.
    ``__in``, not empty), compiled once per length of the list."""
    if not ids:
        raise ValueError("compiled_queryset_among needs ids")
    return _iterable(build, int(pk), shape, STAND_IN, ids=ids)


def compiled_rows(build: Callable, pk: int, *shape) -> list[tuple]:
    """The rows of ``build(pk, *shape)``, a ``values_list`` of plain columns (the database's
    values, without the ORM's conversions)."""
    return _rows(*compiled(build, pk, *shape))


def compiled_rows_among(build: Callable, pk: int, ids: list[int], *shape) -> list[tuple]:
    """``compiled_rows`` of ``build(pk, ids, *shape)``, a query of a list of ids (e.g.
    ``__in``, not empty), compiled once per length of the list (a page's 25 accounts)."""
    if not ids:
        raise ValueError("compiled_rows_among needs ids")
    sql, params, slots, _, _ = _compile(build, shape, among=len(ids))
    return _rows(sql, list(_with_key(params, slots, int(pk), [int(each) for each in ids])))


class CompiledValues:
    """The rows of ``build(pk, *shape, order)``, a ``values()`` queryset (e.g. a UNION), for a
    numbered list page: what the list and its Paginator ask of a queryset (``order_by``, a lazy
    slice, ``count``), compiled once per shape and order rather than built and compiled on
    every request, and run as prepared statements: only for a query whose plan is the same for
    every ``pk`` (rows by a key, no search words). The slice's LIMIT and OFFSET are parameters,
    so every page shares one statement, and the count is one per shape, whatever the order."""

    def __init__(self, build: Callable, pk: int, shape: tuple, order: tuple = (), limit=None):
        self.build, self.pk, self.shape, self.order = build, int(pk), shape, order
        self.limit = limit  # (how many, from which)
        self._fetched = None

    @property
    def ordered(self) -> bool:
        return bool(self.order)

    def order_by(self, *order: str) -> "CompiledValues":
        self._whole("order")
        return CompiledValues(self.build, self.pk, self.shape, order)

    def count(self) -> int:
        self._whole("count")
        sql, params = compiled(self.build, self.pk, *self.shape, ())
        # The SQL is the ORM's own, compiled above; its values are parameters.
        return _rows(f"SELECT COUNT(*) FROM ({sql}) counted", params)[0][0]  # noqa: S608

    def __getitem__(self, rows: slice) -> "CompiledValues":
        self._whole("slice")
        start = (rows.start or 0) if isinstance(rows, slice) else None
        if start is None or start < 0 or rows.stop is None or rows.stop < start or rows.step:
            raise TypeError("CompiledValues gives a slice from 0 or more to an end")
        limit = (rows.stop - start, start)
        return CompiledValues(self.build, self.pk, self.shape, self.order, limit)

    def __iter__(self):
        return iter(self._fetch())

    def __len__(self) -> int:
        return len(self._fetch())

    def _whole(self, what: str) -> None:
        if self.limit is not None:
            raise TypeError(f"cannot {what} a slice of CompiledValues")

    def _fetch(self) -> list[dict]:
        if self._fetched is None:
            tail = (" LIMIT %s OFFSET %s", self.limit) if self.limit else ("", ())
            shape = (*self.shape, self.order)
            rows = _iterable(self.build, self.pk, shape, STAND_IN, tail)
            self._fetched = run_prepared(lambda: list(rows))
        return self._fetched


def _rows(sql: str, params: list) -> list[tuple]:
    def rows():
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            return cursor.fetchall()

    return run_prepared(rows)


class CompiledSubquery(RawSQL):
    """``build(pk, *shape)`` as a subquery, e.g. ``filter(account_id__in=...)``, that knows
    what it was compiled from: a query built around it can then be compiled once too (built
    around ``compiled_subquery(build, stand_in, *shape)``, e.g. ``compiled_queryset``)."""

    def __init__(self, build: Callable, pk: int, shape: tuple):
        # The SQL is the ORM's own, compiled above; only the integer id changes.
        super().__init__(*compiled(build, pk, *shape))
        self.build, self.pk, self.shape = build, pk, shape


def compiled_subquery(build: Callable, pk: int, *shape) -> CompiledSubquery:
    return CompiledSubquery(build, pk, shape)


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
    their values (the access queries, a lookup by a unique key, the Users page's rows of one
    account); a list's query with filters or search words stays unprepared: a plan made once,
    without its search words, can be much slower (tests/perf/HISTORY.md). psycopg keeps the
    100 statements used last on a connection: those every request runs stay prepared.

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
