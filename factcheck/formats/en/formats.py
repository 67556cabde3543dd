"""English dates as the desk has always written them ("27 November 2026", "2 Mar 2026"): Django's
own English formats are American ("Nov. 27, 2026", "11/27/2026"). Arabic, French and Spanish keep
Django's formats for their language. Templates name the format (`|date:"DATE_FORMAT"`,
`"SHORT_DATE_FORMAT"`, `"SHORT_DATETIME_FORMAT"`), never spell one out, so that each language
writes dates its own way."""

DATE_FORMAT = "j F Y"
SHORT_DATE_FORMAT = "j M Y"
SHORT_DATETIME_FORMAT = "j M Y, H:i"
