"""Arabic numbers in Western digits with the marks Unicode's CLDR gives them ("0.81", "12,345"),
which is how the browser writes them on the same pages (static/annotations/i18n.js, formatNumber
with the "latn" numbering system). Django's own Arabic formats use "," before decimals, which
would print a figure two ways on one page. Dates keep Django's Arabic formats."""

DECIMAL_SEPARATOR = "."
THOUSAND_SEPARATOR = ","
NUMBER_GROUPING = 3
