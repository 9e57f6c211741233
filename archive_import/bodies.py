"""Drupal 6 bodies into clean Wagtail rich text.

1. `prepare()` applies what the input format did on the old site: Drupal's line-break filter
   (a port of `_filter_autop`), the removal of the `<!--break-->` teaser marker; a PHP-format body
   is never run: its source becomes escaped text.
2. `parse()` reads the HTML with html.parser and keeps only an allow-list: paragraphs, line breaks,
   bold, italic, superscript, subscript, lists and links; headings, images and YouTube/Vimeo
   iframes become their own StreamField blocks; script, style, object, forms and other iframes are
   dropped with their content; attributes are never copied (so no event handlers), and links keep
   only an http(s), mailto or tel URL or a relative path.
3. `to_stream()` builds the StreamField value, asking the importer to resolve each link (old node
   URLs, aliases, files) and each inline image.
"""

import html
import re
import uuid
from dataclasses import dataclass, field
from html.parser import HTMLParser
from urllib.parse import urlparse

from releases.blocks import parse_video_url

BREAK_MARKER = re.compile(r"<!--\s*break\s*-->", re.IGNORECASE)

# -- Drupal's line-break filter ---------------------------------------------------------------

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


# -- sanitising parser --------------------------------------------------------------------------

INLINE_TAGS = {"b": "b", "strong": "b", "i": "i", "em": "i", "sup": "sup", "sub": "sub"}
# Dropped with everything inside them.
DROP_WITH_CONTENT = {
    "script", "style", "object", "embed", "applet", "form", "select", "textarea", "noscript",
    "head", "title", "template", "svg", "math", "frameset", "frame", "button", "option",
}  # fmt: skip
BLOCK_TAGS = {
    "p", "div", "blockquote", "address", "center", "section", "article", "header", "footer",
    "aside", "nav", "table", "thead", "tbody", "tfoot", "tr", "caption", "dl", "dt", "dd", "pre",
    "hr", "fieldset", "figure", "figcaption", "main",
}  # fmt: skip
HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}
VOID = {"br", "img", "hr", "input", "meta", "link", "area", "base", "col", "param", "source",
        "wbr", "embed", "track"}  # fmt: skip
# End tags HTML allows to leave out: not a sign of broken markup.
OPTIONAL_END = {"p", "li", "dt", "dd", "tr", "td", "th", "thead", "tbody", "tfoot", "option",
                "colgroup", "caption", "html", "head", "body"}  # fmt: skip
SAFE_SCHEMES = ("http://", "https://", "mailto:", "tel:", "ftp://")
# Void elements that change how a page behaves (base URL, refresh, style sheets, inputs):
# removed like the rest, and named in the report so nothing goes silently.
REPORTED_VOID = {"base", "meta", "link", "input", "area", "param", "source", "track"}


def video_url(src):
    """The canonical https URL of a YouTube or Vimeo embed, or None. Old embeds are often
    protocol-relative, plain http or nocookie player URLs, which the video block's URL field
    would refuse when an editor saves the page."""
    src = (src or "").strip()
    if src.startswith("//"):
        src = "https:" + src
    video = parse_video_url(src)
    if video is None or urlparse(src).scheme not in ("http", "https"):
        return None
    provider, video_id = video
    if provider == "youtube":
        return f"https://www.youtube.com/watch?v={video_id}"
    return f"https://vimeo.com/{video_id}"


def safe_href(href):
    """The link target if it is harmless (web, mail, phone, relative), else None."""
    href = (href or "").strip()
    if not href:
        return None
    compact = re.sub(r"[\x00-\x20]+", "", href).lower()
    if compact.startswith(SAFE_SCHEMES):
        return href
    if re.match(r"^[a-z][a-z0-9+.\-]*:", compact):
        return None  # javascript:, data:, vbscript: and every other scheme
    return href


