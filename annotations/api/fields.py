"""Serializer fields stricter than DRF's defaults, so the API does what its schema says."""

from __future__ import annotations

from typing import Any

from rest_framework import serializers

from annotations.validators import validate_visible_name


class StrictCharField(serializers.CharField):
    """A string, and only a string: DRF's CharField turns 0 or 1.5 into "0" or "1.5", which
    would let a client's type mistake through as text instead of naming the field."""

    default_error_messages = {"invalid": "Not a valid string."}

    def to_internal_value(self, data: Any) -> str:
        if not isinstance(data, str):
            self.fail("invalid")
        return super().to_internal_value(data)


class NameField(StrictCharField):
    """A name other people read (a title, byline, speaker, token name): a string without
    control or text-direction characters (annotations.validators.VisibleNameValidator)."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.validators.append(validate_visible_name)
