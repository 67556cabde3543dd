"""selectors.search over the database's own full-text index (migration 0015): relevance,
highlighting, filters, who finds what, the index kept current by triggers, and a constant
number of queries. Run on SQLite (FTS5) and on PostgreSQL (text search) alike."""

from __future__ import annotations

import datetime as dt

import pytest

from annotations.core.search_text import MARK_END, MARK_START
from annotations.models import Claim, ExternalFactCheck, Source
from annotations.selectors.search import SearchFilters, search
from annotations.services.adjudication import verdict_unpublish
from annotations.services.revisions import article_revise
from tests.factories import ArticleFactory, UserFactory
from tests.search_desk import search_desk

pytestmark = pytest.mark.django_db


def found(user, text: str, **filters) -> list[tuple[str, int]]:
    return [(r.kind, r.id) for r in search(user, text, SearchFilters(**filters))[0:100]]


@pytest.fixture
def desk(editor):
    return search_desk(editor)


def test_a_word_of_a_published_verdicts_explanation_finds_the_verdict(alice, desk):
    (result,) = search(alice, "burglaries")[0:10]

    assert (result.kind, result.id) == ("verdict", desk.published.pk)
    assert (result.title, result.label, result.label_name) == (
        "Tariffs on steel doubled in 2025",
        "false",
        "False",
    )
    assert result.url == f"/verdicts/{desk.published.pk}/"
    assert "<mark>burglaries</mark>" in result.snippet_html
    assert result.score > 0


@pytest.mark.parametrize("text", ["harmonised ledger", "Eurostat", "ec.europa.eu"])
def test_a_verdict_is_found_by_its_sources_title_publisher_and_address(alice, desk, text):
    assert found(alice, text) == [("verdict", desk.published.pk)]


def test_stemming_finds_other_forms_of_a_word(alice, desk):
    assert ("verdict", desk.published.pk) in found(alice, "burglary")


def test_every_kind_holding_all_the_words_is_found(alice, desk):
    assert set(found(alice, "steel tariffs doubled")) == {
        ("claim", desk.claim.pk),
        ("verdict", desk.published.pk),
        ("fact-check", desk.fact_check.pk),
    }


def test_a_claim_stating_the_words_ranks_above_an_article_mentioning_them_in_passing(alice, db):
    filler = "The council met on Tuesday to discuss the budget for roads. " * 30
    article = ArticleFactory(
        title="Council notes", text=f"{filler}Lighthouse keepers were mentioned. {filler}"
    )
    claim = Claim.objects.create(text="Lighthouse keepers earn more than pilots")

    assert found(alice, "lighthouse keepers") == [("claim", claim.pk), ("article", article.pk)]


def test_stored_html_is_escaped_in_the_snippet_and_shown_as_text(alice, db):
    claim = Claim.objects.create(text='Tariffs <script>alert("x")</script> & <b>quotas</b> rose')

    (result,) = search(alice, "quotas")[0:1]

    assert result.id == claim.pk
    assert "<script" not in result.snippet_html and "<b>" not in result.snippet_html
    assert "&lt;script&gt;" in result.snippet_html
    assert "<mark>quotas</mark>" in result.snippet_html


def test_stored_text_cannot_fake_a_highlight(alice, db):
    Claim.objects.create(text=f"Quotas rose, said {MARK_START}nobody{MARK_END} at all")

    (result,) = search(alice, "quotas")[0:1]

    assert "<mark>nobody</mark>" not in result.snippet_html
    assert "nobody" in result.snippet_html


def test_phrases_alternatives_and_exclusions(alice, desk):
    assert found(alice, '"doubled steel"') == []
    assert ("claim", desk.claim.pk) in found(alice, '"tariffs on steel"')
    assert set(found(alice, "eurostat or dockworkers")) == {
        ("verdict", desk.published.pk),
        ("article", desk.article.pk),
    }
    assert ("article", desk.article.pk) not in found(alice, "tariffs -harbour")
    assert ("claim", desk.claim.pk) in found(alice, "tariffs -harbour")


def test_a_query_without_a_word_to_find_finds_nothing(alice, desk):
    for text in ("", "   ", "-tariffs", "!!! ??", '""'):
        results = search(alice, text)
        assert (results.count(), results[0:10]) == (0, [])


# --- Filters ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("filters", "kinds"),
    [
        ({"kind": "claim"}, {"claim"}),
        ({"kind": "fact-check"}, {"fact-check"}),
        ({"source": "external"}, {"fact-check"}),
        ({"source": "desk"}, {"claim", "verdict", "article"}),
        ({"label": "false"}, {"claim", "verdict"}),
        ({"label": "true"}, set()),
        ({"publisher": "check desk"}, {"fact-check"}),
        ({"publisher": "Harbour Herald"}, {"claim", "verdict"}),
        ({"publisher": "Coastal Times"}, {"article"}),
        ({"language": "en"}, {"claim", "verdict"}),
        ({"language": "fr"}, {"fact-check"}),
        (
            {
                "date_from": dt.date(2026, 11, 1),
                "date_to": dt.date(2026, 11, 30),
                "kind": "fact-check",
            },
            {"fact-check"},
        ),
        ({"date_to": dt.date(2026, 3, 1), "kind": "article"}, {"article"}),
        ({"date_from": dt.date(2026, 3, 2), "kind": "article"}, set()),
    ],
)
def test_filters_narrow_the_results(alice, desk, filters, kinds):
    assert {kind for kind, _ in found(alice, "tariffs", **filters)} == kinds


