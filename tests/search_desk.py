"""A desk with something of every kind to search, shared by the search tests
(tests/selectors/test_search*.py, tests/api/test_search_api.py, tests/views/test_search_page.py).

The word "tariffs" is in a claim, a published verdict, an external fact-check, an article and a
draft verdict (which must never be found); each kind also has words of its own."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.contrib.auth.models import User

from annotations.models import Annotation, Article, Claim, ExternalFactCheck, Verdict
from annotations.services.adjudication import VerdictInput, unit_decide
from annotations.services.claims import claim_link
from tests.factories import (
    AnnotationFactory,
    ArticleFactory,
    SourceFactory,
    unit_decided_and_published,
    unit_on_new_article,
    verdict,
)


def article_number() -> int:
    # Unique per desk built (a test may build several): the fact-check's URL is unique.
    return Article.objects.count()


@dataclass
class SearchDesk:
    claim: Claim
    published: Verdict
    draft: Verdict
    fact_check: ExternalFactCheck
    article: Article
    annotation: Annotation


def search_desk(editor: User) -> SearchDesk:
    unit = unit_on_new_article(publisher="Harbour Herald", language="en-GB")
    published = unit_decided_and_published(
        unit, editor, claim_reviewed="Tariffs on steel doubled in 2025"
    )
    published.explanation = "Customs records show burglaries of containers, not tariffs, rose."
    published.save()
    published.sources.add(
        SourceFactory(
            annotation=AnnotationFactory(article=unit.article),
            title="Harmonised customs ledger",
            publisher="Eurostat",
            url="https://ec.europa.eu/eurostat/ledger-2025",
        )
    )
    claim = Claim.objects.create(text="Tariffs on steel doubled last year", created_by=editor)
    claim_link(unit=unit, claim=claim, relation="same", editor=editor)

    draft_unit = unit_on_new_article(publisher="Harbour Herald")
    draft = unit_decide(
        unit=draft_unit,
        editor=editor,
        seen_version=draft_unit.version,
        verdict=VerdictInput(
            label=verdict("true"),
            claim_reviewed="Tariffs on zeppelins were scrapped",
            explanation="A draft about zeppelins.",
        ),
    )
    fact_check = ExternalFactCheck.objects.create(
        publisher_name="Check Desk",
        url=f"https://check.example/tariffs/{article_number()}",
        claim_text="Steel tariffs doubled, says minister",
        claimant="The trade minister",
        rating_text="Misleading",
        date_published=dt.date(2026, 11, 20),
        language="fr",
    )
    article = ArticleFactory(
        title="Tariffs and the port",
        publisher="Coastal Times",
        language="es",
        published_on=dt.date(2026, 3, 1),
        text="Dockworkers said the tariffs hurt the harbour. The quay needs dredging.",
    )
    annotation = AnnotationFactory(
        article=article,
        quote="The quay needs dredging.",
        rationale="Unsubmitted xylophone rationale.",
    )
    return SearchDesk(claim, published, draft, fact_check, article, annotation)
