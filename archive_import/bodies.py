"""Drupal 6 bodies into the pieces of Wagtail rich text and blocks: our own structure conversion,
run on what the sanitiser (nh3, sanitiser.py) let through.

`parse()` prepares nothing: give it HTML as `drupal_formats.prepare()` returns it. Paragraphs,
line breaks, bold, italic, superscript, subscript, lists and links become paragraph pieces;
headings, images and YouTube/Vimeo iframes become items of their own; table cells are separated
by a space, other block boundaries end a paragraph. `rich_text.to_stream()` renders the result.
"""

import re
from dataclasses import dataclass, field
from html.parser import HTMLParser

from .sanitiser import BLOCK_TAGS, HEADINGS, INLINE_TAGS, sanitise, video_url


@dataclass
class ParsedBody:
    items: list = field(default_factory=list)
    hrefs: set = field(default_factory=set)
    images: set = field(default_factory=set)
    problems: list = field(default_factory=list)

    def first_paragraph_text(self):
        for item in self.items:
            if item[0] == "p":
                text = pieces_text(item[1]).strip()
                if text:
                    return text
        return ""


class _BodyParser(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.body = ParsedBody()
        self.pieces = []  # the paragraph (or list item) being written
        self.list_items = None  # list items of the open top-level list
        self.list_tag = None
        self.list_depth = 0
        self.heading = None  # (level, [text]) while inside h1-h6
        self.in_iframe = False  # its fallback content is no text of the body
        self.pre_depth = 0

    def _flush(self):
        pieces, self.pieces = self.pieces, []
        if not _has_content(pieces):
            return
        if self.list_items is not None:
            self.list_items.append(pieces)
        else:
            self.body.items.append(("p", pieces))

    def _close_list(self):
        self._flush()
        if self.list_items:
            self.body.items.append(("list", self.list_tag, self.list_items))
        self.list_items, self.list_tag, self.list_depth = None, None, 0

    def _text(self, text):
        if self.heading is not None:
            self.heading[1].append(text)
        elif self.pre_depth:
            lines = text.split("\n")
            for index, line in enumerate(lines):
                if index:
                    self.pieces.append(("br",))
                if line:
                    self.pieces.append(("text", line))
        else:
            text = re.sub(r"\s+", " ", text)
            if self.pieces and self.pieces[-1][0] == "br":
                text = text.lstrip()  # the newline after <br /> is no text
            if text:
                self.pieces.append(("text", text))

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "iframe":
            url = video_url(attrs.get("src"))
            if url:
                self._flush_forblock()
                self.body.items.append(("video", url))
            self.in_iframe = True
            return
        if self.heading is not None:
            return  # headings keep their text only
        if tag in HEADINGS:
            if self.list_items is not None:
                self.pieces.append(("open", "b"))
                return
            self._flush()
            self.heading = (tag, [])
        elif tag in INLINE_TAGS:
            self.pieces.append(("open", INLINE_TAGS[tag]))
        elif tag == "a":
            target = (attrs.get("href") or "").strip() or None
            if target:
                self.body.hrefs.add(target)
            self.pieces.append(("open", "a", target))
        elif tag == "br":
            self.pieces.append(("br",))
        elif tag == "img":
            src = (attrs.get("src") or "").strip()
            if src:
                self._flush_forblock()
                self.body.images.add(src)
                self.body.items.append(("image", src, attrs.get("alt") or "", attrs.get("title")))
        elif tag in ("ul", "ol"):
            if self.list_items is None:
                self._flush()
                self.list_items, self.list_tag = [], tag
            self.list_depth += 1
        elif tag == "li":
            if self.list_items is None:  # a stray <li>: a list of its own
                self._flush()
                self.list_items, self.list_tag, self.list_depth = [], "ul", 1
            self._flush()
        elif tag in ("td", "th"):
            if _has_content(self.pieces):
                self.pieces.append(("text", " "))
        elif tag in BLOCK_TAGS:
            if tag == "pre":
                self.pre_depth += 1
            if self.list_items is not None:
                if _has_content(self.pieces):
                    self.pieces.append(("br",))
            else:
                self._flush()

    def handle_endtag(self, tag):
        if tag == "iframe":
            self.in_iframe = False
            return
        if self.heading is not None:
            if tag == self.heading[0] or tag in HEADINGS:
                level, texts = self.heading
                self.heading = None
                text = re.sub(r"\s+", " ", "".join(texts)).strip()
                if text:
                    self.body.items.append(
                        ("heading", "h2" if level in ("h1", "h2") else "h3", text)
                    )
            return
        if tag in HEADINGS and self.list_items is not None:
            self.pieces.append(("close", "b"))
        elif tag in INLINE_TAGS:
            self.pieces.append(("close", INLINE_TAGS[tag]))
        elif tag == "a":
            self.pieces.append(("close", "a"))
        elif tag in ("ul", "ol"):
            if self.list_items is not None:
                self.list_depth -= 1
                if self.list_depth <= 0:
                    self._close_list()
        elif tag == "li":
            if self.list_items is not None:
                self._flush()
        elif tag == "tr" or tag in BLOCK_TAGS:
            if tag == "pre" and self.pre_depth:
                self.pre_depth -= 1
            if self.list_items is None:
                self._flush()

    def _flush_forblock(self):
        """Images and videos are blocks of their own: close the text around them."""
        if self.list_items is not None:
            self._close_list()
        else:
            self._flush()

    def handle_data(self, data):
        if not self.in_iframe:
            self._text(data)

    def finish(self):
        self.close()
        if self.heading is not None:
            self.handle_endtag(self.heading[0])
        if self.list_items is not None:
            self._close_list()
        self._flush()
        return self.body


def _has_content(pieces):
    return any(
        (p[0] == "text" and p[1].strip()) or (p[0] == "open" and p[1] == "a") for p in pieces
    )


def pieces_text(pieces):
    return "".join(p[1] if p[0] == "text" else " " if p[0] == "br" else "" for p in pieces)


def parse(text):
    """The structure of a body: its HTML sanitised by nh3, then read; the report's problems
    (what was removed, broken markup) come from the HTML as it was stored."""
    clean, problems = sanitise(text)
    parser = _BodyParser()
    parser.feed(clean)
    body = parser.finish()
    body.problems = problems
    return body


def plain_text(text):
    """The text of an HTML fragment, whitespace collapsed."""
    parsed = parse(text)
    parts = []
    for item in parsed.items:
        if item[0] == "p":
            parts.append(pieces_text(item[1]))
        elif item[0] == "list":
            parts.extend(pieces_text(li) for li in item[2])
        elif item[0] == "heading":
            parts.append(item[2])
    return re.sub(r"\s+", " ", " ".join(parts)).strip()


def shorten(text, limit=600):
    if len(text) <= limit:
        return text
    cut = text[:limit].rsplit(" ", 1)[0].rstrip(",;:")
    return cut + "…"
