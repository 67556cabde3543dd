"""Operators' commands: add_user and the demo desk."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import User
from django.core.management import call_command
from django.core.management.base import CommandError

from annotations import roles
from annotations.core.suggestions.speaker_ranker import SPEAKER_SURE
from annotations.models import (
    Annotation,
    Article,
    Claim,
    ClaimLink,
    ExternalFactCheck,
    Review,
    Source,
    Verdict,
)

pytestmark = pytest.mark.django_db


def test_add_user_creates_a_reviewer_with_a_password(capsys):
    call_command("add_user", "dana", "--role", "reviewer", "--password", "s3cret-pass")

    user = User.objects.get(username="dana")
    assert user.check_password("s3cret-pass")
    assert roles.is_reviewer(user)
    assert not roles.is_editor(user)
    assert "Created dana (reviewer)" in capsys.readouterr().out


def test_add_user_generates_and_prints_a_password_when_none_is_given(capsys):
    call_command("add_user", "erin", "--role", "editor")

    output = capsys.readouterr().out
    password = output.split("Generated password: ")[1].strip()
    assert User.objects.get(username="erin").check_password(password)
    assert roles.is_editor(User.objects.get(username="erin"))


def test_add_user_refuses_an_unknown_role():
    with pytest.raises(CommandError):
        call_command("add_user", "frank", "--role", "owner", "--password", "x")


def test_add_user_admin_gets_the_back_office():
    call_command("add_user", "gail", "--role", "admin", "--password", "pw-for-gail")

    user = User.objects.get(username="gail")
    assert user.is_staff and user.is_superuser
    assert roles.is_admin(user) and roles.is_editor(user)


def test_demo_desk_loads_once_and_a_second_run_changes_nothing():
    call_command("load_demo_desk")
    counts = (
        Article.objects.count(),
        Annotation.objects.count(),
        Source.objects.count(),
        Review.objects.count(),
        User.objects.count(),
        Claim.objects.count(),
        ClaimLink.objects.count(),
        ExternalFactCheck.objects.count(),
        Verdict.objects.count(),
    )

    call_command("load_demo_desk")

    assert counts[0] == 6
    assert counts[1] > 10
    assert counts == (
        Article.objects.count(),
        Annotation.objects.count(),
        Source.objects.count(),
        Review.objects.count(),
        User.objects.count(),
        Claim.objects.count(),
        ClaimLink.objects.count(),
        ExternalFactCheck.objects.count(),
        Verdict.objects.count(),
    )


def test_the_demo_desk_has_an_arabic_and_a_french_article_highlighted_in_their_own_words():
    call_command("load_demo_desk")

    by_language = {article.language: article for article in Article.objects.exclude(language="en")}
    assert sorted(by_language) == ["ar", "fr"]
    for article in by_language.values():
        annotations = Annotation.objects.filter(article=article)
        assert annotations.count() >= 6
        for annotation in annotations:
            assert article.text[annotation.start : annotation.end] == annotation.exact
    speakers = set(
        Annotation.objects.filter(kind="quote", article__in=by_language.values()).values_list(
            "speaker", flat=True
        )
    )
    assert speakers == {"سامي الحداد", "Claire Mercier"}
    assert by_language["ar"].direction == "rtl"


def test_demo_desk_has_submitted_and_in_progress_reviews():
    call_command("load_demo_desk")

    statuses = set(Review.objects.values_list("status", flat=True))
    assert statuses == {"submitted", "in_progress"}
    assert User.objects.get(username="alice").check_password("factcheck-demo")


def test_the_demo_desk_has_a_corrected_article_with_a_highlight_to_re_attach(
    django_capture_on_commit_callbacks,
):
    from annotations.models import AnnotationAnchor, ArticleRevision

    with django_capture_on_commit_callbacks(execute=True):  # the re-anchoring task
        call_command("load_demo_desk")

    corrected = ArticleRevision.objects.get(number=2)
    statuses = set(
        AnnotationAnchor.objects.filter(revision=corrected).values_list("status", flat=True)
    )
    assert corrected.reanchored_at is not None
    assert statuses == {"anchored", "orphaned"}


def test_the_demo_desk_shows_claim_memory_across_articles_and_other_fact_checkers(api_as):
    call_command("load_demo_desk")
    editor = User.objects.get(username="editor")

    nurses = Claim.objects.get(text="The government has hired 2,000 school nurses this year.")
    detail = api_as(editor).get(f"/api/v1/claims/{nurses.pk}/").json()
    similar = api_as(User.objects.get(username="alice")).get(
        "/api/v1/claims/similar/", {"text": "2,000 school nurses were hired this year"}
    )

    assert detail["verdict"]["label"] == "false"
    assert {appearance["article_title"] for appearance in detail["appearances"]} == {
        "Minister: 'Every school will have a nurse by next year'",
        "Opposition says school nurse figures 'do not add up'",
    }
    # The demo's ClaimReview: three reviews, the matcher put Civic Check's under the desk's claim.
    assert ExternalFactCheck.objects.count() == 3
    assert [check["publisher_name"] for check in detail["external"]] == ["Civic Check"]
    best = similar.json()["results"][0]
    assert (best["claim"], best["verdict"]["label"]) == (nurses.pk, "false")
    assert best["external"][0]["rating"] == "False"
    record = Claim.objects.get(text="the hottest October day ever measured in the country")
    assert record.links.filter(relation="same").count() == 2


def test_the_demo_desk_has_suggestions_and_one_accepted(django_capture_on_commit_callbacks):
    from annotations.models import ArticleRevision, Suggestion

    with django_capture_on_commit_callbacks(execute=True):  # the suggestions tasks
        call_command("load_demo_desk")

    assert not ArticleRevision.objects.filter(suggested_at__isnull=True).exists()
    assert Suggestion.objects.exists()
    accepted = Annotation.objects.filter(suggestion__isnull=False)
    assert accepted.exists()
    assert all(a.suggestion.article_id == a.article_id for a in accepted)


def test_the_demo_desk_computes_the_suggestions_of_every_revision_as_it_loads():
    # No on-commit callback runs: what the desk offers right after `make run` loaded it, before
    # any task (the corrected article's second version included).
    from annotations.models import ArticleRevision

    call_command("load_demo_desk")

    assert ArticleRevision.objects.filter(number=2).exists()
    assert not ArticleRevision.objects.filter(suggested_at__isnull=True).exists()


def alices_spans(revision) -> list[tuple[int, int]]:
    """Where Alice's highlights lie in the revision: made on it, or anchored on it since."""
    from annotations.models import AnnotationAnchor

    made = Annotation.objects.filter(reviewer__username="alice", revision=revision)
    anchored = AnnotationAnchor.objects.filter(
        annotation__reviewer__username="alice", revision=revision, start__isnull=False
    )
    return [(a.start, a.end) for a in made] + [(a.start, a.end) for a in anchored]