@dataclass
class ParsedBody:
    items: list = field(default_factory=list)
    hrefs: set = field(default_factory=set)
    images: set = field(default_factory=set)
    problems: list = field(default_factory=list)

    def first_paragraph_text(self):
        for item in self.items:
            if item[0] == "p":
                text = _pieces_text(item[1]).strip()
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
        self.drop_depth = 0
        self.drop_tag = None
        self.pre_depth = 0
        self.open_tags = []  # for the well-formedness check only
        self.broken = False
        self.removed = set()

    # well-formedness bookkeeping
    def _track_start(self, tag):
        if tag not in VOID:
            self.open_tags.append(tag)

    def _track_end(self, tag):
        if tag in VOID:
            return
        if tag in self.open_tags:
            while self.open_tags:
                top = self.open_tags.pop()
                if top == tag:
                    break
                if top not in OPTIONAL_END:
                    self.broken = True
        else:
            self.broken = True

    # output helpers
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
        self._track_start(tag)
        if self.drop_depth:
            if tag == self.drop_tag:
                self.drop_depth += 1
            return
        attrs = dict(attrs)
        if tag in REPORTED_VOID:
            self.removed.add(tag)
            return
        if tag in DROP_WITH_CONTENT:
            self.removed.add(tag)
            if tag not in VOID:
                self.drop_tag, self.drop_depth = tag, 1
            return
        if tag == "iframe":
            url = video_url(attrs.get("src"))
            if url:
                self._flush_forblock()
                self.body.items.append(("video", url))
            else:
                self.removed.add("iframe")
            self.drop_tag, self.drop_depth = tag, 1
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
            href = attrs.get("href")
            target = safe_href(href)
            if href and target is None:
                self.removed.add("javascript-link")
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

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        if tag not in VOID:
            self.handle_endtag(tag)

    def handle_endtag(self, tag):
        self._track_end(tag)
        if self.drop_depth:
            if tag == self.drop_tag:
                self.drop_depth -= 1
                if not self.drop_depth:
                    self.drop_tag = None
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
        if self.drop_depth:
            return
        self._text(data)

    def finish(self):
        self.close()
        if self.heading is not None:
            self.handle_endtag(self.heading[0])
        if self.list_items is not None:
            self._close_list()
        self._flush()
        if any(tag not in OPTIONAL_END for tag in self.open_tags):
            self.broken = True
        if self.broken:
            self.body.problems.append(("broken_html", "unbalanced or unclosed tags, repaired"))
        if self.removed:
            self.body.problems.append(
                ("unsafe_html", "removed: " + ", ".join(sorted(self.removed)))
            )
        return self.body


def _has_content(pieces):
    return any(
        (p[0] == "text" and p[1].strip()) or (p[0] == "open" and p[1] == "a") for p in pieces
    )


def _pieces_text(pieces):
    return "".join(p[1] if p[0] == "text" else " " if p[0] == "br" else "" for p in pieces)


def parse(text):
    parser = _BodyParser()
    parser.feed(text or "")
    return parser.finish()


def plain_text(text):
    """The text of an HTML fragment, whitespace collapsed."""
    parsed = parse(text)
    parts = []
    for item in parsed.items:
        if item[0] == "p":
            parts.append(_pieces_text(item[1]))
        elif item[0] == "list":
            parts.extend(_pieces_text(li) for li in item[2])
        elif item[0] == "heading":
            parts.append(item[2])
    return re.sub(r"\s+", " ", " ".join(parts)).strip()


def shorten(text, limit=600):
    if len(text) <= limit:
        return text
    cut = text[:limit].rsplit(" ", 1)[0].rstrip(",;:")
    return cut + "…"


# -- rendering ----------------------------------------------------------------------------------


EMPTY_MARKUP = re.compile(r"<(b|i|sup|sub)></\1>|<a [^>]*></a>")
EDGE_BREAKS = re.compile(r"^(?:<br/>\s*)+|(?:\s*<br/>)+$")


