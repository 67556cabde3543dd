"""French groups thousands with a narrow no-break space ("12 345,81"), as Unicode's CLDR and so
the browser do (static/annotations/i18n.js, formatNumber); Django's own French formats use a
full no-break space. Everything else is Django's."""

THOUSAND_SEPARATOR = "\u202f"
