"""Who may do what: one deny-by-default map from each permission to the rules that grant it.

On the model of hypothesis/h's `h/security/permission_map.py` and `predicates.py`. A permission
is granted when every rule of at least one of its clauses holds; a permission the map does not
name is never granted. Everything else asks this module: the API's permission class
(`api/permissions.py`), the pages' decorator (`views/decorators.py`), the services' guards
(`require`) and the selectors' list filters (`visible_articles`, ...).

Rules come in two kinds:

- rules about the user (their roles, the desk's settings): plain functions of (user, obj);
- rules about an object (`ObjectRule`): a test on one instance and the same rule as a queryset
  filter, side by side, so that a list holds exactly the objects a detail would allow
  (tests/services/test_permissions.py checks that the two forms agree).

`can(user, permission)` without an object is the check a route makes before it has loaded the
object, as DRF's `has_permission` is: may the user do this to some object of the kind? Only
the rules about the user count. With an object, every rule counts; services pass the object.
"""

from __future__ import annotations

import operator
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from enum import StrEnum
from functools import reduce
from typing import TYPE_CHECKING, Any, TypeVar

from django.contrib.auth import models as auth
from django.db.models import Exists, Model, OuterRef, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from annotations import roles
from annotations.core.comments import EDIT_WINDOW, editable
from annotations.errors import DomainError
from annotations.models import Annotation, Article, DeskSettings, Notification, Review, Verdict

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

User = auth.User | auth.AnonymousUser  # who asks: signed in or not
M = TypeVar("M", bound=Model)


# --- Permissions -----------------------------------------------------------------------------


class PermissionName(StrEnum):
    """What every permission is: a value "<subject>:<action>", one enum per subject below."""


class Permission:
    """Every permission the desk checks, by subject: `Permission.Article.READ`, ..."""

    class Public(PermissionName):
        READ = "public:read"  # the API reference and its schema

    class Account(PermissionName):
        LOG_IN = "account:log-in"
        LOG_OUT = "account:log-out"
        USE = "account:use"  # one's own account and tokens, the API's index

    class Article(PermissionName):
        LIST = "article:list"  # the home page: it lists visible_articles, none without a role
        READ = "article:read"
        IMPORT = "article:import"
        REVISE = "article:revise"
        ASSIGN = "article:assign"
        SET_LANGUAGE = "article:set-language"  # editors, and the one who imported it

    class Annotation(PermissionName):
        READ = "annotation:read"
        CREATE = "annotation:create"
        UPDATE = "annotation:update"
        DELETE = "annotation:delete"

    class Review(PermissionName):
        READ = "review:read"
        SUBMIT = "review:submit"

    class Assignment(PermissionName):
        LIST = "assignment:list"  # the API's list of one's own assignments, empty without any
        HOLD = "assignment:hold"  # an inbox of assignments; who may be assigned
        PICK_UP = "assignment:pick-up"

    class Unit(PermissionName):
        ADJUDICATE = "unit:adjudicate"  # the queue, a unit's page and every decision on it
        # A unit's passage and where it stands, as a claim's appearance or related unit shows it.
        READ = "unit:read"
        # The fast lane: decide (and publish) many units every reviewer agreed on, at once.
        CONFIRM_READY = "unit:confirm-ready"

    class Verdict(PermissionName):
        READ = "verdict:read"
        READ_UNPUBLISHED = "verdict:read-unpublished"
        PUBLISH = "verdict:publish"  # and unpublish
        CORRECT = "verdict:correct"

    class Agreement(PermissionName):
        READ = "agreement:read"
        RECOMPUTE = "agreement:recompute"

    class Orphan(PermissionName):
        RESOLVE = "orphan:resolve"  # re-attach a highlight a revision lost, or confirm it gone

    class Claim(PermissionName):
        READ = "claim:read"  # claims across articles, their appearances, external fact-checks
        LINK = "claim:link"  # link a unit to a claim ("same" / "related"), unlink, restore
        IMPORT = "claim:import"  # import other fact-checkers' ClaimReview

    class Appearance(PermissionName):
        # Appearances to review (a sentence restating a checked claim): list, confirm, dismiss.
        REVIEW = "appearance:review"

    class Suggestion(PermissionName):
        # An article's suggested claims and quotes: whoever may read the article.
        READ = "suggestion:read"
        TRAIN = "suggestion:train"  # train the desk's check-worthiness model now

    class Evidence(PermissionName):
        # A source's archived copy: with its highlight for the desk, and for everyone once a
        # published verdict cites it. CAPTURE and CHECK ask for a new capture or a health
        # check now, outside the sweep.
        READ = "evidence:read"
        CAPTURE = "evidence:capture"
        CHECK = "evidence:check"

    class Search(PermissionName):
        # One search over claims, published verdicts, external fact-checks and articles; each
        # kind of result is still filtered by its own list filter (selectors.search).
        READ = "search:read"

    class Discussion(PermissionName):
        # A thread of comments on a unit or an article: editors, and the article's reviewers
        # once they have submitted (blind review holds: nobody reads the desk's talk before).
        READ = "discussion:read"
        COMMENT = "discussion:comment"
        EDIT = "discussion:edit"  # one's own comment, for core.comments.EDIT_WINDOW

    class Notification(PermissionName):
        READ = "notification:read"  # one's own notifications and e-mail preferences

    class Webhook(PermissionName):
        # Register, list, test, disable and rotate webhooks for partners: an editor, her own.
        MANAGE = "webhook:manage"

    class Feedback(PermissionName):
        # Where the final verdicts differed from one's own, and one's figures against them by
        # month (selectors.feedback): reviewers, about their own work only.
        READ_OWN = "feedback:read-own"
        # The same about any reviewer, and the list of reviewers with their figures: editors.
        READ_ANY = "feedback:read-any"


