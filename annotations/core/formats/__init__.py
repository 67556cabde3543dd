"""Pure formatters for the documents the desk exports: W3C annotations, ClaimReview, and
spreadsheet-safe cells. The Django-side builders that feed them live in `annotations/exports/`."""
