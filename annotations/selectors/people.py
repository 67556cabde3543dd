"""Reads for people as the W3C documents name them: reviewers behind opaque keys.

A highlight's creator is a Person whose IRI must resolve (W3C Web Annotation §3.3.2) without
handing out the reviewer's user id or name to whoever sees the IRI. The key is an HMAC of the
user id under the desk's SECRET_KEY (Django's `salted_hmac`, its own salt): stable while the
key is, unguessable, and meaningless outside the desk. Rotating SECRET_KEY changes every
creator IRI; the old keys still resolve while the old key is in SECRET_KEY_FALLBACKS.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import User as Person
from django.utils.crypto import constant_time_compare, salted_hmac

from annotations.models import Annotation
from annotations.permissions import visible_annotations
from annotations.selectors.articles import User

_SALT = "annotations.people.person_key"
KEY_LENGTH = 24


def person_key(user_id: int, *, secret: str | bytes | None = None) -> str:
    """The opaque key of a person's IRI: 24 hex digits (96 bits) of an HMAC-SHA256."""
    digest = salted_hmac(_SALT, str(user_id), secret=secret, algorithm="sha256").hexdigest()
    return digest[:KEY_LENGTH]


def person_readable(user: User, key: str) -> Person | None:
    """The reviewer behind `key`, if `user` may read at least one of their highlights
    (permissions.visible_annotations): a person's IRI tells no more than the documents that
    link to it. None otherwise, which the API answers with a 404."""
    if len(key) != KEY_LENGTH:
        return None
    secrets = [settings.SECRET_KEY, *settings.SECRET_KEY_FALLBACKS]
    reviewers = (
        visible_annotations(user, Annotation.objects.all())
        .order_by()
        .values_list("reviewer_id", flat=True)
        .distinct()
    )
    for reviewer_id in reviewers:
        if any(constant_time_compare(person_key(reviewer_id, secret=s), key) for s in secrets):
            return get_user_model().objects.get(pk=reviewer_id)
    return None
