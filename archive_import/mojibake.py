"""Repair of mojibake, by ftfy: UTF-8 bytes that went through a latin1 (MySQL's latin1 is cp1252)
connection and came back as "Ã©" or "â€™", once or twice, in the whole text or in part of it (a
title whose accents were typed again by hand beside a doubly-encoded apostrophe). Only ftfy's
encoding fixes are applied: quotes, ligatures, entities and widths stay as they were written."""

import ftfy


def repair(text):
    """(text, repaired): the text with its mojibake undone, and whether anything changed."""
    if not text:
        return text, False
    fixed = ftfy.fix_encoding(text)
    return fixed, fixed != text
