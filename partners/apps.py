from django.apps import AppConfig


class PartnersConfig(AppConfig):
    name = "partners"
    verbose_name = "Partner program"

    def ready(self):
        from . import dashboard  # noqa: F401 (registers the partner's Dashboard panel)
