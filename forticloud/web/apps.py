from django.apps import AppConfig


class WebConfig(AppConfig):
    """The shared web layer: no models, no domain; an app for its template tags and its
    path converter."""

    name = "forticloud.web"
    label = "web"

    def ready(self):
        from django.urls import register_converter

        from .urls import IdConverter

        register_converter(IdConverter, "id")
