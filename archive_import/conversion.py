"""A node's content into a release's: its body (as its input format showed it) into StreamField
blocks, its teaser into the lead, its CCK images and uploads into image and attachment blocks."""

from . import bodies
from .drupal_formats import prepare
from .links import NodeLinks
from .mojibake import repair
from .rich_text import block, to_stream


def convert_body(node, source, note):
    """Parses the body and sets the lead (the teaser, else the first paragraph, else the
    title). The site locale (`node.code`) is already set."""
    row = node.row
    fmt = source.format_for(row["format"])
    kind = fmt.kind
    if kind == "php":
        note(node.nid, "php_body", f"format {fmt.id} ({fmt.name}) runs PHP: shown as text")
    elif kind == "unknown":
        note(node.nid, "unknown_format", f"format {fmt.id} does not exist: read as HTML")
        kind = "html"
    node.parsed = bodies.parse(prepare(row["body"], kind))
    for code, detail in node.parsed.problems:
        note(node.nid, code, detail)
    teaser = row["teaser"] or ""
    lead = bodies.plain_text(prepare(teaser, kind)) if teaser.strip() else ""
    lead = lead or node.parsed.first_paragraph_text() or node.title
    node.lead = bodies.shorten(lead)


def build_stream(node, links, classifier, files, note):
    """Sets `node.stream` (the body's blocks, then CCK images and listed attachments) and
    `node.texts` (the paragraphs' text, for search)."""
    resolvers = NodeLinks(node, links, classifier, files, note)
    stream, texts = to_stream(node.parsed, resolvers.href, resolvers.image, node.title)
    for item in node.cck_files:
        if item.get("data_error"):
            note(node.nid, "bad_file_data", f"fid {item['fid']}: {item['data_error']}")
        elif item.get("data_repaired"):
            note(node.nid, "mojibake", f"fid {item['fid']} data repaired")
        data = item["data"] if isinstance(item["data"], dict) else {}
        if not item["is_image"] or item.get("list") == 0:
            continue
        alt, _c = repair(str(data.get("alt") or ""))
        caption, _c = repair(str(data.get("title") or data.get("description") or ""))
        image_id = files.get(node.nid, item, as_image=True, title=caption, alt=alt)
        if image_id:
            stream.append(
                block(
                    "image",
                    {
                        "image": {"image": image_id, "decorative": not alt, "alt_text": alt},
                        "caption": caption[:500],
                        "credit": "",
                    },
                )
            )
    attachments = [u for u in node.uploads] + [c for c in node.cck_files if not c["is_image"]]
    for item in attachments:
        description = item.get("description") or ""
        if not description and isinstance(item.get("data"), dict):
            description = str(item["data"].get("description") or "")
        description, _c = repair(description)
        filename, _c = repair(item.get("filename") or "")
        document_id = files.get(node.nid, item, as_image=False, title=description or filename)
        if document_id and item.get("list") != 0:
            stream.append(block("attachment", {"document": document_id, "title": description}))
    node.stream = stream
    node.texts = texts
