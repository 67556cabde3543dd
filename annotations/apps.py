from __future__ import annotations

from django.apps import AppConfig


class AnnotationsConfig(AppConfig):
    name = "annotations"
    verbose_name = "Fact-checking desk"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        # Registers the OpenAPI description of our authentication class.
        from annotations.api import schema  # noqa: F401

        # Webhook payloads carry a verdict as the JSON API gives it; the services may not import
        # the API (the import contracts), so the API's serializer is handed to them here.
        from annotations.api.verdict_serializers import verdict_webhook_document
        from annotations.services.webhooks import verdict_document_register

        verdict_document_register(verdict_webhook_document)

        # A member's chosen interface language comes back when they log in on another browser.
        from django.contrib.auth.signals import user_logged_in

        from annotations.views.languages import language_restore_at_login

        user_logged_in.connect(language_restore_at_login, dispatch_uid="language-restore")
