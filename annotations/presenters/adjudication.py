"""The adjudication page of one claim unit as it is shown: the reviewers' verdicts side by side,
the spread, the open claim change, the forms the unit's state allows, and its history."""

from __future__ import annotations

from collections import Counter
from collections.abc import Set
from dataclasses import dataclass
from typing import Any

from django import forms

from annotations import selectors
from annotations.core.languages import verdict_language
from annotations.core.text import Segment, passage_as_claim, passage_in_context, phrases_marked
from annotations.errors import DomainError
from annotations.forms import (
    ClaimLinkForm,
    ClaimNewForm,
    CorrectionForm,
    MergeForm,
    SplitForm,
    UnitNoteForm,
    VerdictForm,
    VersionForm,
    WithdrawForm,
)
from annotations.models import Annotation, ClaimUnit, Source, Verdict
from annotations.presenters.history import unit_history
from annotations.presenters.queue import spread_of
from annotations.presenters.suggestions import speaker_kept_unsure
from annotations.selectors.labels import label_name
from annotations.selectors.revisions import units_with_vanished_claims


@dataclass(frozen=True)
class ReviewCard:
    """One reviewer's verdict on the unit, as the editor compares them side by side."""

    annotation: Annotation
    reviewer: str
    sources: list[Source]
    own_passage: bool  # the reviewer highlighted a different stretch than the unit's
    # A quote's speaker the desk suggested without being sure, saved as it was suggested.
    speaker_kept_unsure: bool = False


@dataclass(frozen=True)
class ClaimChangeShown:
    """The unit's open claim change as the page shows it: both passages side by side, the
    differing facts marked in each."""

    revision: int
    old: list[Segment]
    new: list[Segment]
    differences: list[dict[str, str]]

    @classmethod
    def of(cls, unit: ClaimUnit) -> ClaimChangeShown | None:
        changed = selectors.claim_changed(unit)
        if changed is None:
            return None
        differences = changed["differences"]
        return cls(
            revision=changed["revision"],
            old=phrases_marked(changed["old"], [d["old"] for d in differences]),
            new=phrases_marked(changed["new"], [d["new"] for d in differences]),
            differences=differences,
        )


