"""Bulk loading for the scale data: COPY on PostgreSQL, batched inserts elsewhere."""

import time

from django.db import connection

BATCH = 20_000


class Progress:
    def __init__(self, label, total, out):
        self.label, self.total, self.out, self.done = label, total, out, 0
        self.started = time.monotonic()

    def step(self, count):
        self.done += count
        width = 30
        filled = int(width * self.done / max(self.total, 1))
        rate = self.done / max(time.monotonic() - self.started, 1e-6)
        self.out.write(
            f"\r{self.label:<13} [{'#' * filled}{'.' * (width - filled)}] "
            f"{self.done:>10,}/{self.total:,} {rate:,.0f}/s"
        )
        self.out.flush()
        if self.done >= self.total:
            self.out.write("\n")


def bulk_insert(model, fields, rows, progress):
    """Insert tuples of ``fields`` into ``model``'s table in batches."""
    table = model._meta.db_table
    columns = [model._meta.get_field(name).column for name in fields]
    batch = []

    def flush():
        if not batch:
            return
        with connection.cursor() as cursor:
            if connection.vendor == "postgresql":
                with cursor.cursor.copy(f"COPY {table} ({', '.join(columns)}) FROM STDIN") as copy:
                    for row in batch:
                        copy.write_row(row)
            else:
                # Table and column names come from our models, values are parameters.
                marks = ", ".join(["%s"] * len(columns))
                insert = f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({marks})"  # noqa: S608
                cursor.executemany(insert, batch)
        progress.step(len(batch))
        batch.clear()

    for row in rows:
        batch.append(row)
        if len(batch) >= BATCH:
            flush()
    flush()
