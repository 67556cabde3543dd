"""The permission map against a table written here: every role, every permission, every object
state that matters. The table is the desk's rules in one place, read by a person; the map is
the code that must agree with it. A new permission fails the first test until it joins both."""

from __future__ import annotations

import datetime
import uuid

import pytest
from django.contrib.auth.models import AnonymousUser, Group
from django.contrib.contenttypes.models import ContentType
from django.utils import timezone

from annotations.core.comments import EDIT_WINDOW
from annotations.errors import DomainError
from annotations.models import (
    Annotation,
    AnnotationAnchor,
    Claim,
    ClaimUnit,
    Comment,
    DeskSettings,
    ExternalFactCheck,
    Notification,
    Review,
    Source,
    SuggestedAppearance,
    Verdict,
    WebhookSubscription,
)
from annotations.permissions import (
    ALL_PERMISSIONS,
    DENIALS,
    PERMISSION_MAP,
    Permission,
    can,
    permitted,
    require,
)
from tests.factories import (
    AnnotationFactory,
    ArticleFactory,
    EditorFactory,
    ReviewerFactory,
    SourceFactory,
    UserFactory,
    unit_on_new_article,
    verdict,
)

P = Permission

ROLES = ["anonymous", "no_role", "reviewer", "editor", "admin", "superuser", "reviewer_editor"]
EVERYONE = frozenset(ROLES)
LOGGED_IN = EVERYONE - {"anonymous"}
EDITORS = frozenset({"editor", "admin", "superuser", "reviewer_editor"})
REVIEWERS = frozenset({"reviewer", "reviewer_editor"})
MEMBERS = EDITORS | REVIEWERS
NOBODY: frozenset[str] = frozenset()

# Who holds each permission before any object is loaded: the check a page or an API route
# makes. For permissions about objects this is "may do it to some object of the kind".
ROUTE_TABLE = {
    P.Public.READ: EVERYONE,
    P.Account.LOG_IN: EVERYONE,
    P.Account.LOG_OUT: EVERYONE,
    P.Account.USE: LOGGED_IN,
    P.Article.LIST: LOGGED_IN,
    P.Article.READ: MEMBERS,
    P.Article.IMPORT: EDITORS,
    P.Article.REVISE: EDITORS,
    P.Article.ASSIGN: EDITORS,
    P.Article.SET_LANGUAGE: MEMBERS,  # editors, and on an article they imported, reviewers
    P.Annotation.READ: MEMBERS,
    P.Annotation.CREATE: REVIEWERS,
    P.Annotation.UPDATE: MEMBERS,
    P.Annotation.DELETE: MEMBERS,
    P.Review.READ: MEMBERS,
    P.Review.SUBMIT: REVIEWERS,
    P.Assignment.LIST: LOGGED_IN,
    P.Assignment.HOLD: REVIEWERS,
    P.Assignment.PICK_UP: REVIEWERS,  # on a desk that allows self-assignment (see below)
    P.Unit.ADJUDICATE: EDITORS,
    P.Unit.CONFIRM_READY: EDITORS,
    P.Unit.READ: MEMBERS,  # on an article they submitted, or with a published verdict
    P.Verdict.READ: EVERYONE,
    P.Verdict.READ_UNPUBLISHED: EDITORS,
    P.Verdict.PUBLISH: EDITORS,
    P.Verdict.CORRECT: EDITORS,
    P.Agreement.READ: EDITORS,
    P.Agreement.RECOMPUTE: EDITORS,
    P.Orphan.RESOLVE: MEMBERS,
    P.Claim.READ: MEMBERS,
    P.Claim.LINK: EDITORS,
    P.Claim.IMPORT: EDITORS,
    P.Appearance.REVIEW: EDITORS,
    P.Suggestion.READ: MEMBERS,
    P.Suggestion.TRAIN: EDITORS,
    P.Evidence.READ: EVERYONE,
    P.Evidence.CAPTURE: EDITORS,
    P.Evidence.CHECK: EDITORS,
    P.Search.READ: MEMBERS,
    P.Discussion.READ: MEMBERS,  # on an article they submitted (see below)
    P.Discussion.COMMENT: MEMBERS,
    P.Discussion.EDIT: MEMBERS,  # their own comment, for a while
    P.Notification.READ: LOGGED_IN,
    P.Webhook.MANAGE: EDITORS,  # their own subscriptions
    P.Feedback.READ_OWN: REVIEWERS,
    P.Feedback.READ_ANY: EDITORS,
}

