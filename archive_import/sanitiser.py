"""The allow-list of imported bodies, applied by nh3 (Ammonia): what it lets through is all that
the structure conversion (bodies.py) ever sees.

Kept: paragraphs, line breaks, bold, italic, superscript, subscript, lists, links (`href` only,
http(s), mailto, tel, ftp or relative), headings, images (`src`, `alt`, `title`), iframes (`src`,
made video blocks when they are YouTube or Vimeo, dropped otherwise) and the block elements whose
boundaries end a paragraph. Script, style, object, forms, SVG, MathML and the like are dropped with
their content; every other element loses its tag and keeps its text; no other attribute is copied
(so no event handlers or styles). Ammonia parses as browsers do (html5ever), so broken markup is
read as the old site's readers saw it.

`survey()` is ours because Ammonia does not say what it removed and the import report must (nothing
goes silently): it names each kind of markup removed and tells whether the tags were balanced; it
decides nothing, links included (`nh3` is asked whether it keeps each one).
"""

import html
from functools import lru_cache
from html.parser import HTMLParser
from urllib.parse import urlparse

import nh3

from releases.blocks import parse_video_url

INLINE_TAGS = {"b": "b", "strong": "b", "i": "i", "em": "i", "sup": "sup", "sub": "sub"}
HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}
# Their boundaries end a paragraph (or a line of a list item).
BLOCK_TAGS = {
    "p", "div", "blockquote", "address", "center", "section", "article", "header", "footer",
    "aside", "nav", "table", "thead", "tbody", "tfoot", "tr", "caption", "dl", "dt", "dd", "pre",
    "hr", "fieldset", "figure", "figcaption", "main",
}  # fmt: skip
STRUCTURE_TAGS = {"a", "br", "img", "iframe", "ul", "ol", "li", "td", "th"}
# Dropped with everything inside them.
DROP_WITH_CONTENT = {
    "script", "style", "object", "embed", "applet", "form", "select", "textarea", "noscript",
    "head", "title", "template", "svg", "math", "frameset", "frame", "button", "option",
}  # fmt: skip
URL_SCHEMES = {"http", "https", "mailto", "tel", "ftp"}
ATTRIBUTES = {"a": {"href"}, "img": {"src", "alt", "title"}, "iframe": {"src"}}
ALLOWED_TAGS = set(INLINE_TAGS) | HEADINGS | BLOCK_TAGS | STRUCTURE_TAGS

VOID = {"br", "img", "hr", "input", "meta", "link", "area", "base", "col", "param", "source",
        "wbr", "embed", "track"}  # fmt: skip
# End tags HTML allows to leave out: not a sign of broken markup.
OPTIONAL_END = {"p", "li", "dt", "dd", "tr", "td", "th", "thead", "tbody", "tfoot", "option",
                "colgroup", "caption", "html", "head", "body"}  # fmt: skip
# Void elements that change how a page behaves (base URL, refresh, style sheets, inputs):
# removed like the rest, and named in the report.
REPORTED_VOID = {"base", "meta", "link", "input", "area", "param", "source", "track"}


def sanitise(text):
    """(clean HTML, problems for the report) of a stored body."""
    # NUL is no text; an HTML parser makes it U+FFFD, which would turn "java\0script:" into a
    # harmless but meaningless relative link instead of a refused one.
    text = (text or "").replace("\x00", "")
    return clean(text), survey(text)


def clean(text):
    """The body's HTML reduced to the allow-list, serialised by Ammonia (balanced, escaped)."""
    return nh3.clean(
        text,
        tags=ALLOWED_TAGS,
        clean_content_tags=DROP_WITH_CONTENT,
        attributes=ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        strip_comments=True,
        link_rel=None,
    )


@lru_cache(maxsize=4096)
def keeps_link(href):
    """Whether the sanitiser keeps this link target (asked of nh3 itself)."""
    snippet = f'<a href="{html.escape(href, quote=True)}">x</a>'
    return "href=" in nh3.clean(
        snippet, tags={"a"}, attributes={"a": {"href"}}, url_schemes=URL_SCHEMES, link_rel=None
    )


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


class _Survey(HTMLParser):
    """Reads the body as it was stored, for the report only."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.open_tags = []
        self.broken = False
        self.removed = set()
        self.drop_tag, self.drop_depth = None, 0

    def handle_starttag(self, tag, attrs):
        if tag not in VOID:
            self.open_tags.append(tag)
        if self.drop_depth:
            if tag == self.drop_tag:
                self.drop_depth += 1
            return
        attrs = dict(attrs)
        if tag in REPORTED_VOID:
            self.removed.add(tag)
        elif tag in DROP_WITH_CONTENT:
            self.removed.add(tag)
            if tag not in VOID:
                self.drop_tag, self.drop_depth = tag, 1
        elif tag == "iframe":
            if not video_url(attrs.get("src")):
                self.removed.add("iframe")
            self.drop_tag, self.drop_depth = tag, 1
        elif tag == "a":
            href = attrs.get("href")
            if href and not (href.strip() and keeps_link(href.strip())):
                self.removed.add("javascript-link")

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        if tag not in VOID:
            self.handle_endtag(tag)

    def handle_endtag(self, tag):
        if tag not in VOID:
            if tag in self.open_tags:
                while self.open_tags:
                    top = self.open_tags.pop()
                    if top == tag:
                        break
                    if top not in OPTIONAL_END:
                        self.broken = True
            else:
                self.broken = True
        if self.drop_depth and tag == self.drop_tag:
            self.drop_depth -= 1
            if not self.drop_depth:
                self.drop_tag = None


def survey(text):
    """The report's problems for a stored body: [("broken_html", …), ("unsafe_html", …)]."""
    scan = _Survey()
    scan.feed(text or "")
    scan.close()
    problems = []
    if scan.broken or any(tag not in OPTIONAL_END for tag in scan.open_tags):
        problems.append(("broken_html", "unbalanced or unclosed tags, repaired"))
    if scan.removed:
        problems.append(("unsafe_html", "removed: " + ", ".join(sorted(scan.removed))))
    return problems
