"""English dates as the desk has always written them, day first and a 24-hour clock ("27 November
2026", "2 Mar 2026", "1 Dec 2026, 15:00"): Django's own English formats are American ("Nov. 27,
2026", "11/27/2026", "3 p.m."). Arabic, French and Spanish keep Django's dates for their
language, with the browser's number marks (ar/, fr/, es/ beside this one). Templates name the
format (`|date:"DATE_FORMAT"`, `"SHORT_DATE_FORMAT"`, `"SHORT_DATETIME_FORMAT"`), never spell one
out, so that each language writes dates its own way."""

DATE_FORMAT = "j F Y"
DATETIME_FORMAT = "j F Y, H:i"
SHORT_DATE_FORMAT = "j M Y"
SHORT_DATETIME_FORMAT = "j M Y, H:i"
