from django.apps import AppConfig


class DemoConfig(AppConfig):
    """Development content: the demo site (`seed_demo`) and synthetic volume (`seed_bulk`).
    Nothing else imports it; it has no models."""

    name = "demo"
