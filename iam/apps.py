from django.apps import AppConfig


class IamConfig(AppConfig):
    name = "iam"
    verbose_name = "Identity & Access Management"

    def ready(self):
        from . import signals  # noqa: F401
