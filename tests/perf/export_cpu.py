"""CPU one export costs, in the worker and in its PostgreSQL backend.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/forticloud_scale \\
        .venv/bin/python tests/perf/export_cpu.py [csv|xlsx]

Runs the export job of the partner's whole aggregated Product List in this process (as the
worker would) and prints the wall time, this process's CPU time and the CPU time of its
PostgreSQL backend (read from /proc, so the database must run on this machine).
"""

import os
import resource
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "forticloud.settings")
os.environ.setdefault("DJANGO_SECRET_KEY", "export-cpu-benchmark")

import django

django.setup()

from django.db import connection  # noqa: E402

from iam.models import ExportJob, User  # noqa: E402
from iam.partner_access import access_for_partner_visit  # noqa: E402
from iam.services.exports import _job_create, export_run, list_page  # noqa: E402


def backend_cpu_seconds(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def own_cpu_seconds() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def main():
    kind = sys.argv[1] if len(sys.argv) > 1 else "csv"
    access = access_for_partner_visit(User.objects.get(email="partner0@scale.test"))
    job = _job_create(access, list_page("assets:product_list"), kind, "")
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        (backend,) = cursor.fetchone()
    backend_before, own_before, start = backend_cpu_seconds(backend), own_cpu_seconds(), time.time()
    export_run(str(job.pk))
    job = ExportJob.objects.get(pk=job.pk)
    print(
        f"{kind}: {job.status}, {job.rows_written:,} rows in {time.time() - start:.1f} s; CPU "
        f"{own_cpu_seconds() - own_before:.1f} s in the worker, "
        f"{backend_cpu_seconds(backend) - backend_before:.1f} s in its PostgreSQL backend"
    )


if __name__ == "__main__":
    main()
