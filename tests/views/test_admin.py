"""The back office: every model's pages load, and the publish action goes through the service."""

from __future__ import annotations

import pytest
from django.contrib import admin
from django.test import Client
from django.urls import reverse

from annotations.models import Article, ClaimUnit, DeskSettings, Verdict
from tests.factories import AnnotationFactory, UserFactory, verdict
from tests.pages import label_admin_form

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client_logged_in() -> Client:
    user = UserFactory(username="root", is_staff=True, is_superuser=True)
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def decided_verdict() -> Verdict:
    annotation = AnnotationFactory()
    unit = ClaimUnit.objects.create(
        article=annotation.article,
        kind="claim",
        start=annotation.start,
        end=annotation.end,
        status=ClaimUnit.Status.DECIDED,
        version=3,
    )
    return Verdict.objects.create(unit=unit, label=verdict("false"), claim_reviewed="Crime halved")


def test_every_registered_model_has_working_list_and_add_pages(
    admin_client_logged_in, decided_verdict
):
    for model in admin.site._registry:
        if model._meta.app_label != "annotations":
            continue
        prefix = f"admin:{model._meta.app_label}_{model._meta.model_name}"
        changelist = admin_client_logged_in.get(reverse(f"{prefix}_changelist"))
        assert changelist.status_code == 200, model
        add = admin_client_logged_in.get(reverse(f"{prefix}_add"))
        assert add.status_code in (200, 403), model


def test_the_publish_action_publishes_through_the_version_check(
    admin_client_logged_in, decided_verdict
):
    response = admin_client_logged_in.post(
        reverse("admin:annotations_verdict_changelist"),
        {"action": "publish", "_selected_action": [decided_verdict.pk]},
    )

    assert response.status_code == 302
    decided_verdict.refresh_from_db()
    assert decided_verdict.is_published
    assert ClaimUnit.objects.get(pk=decided_verdict.unit_id).status == "published"


def test_history_is_recorded_and_shown_for_verdicts(admin_client_logged_in, decided_verdict):
    decided_verdict.claim_reviewed = "Crime fell by half"
    decided_verdict.save()

    page = admin_client_logged_in.get(
        reverse("admin:annotations_verdict_history", args=[decided_verdict.pk])
    )

    assert decided_verdict.history.count() == 2
    assert page.status_code == 200


def test_the_reassign_action_asks_for_a_reviewer_then_moves_the_assignments(
    admin_client_logged_in,
):
    from annotations.models import Assignment
    from tests.factories import ArticleFactory, ReviewerFactory

    old, new = ReviewerFactory(username="old-hand"), ReviewerFactory(username="new-hand")
    first, second = ArticleFactory(), ArticleFactory()
    moving = Assignment.objects.create(article=first, reviewer=old)
    clash = Assignment.objects.create(article=second, reviewer=old)
    Assignment.objects.create(article=second, reviewer=new)  # new already holds this one
    url = reverse("admin:annotations_assignment_changelist")
    selected = {"action": "reassign", "_selected_action": [moving.pk, clash.pk]}

    asked = admin_client_logged_in.post(url, selected)
    done = admin_client_logged_in.post(url, {**selected, "apply": "1", "reviewer": new.pk})

    assert asked.status_code == 200
    assert b"Reassign 2 assignments" in asked.content
    assert done.status_code == 302
    moving.refresh_from_db()
    clash.refresh_from_db()
    assert moving.reviewer == new
    assert clash.reviewer == old


def test_an_articles_text_is_read_only_in_the_back_office(admin_client_logged_in):
    from tests.factories import ArticleFactory

    article = ArticleFactory()

    page = admin_client_logged_in.get(
        reverse("admin:annotations_article_change", args=[article.pk])
    ).content.decode()

    assert 'name="text"' not in page
    assert "Critics say unemployment has doubled" in page


def test_an_article_added_in_the_back_office_gets_its_first_revision(admin_client_logged_in):
    from annotations.models import Article

    response = admin_client_logged_in.post(
        reverse("admin:annotations_article_add"),
        {"title": "Typed in", "text": "Typed in the back office.", "language": "en"},
    )

    assert response.status_code == 302, response.content.decode()[:2000]
    article = Article.objects.get(title="Typed in")
    assert list(article.revisions.values_list("number", "text")) == [
        (1, "Typed in the back office.")
    ]


