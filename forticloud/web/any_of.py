"""A condition that a column is one of many ids, as one parameter.

``filter(account_id__in=ids)`` with a thousand ids (the accounts a company name finds, the
matches of a search a list keeps) makes a thousand parameters: Django prepares and quotes each
and PostgreSQL parses each: a page of 25 tickets among 1,000 accounts took 11 to 18 ms in the
process. On PostgreSQL ``any_of`` sends them as one array, ``= ANY(%s)``: 3.3 ms. Elsewhere
(SQLite) it is ``__in``. The array goes as its text, ``{1,2,3}``, written here from the ints:
psycopg adapting a list of a thousand ints took 0.8 ms, the join 0.08. One id stays an
equality: PostgreSQL makes ``IN (x)`` one, not ``= ANY('{x}')``, and only the equality lets an
index of (that column, the sort key) give the rows in order (one company's tickets: 3 ms
instead of 0.3).

Ids a list reads to filter by (``read_ids``) come from PostgreSQL as that text already, one
row: a thousand rows through the ORM took 0.9 ms more than the one row, and making them text
again 0.1."""

import re
from dataclasses import dataclass

from django.core.exceptions import EmptyResultSet
from django.db import connection, connections
from django.db.models import F, Lookup, Q

ARRAY_OF_IDS = re.compile(r"\{[0-9,]*\}")  # digits and commas: never more than a bad array


@dataclass(frozen=True)
class IdArray:
    """Ids as PostgreSQL wrote them, the text of one array (``{1,2,3}``), and how many. Not a
    tuple: ``__in`` would take its two fields for two ids."""

    count: int
    text: str

    def ints(self) -> list[int]:
        return [int(pk) for pk in self.text.strip("{}").split(",")] if self.count else []


class _AnyOf(Lookup):
    lookup_name = "any_of"  # only built by any_of, never registered on a field
    prepare_rhs = False

    def as_sql(self, compiler, connection):
        lhs, lhs_params = self.process_lhs(compiler, connection)
        return f"{lhs} = ANY(%s::bigint[])", (*lhs_params, self.rhs)


def any_of(field: str, ids) -> Q | Lookup:
    """Rows whose ``field`` (an id or a foreign key that is never NULL) is one of ``ids``
    (ints, or an ``IdArray``); none if empty. For ``filter()``: ``exclude()`` of it would also
    drop NULLs, which ``__in`` keeps."""
    if isinstance(ids, IdArray):
        if ids.count > 1 and connection.vendor == "postgresql":
            if not ARRAY_OF_IDS.fullmatch(ids.text):
                raise ValueError("not an array of ids")
            return _AnyOf(F(field), ids.text)
        ids = ids.ints()
    ids = [int(pk) for pk in ids]
    if len(ids) == 1:
        return Q(**{field: ids[0]})
    if connection.vendor != "postgresql":
        return Q(**{f"{field}__in": ids})
    return _AnyOf(F(field), "{" + ",".join(map(str, ids)) + "}")


def read_ids(pks, at_most: int) -> IdArray | list[int] | None:
    """The ids ``pks`` gives (a flat ``values_list`` of one id column that is never NULL), for
    ``any_of``; None when there are more than ``at_most``. On PostgreSQL one row, their number
    and their array as text; elsewhere a list."""
    limited = pks[: at_most + 1]
    database = connections[limited.db]
    if database.vendor != "postgresql":
        ids = [int(pk) for pk in limited]
        return ids if len(ids) <= at_most else None
    try:
        # Django's SQL, the values its parameters
        sql, params = limited.query.get_compiler(using=limited.db).as_sql()
    except EmptyResultSet:  # e.g. ``pk__in=[]``: a reach of no account
        return IdArray(0, "{}")
    counted = f"SELECT count(*), array_agg(chosen.id)::text FROM ({sql}) AS chosen(id)"  # noqa: S608
    with database.cursor() as cursor:
        cursor.execute(counted, params)
        count, text = cursor.fetchone()
    return IdArray(count, text or "{}") if count <= at_most else None