def test_the_demo_desk_offers_alice_quotes_with_a_sure_and_an_unsure_speaker(
    api_as, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):  # the re-anchoring of revision 2
        call_command("load_demo_desk")
    alice = User.objects.get(username="alice")

    offered = []
    for article in Article.objects.all():
        found = api_as(alice).get(f"/api/v1/articles/{article.pk}/suggestions/").json()
        spans = alices_spans(article.revisions.get(number=found["revision"]))
        offered += [
            s
            for s in found["results"]
            if s["kind"] == "quote"
            and not any(
                start < s["target"]["end"] and s["target"]["start"] < end for start, end in spans
            )
        ]

    # Alice is still reviewing: quotes she has not highlighted are hers to accept, one whose
    # speaker the desk is sure of and one whose named speaker it asks her to check.
    assert any(s["speaker"] and s["speaker_sure"] for s in offered)
    assert any(s["speaker"] and not s["speaker_sure"] for s in offered)
    assert Review.objects.get(reviewer=alice, article__title__startswith="Heatwave").status == (
        "in_progress"
    )


def test_in_the_demo_desk_bruno_kept_a_speaker_the_desk_was_unsure_of():
    call_command("load_demo_desk")

    kept = [
        a
        for a in Annotation.objects.filter(
            reviewer__username="bruno", kind="quote", suggestion__isnull=False
        )
        if a.suggestion.speaker == a.speaker
        and a.suggestion.speaker_confidence is not None
        and a.suggestion.speaker_confidence < SPEAKER_SURE
    ]
    assert [a.speaker for a in kept] == ["Lena Holm"]
