"""Bodies, mojibake, PHP unserialize, progress: no service needed."""

import io

import pytest
import time_machine

from archive_import import bodies, drupal_formats, rich_text
from archive_import.mojibake import repair
from archive_import.phpserialize import PHPUnserializeError, as_list, loads
from archive_import.progress import Progress

# -- line-break filter --------------------------------------------------------------------------


def test_autop_makes_paragraphs_and_line_breaks():
    html = drupal_formats.autop("First line\nsecond line\n\nNew paragraph")
    assert html == "<p>First line<br />\nsecond line</p>\n<p>New paragraph</p>\n"


def test_autop_leaves_block_markup_and_pre_alone():
    html = drupal_formats.autop("<ul>\n<li>a</li>\n<li>b</li>\n</ul>\n\nText\n<pre>x\n\ny</pre>")
    assert "<p><ul>" not in html and "<li>a</li>" in html
    assert "<pre>x\n\ny</pre>" in html
    assert "<p>Text" in html


def test_autop_escapes_stray_ampersands():
    assert "Tom &amp; Jerry &eacute;" in drupal_formats.autop("Tom & Jerry &eacute;")


def test_prepare_removes_the_break_marker_and_runs_autop():
    html = drupal_formats.prepare("Teaser.<!--break-->\n\nRest.", "autop")
    assert "break" not in html
    assert "<p>Teaser.</p>" in html and "<p>Rest.</p>" in html


def test_php_body_is_escaped_never_run():
    html = drupal_formats.prepare("<?php print 'x'; ?>\n<b>t</b>", "php")
    assert "&lt;?php print" in html and "&lt;b&gt;" in html
    stream, _texts = rich_text.to_stream(bodies.parse(html), lambda h: {"href": h}, lambda s: None)
    assert "&lt;?php" in stream[0]["value"]
    assert "<b>" not in stream[0]["value"]


# -- sanitising ---------------------------------------------------------------------------------


def convert(html, resolve_href=None, resolve_image=None):
    parsed = bodies.parse(html)
    stream, texts = rich_text.to_stream(
        parsed,
        resolve_href or (lambda href: {"href": href}),
        resolve_image or (lambda src: None),
        "Title",
    )
    return parsed, stream, texts


def test_scripts_handlers_and_javascript_urls_are_removed():
    parsed, stream, _ = convert(
        '<p onclick="x()">Hi <a href="javascript:alert(1)" onmouseover="y()">there</a>'
        '<a href=" JaVaScRiPt:alert(2)">b</a></p><script>alert(3)</script>'
        "<style>p{}</style><form><input name=q></form>"
    )
    html = stream[0]["value"]
    assert html == "<p>Hi thereb</p>"
    assert ("unsafe_html", "removed: form, javascript-link, script, style") in parsed.problems


def test_known_video_iframes_become_video_blocks_others_go():
    parsed, stream, _ = convert(
        '<p>a</p><iframe src="https://www.youtube.com/embed/dQw4w9WgXcQ"></iframe>'
        '<iframe src="https://evil.example.com/"></iframe><p>b</p>'
    )
    assert [b["type"] for b in stream] == ["paragraph", "video", "paragraph"]
    assert stream[1]["value"]["url"] == "https://www.youtube.com/watch?v=dQw4w9WgXcQ"
    assert any(code == "unsafe_html" and "iframe" in detail for code, detail in parsed.problems)


def test_allowed_markup_is_kept_and_normalised():
    _parsed, stream, texts = convert(
        "<p><strong>B</strong> <em>I</em> x<sup>2</sup> <u>u</u></p>"
        "<ul><li>one</li><li>two<ul><li>nested</li></ul></li></ul><h2>Title</h2><h4>Sub</h4>"
    )
    assert stream[0]["value"] == (
        "<p><b>B</b> <i>I</i> x<sup>2</sup> u</p><ul><li>one</li><li>two</li><li>nested</li></ul>"
    )
    assert stream[1] == {**stream[1], "type": "heading"}
    assert stream[1]["value"] == {"text": "Title", "level": "h2"}
    assert stream[2]["value"] == {"text": "Sub", "level": "h3"}
    assert "one" in texts


def test_broken_html_is_repaired_and_reported():
    """Repaired as browsers read it (the old site's readers saw "text" in italics too)."""
    parsed, stream, _ = convert("<p><b>bold <i>both</b> text</p><div>unclosed")
    assert ("broken_html", "unbalanced or unclosed tags, repaired") in parsed.problems
    assert stream[0]["value"] == "<p><b>bold <i>both</i></b><i> text</i></p><p><i>unclosed</i></p>"


def test_well_formed_html_is_not_reported_broken():
    parsed = bodies.parse("<p>One<p>Two<ul><li>a<li>b</ul><table><tr><td>x</table>")
    assert not any(code == "broken_html" for code, _d in parsed.problems)


def test_links_are_resolved_and_images_split_the_text():
    def resolve_href(href):
        return {"/node/2": {"linktype": "page", "id": 42}}.get(href, {"href": href})

    def resolve_image(src):
        return (7, "default alt") if src.endswith("foto.jpg") else None

    _parsed, stream, _ = convert(
        '<p>See <a href="/node/2">this</a> and <a href="https://e.be/?a=1&b=2">that</a>.</p>'
        '<p><img src="/files/foto.jpg" alt="Minister">After</p><p><img src="/x.gif"></p>',
        resolve_href,
        resolve_image,
    )
    assert stream[0]["value"] == (
        '<p>See <a linktype="page" id="42">this</a> and '
        '<a href="https://e.be/?a=1&amp;b=2">that</a>.</p>'
    )
    assert stream[1]["type"] == "image"
    assert stream[1]["value"]["image"] == {"image": 7, "decorative": False, "alt_text": "Minister"}
    assert stream[2]["value"] == "<p>After</p>"
    assert len(stream) == 3  # the unresolved image is dropped


