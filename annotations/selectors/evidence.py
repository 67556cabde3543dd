"""Reads for evidence: the captures of cited sources, for the people who may see the sources."""

from __future__ import annotations

from collections.abc import Iterable

from django.contrib.auth import models as auth
from django.db.models import QuerySet

from annotations.models import Source, SourceCapture, SourceHealth
from annotations.selectors.articles import annotations_visible_to

User = auth.User | auth.AnonymousUser  # who asks: signed in or not


def captures_latest(urls: Iterable[str]) -> dict[str, SourceCapture]:
    """The latest capture of each URL that has one. One query."""
    wanted = set(urls)
    if not wanted:
        return {}
    latest: dict[str, SourceCapture] = {}
    # Ordered newest first within each URL (SourceCapture.Meta.ordering): the first one wins.
    for capture in SourceCapture.objects.filter(url__in=wanted):
        latest.setdefault(capture.url, capture)
    return latest


def healths_of(urls: Iterable[str]) -> dict[str, SourceHealth]:
    """The last check of each URL that has one. One query."""
    wanted = set(urls)
    if not wanted:
        return {}
    return {health.url: health for health in SourceHealth.objects.filter(url__in=wanted)}


def sources_visible_to(user: User) -> QuerySet[Source]:
    """The sources of the highlights the user may read (blind review included)."""
    return Source.objects.filter(annotation__in=annotations_visible_to(user).values("pk"))


def source_capture_of(source: Source) -> SourceCapture | None:
    return captures_latest([source.url]).get(source.url)
