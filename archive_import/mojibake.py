"""Repair of mojibake: UTF-8 bytes that went through a latin1 (MySQL's latin1 is cp1252)
connection and came back as "Ã©" or "â€™". A text is changed only when the repair round-trips:
every character maps back to one cp1252 byte, those bytes are valid UTF-8, and the result holds
fewer mojibake markers than the input. Anything else is kept exactly as it is."""

import re

# Lead bytes of 2- to 4-byte UTF-8 sequences read as cp1252, followed by a continuation byte
# read as cp1252 (0x80-0xBF). Plain French or German text ("Ça", "Ã la") rarely matches.
_CONTINUATION = "".join(
    re.escape(bytes([b]).decode("cp1252", errors="ignore") or chr(b)) for b in range(0x80, 0xC0)
)
MARKER = re.compile(f"[\u00c2-\u00f4][{_CONTINUATION}]")

# The five bytes cp1252 leaves undefined: MySQL's latin1 maps them to the C1 controls.
_C1_UNDEFINED = {0x81, 0x8D, 0x8F, 0x90, 0x9D}


def _to_cp1252_bytes(text):
    out = bytearray()
    for char in text:
        code = ord(char)
        if code in _C1_UNDEFINED:
            out.append(code)
            continue
        try:
            out += char.encode("cp1252")
        except UnicodeEncodeError:
            return None
    return bytes(out)


def _repair_once(text):
    raw = _to_cp1252_bytes(text)
    if raw is None:
        return None
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        return None


def repair(text):
    """(text, repaired): the repaired text when a repair round-trips, else the input unchanged.
    Double-encoded text (mojibake of mojibake) is repaired up to two levels."""
    if not text or not MARKER.search(text):
        return text, False
    current = text
    for _level in range(2):
        fixed = _repair_once(current)
        if fixed is None or fixed == current:
            break
        if len(MARKER.findall(fixed)) >= len(MARKER.findall(current)):
            break
        current = fixed
        if not MARKER.search(current):
            break
    return current, current != text
