"""Exports of the desk's work, the Django side: streamed CSV / JSON Lines of published verdicts
(streams) and W3C / ClaimReview documents built from model instances (documents). The pure
formatters they feed are in annotations/core/formats/."""