# --- Every change through the services (issue #11 item 6) ---------------------------------------


def test_an_article_added_in_the_back_office_is_normalised_like_an_import(admin_client_logged_in):
    from annotations.core.text import canonical_text
    from annotations.models import Article

    raw = "  Cafe\u0301 prices  \r\nrose by 5%.\x07\r\n\r\n\r\n\r\nSecond paragraph.  "

    response = admin_client_logged_in.post(
        reverse("admin:annotations_article_add"),
        {"title": "Prices", "text": raw, "language": "en"},
    )

    assert response.status_code == 302, response.content.decode()[:2000]
    article = Article.objects.get(title="Prices")
    assert article.text == canonical_text(raw) == "Café prices\nrose by 5%.\n\nSecond paragraph."
    assert list(article.revisions.values_list("number", "text")) == [(1, article.text)]
    assert article.imported_by.username == "root"


def test_an_article_whose_text_normalises_to_nothing_is_refused_on_the_add_form(
    admin_client_logged_in,
):
    from annotations.models import Article

    response = admin_client_logged_in.post(
        reverse("admin:annotations_article_add"),
        {"title": "Bell", "text": "\x07\x07", "language": "en"},
    )

    assert response.status_code == 400
    assert "The article has no text." in response.content.decode()
    assert not Article.objects.filter(title="Bell").exists()


@pytest.fixture
def open_units(editor):
    """Two units of one article, one highlight each by a different reviewer, recomputed once."""
    from django.test import TestCase

    from tests.factories import ArticleFactory, claims_reviewed

    article = ArticleFactory()
    with TestCase.captureOnCommitCallbacks(execute=True):
        claims_reviewed(article, {"Critics say unemployment has doubled since 2020.": "false"})
        claims_reviewed(article, {"approved a budget of 12 million euros": "true"})
    return list(ClaimUnit.objects.filter(article=article))


def test_a_claim_unit_cannot_be_edited_on_its_change_page(admin_client_logged_in, open_units):
    unit = open_units[0]

    response = admin_client_logged_in.post(
        reverse("admin:annotations_claimunit_change", args=[unit.pk]),
        {
            "article": unit.article_id,
            "kind": "quote",
            "start": 0,
            "end": 5,
            "status": "published",
            "is_manual": "on",
        },
    )

    assert response.status_code == 403
    fresh = ClaimUnit.objects.get(pk=unit.pk)
    assert (fresh.kind, fresh.start, fresh.status, fresh.version) == (
        unit.kind,
        unit.start,
        unit.status,
        unit.version,
    )


def test_a_claim_unit_cannot_be_reverted_from_its_history(
    admin_client_logged_in, open_units, editor
):
    from annotations.services.adjudication import unit_reject

    unit = open_units[0]
    unit.save()  # a first history row, while the unit is open
    unit_reject(unit=unit, editor=editor, seen_version=unit.version)
    first = unit.history.earliest()

    # What the history page's "Revert" button sends: the earlier version's fields.
    response = admin_client_logged_in.post(
        reverse("admin:annotations_claimunit_simple_history", args=[unit.pk, first.history_id]),
        {
            "article": first.article_id,
            "revision": first.revision_id,
            "kind": first.kind,
            "start": first.start,
            "end": first.end,
            "status": first.status,
        },
    )

    assert response.status_code == 403
    assert ClaimUnit.objects.get(pk=unit.pk).status == "rejected"


def test_rejecting_units_in_the_back_office_moves_their_version_on(
    admin_client_logged_in, open_units
):
    unit = open_units[0]

    response = admin_client_logged_in.post(
        reverse("admin:annotations_claimunit_changelist"),
        {"action": "reject", "_selected_action": [unit.pk]},
    )

    assert response.status_code == 302
    fresh = ClaimUnit.objects.get(pk=unit.pk)
    assert (fresh.status, fresh.version) == ("rejected", unit.version + 1)
    assert fresh.history.latest().history_user.username == "root"


