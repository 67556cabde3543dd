"""Exports of the desk's work: streamed CSV / JSON Lines (streams), W3C Web Annotations (w3c)
and schema.org ClaimReview (claimreview). The formatters w3c and claimreview are pure: no
Django import, plain values in, JSON-ready dicts out."""
