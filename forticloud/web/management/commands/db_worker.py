"""`manage.py db_worker`: django-tasks-db's worker, which on PostgreSQL starts a task as soon
as it is queued instead of at its next look (forticloud.web.task_queue). The web app comes
before django_tasks_db in INSTALLED_APPS, so this command is the one `manage.py` runs."""

import gc
import time

from django.db import connections
from django.urls import get_resolver
from django_tasks_db.management.commands import db_worker as library

from forticloud.web.task_queue import ListeningClock, QueueListener, task_database


class Command(library.Command):
    help = "Run a database background worker (on PostgreSQL, woken when a task is queued)"

    def handle(self, *args, **options):
        if not options["batch"]:
            # A worker that stays loads what every task needs once (the URLconf imports every
            # view, and so every list an export writes) and freezes it: Python's full garbage
            # collections no longer walk its 130,000 objects. One such collection made the
            # first large export after a small one 50 ms slower (the Bug Tracker's 100,000
            # rows in 0.36 s instead of 0.31).
            get_resolver().url_patterns  # noqa: B018
            gc.collect()
            gc.freeze()
        alias = task_database()
        if connections[alias].vendor != "postgresql":
            return super().handle(*args, **options)
        listener = QueueListener(alias)
        # The library's loop sleeps with time.sleep(interval) when the queue is empty.
        library.time = ListeningClock(listener)
        try:
            return super().handle(*args, **options)
        finally:
            library.time = time
            listener.close()
