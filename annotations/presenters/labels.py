"""A rating label as a reader of a language sees it: its translation there, else its own
(English) name and description (annotations.core.label_wording). Every public page, the feed
and ClaimReview name labels through label_wording."""

from __future__ import annotations

# The wording lives in selectors.labels, where services reach it too; pages keep importing it
# from here.
from annotations.selectors.labels import label_name, label_names, label_wording, reader_language

__all__ = ["label_name", "label_names", "label_wording", "reader_language"]
