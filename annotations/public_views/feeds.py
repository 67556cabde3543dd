"""What crawlers and feed readers fetch: the sitemaps (django.contrib.sitemaps: the public
pages, every published verdict, every article with one) and an Atom feed of the latest
published and corrected verdicts (django.contrib.syndication)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.conf import settings
from django.contrib.sitemaps import Sitemap
from django.contrib.syndication.views import Feed
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext

from annotations.core.text import first_letter_capitalised
from annotations.models import Article, Verdict
from annotations.selectors.labels import label_wording
from annotations.selectors.public import (
    articles_checked_for_sitemap,
    verdicts_for_sitemap,
    verdicts_recently_changed,
)


class PublicPagesSitemap(Sitemap):
    changefreq = "daily"

    def items(self) -> list[str]:
        return ["verdict-index", "public-scale"]

    def location(self, item: str) -> str:
        return reverse(item)


class VerdictsSitemap(Sitemap):
    changefreq = "weekly"

    def items(self) -> Any:
        return verdicts_for_sitemap()

    def lastmod(self, item: Verdict) -> dt.datetime:
        return item.updated_at

    def location(self, item: Verdict) -> str:
        return reverse("verdict-public", args=[item.pk])


class ArticlesSitemap(Sitemap):
    changefreq = "weekly"

    def items(self) -> Any:
        return articles_checked_for_sitemap()

    def lastmod(self, item: Article) -> dt.datetime:
        return item.modified

    def location(self, item: Article) -> str:
        return reverse("public-article", args=[item.pk])


SITEMAPS: dict[str, type[Sitemap]] = {
    "pages": PublicPagesSitemap,
    "verdicts": VerdictsSitemap,
    "articles": ArticlesSitemap,
}


class VerdictsFeed(Feed):
    """The latest published and corrected verdicts, most recently changed first; an entry's
    id is its page, so a correction updates the entry a reader already has."""

    feed_type = Atom1Feed
    description_template = None

    def title(self) -> str:
        return gettext("%(desk)s: fact checks") % {"desk": settings.DESK_NAME}

    def subtitle(self) -> str:
        return gettext("Verdicts as they are published and corrected.")

    def link(self) -> str:
        return reverse("verdict-index")

    def items(self) -> list[Verdict]:
        return verdicts_recently_changed()

    def item_title(self, item: Verdict) -> str:
        claim = first_letter_capitalised(item.claim_reviewed)
        names = {"label": label_wording(item.label).name, "claim": claim}
        if item.corrections.all():
            return gettext("Corrected: %(label)s: %(claim)s") % names
        return gettext("%(label)s: %(claim)s") % names

    def item_description(self, item: Verdict) -> str:
        notes = [gettext("Correction: %(note)s") % {"note": c.note} for c in item.corrections.all()]
        rated = gettext("Rated %(label)s.") % {"label": label_wording(item.label).name}
        return "\n\n".join([item.explanation or rated, *notes])

    def item_link(self, item: Verdict) -> str:
        return reverse("verdict-public", args=[item.pk])

    def item_pubdate(self, item: Verdict) -> dt.datetime | None:
        return item.first_published_at

    def item_updateddate(self, item: Verdict) -> dt.datetime:
        return item.updated_at

    def item_author_name(self, item: Verdict) -> str:
        return str(settings.DESK_NAME)

    def item_categories(self, item: Verdict) -> list[str]:
        return [label_wording(item.label).name]
