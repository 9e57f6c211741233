"""Input formats of the admin's date pickers (WAGTAIL_DATE_FORMAT, WAGTAIL_DATETIME_FORMAT:
Belgian, day first) for the languages whose Django formats do not read them: English would
read 02/12/2026 as the 12th of February, German only knows 02.12.2026. French and Dutch read
them already. (Django appends the ISO formats to every list.)"""

BELGIAN_DATE = "%d/%m/%Y"
BELGIAN_DATETIME = "%d/%m/%Y %H:%M"


def input_formats(date_formats, datetime_formats):
    """The Belgian formats first, then the language's own (without US month-first ones)."""
    return (
        [BELGIAN_DATE, *date_formats],
        [BELGIAN_DATETIME, f"{BELGIAN_DATETIME}:%S", *datetime_formats],
    )
