"""A rating label's name and description in a language (issue 17: verdicts in the reader's
language, ClaimReview's `alternateName` in the verdict's).

A label has its own name and description, in the desk's own language (English), and may have
a translation per other language of the interface. The wording in a language is that
language's translation when there is one, else the label's own: a reader of an unlisted
language, or of one nobody has translated the scale into yet, sees the English name rather
than nothing. A translation without a description borrows the label's own description.

Language tags are BCP 47 as the desk stores them ("fr", "pt-BR", "ar"): compared in any case
and with "_" read as "-" (Django's locale names), a regional tag ("fr-CA") takes its region's
translation if there is one, else its language's ("fr").

Pages that mix languages must say so: `name_lang` and `description_lang` are the `lang`
attribute each text needs inside a page in the language asked, "" when it is in that language.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass


@dataclass(frozen=True)
class LabelText:
    """A label's name and description in one language ("" for no description)."""

    name: str
    description: str = ""


@dataclass(frozen=True)
class LabelWording:
    """What a reader of `language` sees of a label, and the language each part is in."""

    name: str
    description: str
    language: str  # the language asked for
    name_language: str
    description_language: str

    @property
    def name_lang(self) -> str:
        """The name's `lang` attribute in a page in `language`: "" when none is needed."""
        return _lang_attribute(self.name_language, self.language)

    @property
    def description_lang(self) -> str:
        return _lang_attribute(self.description_language, self.language)


def language_candidates(tag: str) -> list[str]:
    """The translation keys to try for a language tag, most specific first: "fr-CA" ->
    ["fr-ca", "fr"], "FR" -> ["fr"], "" -> []."""
    tag = tag.strip().lower().replace("_", "-")
    if not tag:
        return []
    primary = tag.split("-", 1)[0]
    return [tag] if primary == tag else [tag, primary]


def label_wording(
    own: LabelText, *, own_language: str, translations: Mapping[str, LabelText], language: str
) -> LabelWording:
    """The label in `language`: its translation there (`translations`, keyed by lower-case
    language tags, as language_candidates gives them), else its own text (`own`, in
    `own_language`). A translation with an empty description takes `own`'s description."""
    for candidate in language_candidates(language):
        if candidate == own_language.lower():
            break
        found = translations.get(candidate)
        if found is not None and found.name:
            described = bool(found.description) or not own.description
            return LabelWording(
                name=found.name,
                description=found.description if described else own.description,
                language=language,
                name_language=candidate,
                description_language=candidate if described else own_language,
            )
    return LabelWording(
        name=own.name,
        description=own.description,
        language=language,
        name_language=own_language,
        description_language=own_language,
    )


def _lang_attribute(text_language: str, page_language: str) -> str:
    # A text in the page's language, or in its language without the region ("fr" text in an
    # "fr-CA" page), needs no attribute of its own.
    if text_language.lower() in language_candidates(page_language):
        return ""
    return text_language
