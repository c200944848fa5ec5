from django.apps import AppConfig


class WebConfig(AppConfig):
    """The shared web layer: no models, no domain; an app only for its template tags."""

    name = "forticloud.web"
    label = "web"
