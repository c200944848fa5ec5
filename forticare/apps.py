from django.apps import AppConfig


class ForticareConfig(AppConfig):
    name = "forticare"
    verbose_name = "FortiCare"

    def ready(self):
        from iam.permissions import Portal
        from iam.portal_homes import portal_home_register

        from . import panels  # noqa: F401 (registers the unit page's tickets)

        portal_home_register(Portal.FORTICARE, "forticare:all_tickets")
