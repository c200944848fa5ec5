from django.apps import AppConfig


class ForticareConfig(AppConfig):
    name = "forticare"
    verbose_name = "FortiCare"