ALL_PERMISSIONS: list[PermissionName] = [
    permission for subject in PermissionName.__subclasses__() for permission in subject
]


# --- Rules about the user --------------------------------------------------------------------


@dataclass(frozen=True)
class Denial:
    """Why a permission was refused: a message for people and a stable code for clients."""

    message: StrOrPromise  # lazy: said in the language of the request it refuses
    code: str


Predicate = Callable[[User, Any], bool]


def denies(message: StrOrPromise, *, code: str) -> Callable[[Predicate], Predicate]:
    """A rule that, failing, says why in its own words rather than its permission's."""

    def decorator(predicate: Predicate) -> Predicate:
        predicate.denial = Denial(message, code)  # type: ignore[attr-defined]
        return predicate

    return decorator


def anyone(user: User, obj: Any) -> bool:
    return True


def user_authenticated(user: User, obj: Any) -> bool:
    return bool(user.is_authenticated)


def user_is_reviewer(user: User, obj: Any) -> bool:
    return roles.is_reviewer(user)


def user_is_editor(user: User, obj: Any) -> bool:
    """Editors, and admins, who hold every editor's permission."""
    return roles.is_editor(user)


def user_is_desk_member(user: User, obj: Any) -> bool:
    """Reviewers, editors and admins: who reads the desk's articles at all."""
    return roles.is_reviewer(user) or roles.is_editor(user)


@denies(_("On this desk, editors assign articles."), code="self_assignment_off")
def desk_allows_self_assignment(user: User, obj: Any) -> bool:
    return bool(DeskSettings.load().allow_self_assignment)


# --- Rules about an object -------------------------------------------------------------------


@dataclass(frozen=True)
class ObjectRule:
    """A rule about an object in its two forms: `test` for one instance, `q` for a queryset of
    them. Without an object it does not hold (see `can` for the route-level check)."""

    name: str
    test: Callable[[User, Any], bool]
    q: Callable[[User], Q]

    def __call__(self, user: User, obj: Any) -> bool:
        return obj is not None and self.test(user, obj)


def _submitted(article: Any, reviewer: Any) -> Exists:
    return Exists(
        Review.objects.filter(article=article, reviewer=reviewer, status=Review.Status.SUBMITTED)
    )


def _both_submitted(user: User, annotation: Any) -> bool:
    reviewers = {user.pk, annotation.reviewer_id}
    submitted = Review.objects.filter(
        article=annotation.article_id, reviewer__in=reviewers, status=Review.Status.SUBMITTED
    )
    return submitted.count() == len(reviewers)


