"""Writes for annotations: a reviewer's highlights with their verdicts and sources.

These are drafts: a highlight counts for units and agreement only once its review is submitted
(services.reviews), and a submitted review's highlights can no longer change. So none of these
writes marks the article's statistics changed; recomputing on every keystroke of a draft was
half of an annotation POST's time for figures that could not move.
"""

from __future__ import annotations

import dataclasses
import datetime
from collections.abc import Sequence
from dataclasses import dataclass, field

from django.conf import settings
from django.contrib.auth.models import User
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext

from annotations import selectors
from annotations.core.anchoring import quote_around, utf16_to_code_point_offset
from annotations.errors import DomainError
from annotations.fetching import url_host_check
from annotations.models import Annotation, Article, Review, Source, Suggestion, VerdictLabel
from annotations.permissions import Permission, require
from annotations.services import evidence


@dataclass(frozen=True)
class TargetInput:
    """The selectors a client sends: TextQuoteSelector and TextPositionSelector together."""

    exact: str
    start: int
    end: int
    prefix: str = ""
    suffix: str = ""


@dataclass(frozen=True)
class SourceInput:
    url: str
    title: str = ""
    publisher: str = ""
    passage: str = ""
    stance: str = Source.Stance.CONTEXT
    accessed_on: datetime.date | None = None


@dataclass(frozen=True)
class AnnotationChanges:
    """Fields to change on an annotation; None leaves a field as it is."""

    kind: str | None = None
    speaker: str | None = None
    target: TargetInput | None = None
    verdict: VerdictLabel | None = None
    rationale: str | None = None
    sources: Sequence[SourceInput] | None = field(default=None)


def target_validate(*, text: str, target: TargetInput) -> TargetInput:
    """Check a target against the article's canonical text; return it with server context.

    The position must hold the exact quote; prefix and suffix, when sent, must match the text
    around it. The stored prefix and suffix are always recomputed from the text.
    """
    start, end = target.start, target.end
    if start < 0 or end < 0:
        raise DomainError(
            gettext("Offsets cannot be negative."), code="target_offsets", field="target.start"
        )
    if start >= end:
        raise DomainError(
            gettext("end must be greater than start."), code="target_offsets", field="target.end"
        )
    if not target.exact.strip():
        raise DomainError(
            gettext("The highlight is empty."), code="target_empty", field="target.exact"
        )
    if len(target.exact) > settings.ANNOTATION_MAX_CHARACTERS:
        raise DomainError(
            gettext("A highlight can be at most %(limit)s characters long.")
            % {"limit": settings.ANNOTATION_MAX_CHARACTERS},
            code="target_too_long",
            field="target.exact",
        )
    if end > len(text) or text[start:end] != target.exact:
        if end > len(text) and not _utf16_match(text, target):
            raise DomainError(
                gettext("The offsets lie outside the text, which has %(length)s characters.")
                % {"length": len(text)},
                code="target_out_of_range",
                field="target.end",
            )
        raise DomainError(
            _mismatch_explain(text, target), code="target_mismatch", field="target.exact"
        )
    context = quote_around(text, start, end)
    if target.prefix and not text.endswith(target.prefix, 0, start):
        raise DomainError(
            gettext("prefix does not match the text before the quote."),
            code="target_prefix_mismatch",
            field="target.prefix",
        )
    if target.suffix and not text.startswith(target.suffix, end):
        raise DomainError(
            gettext("suffix does not match the text after the quote."),
            code="target_suffix_mismatch",
            field="target.suffix",
        )
    return TargetInput(
        exact=target.exact, start=start, end=end, prefix=context.prefix, suffix=context.suffix
    )


def _utf16_match(text: str, target: TargetInput) -> bool:
    """Whether the offsets hold the quote when counted in UTF-16 code units, as browsers count."""
    encoded = text.encode("utf-16-le")
    if 2 * target.end > len(encoded):
        return False
    quoted = encoded[2 * target.start : 2 * target.end]
    return quoted.decode("utf-16-le", errors="replace") == target.exact


def _mismatch_explain(text: str, target: TargetInput) -> str:
    """Say why the quote is not at start..end, as precisely as we can tell."""
    found = text.find(target.exact)
    if _utf16_match(text, target):
        start = utf16_to_code_point_offset(text, target.start)
        return gettext(
            "The quoted text is not at start..end of the article. The offsets look like UTF-16 "
            "code units; send Unicode code points (start %(start)s, end %(end)s)."
        ) % {"start": start, "end": start + len(target.exact)}
    if found >= 0:
        return gettext(
            "The quoted text is not at start..end of the article. It occurs at %(start)s..%(end)s."
        ) % {"start": found, "end": found + len(target.exact)}
    return gettext(
        "The quoted text is not at start..end of the article. The quote does not occur in the text."
    )