def test_merging_two_units_in_the_back_office_recomputes_the_article(
    admin_client_logged_in, open_units, django_capture_on_commit_callbacks
):
    from annotations.models import ArticleAgreement

    first, second = open_units
    before = ArticleAgreement.objects.get(article=first.article).computations

    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client_logged_in.post(
            reverse("admin:annotations_claimunit_changelist"),
            {"action": "merge", "_selected_action": [first.pk, second.pk]},
        )

    assert response.status_code == 302
    merged = ClaimUnit.objects.get(article=first.article)
    assert merged.is_manual
    assert merged.annotations.count() == 2
    assert merged.version == first.version + 1
    assert ArticleAgreement.objects.get(article=first.article).computations == before + 1


def test_a_merge_of_one_unit_is_refused_with_the_reason(admin_client_logged_in, open_units):
    response = admin_client_logged_in.post(
        reverse("admin:annotations_claimunit_changelist"),
        {"action": "merge", "_selected_action": [open_units[0].pk]},
        follow=True,
    )

    assert "Select exactly two units of the same article to merge." in response.content.decode()
    assert ClaimUnit.objects.filter(pk__in=[u.pk for u in open_units]).count() == 2


@pytest.fixture
def published_verdict(decided_verdict) -> Verdict:
    """Decided "false", changed to "mostly-false" while still a draft, then published."""
    from annotations.services.adjudication import verdict_publish

    decided_verdict.label = verdict("mostly-false")
    decided_verdict.save()
    editor = UserFactory(username="desk-editor", is_superuser=True)
    return verdict_publish(verdict=decided_verdict, editor=editor, seen_version=3)


def revise(client: Client, verdict_to_revise: Verdict, **fields: object):
    """POST the verdict's "Decide again" / "Correct this verdict" page: "false", as the unit
    version the fixtures leave (4 once published), with `fields` on top."""
    return client.post(
        reverse("admin:annotations_verdict_revise", args=[verdict_to_revise.pk]),
        {"label": verdict("false").pk, "claim_reviewed": "Crime halved", "version": 4, **fields},
    )


def test_a_published_verdict_cannot_be_reverted_from_its_history(
    admin_client_logged_in, published_verdict
):
    first = published_verdict.history.earliest()
    assert first.label.slug == "false"

    # What the history page's "Revert" button sends: the earlier version's fields.
    response = admin_client_logged_in.post(
        reverse(
            "admin:annotations_verdict_simple_history",
            args=[published_verdict.pk, first.history_id],
        ),
        {
            "unit": first.unit_id,
            "label": first.label_id,
            "claim_reviewed": first.claim_reviewed,
            "decided_by": UserFactory().pk,
            "decided_at_0": first.decided_at.date().isoformat(),
            "decided_at_1": first.decided_at.time().strftime("%H:%M:%S"),
        },
    )

    assert response.status_code == 403
    published_verdict.refresh_from_db()
    assert (published_verdict.label.slug, published_verdict.is_published) == (
        "mostly-false",
        True,
    )
    assert not published_verdict.corrections.exists()


def test_a_published_verdict_is_corrected_in_the_back_office_with_a_note(
    admin_client_logged_in, published_verdict
):
    page = admin_client_logged_in.get(
        reverse("admin:annotations_verdict_revise", args=[published_verdict.pk])
    )

    response = revise(
        admin_client_logged_in, published_verdict, note="The police figures were misread."
    )

    assert page.status_code == 200
    assert "Correct" in page.content.decode()
    assert response.status_code == 302, response.content.decode()[:3000]
    published_verdict.refresh_from_db()
    assert published_verdict.label.slug == "false"
    correction = published_verdict.corrections.get()
    assert correction.note == "The police figures were misread."
    assert correction.previous["label"] == "mostly-false"
    assert correction.corrected_by.username == "root"
    assert ClaimUnit.objects.get(pk=published_verdict.unit_id).version == 5


def test_a_correction_without_a_note_is_refused_and_changes_nothing(
    admin_client_logged_in, published_verdict
):
    response = revise(admin_client_logged_in, published_verdict, note="")

    assert response.status_code == 400
    assert "A correction needs a note for readers." in response.content.decode()
    published_verdict.refresh_from_db()
    assert published_verdict.label.slug == "mostly-false"
    assert not published_verdict.corrections.exists()


