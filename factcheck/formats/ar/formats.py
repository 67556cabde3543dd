"""Arabic dates day first, as Arabic writes them ("1 ديسمبر 2026، 15:26"): Django's `ar` locale
defines no DATETIME_FORMAT, SHORT_DATETIME_FORMAT or a 24-hour TIME_FORMAT, so those fell back
to the American defaults and read "ديسمبر 1, 2026, 3:26 م". Digits stay Western (0-9) as in the
rest of the Arabic interface; the comma is the Arabic one (،). French and Spanish keep Django's
own formats ("1 décembre 2026 15:26", "1 de diciembre de 2026 a las 15:26")."""

DATE_FORMAT = "j F Y"
DATETIME_FORMAT = "j F Y، H:i"
SHORT_DATE_FORMAT = "j M Y"
SHORT_DATETIME_FORMAT = "j M Y، H:i"
TIME_FORMAT = "H:i"
MONTH_DAY_FORMAT = "j F"
YEAR_MONTH_FORMAT = "F Y"