def sources_validate(sources: Sequence[SourceInput]) -> list[SourceInput]:
    """Check each source; return them with their URLs in canonical form."""
    validated = []
    for index, source in enumerate(sources):
        try:
            # A source is published as given: an address a fetch would refuse (cloud
            # metadata, the desk's own network) is refused here, not first at its capture.
            url = url_host_check(
                source.url, allow_private=settings.ARTICLE_FETCH_ALLOW_PRIVATE_ADDRESSES
            )
        except DomainError as error:
            raise DomainError(
                error.message, code=error.code, field=f"sources.{index}.url"
            ) from None
        if source.stance not in Source.Stance.values:
            raise DomainError(
                gettext("stance must be one of %(stances)s.")
                % {"stances": ", ".join(Source.Stance.values)},
                code="source_stance",
                field=f"sources.{index}.stance",
            )
        validated.append(dataclasses.replace(source, url=url))
    return validated


def _kind_and_speaker_validate(kind: str, speaker: str) -> None:
    if kind not in Annotation.Kind.values:
        raise DomainError(
            gettext("kind must be claim or quote."), code="annotation_kind", field="kind"
        )
    if kind == Annotation.Kind.QUOTE and not speaker.strip():
        raise DomainError(
            gettext("A quote names its speaker."), code="quote_speaker", field="speaker"
        )


def _review_open_for_writing(*, article: Article, reviewer: User) -> Review:
    """The reviewer's review of the article, created on first use, locked against a submit."""
    # One query where the review exists: the SELECT that finds it also locks it.
    review, _ = Review.objects.select_for_update().get_or_create(article=article, reviewer=reviewer)
    if review.status == Review.Status.SUBMITTED:
        raise DomainError(
            gettext(
                "Your review of this article is submitted; its annotations can no longer change."
            ),
            code="review_submitted",
            status=409,
        )
    return review


def _same_highlight_refuse(
    *,
    reviewer: User,
    article_id: int,
    revision_id: int | None,
    kind: str,
    start: int,
    end: int,
    other_than: int | None = None,
) -> None:
    """Refuse a second highlight of the reviewer's with the same span and kind on the same
    revision: a retried request (a client's timeout) would otherwise count their rating twice
    in the agreement figures. Called with the review locked, so two such requests queue."""
    others = Annotation.objects.filter(
        reviewer=reviewer,
        article_id=article_id,
        revision_id=revision_id,
        kind=kind,
        start=start,
        end=end,
    )
    if other_than is not None:
        others = others.exclude(pk=other_than)
    same = others.values_list("pk", flat=True).first()
    if same is None:
        return
    message = (
        gettext(
            "You already highlighted this passage as a quote (highlight #%(number)s): "
            "edit that highlight instead of adding it again."
        )
        if kind == Annotation.Kind.QUOTE
        else gettext(
            "You already highlighted this passage as a claim (highlight #%(number)s): "
            "edit that highlight instead of adding it again."
        )
    )
    raise DomainError(message % {"number": same}, code="annotation_duplicate", status=409)


def _sources_replace(
    annotation: Annotation, sources: Sequence[SourceInput], *, new: bool = False
) -> None:
    """Make the annotation's sources `sources`, in that order. A source sent again as it was
    (same URL, title, publisher, passage and stance) keeps its row, so its id, its archived
    copy's address and the verdicts citing it stay; the others are replaced."""
    today = timezone.localdate()
    kept: list[Source] = []
    unused = [] if new else list(annotation.sources.all())
    created = []
    for position, source in enumerate(sources):
        same = next((old for old in unused if _same_source(old, source)), None)
        if same is not None:
            unused.remove(same)
            if same.position != position:
                same.position = position
                kept.append(same)
            continue
        created.append(
            Source(
                annotation=annotation,
                url=source.url,
                title=source.title,
                publisher=source.publisher,
                passage=source.passage,
                stance=source.stance,
                accessed_on=source.accessed_on or today,
                position=position,
            )
        )
    if unused:
        Source.objects.filter(pk__in=[old.pk for old in unused]).delete()
    if kept:
        Source.objects.bulk_update(kept, ["position"])
    Source.objects.bulk_create(created)
    evidence.captures_request(source.url for source in sources)