def test_dropped_link_keeps_its_text():
    _parsed, stream, _ = convert('<p><a href="/gone">text</a></p>', lambda href: None)
    assert stream[0]["value"] == "<p>text</p>"


def test_plain_text_and_first_paragraph():
    assert bodies.plain_text("<p>A <b>b</b></p>\n<p>C</p>") == "A b C"
    assert bodies.parse("<h2>T</h2><p> First </p><p>2</p>").first_paragraph_text() == "First"
    assert bodies.shorten("word " * 200, 20).endswith("…")


# -- mojibake -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "broken, fixed",
    [
        ("Ã‰tÃ© 2009 : rÃ©sultats", "Été 2009 : résultats"),
        ("lâ€™Ã©tÃ©", "l’été"),
        ("MÃ¼nchen", "München"),
        ("cafÃƒÂ©", "café"),  # twice through latin1
        # Part of the text only: accents typed right beside a doubly-encoded apostrophe, or a
        # euro sign beside mojibake; the old repair kept both (the whole did not round-trip).
        (
            "Réforme des pensions : lâ€™accord est conclu",
            "Réforme des pensions : l’accord est conclu",
        ),
        ("Ã© mixed with € sign", "é mixed with € sign"),
        # "à" is C3 A0: its no-break space often became a plain space on the way.
        ("Ã la carte", "à la carte"),
        ("Le ministre a dit Â« oui Â»", "Le ministre a dit « oui »"),
    ],
)
def test_mojibake_is_repaired(broken, fixed):
    assert repair(broken) == (fixed, True)


@pytest.mark.parametrize(
    "text",
    ["Été à Liège", "Ça coûte 5 €", "Straße", "", "ÂÂ", "São Paulo", "“quoted” &amp; ﬁn"],
)
def test_text_without_mojibake_is_kept(text):
    assert repair(text) == (text, False)


# -- PHP unserialize ----------------------------------------------------------------------------


def test_php_values():
    assert loads('s:19:"sites/default/files";') == "sites/default/files"
    assert loads("i:-3;") == -3
    assert loads("d:0.5;") == 0.5
    assert loads("b:1;") is True
    assert loads("N;") is None
    assert loads('a:2:{i:0;s:1:"a";i:1;s:1:"b";}') == {0: "a", 1: "b"}
    assert as_list(loads('a:2:{i:0;s:1:"a";i:1;s:1:"b";}')) == ["a", "b"]


def test_php_string_lengths_are_bytes():
    assert loads('a:1:{s:3:"alt";s:5:"Été";}') == {"alt": "Été"}


def test_php_objects_become_dicts():
    value = loads('O:8:"stdClass":2:{s:8:"language";s:2:"nl";s:6:"\x00*\x00bar";i:1;}')
    assert value == {"language": "nl", "bar": 1, "__class__": "stdClass"}


@pytest.mark.parametrize(
    "data",
    [
        's:5:"abc";',
        "a:1:{i:0;}",
        "i:x;",
        'C:3:"Foo":0:{}',
        's:1:"a";extra',
        "a:1:{a:0:{}i:1;}",
        "",
        "b:2;",
    ],
)
def test_php_malformed_input_raises(data):
    with pytest.raises(PHPUnserializeError):
        loads(data)


def test_php_deep_nesting_is_refused():
    with pytest.raises(PHPUnserializeError):
        loads("a:1:{i:0;" * 100 + "N;" + "}" * 100)


# -- progress -----------------------------------------------------------------------------------


def test_progress_bar_on_a_terminal():
    with time_machine.travel(0, tick=False) as clock:
        out = io.StringIO()
        progress = Progress(100, out, is_tty=True)
        clock.shift(10)
        progress.advance(50)
        assert out.getvalue().endswith("\r 50%|#####     | 50/100 [00:10<00:10,  5.00 nodes/s]")
        progress.finish()
        assert out.getvalue().endswith("\n50 nodes in 00:10 (5/s)\n")


def test_progress_lines_when_not_a_terminal():
    """In a log: a whole line every `every` seconds and a summary, no carriage return."""
    with time_machine.travel(0, tick=False) as clock:
        out = io.StringIO()
        progress = Progress(100, out, is_tty=False, every=10)
        clock.shift(1)
        progress.advance(10)
        assert out.getvalue() == ""
        clock.shift(19)
        progress.advance(30)
        assert out.getvalue() == "40/100 nodes  40%  2.00 nodes/s ETA 00:30\n"
        clock.shift(1)
        progress.advance(5)  # within 10 s of the last line: none
        clock.shift(1)
        progress.finish()
    assert out.getvalue() == "40/100 nodes  40%  2.00 nodes/s ETA 00:30\n45 nodes in 00:22 (2/s)\n"
    assert "\r" not in out.getvalue()


def test_progress_follows_the_stream_when_not_told():
    """The command does not say: a file or a pipe (a log) gets lines, a terminal the bar."""

    class Terminal(io.StringIO):
        def isatty(self):
            return True

    outputs = []
    for stream in (io.StringIO(), Terminal()):
        with time_machine.travel(0, tick=False) as clock:
            progress = Progress(10, stream, every=1)
            clock.shift(2)
            progress.advance(5)
            progress.finish()
        outputs.append(stream.getvalue())
    log, terminal = outputs
    assert log == "5/10 nodes  50%  2.50 nodes/s ETA 00:02\n5 nodes in 00:02 (2/s)\n"
    assert terminal.startswith("\r") and "\r 50%|#####     | 5/10 [00:02<00:02" in terminal
