"""`manage.py db_worker`: django-tasks-db's worker, which on PostgreSQL starts a task as soon
as it is queued instead of at its next look (forticloud.web.task_queue). The web app comes
before django_tasks_db in INSTALLED_APPS, so this command is the one `manage.py` runs."""

import time

from django.db import connections
from django_tasks_db.management.commands import db_worker as library

from forticloud.web.task_queue import ListeningClock, QueueListener, task_database


class Command(library.Command):
    help = "Run a database background worker (on PostgreSQL, woken when a task is queued)"

    def handle(self, *args, **options):
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
