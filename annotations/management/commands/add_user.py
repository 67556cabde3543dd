"""python manage.py add_user NAME --role reviewer|editor|admin [--password ...]"""

from __future__ import annotations

import getpass
import secrets
import sys
from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.core.validators import validate_email
from django.db import transaction

from annotations.roles import Role
from annotations.validators import validate_visible_name


def username_validate(User: Any, username: str) -> str:
    """The username as Django's UserCreationForm would accept it (NFKC-normalised, the model
    field's validators: length, UnicodeUsernameValidator), else CommandError naming why."""
    username = User.normalize_username(username)
    field = User._meta.get_field(User.USERNAME_FIELD)
    try:
        validate_visible_name(username)
        return field.clean(username, None)
    except ValidationError as error:
        raise CommandError(f"Invalid username: {' '.join(error.messages)}") from None


class Command(BaseCommand):
    help = "Create a desk member with a role, or give an existing one the role (and a password)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("username")
        parser.add_argument("--role", required=True, choices=[role.value for role in Role])
        parser.add_argument("--password", help="Asked for when omitted on a terminal.")
        parser.add_argument("--email", default="")

    def handle(
        self, *args: Any, username: str, role: str, password: str | None, email: str, **options: Any
    ) -> None:
        User = get_user_model()
        username = username_validate(User, username)
        if email:
            try:
                validate_email(email)
            except ValidationError:
                raise CommandError(f"Invalid email address: {email!r}.") from None
        if password is None and sys.stdin.isatty():
            password = getpass.getpass(f"Password for {username}: ")
        generated = password is None
        if generated:
            password = secrets.token_urlsafe(12)
        if not password:
            raise CommandError("The password cannot be empty.")
        with transaction.atomic():
            user, created = User.objects.get_or_create(username=username, defaults={"email": email})
            user.set_password(password)
            if role == Role.ADMIN:
                user.is_staff = True
                user.is_superuser = True
            user.save()
            user.groups.add(Group.objects.get(name=role))
        verb = "Created" if created else "Updated"
        self.stdout.write(self.style.SUCCESS(f"{verb} {username} ({role})."))
        if generated:
            self.stdout.write(f"Generated password: {password}")