# Who holds each permission on an object in a given state. "other's": another reviewer's;
# "shared": another reviewer's, on an article both that reviewer and the user have submitted.
OBJECT_TABLE = {
    (P.Article.READ, "article"): MEMBERS,
    (P.Assignment.PICK_UP, "article"): REVIEWERS,
    (P.Article.SET_LANGUAGE, "article"): EDITORS,
    (P.Article.SET_LANGUAGE, "own article"): MEMBERS,
    (P.Annotation.READ, "own annotation"): MEMBERS,
    (P.Annotation.READ, "other's annotation"): EDITORS,
    (P.Annotation.READ, "shared annotation"): MEMBERS,
    (P.Annotation.UPDATE, "own annotation"): MEMBERS,
    (P.Annotation.UPDATE, "other's annotation"): NOBODY,
    (P.Annotation.UPDATE, "shared annotation"): NOBODY,
    (P.Annotation.DELETE, "own annotation"): MEMBERS,
    (P.Annotation.DELETE, "other's annotation"): NOBODY,
    (P.Annotation.DELETE, "shared annotation"): NOBODY,
    (P.Review.READ, "own review"): MEMBERS,
    (P.Review.READ, "other's review"): EDITORS,
    (P.Orphan.RESOLVE, "own orphan"): MEMBERS,
    (P.Orphan.RESOLVE, "other's orphan"): EDITORS,
    (P.Verdict.READ, "published verdict"): EVERYONE,
    (P.Verdict.READ, "draft verdict"): EDITORS,
    (P.Verdict.READ_UNPUBLISHED, "draft verdict"): EDITORS,
    (P.Verdict.PUBLISH, "draft verdict"): EDITORS,
    (P.Verdict.CORRECT, "published verdict"): EDITORS,
    (P.Claim.READ, "claim"): MEMBERS,
    (P.Claim.LINK, "claim"): EDITORS,
    (P.Appearance.REVIEW, "appearance"): EDITORS,
    (P.Claim.READ, "external fact-check"): MEMBERS,
    (P.Claim.LINK, "external fact-check"): EDITORS,
    # The unit page's claim actions and the API's link, unlink and new-claim check a unit.
    (P.Claim.LINK, "unit"): EDITORS,
    # Blind review: a unit of an article the reviewer has not submitted is the editors' only.
    (P.Unit.READ, "unit"): EDITORS,
    (P.Unit.READ, "unit on a submitted article"): MEMBERS,
    (P.Unit.READ, "unit with a published verdict"): MEMBERS,
    # A source goes with its highlight, and to everyone once a published verdict cites it.
    (P.Evidence.READ, "own source"): MEMBERS,
    (P.Evidence.READ, "other's source"): EDITORS,
    (P.Evidence.READ, "shared source"): MEMBERS,
    (P.Evidence.READ, "source of a published verdict"): EVERYONE,
    # Discussion: blind review holds; one's own comment is edited for a while only.
    (P.Discussion.READ, "comment"): EDITORS,
    (P.Discussion.COMMENT, "unit"): EDITORS,
    (P.Discussion.READ, "comment on a submitted article"): MEMBERS,
    (P.Discussion.COMMENT, "unit on a submitted article"): MEMBERS,
    (P.Discussion.EDIT, "comment on a submitted article"): NOBODY,
    (P.Discussion.EDIT, "own comment"): MEMBERS,
    (P.Discussion.EDIT, "own old comment"): NOBODY,
    (P.Notification.READ, "notification"): NOBODY,
    (P.Notification.READ, "own notification"): LOGGED_IN,
    (P.Webhook.MANAGE, "webhook"): NOBODY,
    (P.Webhook.MANAGE, "own webhook"): EDITORS,
}