def _reviewed_by_user(name: str, reviewer: str) -> ObjectRule:
    """The object is the user's work: its `reviewer` lookup (e.g. "annotation__reviewer") is
    them. Test and filter are made from the one lookup, so they cannot drift apart."""
    *path, field = reviewer.split("__")

    def test(user: User, obj: Any) -> bool:
        for step in path:
            obj = getattr(obj, step)
        return bool(getattr(obj, f"{field}_id") == user.pk)

    return ObjectRule(name, test=test, q=lambda user: Q(**{reviewer: user.pk}))


annotation_made_by_user = _reviewed_by_user("annotation_made_by_user", "reviewer")
# Blind review: a reviewer reads another's highlights on an article once both have submitted.
annotation_shared_with_user = ObjectRule(
    "annotation_shared_with_user",
    test=_both_submitted,
    q=lambda user: (
        Q(_submitted(OuterRef("article"), user.pk))
        & Q(_submitted(OuterRef("article"), OuterRef("reviewer")))
    ),
)
# The orphan rule: an anchor is resolved by the reviewer of its highlight (or by an editor).
anchor_of_users_highlight = _reviewed_by_user("anchor_of_users_highlight", "annotation__reviewer")
review_by_user = _reviewed_by_user("review_by_user", "reviewer")
# Blind review again: a unit is what reviewers highlighted. A reviewer sees the units of an
# article once she has submitted her own review of it (as for the highlights themselves)...
unit_article_submitted_by_user = ObjectRule(
    "unit_article_submitted_by_user",
    test=lambda user, unit: Review.objects.filter(
        article=unit.article_id, reviewer=user.pk, status=Review.Status.SUBMITTED
    ).exists(),
    q=lambda user: Q(_submitted(OuterRef("article"), user.pk)),
)
# ... or once its verdict is published: the readers' page shows its passage to anyone.
unit_verdict_published = ObjectRule(
    "unit_verdict_published",
    test=lambda user, unit: Verdict.objects.filter(unit=unit.pk, is_published=True).exists(),
    q=lambda user: Q(Exists(Verdict.objects.filter(unit=OuterRef("pk"), is_published=True))),
)
# A source goes with its highlight: whoever may read the highlight may read the source.
source_of_readable_highlight = ObjectRule(
    "source_of_readable_highlight",
    test=lambda user, source: can(user, Permission.Annotation.READ, source.annotation),
    q=lambda user: Q(
        annotation__in=permitted(user, Permission.Annotation.READ, Annotation.objects.all())
    ),
)
# ... and belongs to readers once a published verdict cites it.
source_cited_by_published_verdict = ObjectRule(
    "source_cited_by_published_verdict",
    test=lambda user, source: source.cited_by.filter(is_published=True).exists(),
    q=lambda user: Q(
        Exists(
            Verdict.sources.through.objects.filter(
                source=OuterRef("pk"), verdict__is_published=True
            )
        )
    ),
)
verdict_published = ObjectRule(
    "verdict_published",
    test=lambda user, verdict: verdict.is_published,
    q=lambda user: Q(is_published=True),
)


def _thread_article_id(obj: Any) -> Any:
    """The article a thread (an article, a unit) or a comment belongs to."""
    return obj.pk if isinstance(obj, Article) else obj.article_id


# Discussion, blind review again: a reviewer reads and joins the threads of an article (on the
# article or on its units) once she has submitted her own review of it. The filter is for
# models with an `article` (comments, units).
thread_article_submitted_by_user = ObjectRule(
    "thread_article_submitted_by_user",
    test=lambda user, obj: Review.objects.filter(
        article=_thread_article_id(obj), reviewer=user.pk, status=Review.Status.SUBMITTED
    ).exists(),
    q=lambda user: Q(_submitted(OuterRef("article"), user.pk)),
)
comment_by_user = _reviewed_by_user("comment_by_user", "author")
# A comment is edited only for a short while: later, a correction is a new comment.
comment_still_editable = ObjectRule(
    "comment_still_editable",
    test=lambda user, comment: editable(comment.created, timezone.now()),
    q=lambda user: Q(created__gte=timezone.now() - EDIT_WINDOW),
)
notification_for_user = _reviewed_by_user("notification_for_user", "recipient")
article_imported_by_user = _reviewed_by_user("article_imported_by_user", "imported_by")
webhook_made_by_user = _reviewed_by_user("webhook_made_by_user", "created_by")

Rule = Predicate | ObjectRule
Clause = tuple[Rule, ...]

