"""Benchmark: the daily run (Partner role reminders, then renewal notices) at scale, against
`manage.py generate_scale_data`'s data set (1,000 accounts, 1M units).

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/forticloud_scale \\
        .venv/bin/python tests/perf/bench_daily_run.py [--requests 5]

Every Partner role gets a Notification Email (one per partner, as partners use one address for
many customers); each round runs the day's run inside a transaction that is rolled back (so
every round writes every digest afresh) and prints the due units, the digests and outbox mails
written, the queries and the time (median and slowest of the rounds).
"""

import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from tests.perf import scale_setup


class _RolledBack(Exception):
    pass


class QueryCounter:
    """A database execute wrapper that counts the queries."""

    def __init__(self):
        self.count = 0

    def __call__(self, execute, sql, params, many, context):
        self.count += 1
        return execute(sql, params, many, context)


def main():
    args = scale_setup.arguments(__doc__, requests=5).parse_args()
    env = scale_setup.connect()

    from django.db import connection, transaction
    from django.db.models import CharField, Value
    from django.db.models.functions import Cast, Concat
    from django.utils import timezone

    from assets.models import Asset
    from assets.renewal_notices import due_units, renewal_notices_send
    from iam.models import OutboxMail, PartnerRole
    from iam.services.role_schedule import partner_role_reminders_run

    today = timezone.localdate()
    times, figures = [], {}
    for _ in range(args.requests):
        try:
            with transaction.atomic():
                PartnerRole.objects.update(
                    notification_email=Concat(
                        Value("noc-"),
                        Cast("partner_id", CharField()),
                        Value("@scale.test"),
                        output_field=CharField(),
                    )
                )
                mails_before = OutboxMail.objects.count()
                queries = QueryCounter()
                with connection.execute_wrapper(queries):
                    start = time.perf_counter()
                    roles = partner_role_reminders_run(today)
                    digests = renewal_notices_send(today)
                    times.append(time.perf_counter() - start)
                figures = {
                    "due units": len(due_units(today, today)),
                    "digests": digests,
                    "outbox mails": OutboxMail.objects.count() - mails_before,
                    "roles handled": roles,
                    "queries": queries.count,
                    "queries per digest": round(queries.count / max(digests, 1), 1),
                }
                raise _RolledBack
        except _RolledBack:
            pass
    units = Asset.objects.in_service().count()
    print(
        f"\n{units:,} units in service, {scale_setup.vendor(env)}, {args.requests} rounds "
        "(each rolled back)"
    )
    for name, value in figures.items():
        print(f"  {name}: {value:,}")
    print(f"  time: median {statistics.median(times):.2f} s, slowest {max(times):.2f} s")


if __name__ == "__main__":
    main()