def user_with(role: str):
    if role == "anonymous":
        return AnonymousUser()
    if role == "no_role":
        return UserFactory()
    if role == "reviewer":
        return ReviewerFactory()
    if role == "editor":
        return EditorFactory()
    if role == "admin":
        return UserFactory(role="admin")
    if role == "superuser":
        return UserFactory(is_superuser=True, is_staff=True)
    user = ReviewerFactory()
    user.groups.add(Group.objects.get(name="editor"))
    return user


def _submitted(article, reviewer) -> None:
    Review.objects.update_or_create(
        article=article,
        reviewer=reviewer,
        defaults={"status": Review.Status.SUBMITTED, "submitted_at": timezone.now()},
    )


def _verdict(*, published: bool) -> Verdict:
    article = ArticleFactory()
    unit = ClaimUnit.objects.create(
        article=article, revision=article.revisions.get(), kind="claim", start=0, end=4
    )
    now = timezone.now()
    return Verdict.objects.create(
        unit=unit,
        label=verdict("false"),
        claim_reviewed="A claim",
        is_published=published,
        published_at=now if published else None,
        first_published_at=now if published else None,
    )


def _orphan(annotation: Annotation) -> AnnotationAnchor:
    return AnnotationAnchor.objects.create(
        annotation=annotation,
        revision=annotation.article.revisions.get(),
        status=AnnotationAnchor.Status.ORPHANED,
    )


def _appearance(article) -> SuggestedAppearance:
    return SuggestedAppearance.objects.create(
        article=article,
        revision=article.revisions.get(),
        claim=Claim.objects.create(text="The council approved a budget of 12 million euros."),
        start=0,
        end=4,
        sentence="City",
        score=0.9,
        stage="lexical",
    )


def _cited_by_published_verdict() -> Source:
    source = SourceFactory()  # on another reviewer's highlight of an article not submitted
    _verdict(published=True).sources.add(source)
    return source


def _notification(user) -> Notification:
    article = ArticleFactory()
    return Notification.objects.create(
        recipient=user,
        kind=Notification.Kind.ASSIGNMENT,
        target_type=ContentType.objects.get_for_model(article),
        target_id=article.pk,
        summary="Assigned",
        dedupe_key=f"assignment:{uuid.uuid4()}",
    )


def _webhook(user) -> WebhookSubscription:
    return WebhookSubscription.objects.create(
        created_by=user,
        url="https://partner.example/hook",
        events=["verdict.published"],
        secret_salt=uuid.uuid4().hex,
    )


def objects_for(user) -> dict[str, object]:
    """One object in each state the table names, seen from `user`."""
    other = ReviewerFactory()
    others = AnnotationFactory(reviewer=other)
    shared = AnnotationFactory()
    _submitted(shared.article, shared.reviewer)
    states: dict[str, object] = {
        "article": shared.article,
        "other's annotation": others,
        "other's review": Review.objects.get(reviewer=other),
        "other's orphan": _orphan(others),
        "published verdict": _verdict(published=True),
        "draft verdict": _verdict(published=False),
        "claim": Claim.objects.create(text="Unemployment has doubled since 2020."),
        "appearance": _appearance(shared.article),
        "external fact-check": ExternalFactCheck.objects.create(
            publisher_name="Checkpoint",
            url=f"https://checkpoint.example/{uuid.uuid4()}",
            claim_text="Unemployment has doubled since 2020.",
        ),
        "unit": unit_on_new_article(),
        "unit with a published verdict": _verdict(published=True).unit,
        "other's source": SourceFactory(annotation=others),
        "source of a published verdict": _cited_by_published_verdict(),
        "comment": Comment.objects.create(article=others.article, author=other, body="Hm"),
        "comment on a submitted article": Comment.objects.create(
            article=shared.article, author=other, body="Hm"
        ),
        "notification": _notification(other),
        "webhook": _webhook(EditorFactory()),
    }
    if user.is_authenticated:  # anonymous users own nothing and submit nothing
        _submitted(shared.article, user)
        own = AnnotationFactory(reviewer=user)
        states |= {
            "own article": ArticleFactory(imported_by=user),
            "shared annotation": shared,
            "own annotation": own,
            "own review": Review.objects.get(reviewer=user, article=own.article),
            "own orphan": _orphan(own),
            "own source": SourceFactory(annotation=own),
            "shared source": SourceFactory(annotation=shared),
            "own comment": Comment.objects.create(article=shared.article, author=user, body="Mine"),
            "own old comment": Comment.objects.create(
                article=shared.article,
                author=user,
                body="Mine, earlier",
                created=timezone.now() - EDIT_WINDOW - datetime.timedelta(seconds=1),
            ),
            "own notification": _notification(user),
            "own webhook": _webhook(user),
            "unit on a submitted article": ClaimUnit.objects.create(
                article=shared.article,
                revision=shared.article.revisions.get(),
                kind="claim",
                start=0,
                end=4,
            ),
        }
    return states


