"""Spanish groups thousands with a point ("12.345,81"), as Unicode's CLDR and so the browser do
(static/annotations/i18n.js, formatNumber, which groups from the fourth digit as the server
does); Django's own Spanish formats use a no-break space. Everything else is Django's."""

THOUSAND_SEPARATOR = "."
