"""Writes for article revisions: a new version of the text, re-anchoring every highlight on
it, and people resolving the highlights that could not be placed."""

from __future__ import annotations

import datetime

from django.contrib.auth.models import User
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext

from annotations import selectors
from annotations.core import anchoring
from annotations.errors import DomainError
from annotations.models import (
    Annotation,
    AnnotationAnchor,
    Article,
    ArticleRevision,
)
from annotations.permissions import Permission, require
from annotations.services.agreement import article_agreement_mark_changed
from annotations.services.annotations import TargetInput, target_validate
from annotations.services.articles import (
    ExtractedArticle,
    text_validate,
    upload_extract,
    url_extract,
)
from annotations.services.queueing import revisions_unfinished_resend, task_send_after_commit
from annotations.services.recurrence import revision_claims_scan_after_commit
from annotations.services.suggestions import revision_suggestions_compute_after_commit
from annotations.validators import visible_name_check

Status = AnnotationAnchor.Status


def revision_latest_or_create(article: Article) -> ArticleRevision:
    """The article's current revision (the one its `text` is), creating revision 1 for an article
    imported before revisions existed. `selectors.revision_latest` is the read: None there."""
    return selectors.revision_latest(article) or revision_first_create(article)


def revision_first_create(article: Article) -> ArticleRevision:
    """Revision 1 for an article that has none yet (new articles; see migration 0008)."""
    revision, _ = ArticleRevision.objects.get_or_create(
        article=article,
        number=1,
        defaults={
            "title": article.title,
            "text": article.text,
            "created_by_id": article.imported_by_id,
            "reanchored_at": timezone.now(),
        },
    )
    return revision


def article_revise(
    *,
    article: Article,
    text: str,
    title: str = "",
    origin: str = ArticleRevision.Origin.PASTE,
    created_by: User | None,
) -> tuple[ArticleRevision, bool]:
    """Store a new version of the article's text; (revision, created).

    The old text stays as the previous revision. Unchanged text creates nothing and returns
    the current revision: re-fetching a URL that did not change is not an edit. Highlights
    are re-anchored on the new revision by a task, after the commit.
    """
    if created_by is not None:  # None: the desk's own fetches, on no one's behalf
        require(created_by, Permission.Article.REVISE, article)
    canonical = text_validate(text)
    title = " ".join(visible_name_check(title, field="title").split())[:500]
    with transaction.atomic():
        locked = Article.objects.select_for_update().get(pk=article.pk)
        current = revision_latest_or_create(locked)
        if canonical == current.text and (not title or title == locked.title):
            return current, False
        revision = ArticleRevision.objects.create(
            article=locked,
            number=current.number + 1,
            title=title or locked.title,
            text=canonical,
            origin=origin,
            created_by=created_by,
        )
        locked.text, locked.title = canonical, revision.title
        locked.save(update_fields=["text", "title", "modified"])
        article.text, article.title = locked.text, locked.title

        from annotations.tasks import revision_reanchor_task  # the task imports services

        task_send_after_commit(
            lambda: revision_reanchor_task.delay(revision.pk),
            what=f"the re-anchoring of revision {revision.pk}",
        )
        revision_claims_scan_after_commit(revision.pk)
        revision_suggestions_compute_after_commit(revision.pk)
    return revision, True


def article_revision_import(
    *,
    article: Article,
    created_by: User | None,
    text: str = "",
    upload_name: str = "",
    upload_content: bytes | None = None,
    refetch: bool = False,
) -> tuple[ArticleRevision, bool]:
    """A new version from exactly one of: pasted text, an uploaded file, its URL fetched again."""
    given = [bool(text.strip()), upload_content is not None, refetch]
    if sum(given) != 1:
        raise DomainError(
            gettext(
                "Paste the new text, upload a file, or fetch the URL again: exactly one of them."
            ),
            code="revision_source_ambiguous",
        )
    if upload_content is not None:
        extracted, origin = upload_extract(name=upload_name, content=upload_content), "upload"
    elif refetch:
        if not article.source_url:
            raise DomainError(
                gettext("This article has no URL to fetch again."),
                code="no_source_url",
                field="url",
            )
        extracted, origin = url_extract(article.source_url), "url"
    else:
        extracted, origin = ExtractedArticle(text=text), "paste"
    return article_revise(
        article=article,
        text=extracted.text,
        title=extracted.title,
        origin=origin,
        created_by=created_by,
    )


def unplaced_revisions_sweep(
    *, older_than: datetime.timedelta = datetime.timedelta(minutes=2)
) -> list[int]:
    """Re-enqueue the re-anchoring of revisions still unplaced after a while; their ids
    (revision_reanchor is idempotent)."""
    from annotations.tasks import revision_reanchor_task

    return revisions_unfinished_resend(
        done_field="reanchored_at",
        send=revision_reanchor_task.delay,
        what="the re-anchoring",
        older_than=older_than,
    )


def _placed_on(
    annotation: Annotation, previous: ArticleRevision, anchors: dict[int, AnnotationAnchor]
) -> anchoring.StoredTarget | None:
    """Where the annotation lay on the previous revision, as a target to carry forward:
    its own selectors if it was made there, else its anchor there (`anchors`, by annotation)."""
    source: Annotation | AnnotationAnchor | None = annotation
    if annotation.revision_id != previous.pk:
        source = anchors.get(annotation.pk)
    # A highlight always has its offsets; an anchor has none when orphaned (both or neither).
    if source is None or source.start is None or source.end is None:
        return None
    return anchoring.StoredTarget(
        exact=source.exact,
        prefix=source.prefix,
        suffix=source.suffix,
        start=source.start,
        end=source.end,
    )


