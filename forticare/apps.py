from django.apps import AppConfig


class ForticareConfig(AppConfig):
    name = "forticare"
    verbose_name = "FortiCare"

    def ready(self):
        from iam.permissions import Portal
        from iam.portal_homes import portal_home_register

        from . import dashboard, panels  # noqa: F401 (register the Dashboard's and unit page's)

        portal_home_register(Portal.FORTICARE, "forticare:all_tickets")

        from assets.sort_keys import copies_also
        from iam.models import Account

        from .models import Ticket

        copies_also(Account, Ticket, "account", "company_name")  # the Account column's sort
