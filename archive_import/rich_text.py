"""The StreamField value of a parsed body: paragraphs and lists as the rich-text subset of the
release body's editor (balanced tags, links resolved by the caller), headings, images and videos
as blocks of their own."""

import html
import re
import uuid

from .bodies import pieces_text

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
                texts.append(pieces_text(item[1]).strip())
        elif kind == "list":
            lis = [render_pieces(li, resolve_href) for li in item[2]]
            lis = [li for li in lis if li]
            if lis:
                rich.append(
                    f"<{item[1]}>" + "".join(f"<li>{li}</li>" for li in lis) + f"</{item[1]}>"
                )
                texts.extend(pieces_text(li).strip() for li in item[2])
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