def revision_reanchor(*, revision_id: int) -> int:
    """Place every highlight of earlier revisions on this one; the number of orphans.

    Carries each highlight from where it lay on the previous revision (anchoring.reanchor:
    diff, then exact quote, then fuzzy). One that was already lost there is looked for by its
    own quote. Safe to run twice: rows are replaced, except those a person resolved.
    """
    revision = ArticleRevision.objects.select_related("article").get(pk=revision_id)
    previous = (
        ArticleRevision.objects.filter(article_id=revision.article_id, number__lt=revision.number)
        .order_by("-number")
        .first()
    )
    resolved = AnnotationAnchor.objects.filter(
        revision=revision, status__in=AnnotationAnchor.RESOLVED_STATUSES
    ).values("annotation_id")
    annotations = list(
        Annotation.objects.filter(article_id=revision.article_id)
        .exclude(revision=revision)
        .exclude(pk__in=resolved)
        .order_by("pk")
    )
    # Only the previous revision's anchors: what an earlier one said is superseded.
    on_previous = {
        row.annotation_id: row for row in AnnotationAnchor.objects.filter(revision=previous)
    }
    carried = [(a, _placed_on(a, previous, on_previous) if previous else None) for a in annotations]
    targets = [target for _, target in carried if target is not None]
    placed = iter(
        anchoring.reanchor(previous.text, revision.text, targets)
        if targets and previous is not None  # targets come from a previous revision only
        else []
    )
    rows = []
    for annotation, target in carried:
        if target is not None:
            found = next(placed)
        else:  # lost before: perhaps the passage came back
            found = anchoring.anchor(
                revision.text,
                exact=annotation.exact,
                prefix=annotation.prefix,
                suffix=annotation.suffix,
            )
        rows.append(_anchor_row(annotation, revision, found))
    with transaction.atomic():
        AnnotationAnchor.objects.filter(
            revision=revision, annotation_id__in=[a.pk for a in annotations]
        ).delete()
        AnnotationAnchor.objects.bulk_create(rows, batch_size=500)
        ArticleRevision.objects.filter(pk=revision.pk).update(reanchored_at=timezone.now())
        # Units and agreement compare highlights on the latest revision: regroup them now
        # that every highlight has its place there.
        article_agreement_mark_changed(article_id=revision.article_id)
    return sum(1 for row in rows if row.status == Status.ORPHANED)


def _anchor_row(
    annotation: Annotation, revision: ArticleRevision, found: anchoring.Anchor | None
) -> AnnotationAnchor:
    if found is None:
        return AnnotationAnchor(annotation=annotation, revision=revision, status=Status.ORPHANED)
    quote = anchoring.quote_around(revision.text, found.start, found.end)
    return AnnotationAnchor(
        annotation=annotation,
        revision=revision,
        status=Status.ANCHORED,
        method=found.method,
        confidence=round(found.confidence, 4),
        exact=quote.exact,
        prefix=quote.prefix,
        suffix=quote.suffix,
        start=found.start,
        end=found.end,
    )


def _orphan_for_resolving(anchor: AnnotationAnchor, actor: User) -> None:
    require(actor, Permission.Orphan.RESOLVE, anchor)
    if anchor.status != Status.ORPHANED:
        raise DomainError(
            gettext("This highlight is not waiting to be re-attached."),
            code="not_orphaned",
            status=409,
        )
    if anchor.revision.article.revisions.filter(number__gt=anchor.revision.number).exists():
        raise DomainError(
            gettext("A newer revision exists: resolve the highlight there."),
            code="stale_revision",
            status=409,
        )


def orphan_confirm_gone(*, anchor: AnnotationAnchor, actor: User) -> AnnotationAnchor:
    """A person confirms the highlighted passage is no longer in the article."""
    _orphan_for_resolving(anchor, actor)
    updated = AnnotationAnchor.objects.filter(pk=anchor.pk, status=Status.ORPHANED).update(
        status=Status.GONE, resolved_by=actor, modified=timezone.now()
    )
    if not updated:
        raise DomainError(
            gettext("Someone resolved this highlight first."), code="conflict", status=409
        )
    anchor.refresh_from_db()
    return anchor


def orphan_reattach(
    *, anchor: AnnotationAnchor, actor: User, target: TargetInput
) -> AnnotationAnchor:
    """A person chooses the passage the highlight now refers to in this revision."""
    _orphan_for_resolving(anchor, actor)
    target = target_validate(text=anchor.revision.text, target=target)
    updated = AnnotationAnchor.objects.filter(pk=anchor.pk, status=Status.ORPHANED).update(
        status=Status.REATTACHED,
        method="person",
        confidence=1.0,
        exact=target.exact,
        prefix=target.prefix,
        suffix=target.suffix,
        start=target.start,
        end=target.end,
        resolved_by=actor,
        modified=timezone.now(),
    )
    if not updated:
        raise DomainError(
            gettext("Someone resolved this highlight first."), code="conflict", status=409
        )
    anchor.refresh_from_db()
    return anchor
