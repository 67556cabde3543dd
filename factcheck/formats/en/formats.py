"""The desk's English dates, as its pages wrote them before the interface was translated
("1 Dec 2026", "1 Dec 2026, 15:00"): day first, 24-hour clock. Other languages keep Django's
own formats. Templates name the formats ({{ d|date:"DATE_FORMAT" }}), never spell them out."""

DATE_FORMAT = "j M Y"
DATETIME_FORMAT = "j M Y, H:i"
SHORT_DATE_FORMAT = "j M Y"
SHORT_DATETIME_FORMAT = "j M Y, H:i"