def test_a_revision_sent_with_an_old_unit_version_is_refused_as_a_conflict(
    admin_client_logged_in, published_verdict
):
    response = revise(admin_client_logged_in, published_verdict, note="Misread.", version=3)

    assert response.status_code == 409
    assert "Someone else changed this unit" in response.content.decode()
    published_verdict.refresh_from_db()
    assert published_verdict.label.slug == "mostly-false"


def test_a_decided_verdict_changes_only_through_a_new_decision(
    admin_client_logged_in, decided_verdict
):
    page = admin_client_logged_in.get(
        reverse("admin:annotations_verdict_change", args=[decided_verdict.pk])
    )
    change = admin_client_logged_in.post(
        reverse("admin:annotations_verdict_change", args=[decided_verdict.pk]),
        {"unit": decided_verdict.unit_id, "label": verdict("true").pk, "claim_reviewed": "X"},
    )
    decided = revise(admin_client_logged_in, decided_verdict, label=verdict("true").pk, version=3)

    revise_url = reverse("admin:annotations_verdict_revise", args=[decided_verdict.pk])
    assert f'href="{revise_url}">Decide again' in page.content.decode()
    assert 'name="label"' not in page.content.decode()
    assert change.status_code == 403
    assert decided.status_code == 302, decided.content.decode()[:3000]
    decided_verdict.refresh_from_db()
    assert decided_verdict.label.slug == "true"
    assert decided_verdict.decided_by.username == "root"
    assert ClaimUnit.objects.get(pk=decided_verdict.unit_id).version == 4
    assert not decided_verdict.corrections.exists()


def test_verdicts_annotations_and_reviews_are_not_added_or_changed_in_the_back_office(
    admin_client_logged_in, decided_verdict
):
    from annotations.models import Annotation, Review

    annotation = Annotation.objects.get(article=decided_verdict.unit.article)
    review = Review.objects.get(article=annotation.article)

    responses = [
        admin_client_logged_in.post(reverse("admin:annotations_verdict_add"), {}),
        admin_client_logged_in.post(
            reverse("admin:annotations_annotation_change", args=[annotation.pk]),
            {"exact": "Critics", "start": 0, "end": 7, "verdict": verdict("true").pk},
        ),
        admin_client_logged_in.post(
            reverse("admin:annotations_review_change", args=[review.pk]),
            {"article": review.article_id, "reviewer": review.reviewer_id, "status": "submitted"},
        ),
    ]

    assert [response.status_code for response in responses] == [403, 403, 403]
    annotation.refresh_from_db()
    review.refresh_from_db()
    assert (annotation.start, annotation.verdict.slug, review.status) == (
        decided_verdict.unit.start,
        "mostly-false",
        "in_progress",
    )


def test_deleting_a_submitted_highlight_in_the_back_office_recomputes_the_article(
    admin_client_logged_in, open_units, django_capture_on_commit_callbacks
):
    from annotations.models import Annotation, ArticleAgreement

    unit = open_units[0]
    annotation = unit.annotations.get()
    before = ArticleAgreement.objects.get(article=unit.article).computations

    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client_logged_in.post(
            reverse("admin:annotations_annotation_delete", args=[annotation.pk]), {"post": "yes"}
        )

    assert response.status_code == 302
    assert not Annotation.objects.filter(pk=annotation.pk).exists()
    agreement = ArticleAgreement.objects.get(article=unit.article)
    assert agreement.computations == before + 1
    assert len(agreement.matrix["units"]) == 1
    assert not ClaimUnit.objects.filter(pk=unit.pk).exists()


def test_a_change_to_the_rating_scale_recomputes_every_article(
    admin_client_logged_in, open_units, django_capture_on_commit_callbacks
):
    from annotations.models import ArticleAgreement, VerdictLabel

    article = open_units[0].article
    before = ArticleAgreement.objects.get(article=article).computations
    label = VerdictLabel.objects.get(slug="false")
    form = label_admin_form(label, position=label.position + 10)

    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client_logged_in.post(
            reverse("admin:annotations_verdictlabel_change", args=[label.pk]), form
        )

    assert response.status_code == 302
    assert ArticleAgreement.objects.get(article=article).computations == before + 1