# --- The map ---------------------------------------------------------------------------------

P = Permission

PERMISSION_MAP: dict[PermissionName, list[Clause]] = {
    P.Public.READ: [(anyone,)],
    P.Account.LOG_IN: [(anyone,)],
    P.Account.LOG_OUT: [(anyone,)],  # logging out when logged out does nothing
    P.Account.USE: [(user_authenticated,)],
    P.Article.LIST: [(user_authenticated,)],
    P.Article.READ: [(user_is_desk_member,)],
    P.Article.IMPORT: [(user_is_editor,)],
    P.Article.REVISE: [(user_is_editor,)],
    P.Article.ASSIGN: [(user_is_editor,)],
    # The importer knows the article's language best, even without an editor's role now.
    P.Article.SET_LANGUAGE: [(user_is_editor,), (user_is_desk_member, article_imported_by_user)],
    P.Annotation.READ: [
        (user_is_editor,),
        (user_is_reviewer, annotation_made_by_user),
        (user_is_reviewer, annotation_shared_with_user),
    ],
    # Reviewers annotate; editors adjudicate rather than review (a person may hold both roles).
    P.Annotation.CREATE: [(user_is_reviewer,)],
    # Only the highlight's reviewer: editors decide verdicts in the queue, never edit highlights.
    P.Annotation.UPDATE: [(user_is_desk_member, annotation_made_by_user)],
    P.Annotation.DELETE: [(user_is_desk_member, annotation_made_by_user)],
    P.Review.READ: [(user_is_editor,), (user_is_desk_member, review_by_user)],
    P.Review.SUBMIT: [(user_is_reviewer,)],
    P.Assignment.LIST: [(user_authenticated,)],
    P.Assignment.HOLD: [(user_is_reviewer,)],
    P.Assignment.PICK_UP: [(user_is_reviewer, desk_allows_self_assignment)],
    P.Unit.ADJUDICATE: [(user_is_editor,)],
    P.Unit.CONFIRM_READY: [(user_is_editor,)],
    P.Unit.READ: [
        (user_is_editor,),
        (user_is_desk_member, unit_article_submitted_by_user),
        (user_is_desk_member, unit_verdict_published),
    ],
    # Anyone reads published verdicts; drafts, decided and withdrawn ones never leave the desk.
    P.Verdict.READ: [(verdict_published,), (user_is_editor,)],
    P.Verdict.READ_UNPUBLISHED: [(user_is_editor,)],
    P.Verdict.PUBLISH: [(user_is_editor,)],
    P.Verdict.CORRECT: [(user_is_editor,)],
    # Editors only: reviewers never see how their verdicts compare.
    P.Agreement.READ: [(user_is_editor,)],
    P.Agreement.RECOMPUTE: [(user_is_editor,)],
    P.Orphan.RESOLVE: [(user_is_editor,), (user_is_desk_member, anchor_of_users_highlight)],
    # Published verdicts and other fact-checkers' work: nothing here breaks blind review.
    P.Claim.READ: [(user_is_desk_member,)],
    P.Claim.LINK: [(user_is_editor,)],
    P.Claim.IMPORT: [(user_is_editor,)],
    P.Appearance.REVIEW: [(user_is_editor,)],
    # Computed from the text alone (and published or external verdicts): blind review holds.
    P.Suggestion.READ: [(user_is_desk_member,)],
    P.Suggestion.TRAIN: [(user_is_editor,)],
    P.Evidence.READ: [
        (source_cited_by_published_verdict,),
        (user_is_desk_member, source_of_readable_highlight),
    ],
    P.Evidence.CAPTURE: [(user_is_editor,)],
    P.Evidence.CHECK: [(user_is_editor,)],
    # Published verdicts only, and no highlights at all: blind review holds.
    P.Search.READ: [(user_is_desk_member,)],
    P.Discussion.READ: [(user_is_editor,), (user_is_desk_member, thread_article_submitted_by_user)],
    P.Discussion.COMMENT: [
        (user_is_editor,),
        (user_is_desk_member, thread_article_submitted_by_user),
    ],
    # The author alone, and only for a while; and only while she may still read the thread.
    P.Discussion.EDIT: [
        (user_is_editor, comment_by_user, comment_still_editable),
        (
            user_is_desk_member,
            comment_by_user,
            comment_still_editable,
            thread_article_submitted_by_user,
        ),
    ],
    P.Notification.READ: [(user_authenticated, notification_for_user)],
    P.Webhook.MANAGE: [(user_is_editor, webhook_made_by_user)],
    # Another reviewer's figures stay with the editors (names hidden where the desk hides them).
    P.Feedback.READ_OWN: [(user_is_reviewer,)],
    P.Feedback.READ_ANY: [(user_is_editor,)],
}

