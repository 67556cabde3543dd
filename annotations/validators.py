"""Validators shared by models, forms, serializers and services."""

from __future__ import annotations

import datetime

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.deconstruct import deconstructible
from django.utils.formats import date_format
from django.utils.translation import gettext

from annotations.core.text import (
    free_text_forbidden_characters,
    name_forbidden_characters,
    name_forbidden_codes,
)
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


@deconstructible
class FreeTextValidator:
    """Refuses the text-direction controls that reorder what follows them in free text other
    people will read: a rationale, an explanation, a note, a comment (see
    annotations.core.text.free_text_forbidden_characters). One rule for every such field, in
    the API (api.fields.FreeTextField) and the forms."""

    code = "text_characters"

    def __call__(self, value: str) -> None:
        forbidden = free_text_forbidden_characters(str(value))
        if forbidden:
            raise ValidationError(_forbidden_message(forbidden), code=self.code)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, FreeTextValidator)

    def __hash__(self) -> int:
        return hash(self.code)


validate_free_text = FreeTextValidator()


# A publication date outside these is a typing slip (0001-01-01, 2999-12-31), not a date to show,
# filter on and export. The latest is tomorrow: a site in a time zone ahead of the desk's may
# already date its articles tomorrow.
PUBLICATION_DATE_EARLIEST = datetime.date(1800, 1, 1)


def publication_date_latest() -> datetime.date:
    """The latest publication date accepted: tomorrow, in the desk's time zone."""
    return timezone.localdate() + datetime.timedelta(days=1)


def _publication_date_refusal(value: datetime.date | None) -> str:
    """Why `value` is no publication date ("" if it is one, or None)."""
    latest = publication_date_latest()
    if value is None or PUBLICATION_DATE_EARLIEST <= value <= latest:
        return ""
    return gettext("Enter a publication date from %(earliest)s to %(latest)s.") % {
        "earliest": date_format(PUBLICATION_DATE_EARLIEST),
        "latest": date_format(latest),
    }


def publication_date_check(value: datetime.date | None, *, field: str) -> datetime.date | None:
    """For services: the date unchanged (or None), or a DomainError on `field` if it is before
    PUBLICATION_DATE_EARLIEST or after publication_date_latest()."""
    refusal = _publication_date_refusal(value)
    if refusal:
        raise DomainError(refusal, code=PublicationDateValidator.code, field=field)
    return value


@deconstructible
class PublicationDateValidator:
    """The same rule on the model field (Article.published_on), for the forms built from the
    model, the back office's: it saves no date the desk's pages and API would refuse."""

    code = "published_on_implausible"

    def __call__(self, value: datetime.date | None) -> None:
        refusal = _publication_date_refusal(value)
        if refusal:
            raise ValidationError(refusal, code=self.code)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, PublicationDateValidator)

    def __hash__(self) -> int:
        return hash(self.code)


validate_publication_date = PublicationDateValidator()
