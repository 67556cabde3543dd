"""Arabic dates day first, as Arabic writes them ("1 ديسمبر، 2026، 15:26"): Django's `ar` locale
defines no DATETIME_FORMAT, SHORT_DATETIME_FORMAT or a 24-hour TIME_FORMAT, so those fell back
to the American defaults and read "ديسمبر 1, 2026, 3:26 م". Digits stay Western (0-9) as in the
rest of the Arabic interface; the comma in dates is the Arabic one (،).

Numbers in Western digits with the marks Unicode's CLDR gives them ("0.81", "12,345"), which is
how the browser writes them on the same pages (static/annotations/i18n.js, formatNumber with the
"latn" numbering system). Django's own Arabic formats use "," before decimals, which would print
a figure two ways on one page."""

DATE_FORMAT = "j F، Y"  # Django's own Arabic date
DATETIME_FORMAT = "j F، Y، H:i"
SHORT_DATE_FORMAT = "j M Y"
SHORT_DATETIME_FORMAT = "j M Y، H:i"
TIME_FORMAT = "H:i"
MONTH_DAY_FORMAT = "j F"
YEAR_MONTH_FORMAT = "F Y"

DECIMAL_SEPARATOR = "."
THOUSAND_SEPARATOR = ","
NUMBER_GROUPING = 3
