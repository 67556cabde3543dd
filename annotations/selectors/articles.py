"""Reads for articles and annotations: querysets scoped to what each user may see (the rules
are annotations.permissions'; these add what the pages and the API read with them)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from django.contrib.auth import models as auth
from django.db.models import (
    Count,
    F,
    IntegerField,
    OuterRef,
    QuerySet,
    Subquery,
)
from django.db.models.functions import Coalesce
from django.utils import translation

from annotations.core.anchoring import Anchor, anchor
from annotations.core.diff import passage_change
from annotations.models import (
    Annotation,
    AnnotationAnchor,
    Article,
    ArticleRevision,
    Review,
    VerdictLabel,
)
from annotations.permissions import visible_annotations, visible_articles

User = auth.User | auth.AnonymousUser  # who asks: signed in or not


def articles_visible_to(user: User) -> QuerySet[Article]:
    """The articles the user may read (permissions.visible_articles)."""
    return visible_articles(user, Article.objects.all())


def articles_with_progress(user: User) -> QuerySet[Article]:
    """Articles with the user's review progress and, for editors, the desk's totals.

    Subqueries rather than joins, so that counts do not multiply and the list stays one query.
    """
    mine = Annotation.objects.filter(article=OuterRef("pk"), reviewer=user.pk)
    my_count = mine.order_by().values("article").annotate(n=Count("pk")).values("n")
    my_review = Review.objects.filter(article=OuterRef("pk"), reviewer=user.pk).values("status")
    all_count = (
        Annotation.objects.filter(article=OuterRef("pk"))
        .order_by()
        .values("article")
        .annotate(n=Count("pk"))
        .values("n")
    )
    submitted = (
        Review.objects.filter(article=OuterRef("pk"), status=Review.Status.SUBMITTED)
        .order_by()
        .values("article")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return (
        articles_visible_to(user)
        .defer("text")
        .annotate(
            my_annotation_count=Coalesce(Subquery(my_count, output_field=IntegerField()), 0),
            my_review_status=Subquery(my_review[:1]),
            annotation_count=Coalesce(Subquery(all_count, output_field=IntegerField()), 0),
            reviewer_count=Coalesce(Subquery(submitted, output_field=IntegerField()), 0),
            revision_number=latest_revision_number("pk"),
        )
    )


def annotations_visible_to(user: User) -> QuerySet[Annotation]:
    """The annotations the user may read (permissions.visible_annotations: blind review until
    both reviewers have submitted), with what their serializer reads."""
    return visible_annotations(
        user,
        Annotation.objects.select_related("verdict", "reviewer")
        .prefetch_related("sources")
        .annotate(revision_number=F("revision__number")),
    )


def review_status(*, article: Article, user: User) -> str | None:
    if not user.is_authenticated:
        return None
    return (
        Review.objects.filter(article=article, reviewer=user.pk)
        .values_list("status", flat=True)
        .first()
    )


def verdict_labels() -> list[VerdictLabel]:
    return list(VerdictLabel.objects.all())


def verdict_labels_translated() -> list[VerdictLabel]:
    """The scale with each label's names in the other languages (`label.translations`,
    selectors.labels): two queries, whatever the number of labels."""
    return list(VerdictLabel.objects.prefetch_related("translations"))


@dataclass(frozen=True)
class AnchoredAnnotations:
    """Server-verified places of annotations, by annotation id (None: could not be placed)."""

    anchors: dict[int, Anchor | None]
    # The revision number the anchors refer to, by article id.
    revisions: dict[int, int] = field(default_factory=dict)
    # The text of that revision, by article id.
    texts: dict[int, str] = field(default_factory=dict)

    def of(self, annotation: Annotation) -> Anchor | None:
        return self.anchors.get(annotation.pk)

    def change_of(self, annotation: Annotation) -> str | None:
        """What changed in the highlight's passage where it now lies, in a few words; None
        when it reads character for character as the highlight was made (or is unplaced)."""
        found = self.of(annotation)
        text = self.texts.get(annotation.article_id)
        if found is None or text is None:
            return None
        return passage_change(annotation.exact, text[found.start : found.end], words=translation)


def latest_revision_number(article_ref: str) -> Subquery:
    """A subquery: the latest revision number of the article `article_ref` names (an OuterRef
    path, e.g. "pk" in a query on articles, "article_id" in one on units)."""
    return Subquery(
        ArticleRevision.objects.filter(article_id=OuterRef(article_ref))
        .order_by("-number")
        .values("number")[:1]
    )


def revision_latest(article: Article) -> ArticleRevision | None:
    """The article's latest revision: the one its text is (None for an article saved without
    the services, which has none yet)."""
    return article.revisions.order_by("-number").first()


def revisions_latest(article_ids: Iterable[int]) -> dict[int, ArticleRevision]:
    """Each article's latest revision, by article id, in one query."""
    latest = ArticleRevision.objects.filter(
        article_id__in=set(article_ids), number=latest_revision_number("article_id")
    )
    return {revision.article_id: revision for revision in latest}


def annotations_anchor(
    annotations: Iterable[Annotation],
    *,
    revisions: dict[int, ArticleRevision] | None = None,
) -> AnchoredAnnotations:
    """Where each annotation lies in a revision of its article: by default the latest.

    `revisions` maps article id to the revision to show. On the revision it was made on, an
    annotation's own selectors are verified against the text; on a later one, the place the
    re-anchoring task stored is used (None if orphaned or confirmed gone). Until the task has
    run, or on an earlier revision, the annotation's quote is searched for in the text.
    A constant number of queries, however many annotations.
    """
    annotations = list(annotations)
    revisions = dict(revisions or {})
    missing = {a.article_id for a in annotations} - revisions.keys()
    if missing:
        revisions.update(revisions_latest(missing))
    if missing - revisions.keys():
        # An article saved without the services has no revision yet: its own text stands in.
        texts = Article.objects.filter(pk__in=missing - revisions.keys()).values_list("pk", "text")
        revisions.update({pk: ArticleRevision(article_id=pk, number=1, text=t) for pk, t in texts})
    stored = {
        row.annotation_id: row
        for row in AnnotationAnchor.objects.filter(
            annotation__in=[a.pk for a in annotations],
            revision__in=[r.pk for r in revisions.values()],
        )
    }
    places: dict[int, Anchor | None] = {}
    for annotation in annotations:
        revision = revisions[annotation.article_id]
        row = stored.get(annotation.pk)
        if annotation.revision_id != revision.pk and row is not None:
            places[annotation.pk] = (
                Anchor(row.start, row.end, row.method, row.confidence)
                if row.start is not None and row.end is not None  # both or neither (a constraint)
                else None
            )
            continue
        places[annotation.pk] = anchor(
            revision.text,
            exact=annotation.exact,
            prefix=annotation.prefix,
            suffix=annotation.suffix,
            start=annotation.start if annotation.revision_id == revision.pk else None,
            end=annotation.end if annotation.revision_id == revision.pk else None,
        )
    return AnchoredAnnotations(
        anchors=places,
        revisions={r.article_id: r.number for r in revisions.values()},
        texts={r.article_id: r.text for r in revisions.values()},
    )
