"""Attacks on the body sanitiser, and what Wagtail makes of what it stores: the stored HTML is
only the subset the release body's rich-text features know (so the Draftail editor keeps it all),
and Wagtail's rich-text rewriter renders it without reopening a hole. No service needed."""

import json
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from wagtail.admin.rich_text.converters.contentstate import ContentstateConverter
from wagtail.rich_text import expand_db_html

from archive_import import bodies, drupal_formats, rich_text
from releases.blocks import RICH_TEXT_FEATURES, VideoBlock

ALLOWED = {
    "p": set(),
    "br": set(),
    "b": set(),
    "i": set(),
    "sup": set(),
    "sub": set(),
    "ul": set(),
    "ol": set(),
    "li": set(),
    "a": {"href"},
}
FORBIDDEN = re.compile(
    r"javascript|vbscript|data:|<script|<style|<svg|<math|<iframe|<object|<embed|<base|<meta"
    r"|<link|<img|style=|expression\(",
    re.IGNORECASE,
)


class _Tags(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.seen = []

    def handle_starttag(self, tag, attrs):
        self.seen.append((tag, dict(attrs)))


def convert(html):
    parsed = bodies.parse(html)
    stream, _texts = rich_text.to_stream(parsed, lambda href: {"href": href}, lambda src: None, "T")
    return parsed, stream


def paragraphs(stream):
    return "".join(b["value"] for b in stream if b["type"] == "paragraph")


VECTORS = [
    '<a href="jav&#x09;ascript:alert(1)">a</a>',
    '<a href="jav&#9;ascript:alert(1)">a</a>',
    '<a href="java&NewLine;script:alert(1)">a</a>',
    '<a href="java\x00script:alert(1)">a</a>',
    '<a href="JaVaScRiPt:alert(1)">a</a>',
    '<a href="  javascript:alert(1)">a</a>',
    '<a href="javascript&colon;alert(1)">a</a>',
    '<a href="&#106;&#97;vascript:alert(1)">a</a>',
    '<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">a</a>',
    '<a href="vbscript:msgbox(1)">a</a>',
    '<svg><a href="javascript:alert(1)">x</a><script>alert(1)</script></svg>after',
    '<svg><a xlink:href="javascript:alert(1)">x</a></svg>after',
    '<math><mtext><a href="javascript:alert(1)">x</a></mtext></math>after',
    '<p style="width:expression(alert(1))">t</p>',
    '<p style="background:url(javascript:alert(1))">t</p>',
    '<img src="x" onerror="alert(1)">after',
    "<body onload=alert(1)>after",
    '<iframe src="https://youtube.com.evil.com/embed/dQw4w9WgXcQ"></iframe>after',
    '<iframe src="https://www.youtube.com@evil.com/embed/dQw4w9WgXcQ"></iframe>after',
    '<iframe src="https://evil.com/?u=https://www.youtube.com/embed/dQw4w9WgXcQ"></iframe>x',
    '<iframe src="javascript://www.youtube.com/embed/dQw4w9WgXcQ%0aalert(1)"></iframe>x',
    '<iframe src="//evil.com/embed/dQw4w9WgXcQ"></iframe>after',
    '<object data="movie.swf"><param name="x" value="y"><embed src="movie.swf"></object>after',
    '<embed src="javascript:alert(1)">after',
    '<base href="https://evil.example/">after',
    '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">after',
    '<link rel="stylesheet" href="https://evil.example/x.css">after',
    "<!--<script>alert(1)</script>-->after",
    "<!--[if IE]><script>alert(1)</script><![endif]-->after",
    "<![CDATA[<script>alert(1)</script>]]>after",
    "<scr<script>ipt>alert(1)</script>after",
    '<a href="x" <img src=x onerror=alert(1)>>after</a>',
    "<img src=x onerror=alert(1)//",
    '<noscript><p title="</noscript><img src=x onerror=alert(1)>"></noscript>after',
    "<style><img src=x onerror=alert(1)></style>after",
    "<textarea><script>alert(1)</script></textarea>after",
    '<form action="javascript:alert(1)"><button>go</button></form>after',
    '<a href="https://e.be/" onmouseover="alert(1)" style="x">after</a>',
    "<h2 onclick=alert(1)>Head<script>alert(1)</script></h2>",
    '<ul><li><a href="javascript:alert(1)">l</a></li></ul>',
]


@pytest.mark.parametrize("vector", VECTORS)
def test_no_vector_survives_storage_or_rendering(vector):
    parsed, stream = convert(vector)
    stored = paragraphs(stream)
    rendered = expand_db_html(stored)
    for html in (stored, rendered, str([b for b in stream if b["type"] != "paragraph"])):
        assert not FORBIDDEN.search(html), html
    for html in (stored, rendered):
        collector = _Tags()
        collector.feed(html)
        for tag, attrs in collector.seen:
            assert tag in ALLOWED and set(attrs) <= ALLOWED[tag], (tag, attrs)
    assert not [b for b in stream if b["type"] == "video"]


@pytest.mark.parametrize(
    "html, escaped",
    [
        # Attribute values are re-quoted: a quote in a URL cannot open a new attribute.
        ('<a href="http://x.be/&quot;onmouseover=&quot;alert(1)">q</a>', "&quot;onmouseover"),
        ("<a href='http://x.be/\"><script>alert(1)</script>'>q</a>", "&lt;script&gt;"),
        ("<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>", "&lt;script&gt;alert(1)"),
    ],
)
def test_quotes_and_escaped_markup_stay_text(html, escaped):
    _parsed, stream = convert(html)
    stored = paragraphs(stream)
    assert escaped in stored and escaped in expand_db_html(stored)
    assert "<script" not in stored and " onmouseover=" not in stored


@pytest.mark.parametrize(
    "vector, removed",
    [
        ("<script>alert(1)</script>x", "script"),
        ("<svg><a>x</a></svg>y", "svg"),
        ("<object></object>y", "object"),
        ('<iframe src="https://evil.example/"></iframe>y', "iframe"),
        ('<a href="javascript:alert(1)">x</a>', "javascript-link"),
        ('<base href="https://evil.example/">x', "base"),
        ('<meta http-equiv="refresh" content="0;url=https://evil.example/">x', "meta"),
        ('<link rel="stylesheet" href="https://evil.example/x.css">x', "link"),
    ],
)
def test_every_removal_is_reported(vector, removed):
    """Nothing is dropped silently: each removed kind of markup is named in the report."""
    parsed, _stream = convert(vector)
    [detail] = [d for code, d in parsed.problems if code == "unsafe_html"]
    assert removed in detail.removeprefix("removed: ").split(", ")


RICH_SAMPLE = (
    "<h1>Title</h1><p>Intro with <strong>bold <em>and italic</em></strong>, x<sup>2</sup> and "
    "H<sub>2</sub>O.<br>Second line &amp; “quotes” é.</p>"
    "<ul><li>one <a href='https://e.be/?a=1&b=2'>link</a></li><li>two<ol><li>deep</li></ol></li>"
    "</ul><ol><li>first</li></ol>"
    '<p><a href="#top">anchor</a> <a href="/nl/nieuws/">relative</a> '
    '<a href="mailto:pers@example.be">mail</a> <a href="tel:+3221234567">phone</a> '
    '<a href="https://e.be/a%20b">encoded</a></p>'
    "<table><tr><td>cell 1</td><td>cell 2</td></tr></table><blockquote>quoted</blockquote>"
    "<pre>line 1\nline 2</pre><div>div <u>under</u> <code>code</code> <font>font</font></div>"
)


def test_stored_html_is_only_the_editor_subset():
    _parsed, stream = convert(RICH_SAMPLE)
    collector = _Tags()
    collector.feed(paragraphs(stream))
    for tag, attrs in collector.seen:
        assert tag in ALLOWED, tag
        assert set(attrs) <= ALLOWED[tag], (tag, attrs)


def test_draftail_round_trip_keeps_everything():
    """What the importer stores comes back unchanged from the Draftail editor (apart from the
    block keys it adds): editing an imported release loses nothing."""
    converter = ContentstateConverter(RICH_TEXT_FEATURES)
    _parsed, stream = convert(RICH_SAMPLE)
    for block in stream:
        if block["type"] != "paragraph":
            continue
        stored = block["value"]
        back = converter.to_database_format(converter.from_database_format(stored))
        assert re.sub(r' data-block-key="[^"]*"', "", back) == stored


@pytest.mark.parametrize(
    "src, url",
    [
        ("//www.youtube.com/embed/dQw4w9WgXcQ", "https://www.youtube.com/watch?v=dQw4w9WgXcQ"),
        (
            "http://www.youtube.com/v/dQw4w9WgXcQ?fs=1",
            "https://www.youtube.com/watch?v=dQw4w9WgXcQ",
        ),
        (
            "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ?rel=0",
            "https://www.youtube.com/watch?v=dQw4w9WgXcQ",
        ),
        ("//player.vimeo.com/video/76979871?title=0", "https://vimeo.com/76979871"),
    ],
)
def test_video_iframes_become_urls_the_editor_accepts(src, url):
    """Old embeds are often protocol-relative or plain http: stored as the canonical https
    URL, they pass the video block's validation when an editor saves the page."""
    _parsed, stream = convert(f'<iframe src="{src}" width="420"></iframe>')
    [video] = stream
    assert video["value"]["url"] == url
    block = VideoBlock()
    block.clean(block.to_python(video["value"]))


def test_files_folder_may_be_a_symlink_but_paths_cannot_climb_out(tmp_path):
    """Copies of Drupal roots often have sites/default/files as a symlink to a mounted disk:
    followed. A files.filepath with ../ never reads outside the root."""
    from archive_import.files import FileStore

    disk = tmp_path / "disk"
    disk.mkdir()
    (disk / "rapport.pdf").write_bytes(b"%PDF")
    root = tmp_path / "drupal"
    (root / "sites" / "default").mkdir(parents=True)
    (root / "sites" / "default" / "files").symlink_to(disk)
    (tmp_path / "secret.txt").write_text("secret")
    store = FileStore(root, lambda *args: None)
    found = store.locate("sites/default/files/rapport.pdf")
    assert found is not None and found.read_bytes() == b"%PDF"
    assert store.locate("sites/default/files/../../../../secret.txt") is None
    assert store.locate("/../secret.txt") is None
    assert store.locate("files/../../secret.txt") is None


# -- nh3 keeps and drops what the html.parser sanitiser did -----------------------------------

BEFORE_NH3 = json.loads(
    (Path(__file__).parent / "sanitiser_before_nh3.json").read_text(encoding="utf-8")
)
# Where nh3 reads broken markup as browsers do (html5ever) and the old parser did not: the old
# site's readers saw the new reading. None of them lets markup or a script through.
READ_AS_BROWSERS_DO = {
    # Misnested tags: the italics go on to the end, as in a browser.
    "<p><b>vet <i>schuin</b> tekst</p><div>niet gesloten": (
        [{"type": "paragraph", "value": (
            "<p><b>vet <i>schuin</i></b><i> tekst</i></p><p><i>niet gesloten</i></p>")}],
    ),
    # Outside SVG or MathML, "<![CDATA[" opens a comment that ends at the first ">".
    "<![CDATA[<script>alert(1)</script>]]>after": (
        [{"type": "paragraph", "value": "<p>alert(1)]]&gt;after</p>"}],
    ),
    # A tag cut off by the end of the body is no text.
    "<img src=x onerror=alert(1)//": ([],),
    # With scripting on, a noscript element is raw text: the <img> that follows is an image
    # (without its onerror; the importer drops it: "x" is no file of the site); the rest is text.
    '<noscript><p title="</noscript><img src=x onerror=alert(1)>"></noscript>after': (
        [{"type": "image", "value": {"image": {"image": 1, "decorative": False,
                                               "alt_text": "alt"}, "caption": "", "credit": ""}},
         {"type": "paragraph", "value": '<p>"&gt;after</p>'}],
    ),
}  # fmt: skip


def _without_ids(stream):
    return [{key: value for key, value in block.items() if key != "id"} for block in stream]


@pytest.mark.parametrize(
    "case", BEFORE_NH3, ids=[f"{c['source']}-{i}" for i, c in enumerate(BEFORE_NH3)]
)
def test_nh3_keeps_and_drops_what_the_old_sanitiser_did(case):
    """The fixture's bodies and teasers, and the attack vectors above, as the html.parser
    sanitiser converted them (recorded in sanitiser_before_nh3.json before the switch): the same
    blocks, rich text, links, images and reported problems, but for READ_AS_BROWSERS_DO."""
    parsed = bodies.parse(drupal_formats.prepare(case["body"], case["kind"]))
    stream, texts = rich_text.to_stream(
        parsed, lambda href: {"href": href}, lambda src: (1, "alt"), "T"
    )
    assert sorted(map(list, parsed.problems)) == case["problems"]
    if case["body"] in READ_AS_BROWSERS_DO:
        [expected] = READ_AS_BROWSERS_DO[case["body"]]
        assert expected != case["stream"]
        assert _without_ids(stream) == expected
        return
    assert _without_ids(stream) == case["stream"]
    assert texts == case["texts"]
    assert sorted(parsed.hrefs) == case["hrefs"] and sorted(parsed.images) == case["images"]


@pytest.mark.mariadb
def test_the_recorded_bodies_are_the_fixtures(presscenter):
    """The comparison above runs on every body and teaser of the fixture archive as it is."""
    from archive_import.source import DrupalSource

    source = DrupalSource(presscenter.url)
    try:
        stored = set()
        for rows in source.stream_nodes(None, None, 0, 500):
            for row in rows:
                kind = source.format_for(row["format"]).kind
                for text in (row["body"], row["teaser"]):
                    if text:
                        stored.add((text, "html" if kind == "unknown" else kind))
    finally:
        source.close()
    recorded = {(c["body"], c["kind"]) for c in BEFORE_NH3 if c["source"] == "fixture"}
    assert stored == recorded