def test_every_permission_is_in_the_map_the_table_and_has_words_for_a_refusal():
    assert set(PERMISSION_MAP) == set(ALL_PERMISSIONS)
    assert set(ROUTE_TABLE) == set(ALL_PERMISSIONS)
    granted_to_anyone = {p for p, roles in ROUTE_TABLE.items() if roles == EVERYONE}
    assert set(DENIALS) | granted_to_anyone == set(ALL_PERMISSIONS)


@pytest.mark.django_db
@pytest.mark.parametrize("role", ROLES)
def test_the_map_grants_each_role_what_the_table_says(role):
    DeskSettings.objects.update_or_create(pk=1, defaults={"allow_self_assignment": True})
    user = user_with(role)
    states = objects_for(user)
    wrong = []
    for permission, roles in ROUTE_TABLE.items():
        if can(user, permission) != (role in roles):
            wrong.append((permission, None, role in roles))
    for (permission, state), roles in OBJECT_TABLE.items():
        obj = states.get(state)
        if obj is None:
            continue
        if can(user, permission, obj) != (role in roles):
            wrong.append((permission, state, role in roles))
    assert wrong == [], f"{role}: (permission, object state, the table's answer)"


@pytest.mark.django_db
@pytest.mark.parametrize("role", ROLES)
def test_the_list_filters_select_exactly_the_objects_a_detail_allows(role):
    """permitted() and can() are the same rule in two forms; here they must agree."""
    user = user_with(role)
    states = objects_for(user)
    wrong = []
    for (permission, state), _ in OBJECT_TABLE.items():
        obj = states.get(state)
        if obj is None:
            continue
        listed = permitted(user, permission, type(obj).objects.filter(pk=obj.pk)).exists()
        if listed != can(user, permission, obj):
            wrong.append((permission, state))
    assert wrong == []


@pytest.mark.django_db
@pytest.mark.parametrize("role", ROLES)
def test_without_self_assignment_nobody_picks_up_an_article(role):
    DeskSettings.objects.update_or_create(pk=1, defaults={"allow_self_assignment": False})
    user = user_with(role)

    assert not can(user, P.Assignment.PICK_UP)
    assert not can(user, P.Assignment.PICK_UP, ArticleFactory())


@pytest.mark.django_db
def test_a_refusal_names_the_rule_that_failed(alice, editor):
    DeskSettings.objects.update_or_create(pk=1, defaults={"allow_self_assignment": True})
    with pytest.raises(DomainError) as not_a_reviewer:
        require(editor, P.Assignment.PICK_UP)
    DeskSettings.objects.update_or_create(pk=1, defaults={"allow_self_assignment": False})
    with pytest.raises(DomainError) as desk_forbids:
        require(alice, P.Assignment.PICK_UP)

    assert (not_a_reviewer.value.status, not_a_reviewer.value.code) == (403, "not_reviewer")
    assert (desk_forbids.value.status, desk_forbids.value.code) == (403, "self_assignment_off")


@pytest.mark.django_db
def test_a_rule_about_an_object_never_holds_without_one_in_a_list_filter(alice):
    """Deny by default: a list of annotations for a reviewer holds only what a rule selects."""
    mine = AnnotationFactory(reviewer=alice)
    AnnotationFactory()

    assert list(permitted(alice, P.Annotation.UPDATE, Annotation.objects.all())) == [mine]
    assert not permitted(AnonymousUser(), P.Annotation.READ, Annotation.objects.all()).exists()