class Adjudication:
    """One unit as its adjudication page shows it: reviews, spread, forms, history."""

    def __init__(self, unit: ClaimUnit) -> None:
        self.unit = unit
        self.labels = selectors.verdict_labels_translated()
        self.aliases = selectors.reviewer_aliases(unit)
        self.annotations = list(unit.annotations.all())
        self.verdict: Verdict | None = getattr(unit, "verdict", None)
        self.is_open = unit.status in ClaimUnit.OPEN_STATUSES
        self.text = selectors.unit_text(unit)
        self.passage = " ".join(self.text[unit.start : unit.end].split())
        self.claim_change = ClaimChangeShown.of(unit)

    def reviewer_name(self, annotation: Annotation) -> str:
        if self.aliases is not None:
            return self.aliases[annotation.reviewer_id]
        return annotation.reviewer.get_username()

    def _source_choices(self) -> list[tuple[int, str]]:
        return [
            (source.pk, source.title or source.url)
            for annotation in self.annotations
            for source in annotation.sources.all()
        ]

    def _verdict_initial(self) -> dict[str, Any]:
        verdict = self.verdict
        if verdict is not None:
            return {
                "version": self.unit.version,
                "label": verdict.label.slug,
                "claim_reviewed": verdict.claim_reviewed,
                "explanation": verdict.explanation,
                "claimant": verdict.claimant,
                "claimant_type": verdict.claimant_type,
                "language": self._language_chosen(verdict),
                "sources": [source.pk for source in verdict.sources.all()],
            }
        # A start the editor shortens: the passage as a claim (a quotation's trailing comma
        # left out), and who is quoted, if anyone.
        speakers = [a.speaker for a in self.annotations if a.speaker]
        return {
            "version": self.unit.version,
            "claim_reviewed": passage_as_claim(self.passage)[:500],
            "claimant": speakers[0] if speakers else "",
        }

    def _language_chosen(self, verdict: Verdict) -> str:
        """The verdict's language as the editor chose it: empty where it is what its text
        and article would give anyway, so that a new explanation in another language is
        detected again; the language itself where the editor said otherwise (kept)."""
        detected = verdict_language(
            claim_reviewed=verdict.claim_reviewed,
            explanation=verdict.explanation,
            inherited=self.unit.article.language,
        )
        return "" if verdict.language == detected else verdict.language

    def form(self, key: str, data: Any = None) -> forms.Form:
        version = {"version": self.unit.version}
        if key in ("decide", "correct"):
            form_class = CorrectionForm if key == "correct" else VerdictForm
            return form_class(
                data,
                initial=self._verdict_initial(),
                labels=self.labels,
                sources=self._source_choices(),
                article_language=self.unit.article.language,
            )
        if key == "merge":
            candidates = selectors.units_mergeable_with(self.unit)
            return MergeForm(data, initial=version, candidates=candidates)
        if key == "split":
            names = {label.pk: label_name(label) for label in self.labels}
            highlights = [
                (a.pk, f"{self.reviewer_name(a)}: {names[a.verdict_id]} — “{a.exact}”")
                for a in self.annotations
            ]
            return SplitForm(data, initial=version, highlights=highlights)
        if key == "claim_link":
            return ClaimLinkForm(data, initial=version)
        if key == "claim_new":
            return ClaimNewForm(data, initial=version)
        if key == "unpublish":
            # Its own ids: the correction form on the same page has a note too.
            return WithdrawForm(data, initial=version, auto_id="withdraw_%s")
        if key == "note":
            return UnitNoteForm(data, initial=version)
        return VersionForm(data, initial=version)

    def context(
        self,
        bound: dict[str, forms.Form],
        error: DomainError | None = None,
        *,
        allowed: Set[str],
    ) -> dict[str, Any]:
        """The page's template context; `allowed` is the actions the unit's state permits now
        (services.adjudication.unit_actions_allowed), `bound` the forms the editor posted."""
        unit, verdict = self.unit, self.verdict
        can_decide = "decide" in allowed
        names = {a.pk: self.reviewer_name(a) for a in self.annotations}
        # A form the editor filled in is shown as they left it, even if the unit moved on.
        verdict_action = next(
            (key for key in ("decide", "correct") if key in bound),
            "decide" if can_decide else "correct" if "correct" in allowed else None,
        )
        page_forms = {
            key: bound.get(key) or self.form(key)
            for key, shown in (
                (verdict_action, verdict_action is not None),
                ("merge", "merge" in allowed),
                ("split", "split" in allowed and len(self.annotations) > 1),
                ("unpublish", "unpublish" in allowed),
            )
            if key is not None and (shown or key in bound)
        }
        verdict_form = page_forms.get(verdict_action) if verdict_action else None
        label_names = {label.slug: label_name(label) for label in self.labels}
        return {
            "unit": unit,
            "article": unit.article,
            "verdict": verdict,
            "passage": passage_as_claim(self.passage),
            "excerpt": passage_in_context(self.text, unit.start, unit.end),
            "claim_vanished": units_with_vanished_claims().filter(pk=unit.pk).exists(),
            "claim_change": self.claim_change,
            "can_confirm_claim": "confirm_claim" in allowed,
            "revision": unit.revision,
            "spread": spread_of(unit, Counter(a.verdict_id for a in self.annotations), self.labels),
            "reviews": [
                ReviewCard(
                    annotation=a,
                    reviewer=names[a.pk],
                    sources=list(a.sources.all()),
                    own_passage=(a.start, a.end) != (unit.start, unit.end),
                    speaker_kept_unsure=speaker_kept_unsure(a),
                )
                for a in self.annotations
            ],
            "labels": self.labels,
            "names_hidden": self.aliases is not None,
            "forms": page_forms,
            "verdict_form": verdict_form,
            "verdict_action": verdict_action,
            "selected_label": verdict_form["label"].value() if verdict_form else None,
            "selected_sources": _chosen(verdict_form, "sources"),
            "selected_highlights": _chosen(page_forms.get("split"), "annotations"),
            # A claim-memory form the editor posted, to show its errors in that section.
            "claim_form": bound.get("claim_link") or bound.get("claim_new"),
            "can_start": "start" in allowed,
            "can_decide": can_decide,
            "can_publish": "publish" in allowed,
            "can_unpublish": "unpublish" in allowed,
            "is_open": self.is_open,
            "error": error,
            # Each correction with the label it replaced, by name ("Mixed", not "mixed").
            "corrections": [
                (correction, label_names.get(slug, slug))
                for correction in (verdict.corrections.all() if verdict else [])
                for slug in [str(correction.previous.get("label", ""))]
            ],
            "history": unit_history(
                unit,
                verdict=verdict,
                labels=self.labels,
                reviewer_names=names,
                aliases=self.aliases,
            ),
        }


def _chosen(form: forms.Form | None, name: str) -> set[int]:
    """The ids ticked in a multiple-choice field, bound or initial."""
    if form is None or name not in form.fields:
        return set()
    return {int(value) for value in form[name].value() or [] if str(value).isdigit()}