def test_the_date_filter_reads_a_verdicts_publication(alice, desk):
    day = desk.published.published_at.date()

    assert found(alice, "tariffs", kind="verdict", date_from=day, date_to=day) == [
        ("verdict", desk.published.pk)
    ]
    assert found(alice, "tariffs", kind="verdict", date_to=day - dt.timedelta(days=1)) == []


# --- Who finds what --------------------------------------------------------------------------


def test_an_unpublished_verdict_is_never_found_not_even_by_editors(alice, editor, desk):
    for user in (alice, editor):
        assert found(user, "zeppelins") == []


def test_highlights_are_not_searched_at_all(desk):
    # Not even by the reviewer who wrote the rationale, nor by an editor.
    assert found(desk.annotation.reviewer, "xylophone") == []


def test_someone_outside_the_desk_finds_only_what_is_public_published_verdicts(desk):
    # The page and the API refuse them anyway (Permission.Search.READ: desk members).
    assert found(UserFactory(), "tariffs") == [("verdict", desk.published.pk)]


# --- The index follows every write -----------------------------------------------------------


def test_a_claim_is_found_once_created_under_its_new_words_once_edited_and_not_once_deleted(
    alice, db
):
    claim = Claim.objects.create(text="Ferries carried twelve million passengers")
    assert found(alice, "ferries") == [("claim", claim.pk)]

    Claim.objects.filter(pk=claim.pk).update(text="Trains carried twelve million passengers")
    assert (found(alice, "ferries"), found(alice, "trains")) == ([], [("claim", claim.pk)])

    claim.delete()
    assert found(alice, "trains") == []


def test_unpublishing_a_verdict_hides_it_and_publishing_again_shows_it(alice, editor, desk):
    desk.published.unit.refresh_from_db()
    verdict_unpublish(
        verdict=desk.published, editor=editor, seen_version=desk.published.unit.version
    )
    assert found(alice, "burglaries") == []

    from annotations.services.adjudication import verdict_publish

    desk.published.unit.refresh_from_db()
    verdict_publish(verdict=desk.published, editor=editor, seen_version=desk.published.unit.version)
    assert found(alice, "burglaries") == [("verdict", desk.published.pk)]


def test_a_sources_new_title_and_a_removed_source_reach_the_verdicts_entry(alice, desk):
    Source.objects.filter(publisher="Eurostat").update(title="Statistical ledger of ports")
    assert found(alice, "statistical") == [("verdict", desk.published.pk)]

    desk.published.sources.clear()
    assert found(alice, "statistical") == found(alice, "eurostat") == []


def test_a_new_revision_of_an_article_is_searched_in_its_new_words(alice, editor, db):
    article = ArticleFactory(text="The lighthouse was repainted.")
    assert found(alice, "lighthouse") == [("article", article.pk)]

    article_revise(article=article, text="The windmill was repainted.", created_by=editor)
    assert (found(alice, "lighthouse"), found(alice, "windmill")) == (
        [],
        [("article", article.pk)],
    )


def test_fact_checks_are_found_by_claimant_publisher_and_rating(alice, desk):
    for text in ("minister", "check desk", "misleading"):
        assert found(alice, text) == [("fact-check", desk.fact_check.pk)]
    desk.fact_check.delete()
    assert found(alice, "misleading") == []


# --- Cost ------------------------------------------------------------------------------------


def _one_search(user) -> int:
    results = search(user, "tariffs")
    return results.count() + len(results[0:50])


def test_queries_do_not_grow_with_the_number_of_results(
    alice, editor, desk, django_assert_max_num_queries
):
    with django_assert_max_num_queries(10) as few:
        assert _one_search(alice) == 8
    for n in range(6):
        search_desk(editor)
        ExternalFactCheck.objects.create(
            publisher_name="Check Desk", url=f"https://check.example/{n}", claim_text="Tariffs"
        )
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert _one_search(alice) == 8 * 7 + 12


def test_bench_search_prints_its_figures_and_leaves_the_database_as_it_was(db):
    from io import StringIO

    from django.core.management import call_command

    from annotations.models import Verdict

    out = StringIO()
    call_command("bench_search", claims=30, queries=5, stdout=out)

    assert "30 claims + 30 published verdicts" in out.getvalue()
    assert "median" in out.getvalue() and "p95" in out.getvalue()
    assert (Claim.objects.count(), Verdict.objects.count()) == (0, 0)