_NOT_EDITOR = "not_editor"
_NOT_REVIEWER = "not_reviewer"
_NOT_MEMBER = Denial(_("You are not a member of this desk."), "not_desk_member")
_NOT_LOGGED_IN = Denial(_("Log in first."), "not_authenticated")

DENIALS: dict[PermissionName, Denial] = {
    P.Account.USE: _NOT_LOGGED_IN,
    P.Article.LIST: _NOT_LOGGED_IN,
    P.Article.READ: _NOT_MEMBER,
    P.Article.IMPORT: Denial(_("Only editors import articles."), _NOT_EDITOR),
    P.Article.REVISE: Denial(_("Only editors import new versions."), _NOT_EDITOR),
    P.Article.ASSIGN: Denial(_("Only editors assign articles."), _NOT_EDITOR),
    P.Article.SET_LANGUAGE: Denial(
        _("Only editors and the article's importer change its language."), _NOT_EDITOR
    ),
    P.Annotation.READ: _NOT_MEMBER,
    P.Annotation.CREATE: Denial(_("Only reviewers annotate articles."), _NOT_REVIEWER),
    P.Annotation.UPDATE: Denial(
        _("Only the reviewer who made an annotation can change it."), "not_owner"
    ),
    P.Annotation.DELETE: Denial(
        _("Only the reviewer who made an annotation can delete it."), "not_owner"
    ),
    P.Review.READ: _NOT_MEMBER,
    P.Review.SUBMIT: Denial(_("Only reviewers submit reviews."), _NOT_REVIEWER),
    P.Assignment.LIST: _NOT_LOGGED_IN,
    P.Assignment.HOLD: Denial(_("Only reviewers have assignments."), _NOT_REVIEWER),
    P.Assignment.PICK_UP: Denial(_("Only reviewers pick up articles."), _NOT_REVIEWER),
    P.Unit.ADJUDICATE: Denial(_("Only editors adjudicate."), _NOT_EDITOR),
    P.Unit.CONFIRM_READY: Denial(_("Only editors confirm agreed verdicts."), _NOT_EDITOR),
    P.Unit.READ: Denial(_("Submit your own review of the article first."), "review_not_submitted"),
    P.Verdict.READ: Denial(_("Only editors see unpublished verdicts."), _NOT_EDITOR),
    P.Verdict.READ_UNPUBLISHED: Denial(_("Only editors see unpublished verdicts."), _NOT_EDITOR),
    P.Verdict.PUBLISH: Denial(_("Only editors publish verdicts."), _NOT_EDITOR),
    P.Verdict.CORRECT: Denial(_("Only editors correct verdicts."), _NOT_EDITOR),
    P.Agreement.READ: Denial(_("Only editors see the desk's agreement."), _NOT_EDITOR),
    P.Agreement.RECOMPUTE: Denial(_("Only editors recompute the desk's agreement."), _NOT_EDITOR),
    P.Orphan.RESOLVE: Denial(_("Only its reviewer or an editor can resolve this."), "forbidden"),
    P.Claim.READ: _NOT_MEMBER,
    P.Claim.LINK: Denial(_("Only editors link units to claims."), _NOT_EDITOR),
    P.Claim.IMPORT: Denial(_("Only editors import other fact-checkers' reviews."), _NOT_EDITOR),
    P.Appearance.REVIEW: Denial(_("Only editors review where claims appear again."), _NOT_EDITOR),
    P.Suggestion.READ: _NOT_MEMBER,
    P.Suggestion.TRAIN: Denial(_("Only editors train the desk's suggestions."), _NOT_EDITOR),
    P.Evidence.CAPTURE: Denial(_("Only editors capture sources again."), _NOT_EDITOR),
    P.Evidence.CHECK: Denial(_("Only editors check sources now."), _NOT_EDITOR),
    P.Search.READ: _NOT_MEMBER,
    P.Discussion.READ: Denial(
        _("Submit your own review of the article first."), "review_not_submitted"
    ),
    P.Discussion.COMMENT: Denial(
        _("Submit your own review of the article first."), "review_not_submitted"
    ),
    P.Discussion.EDIT: Denial(
        _(
            "Only its author edits a comment, and only for a short while: add a new comment to "
            "correct it."
        ),
        "comment_not_editable",
    ),
    P.Notification.READ: _NOT_LOGGED_IN,
    P.Webhook.MANAGE: Denial(_("Only editors manage webhooks."), _NOT_EDITOR),
    P.Feedback.READ_OWN: Denial(_("Feedback is about reviewers' own work."), _NOT_REVIEWER),
    P.Feedback.READ_ANY: Denial(_("Only editors see reviewers' feedback."), _NOT_EDITOR),
}
_DENIED = Denial(_("You may not do this."), "forbidden")


