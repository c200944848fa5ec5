from django.apps import AppConfig


class WebConfig(AppConfig):
    """The shared web layer: no domain; an app for its template tags, its path converter and
    the worker's wake-up (task_queue)."""

    name = "forticloud.web"
    label = "web"

    def ready(self):
        from django.tasks.signals import task_enqueued
        from django.urls import register_converter
        from django_tasks_db.backend import DatabaseBackend

        from .task_queue import notify_workers
        from .urls import IdConverter

        register_converter(IdConverter, "id")
        task_enqueued.connect(notify_workers, sender=DatabaseBackend)