def _same_source(old: Source, new: SourceInput) -> bool:
    return (old.url, old.title, old.publisher, old.passage, old.stance) == (
        new.url,
        new.title,
        new.publisher,
        new.passage,
        new.stance,
    ) and (new.accessed_on is None or new.accessed_on == old.accessed_on)


def annotation_create(
    *,
    reviewer: User,
    article: Article,
    target: TargetInput,
    verdict: VerdictLabel,
    kind: str = Annotation.Kind.CLAIM,
    speaker: str = "",
    rationale: str = "",
    sources: Sequence[SourceInput] = (),
    suggestion_id: int | None = None,
) -> Annotation:
    """A reviewer highlights a passage and gives it a verdict, a rationale and sources;
    `suggestion_id` names the suggestion of this article it started as, if any."""
    require(reviewer, Permission.Annotation.CREATE, article)
    _kind_and_speaker_validate(kind, speaker)
    target = target_validate(text=article.text, target=target)
    sources = sources_validate(sources)
    suggestion = _suggestion_of(article, suggestion_id)
    with transaction.atomic():
        _review_open_for_writing(article=article, reviewer=reviewer)
        revision = selectors.revision_latest(article)
        _same_highlight_refuse(
            reviewer=reviewer,
            article_id=article.pk,
            revision_id=revision.pk if revision else None,
            kind=kind,
            start=target.start,
            end=target.end,
        )
        annotation = Annotation.objects.create(
            article=article,
            revision=revision,
            reviewer=reviewer,
            kind=kind,
            speaker=speaker.strip() if kind == Annotation.Kind.QUOTE else "",
            exact=target.exact,
            prefix=target.prefix,
            suffix=target.suffix,
            start=target.start,
            end=target.end,
            verdict=verdict,
            rationale=rationale,
            suggestion=suggestion,
        )
        _sources_replace(annotation, sources, new=True)
    return annotation


def _suggestion_of(article: Article, suggestion_id: int | None) -> Suggestion | None:
    """The article's suggestion with this id; a field error for any other id (another
    article's suggestion is refused the same way as one that does not exist, so an id says
    nothing about articles the reviewer cannot see)."""
    if suggestion_id is None:
        return None
    suggestion = Suggestion.objects.filter(pk=suggestion_id, article=article).first()
    if suggestion is None:
        raise DomainError(
            gettext("This is not one of the article's suggestions."),
            code="suggestion_unknown",
            field="suggestion",
        )
    return suggestion


def annotation_update(
    *, annotation: Annotation, actor: User, changes: AnnotationChanges
) -> Annotation:
    """The annotation's reviewer changes it while their review is in progress."""
    require(actor, Permission.Annotation.UPDATE, annotation)
    kind = changes.kind if changes.kind is not None else annotation.kind
    speaker = changes.speaker if changes.speaker is not None else annotation.speaker
    _kind_and_speaker_validate(kind, speaker)
    target = (
        target_validate(text=annotation.article.text, target=changes.target)
        if changes.target is not None
        else None
    )
    sources = sources_validate(changes.sources) if changes.sources is not None else None
    with transaction.atomic():
        _review_open_for_writing(article=annotation.article, reviewer=actor)
        _same_highlight_refuse(
            reviewer=actor,
            article_id=annotation.article_id,
            revision_id=annotation.revision_id,
            kind=kind,
            start=target.start if target is not None else annotation.start,
            end=target.end if target is not None else annotation.end,
            other_than=annotation.pk,
        )
        annotation.kind = kind
        annotation.speaker = speaker.strip() if kind == Annotation.Kind.QUOTE else ""
        if target is not None:
            annotation.exact, annotation.prefix, annotation.suffix = (
                target.exact,
                target.prefix,
                target.suffix,
            )
            annotation.start, annotation.end = target.start, target.end
        if changes.verdict is not None:
            annotation.verdict = changes.verdict
        if changes.rationale is not None:
            annotation.rationale = changes.rationale
        annotation.save()
        if sources is not None:
            _sources_replace(annotation, sources)
    return annotation


def annotation_delete(*, annotation: Annotation, actor: User) -> None:
    """The annotation's reviewer deletes it while their review is in progress."""
    require(actor, Permission.Annotation.DELETE, annotation)
    with transaction.atomic():
        _review_open_for_writing(article=annotation.article, reviewer=actor)
        annotation.delete()