def test_a_label_renamed_without_touching_the_scale_recomputes_nothing(
    admin_client_logged_in, open_units, django_capture_on_commit_callbacks
):
    from annotations.models import ArticleAgreement, VerdictLabel

    article = open_units[0].article
    before = ArticleAgreement.objects.get(article=article).changes
    label = VerdictLabel.objects.get(slug="false")
    form = label_admin_form(label, name="Plainly false")

    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client_logged_in.post(
            reverse("admin:annotations_verdictlabel_change", args=[label.pk]), form
        )

    assert response.status_code == 302
    assert ArticleAgreement.objects.get(article=article).changes == before


def test_an_assignments_reviewer_changes_only_through_the_reassign_action(
    admin_client_logged_in, editor
):
    from annotations.models import Assignment
    from tests.factories import ArticleFactory

    reviewer, other = UserFactory(username="rita"), UserFactory(username="otto")
    assignment = Assignment.objects.create(
        article=ArticleFactory(), reviewer=reviewer, assigned_by=editor
    )
    change_url = reverse("admin:annotations_assignment_change", args=[assignment.pk])

    page = admin_client_logged_in.get(change_url).content.decode()
    response = admin_client_logged_in.post(
        change_url,
        {"reviewer": other.pk, "article": assignment.article_id, "due_on": "2027-01-15"},
    )

    assert 'name="reviewer"' not in page
    assert response.status_code == 302
    assignment.refresh_from_db()
    assert assignment.reviewer == reviewer
    assert str(assignment.due_on) == "2027-01-15"
    assert (
        admin_client_logged_in.get(reverse("admin:annotations_assignment_add")).status_code == 403
    )


def test_the_desk_settings_page_shows_the_match_thresholds_with_their_help(
    admin_client_logged_in,
):
    desk = DeskSettings.load()
    page = admin_client_logged_in.get(
        reverse("admin:annotations_desksettings_change", args=[desk.pk])
    )
    listing = admin_client_logged_in.get(reverse("admin:annotations_desksettings_changelist"))

    text = page.content.decode()
    assert 'name="match_same_threshold"' in text and 'name="match_related_threshold"' in text
    assert "Claim matching" in text and "whatever its score" in text
    assert "Match same threshold" in listing.content.decode()


def test_the_desk_settings_page_edits_the_fast_lane_rules(admin_client_logged_in):
    desk = DeskSettings.load()
    page = admin_client_logged_in.get(
        reverse("admin:annotations_desksettings_change", args=[desk.pk])
    ).content.decode()

    assert "Fast lane" in page and "never fast-tracked" in page
    for name in ("fast_lane_min_reviewers", "fast_lane_min_overlap", "fast_lane_excluded_labels"):
        assert f'name="{name}"' in page


@pytest.mark.parametrize(
    ("typed", "kept", "refused"), [("fr", "fr", False), ("not a language", "en", True)]
)
def test_an_articles_language_changed_in_the_back_office_goes_through_its_service(
    admin_client_logged_in, monkeypatch, typed, kept, refused
):
    from annotations.services import article_language
    from tests.factories import ArticleFactory

    article = ArticleFactory(language="en")
    calls: list[str] = []
    service = article_language.article_language_set
    monkeypatch.setattr(
        "annotations.admin.articles.article_language_set",
        lambda **kwargs: calls.append(kwargs["language"]) or service(**kwargs),
    )
    url = reverse("admin:annotations_article_change", args=[article.pk])
    form = admin_client_logged_in.get(url).context["adminform"].form
    data = {
        name: value
        for name, value in form.initial.items()
        if name in form.fields and value is not None
    }

    response = admin_client_logged_in.post(url, data | {"language": typed}, follow=True)

    assert response.status_code == 200
    assert calls == [typed]
    assert Article.objects.get(pk=article.pk).language == kept
    assert ("Not a language tag" in response.content.decode()) is refused
