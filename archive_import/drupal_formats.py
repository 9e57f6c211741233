"""What a Drupal 6 input format did to a stored body before the old site showed it: Drupal's
line-break filter (a port of `_filter_autop`), the removal of the `<!--break-->` teaser marker; a
PHP-format body is never run: its source becomes escaped text."""

import html
import re

BREAK_MARKER = re.compile(r"<!--\s*break\s*-->", re.IGNORECASE)

_BLOCK = (
    r"(?:table|thead|tfoot|caption|colgroup|tbody|tr|td|th|div|dl|dd|dt|ul|ol|li|pre|select|"
    r"form|blockquote|address|p|h[1-6]|hr)"
)
_SPLIT = re.compile(r"(</?(?:pre|script|style|object)[^>]*>)", re.IGNORECASE)
_AUTOP_STEPS = [
    (re.compile(r"<br />\s*<br />"), "\n\n"),
    (re.compile(r"(<" + _BLOCK + r"[^>]*>)"), r"\n\1"),
    (re.compile(r"(</" + _BLOCK + r">)"), r"\1\n\n"),
    (re.compile(r"\n\n+"), "\n\n"),
    (re.compile(r"\n?(.+?)(?:\n\s*\n|\Z)", re.DOTALL), r"<p>\1</p>\n"),
    (re.compile(r"<p>\s*</p>\n"), ""),
    (re.compile(r"<p>(<li.+?)</p>"), r"\1"),
    (re.compile(r"<p><blockquote([^>]*)>", re.IGNORECASE), r"<blockquote\1><p>"),
    (re.compile(r"</blockquote></p>"), "</p></blockquote>"),
    (re.compile(r"<p>\s*(</?" + _BLOCK + r"[^>]*>)"), r"\1"),
    (re.compile(r"(</?" + _BLOCK + r"[^>]*>)\s*</p>"), r"\1"),
    (re.compile(r"(?<!<br />)\s*\n"), "<br />\n"),
    (re.compile(r"(</?" + _BLOCK + r"[^>]*>)\s*<br />"), r"\1"),
    (re.compile(r"<br />(\s*</?(?:p|li|div|th|pre|td|ul|ol)>)"), r"\1"),
    (re.compile(r"&([^#])(?![A-Za-z0-9]{1,8};)"), r"&amp;\1"),
]


def autop(text):
    """Drupal 6's _filter_autop: blank lines become paragraphs, single newlines <br />.
    The inside of pre, script, style and object elements is left alone, as Drupal did."""
    chunks = _SPLIT.split(text)
    output = []
    ignore, ignore_tag = False, ""
    for index, chunk in enumerate(chunks):
        if index % 2:
            is_open = chunk[1] != "/"
            tag = re.split(r"[ >]", chunk[1 if is_open else 2 :], maxsplit=1)[0].lower()
            if not ignore:
                if is_open:
                    ignore, ignore_tag = True, tag
            elif not is_open and tag == ignore_tag:
                ignore, ignore_tag = False, ""
        elif not ignore:
            chunk = re.sub(r"\n*$", "", chunk) + "\n\n"
            for pattern, replacement in _AUTOP_STEPS:
                chunk = pattern.sub(replacement, chunk)
        output.append(chunk)
    return "".join(output)


def php_source_as_text(text):
    """A PHP-format body as inert text: escaped, paragraphs at blank lines."""
    paragraphs = [p.strip("\n") for p in re.split(r"\n\s*\n", text.replace("\r\n", "\n"))]
    return "".join(
        "<p>" + "<br />".join(html.escape(line) for line in p.split("\n")) + "</p>"
        for p in paragraphs
        if p.strip()
    )


def prepare(text, kind):
    """HTML from a stored body, for `kind` in "autop" (a format running the line-break filter),
    "html" (no line-break filter), "php" (never executed: shown as text), "plain"."""
    text = (text or "").replace("\r\n", "\n").replace("\r", "\n")
    if kind == "php":
        return php_source_as_text(text)
    text = BREAK_MARKER.sub("", text)
    if kind == "plain":
        return php_source_as_text(text)
    if kind == "autop":
        return autop(text)
    return text