# --- Asking the map --------------------------------------------------------------------------


def _counts(rule: Rule, obj: Any) -> bool:
    # Without an object, rules about an object are left for when the object is loaded.
    return obj is not None or not isinstance(rule, ObjectRule)


def _clause_holds(clause: Clause, user: User, obj: Any) -> bool:
    return all(rule(user, obj) for rule in clause if _counts(rule, obj))


def can(user: User, permission: PermissionName, obj: Any = None) -> bool:
    """Whether `user` holds `permission` (on `obj`, when given; see the module's docstring)."""
    return any(_clause_holds(clause, user, obj) for clause in PERMISSION_MAP.get(permission, ()))


def denial(user: User, permission: PermissionName, obj: Any = None) -> Denial:
    """Why `user` does not hold `permission`: the words of the first rule that failed, if it
    has its own (a single-clause permission), else the permission's."""
    clauses = PERMISSION_MAP.get(permission, ())
    if len(clauses) == 1:
        for rule in clauses[0]:
            if _counts(rule, obj) and not rule(user, obj):
                own: Denial | None = getattr(rule, "denial", None)
                if own is not None:
                    return own
                break
    return DENIALS.get(permission, _DENIED)


def require(user: User, permission: PermissionName, obj: Any = None) -> None:
    """The services' guard: DomainError(status=403) unless `user` holds `permission`.

    A DomainError rather than Django's PermissionDenied because services serve the API, the
    pages, the admin and tasks alike: each turns the one error type into its own response.
    """
    if not can(user, permission, obj):
        refused = denial(user, permission, obj)
        raise DomainError(str(refused.message), code=refused.code, status=403)


def permitted(user: User, permission: PermissionName, queryset: QuerySet[M]) -> QuerySet[M]:
    """The objects of `queryset` on which `user` holds `permission`: the map as a filter.

    A clause whose rules about the user hold grants the objects its object rules select (every
    object, if it has none); the clauses are alternatives.
    """
    condition: Q | None = None
    for clause in PERMISSION_MAP.get(permission, ()):
        if not _clause_holds(clause, user, None):
            continue
        object_rules: Sequence[ObjectRule] = [r for r in clause if isinstance(r, ObjectRule)]
        if not object_rules:
            return queryset
        selected = reduce(operator.and_, (rule.q(user) for rule in object_rules))
        condition = selected if condition is None else condition | selected
    return queryset.none() if condition is None else queryset.filter(condition)


# --- One filter per readable model: what the selectors build on ------------------------------


def visible_articles(user: User, articles: QuerySet[M]) -> QuerySet[M]:
    """Every article of the desk for its members (reviewers, editors, admins); none otherwise."""
    return permitted(user, P.Article.READ, articles)


def visible_annotations(user: User, annotations: QuerySet[M]) -> QuerySet[M]:
    """Editors: all. Reviewers: their own, and, once they have submitted their review of an
    article, those of the other reviewers who have submitted theirs. Anyone else: none."""
    return permitted(user, P.Annotation.READ, annotations)


def visible_reviews(user: User, reviews: QuerySet[M]) -> QuerySet[M]:
    """Editors: every reviewer's. Other members of the desk: their own."""
    return permitted(user, P.Review.READ, reviews)


