from django.apps import AppConfig


class DevDataConfig(AppConfig):
    """Demo data (seed_demo) and benchmark data (generate_scale_data): the one package that
    may import every app. No models."""

    name = "forticloud.devdata"
    label = "devdata"
