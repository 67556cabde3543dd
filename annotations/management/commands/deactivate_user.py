"""python manage.py deactivate_user NAME"""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError, CommandParser

from annotations.services.users import user_deactivate


class Command(BaseCommand):
    help = (
        "Deactivate a desk member who left: no more logins or API tokens; their work stays. "
        "(Users are never deleted.)"
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("username")

    def handle(self, *args: Any, username: str, **options: Any) -> None:
        user = get_user_model().objects.filter(username=username).first()
        if user is None:
            raise CommandError(f"No user named {username!r}.")
        user_deactivate(user=user)
        self.stdout.write(self.style.SUCCESS(f"Deactivated {username}; their work stays."))
