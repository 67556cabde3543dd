"""A rating label as a reader of a language sees it: its translation there, else its own
(English) name and description (annotations.core.label_wording). Every public page, the feed
and ClaimReview name labels through label_wording."""

from __future__ import annotations

from django.conf import settings
from django.utils.translation import get_language

from annotations.core import label_wording as wording
from annotations.core.label_wording import LabelText, LabelWording
from annotations.models import VerdictLabel


def reader_language() -> str:
    """The language of the request being answered (LocaleMiddleware's choice), else the
    desk's own."""
    return get_language() or settings.LANGUAGE_CODE


def label_wording(label: VerdictLabel, language: str | None = None) -> LabelWording:
    """`label` in `language` (the reader's when None). Reads `label.translations.all()`:
    prefetch it for a list (selectors.verdict_labels_translated, or "label__translations"
    on verdicts) so that a page's queries do not grow with its rows."""
    return wording.label_wording(
        LabelText(label.name, label.description),
        own_language=settings.LANGUAGE_CODE,
        translations={
            translation.language.lower(): LabelText(translation.name, translation.description)
            for translation in label.translations.all()
        },
        language=reader_language() if language is None else language,
    )
