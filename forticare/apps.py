from django.apps import AppConfig


class ForticareConfig(AppConfig):
    name = "forticare"
    verbose_name = "FortiCare"

    def ready(self):
        from . import panels  # noqa: F401 (registers the unit page's tickets)
