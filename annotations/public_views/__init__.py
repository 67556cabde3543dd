"""The public site: readers' pages, no login (pages.py), and what crawlers and feed readers
fetch (feeds.py: the sitemaps and the Atom feed)."""

from __future__ import annotations

from annotations.public_views.feeds import SITEMAPS, VerdictsFeed
from annotations.public_views.pages import (
    article_checked_page,
    robots_txt,
    scale_page,
    verdict_index,
    verdict_public,
)

__all__ = [
    "SITEMAPS",
    "VerdictsFeed",
    "article_checked_page",
    "robots_txt",
    "scale_page",
    "verdict_index",
    "verdict_public",
]
