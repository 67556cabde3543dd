"""Serializer fields stricter than DRF's defaults, so the API does what its schema says."""

from __future__ import annotations

from typing import Any

from django.http import QueryDict
from django.utils.translation import gettext_lazy
from rest_framework import serializers

from annotations.validators import validate_free_text, validate_visible_name


class StrictCharField(serializers.CharField):
    """A string, and only a string: DRF's CharField turns 0 or 1.5 into "0" or "1.5", which
    would let a client's type mistake through as text instead of naming the field."""

    default_error_messages = {"invalid": "Not a valid string."}

    def to_internal_value(self, data: Any) -> str:
        if not isinstance(data, str):
            self.fail("invalid")
        # The schema's maxLength is the length sent: DRF trims white space before its own length
        # check, so "  " plus a maximum-length name would pass though the schema refuses it.
        if self.max_length is not None and len(data) > self.max_length:
            self.fail("max_length", max_length=self.max_length)
        return super().to_internal_value(data)


class NameField(StrictCharField):
    """A name other people read (a title, byline, speaker, token name): a string without
    control or text-direction characters (annotations.validators.VisibleNameValidator)."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.validators.append(validate_visible_name)


class FreeTextField(StrictCharField):
    """Free text other people read (a rationale, an explanation, a note, a comment): a string
    without the text-direction controls that reorder it
    (annotations.validators.FreeTextValidator)."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.validators.append(validate_free_text)


def _not_an_integer(field: serializers.Field, data: Any) -> bool:
    """Whether `data` is not an integer as the body's format can carry one: a JSON body has
    numbers (and true is not one); a form-encoded or multipart body (a QueryDict) has only
    strings, so there "41" is the only way to send a number."""
    if isinstance(data, int) and not isinstance(data, bool):
        return False
    form_body = isinstance(getattr(field.root, "initial_data", None), QueryDict)
    return not (form_body and isinstance(data, str))


class StrictIntegerField(serializers.IntegerField):
    """An integer, and only an integer, in a JSON body: DRF's IntegerField takes "41", 41.0
    and true (as 1), so a client's type mistake would pass as a number."""

    def to_internal_value(self, data: Any) -> int:
        if _not_an_integer(self, data):
            self.fail("invalid")
        return super().to_internal_value(data)


class StrictBooleanField(serializers.BooleanField):
    """true or false, and only those, in a JSON body: DRF's BooleanField also takes 0, 1,
    "yes" and "off". A form-encoded or multipart body has only strings: "true" or "false"."""

    def to_internal_value(self, data: Any) -> bool:
        if isinstance(data, bool):
            return data
        form_body = isinstance(getattr(self.root, "initial_data", None), QueryDict)
        if form_body and data in ("true", "false"):
            return data == "true"
        self.fail("invalid", input=data)
        raise AssertionError("unreachable")  # self.fail raises


class StrictPrimaryKeyRelatedField(serializers.PrimaryKeyRelatedField):
    """An id given as a JSON integer (not "41", not true): as strict as StrictIntegerField."""

    def to_internal_value(self, data: Any) -> Any:
        if _not_an_integer(self, data):
            self.fail("incorrect_type", data_type=type(data).__name__)
        return super().to_internal_value(data)


class StrictSlugRelatedField(serializers.SlugRelatedField):
    """A slug given as a string: DRF's SlugRelatedField looks up whatever it is given, so
    ["false"] was refused as a slug naming nothing ("does not exist any more") rather than as
    the type mistake it is."""

    default_error_messages = {"incorrect_type": gettext_lazy("Give the slug as a string.")}

    def to_internal_value(self, data: Any) -> Any:
        if not isinstance(data, str):
            self.fail("incorrect_type")
        return super().to_internal_value(data)
