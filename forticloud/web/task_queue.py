"""Waking the workers when a task is queued. `manage.py db_worker` (django-tasks-db) looks for
tasks every ``--interval`` seconds (1 by default), so an export waited half a second on average
before it started. On PostgreSQL every queued task also sends a NOTIFY on CHANNEL when its
transaction commits, and the worker waits for one instead of sleeping (our db_worker command);
the interval stays, for the tasks queued to run later. SQLite has no such thing: it polls."""

import contextlib
import logging
import time

import psycopg
from django.db import DatabaseError, connections, router
from django_tasks_db.models import DBTaskResult

logger = logging.getLogger(__name__)

CHANNEL = "forticloud_tasks"


def task_database() -> str:
    """The database alias holding the task queue."""
    return router.db_for_write(DBTaskResult)


def notify_workers(sender, **kwargs) -> None:
    """On ``task_enqueued``: tell the listening workers. NOTIFY inside a transaction is sent
    when it commits (a worker then finds the task) and dropped if it rolls back."""
    connection = connections[task_database()]
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(f"NOTIFY {CHANNEL}")


class QueueListener:
    """A connection of its own that LISTENs on CHANNEL, opened at the first wait (a `--batch`
    run never waits); ``sleep`` stands in for ``time.sleep`` in the worker's loop."""

    def __init__(self, alias: str):
        self.database = connections[alias].copy()
        self.listening = False

    def sleep(self, seconds: float) -> None:
        """Wait until a task is queued, or ``seconds``. If the connection fails, sleep as the
        worker would have, and listen again at the next wait."""
        try:
            if not self.listening:
                self.database.ensure_connection()
                self.database.connection.execute(f"LISTEN {CHANNEL}")
                self.listening = True
            for _notification in self.database.connection.notifies(timeout=seconds, stop_after=1):
                pass
        except (DatabaseError, psycopg.Error):
            logger.warning("Listening for queued tasks failed; polling until it works again")
            self.close()
            time.sleep(seconds)

    def close(self) -> None:
        self.listening = False
        with contextlib.suppress(DatabaseError, psycopg.Error):  # broken: nothing to close
            self.database.close()


class ListeningClock:
    """The worker module's ``time``: its sleeps wait on ``listener``, the rest is ``time``."""

    def __init__(self, listener: QueueListener):
        self.sleep = listener.sleep

    def __getattr__(self, name: str):
        return getattr(time, name)