def visible_verdicts(user: User, verdicts: QuerySet[M]) -> QuerySet[M]:
    """Editors: every verdict. Everyone else: published ones."""
    return permitted(user, P.Verdict.READ, verdicts)


def visible_units(user: User, units: QuerySet[M]) -> QuerySet[M]:
    """Editors: every unit. Other members of the desk: the units of articles they have
    submitted their review of, and units whose verdict is published. Anyone else: none."""
    return permitted(user, P.Unit.READ, units)


def visible_claims(user: User, claims: QuerySet[M]) -> QuerySet[M]:
    """Every claim (and external fact-check) for the desk's members; none otherwise."""
    return permitted(user, P.Claim.READ, claims)


def visible_appearances(user: User, appearances: QuerySet[M]) -> QuerySet[M]:
    """Appearances to review (SuggestedAppearance): editors, all; anyone else, none."""
    return permitted(user, P.Appearance.REVIEW, appearances)


def visible_sources(user: User, sources: QuerySet[M]) -> QuerySet[M]:
    """Sources (and their archived copies): those of the highlights the user may read, and,
    for everyone, those a published verdict cites."""
    return permitted(user, P.Evidence.READ, sources)


def visible_comments(user: User, comments: QuerySet[M]) -> QuerySet[M]:
    """Comments in the threads the user may read: editors, all; reviewers, those on the
    articles they have submitted their review of; anyone else, none."""
    return permitted(user, P.Discussion.READ, comments)


def own_notifications(user: User, notifications: QuerySet[M]) -> QuerySet[M]:
    """The user's own notifications; none for anyone not signed in."""
    return permitted(user, P.Notification.READ, notifications)


# Who each kind of notification can reach, as a permission its recipients hold: the e-mail
# preferences offer a user only the kinds they can receive (services/notification_events.py
# chooses the recipients: reviewers of the unit, the assignee, editors, a webhook's editor).
NOTIFICATION_AUDIENCE: dict[str, PermissionName] = {
    Notification.Kind.ASSIGNMENT: P.Assignment.HOLD,
    Notification.Kind.DUE_TOMORROW: P.Assignment.HOLD,
    Notification.Kind.MENTION: P.Notification.READ,
    Notification.Kind.SEND_BACK: P.Annotation.CREATE,
    Notification.Kind.VERDICT_DIFFERED: P.Annotation.CREATE,
    Notification.Kind.CLAIM_CHANGED: P.Verdict.CORRECT,
    Notification.Kind.CLAIM_REAPPEARED: P.Claim.LINK,
    Notification.Kind.WEBHOOK_DISABLED: P.Webhook.MANAGE,
}


def notification_kinds_receivable(user: User) -> list[str]:
    """The kinds of notification `user` can receive, in the kinds' order."""
    return [
        kind
        for kind in Notification.Kind.values
        if can(user, NOTIFICATION_AUDIENCE.get(kind, P.Notification.READ))
    ]


def own_webhooks(user: User, subscriptions: QuerySet[M]) -> QuerySet[M]:
    """The webhook subscriptions an editor registered; none for anyone else."""
    return permitted(user, P.Webhook.MANAGE, subscriptions)


def active_editors() -> QuerySet[auth.User]:
    """The desk's active editors (and admins): whom notifications about published verdicts
    and checked claims reach when no one editor is theirs."""
    return auth.User.objects.filter(roles.holders_q(roles.Role.EDITOR), is_active=True).distinct()


def thread_readers(article_id: int) -> QuerySet[auth.User]:
    """The active people who may read the threads of an article (Discussion.READ, as a query
    on users rather than on comments): editors, and the desk's members who have submitted
    their review of it. Who a comment may mention, and who a thread's notifications reach."""
    editors = roles.holders_q(roles.Role.EDITOR)
    submitted = roles.holders_q(roles.Role.REVIEWER, roles.Role.EDITOR) & Q(
        Exists(
            Review.objects.filter(
                article=article_id, reviewer=OuterRef("pk"), status=Review.Status.SUBMITTED
            )
        )
    )
    return auth.User.objects.filter(Q(is_active=True) & (editors | submitted)).distinct()


def resolvable_anchors(user: User, anchors: QuerySet[M]) -> QuerySet[M]:
    """Anchors of highlights the user may re-attach or confirm gone: their own; editors, any."""
    return permitted(user, P.Orphan.RESOLVE, anchors)
