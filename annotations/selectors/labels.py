"""A rating label's name in a language: the one helper every page, presenter, service and
notification names labels through (issue 17), so a reader of Arabic, French or Spanish never
meets the scale's English names on the desk.

The wording is core.label_wording's: the label's translation in the language
(VerdictLabelTranslation), else its own (English) name. It lives among the selectors, not the
presenters, because services write names too (a notification's summary, a flash message).
"""

from __future__ import annotations

from django.conf import settings
from django.utils.translation import get_language

from annotations.core import label_wording as wording
from annotations.core.label_wording import LabelText, LabelWording
from annotations.models import VerdictLabel
from annotations.selectors.articles import verdict_labels_translated


def reader_language() -> str:
    """The language of the request being answered (LocaleMiddleware's choice, or the language
    a service runs under through translation.override), else the desk's own."""
    return get_language() or settings.LANGUAGE_CODE


def label_wording(label: VerdictLabel, language: str | None = None) -> LabelWording:
    """`label` in `language` (the reader's when None). Reads `label.translations.all()`:
    prefetch it for a list (label_names, or "label__translations" on verdicts) so that a
    page's queries do not grow with its rows."""
    return wording.label_wording(
        LabelText(label.name, label.description),
        own_language=settings.LANGUAGE_CODE,
        translations={
            translation.language.lower(): LabelText(translation.name, translation.description)
            for translation in label.translations.all()
        },
        language=reader_language() if language is None else language,
    )


def label_name(label: VerdictLabel, language: str | None = None) -> str:
    """`label`'s name in `language` (the reader's when None); reads its translations unless
    they are prefetched."""
    return label_wording(label, language).name


def label_names(language: str | None = None) -> dict[int, str]:
    """Every label's name in `language` (the reader's when None), by label id: two queries
    for the whole scale, for pages and summaries that name labels by id or in rows."""
    return {label.pk: label_name(label, language) for label in verdict_labels_translated()}
