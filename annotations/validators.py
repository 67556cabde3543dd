"""Validators shared by models, forms, serializers and services."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.utils.deconstruct import deconstructible
from django.utils.translation import gettext

from annotations.core.text import name_forbidden_characters, name_forbidden_codes
from annotations.errors import DomainError


def _forbidden_message(forbidden: list[str]) -> str:
    """What to do about forbidden characters, in the reader's language."""
    codes = name_forbidden_codes(forbidden)
    return gettext("Remove the invisible control or text-direction characters (%(codes)s).") % {
        "codes": codes
    }


@deconstructible
class VisibleNameValidator:
    """Refuses control and bidi characters in a name other people will read (see
    annotations.core.text.name_forbidden_characters): `<U+202E>gpj.exe` would show as `exe.jpg`."""

    code = "name_characters"

    def __call__(self, value: str) -> None:
        forbidden = name_forbidden_characters(str(value))
        if forbidden:
            raise ValidationError(_forbidden_message(forbidden), code=self.code)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, VisibleNameValidator)

    def __hash__(self) -> int:
        return hash(self.code)


validate_visible_name = VisibleNameValidator()


def visible_name_check(value: str, *, field: str) -> str:
    """For services: the name unchanged, or a DomainError on `field`."""
    forbidden = name_forbidden_characters(value)
    if forbidden:
        raise DomainError(
            _forbidden_message(forbidden), code=VisibleNameValidator.code, field=field
        )
    return value