def _link_open(attrs):
    if "linktype" in attrs:
        return f'<a linktype="{attrs["linktype"]}" id="{int(attrs["id"])}">'
    return f'<a href="{html.escape(attrs["href"], quote=True)}">'


def render_pieces(pieces, resolve_href):
    """Rich-text HTML of one paragraph: balanced tags, links resolved, empty links dropped."""
    out = []
    stack = []  # open tags: ("b",) or ("a", rendered-or-None)
    for piece in pieces:
        kind = piece[0]
        if kind == "text":
            out.append(html.escape(piece[1], quote=False))
        elif kind == "br":
            out.append("<br/>")
        elif kind == "open":
            tag = piece[1]
            if tag == "a":
                if any(t[0] == "a" for t in stack):
                    continue  # no nested links
                attrs = resolve_href(piece[2]) if piece[2] else None
                stack.append(("a", attrs))
                if attrs:
                    out.append(_link_open(attrs))
            else:
                stack.append((tag,))
                out.append(f"<{tag}>")
        elif kind == "close":
            tag = piece[1]
            if not any(t[0] == tag for t in stack):
                continue
            while stack:
                top = stack.pop()
                if top[0] != "a" or top[1]:
                    out.append(f"</{top[0]}>")
                if top[0] == tag:
                    break
    while stack:
        top = stack.pop()
        if top[0] != "a" or top[1]:
            out.append(f"</{top[0]}>")
    rendered = "".join(out).strip()
    # Markup left with no text inside (a link around a removed image, say).
    previous = None
    while previous != rendered and "></" in rendered:
        previous = rendered
        rendered = EMPTY_MARKUP.sub("", rendered)
    if "<br/>" in rendered:
        rendered = EDGE_BREAKS.sub("", rendered)
    return rendered


def block(block_type, value):
    """A StreamField block in the stored JSON form."""
    return {"type": block_type, "value": value, "id": str(uuid.uuid4())}


def to_stream(parsed, resolve_href, resolve_image, video_title=""):
    """(stream, texts): the StreamField value of a body and its paragraph texts for search.
    `resolve_href(href)` returns {"linktype": "page"|"document", "id": n}, {"href": url} or None
    (the link is dropped, its text kept); `resolve_image(src)` returns (image_id, alt) or None."""
    stream, texts, rich = [], [], []

    def flush_rich():
        if rich:
            stream.append(block("paragraph", "".join(rich)))
            rich.clear()

    for item in parsed.items:
        kind = item[0]
        if kind == "p":
            rendered = render_pieces(item[1], resolve_href)
            if rendered:
                rich.append(f"<p>{rendered}</p>")
                texts.append(_pieces_text(item[1]).strip())
        elif kind == "list":
            lis = [render_pieces(li, resolve_href) for li in item[2]]
            lis = [li for li in lis if li]
            if lis:
                rich.append(
                    f"<{item[1]}>" + "".join(f"<li>{li}</li>" for li in lis) + f"</{item[1]}>"
                )
                texts.extend(_pieces_text(li).strip() for li in item[2])
        elif kind == "heading":
            flush_rich()
            stream.append(block("heading", {"text": item[2][:255], "level": item[1]}))
            texts.append(item[2])
        elif kind == "image":
            found = resolve_image(item[1])
            if found:
                image_id, default_alt = found
                alt = (item[2] or default_alt or "").strip()
                flush_rich()
                stream.append(
                    block(
                        "image",
                        {
                            "image": {"image": image_id, "decorative": not alt, "alt_text": alt},
                            "caption": (item[3] or "")[:500],
                            "credit": "",
                        },
                    )
                )
        elif kind == "video":
            flush_rich()
            stream.append(
                block(
                    "video",
                    {
                        "title": (video_title or "Video")[:255],
                        "url": item[1],
                        "file": None,
                        "transcript": "",
                        "credit": "",
                    },
                )
            )
    flush_rich()
    return stream, [t for t in texts if t]
