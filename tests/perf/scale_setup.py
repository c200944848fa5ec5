"""Setup shared by the benchmarks over ``manage.py generate_scale_data``'s data set."""

import argparse
import os
import sys

from tests.perf.common import production_env


def arguments(doc: str, requests: int) -> argparse.ArgumentParser:
    """The command line of a benchmark: ``doc``'s first line, ``--requests`` per page."""
    parser = argparse.ArgumentParser(description=doc.splitlines()[0])
    parser.add_argument("--requests", type=int, default=requests)
    return parser


def connect() -> dict:
    """Production settings on DATABASE_URL, the database generate_scale_data filled: Django set
    up in this process and static files collected for gunicorn. Returns gunicorn's environment."""
    if "DATABASE_URL" not in os.environ:
        sys.exit("Set DATABASE_URL to the database generate_scale_data filled.")
    env = production_env(os.environ["DATABASE_URL"])
    os.environ.update(env)

    import django

    django.setup()
    from django.core.management import call_command

    call_command("collectstatic", interactive=False, verbosity=0)
    return env


def vendor(env: dict) -> str:
    return "PostgreSQL" if env["DATABASE_URL"].startswith("postgres") else "SQLite"
