"""The importer's memory of what it did: one ImportedNode row per node (its page, checksum,
problems, links still pending), which makes a run resumable and a second run incremental."""

from .models import ImportedNode


def existing_records(nids):
    return {imported.nid: imported for imported in ImportedNode.objects.filter(nid__in=nids)}


def _problems_of(problems, nid):
    return [[code, detail] for pnid, code, detail in problems if pnid == nid]


def _record_fields(node, problems):
    """What an ImportedNode row says about a node after this run."""
    return {
        "vid": node.row["vid"],
        "tnid": node.row["tnid"] or 0,
        "language": node.row["language"] or "",
        "author": (node.row["author"] or "")[:255],
        "checksum": node.checksum,
        "links_pending": node.pending_links,
        "problems": _problems_of(problems, node.nid),
    }


def write_records(created, updated, problems):
    ImportedNode.objects.bulk_create(
        [ImportedNode(nid=n.nid, page_id=n.page.pk, **_record_fields(n, problems)) for n in created]
    )
    for n in updated:
        ImportedNode.objects.filter(pk=n.existing.pk).update(**_record_fields(n, problems))


def pages_of(nids):
    """({nid: page id} of the live pages, {nid} of the unpublished ones) among `nids`."""
    pages, hidden = {}, set()
    for nid, page_id, live in ImportedNode.objects.filter(nid__in=nids).values_list(
        "nid", "page_id", "page__live"
    ):
        if live:
            pages[nid] = page_id
        else:
            hidden.add(nid)
    return pages, hidden


def pending_link_nids():
    return list(
        ImportedNode.objects.filter(links_pending=True)
        .order_by("nid")
        .values_list("nid", flat=True)
    )


def links_resolved(nids):
    ImportedNode.objects.filter(nid__in=nids).update(links_pending=False)


def report_deleted(report, seen):
    """Imported nodes Drupal no longer has: reported, their pages left for an editor to
    decide (a node deleted by mistake, or a partial dump, must not unpublish a release)."""
    for nid, page_id in ImportedNode.objects.order_by("nid").values_list("nid", "page_id"):
        if nid not in seen:
            report.add(nid, "deleted", f"page {page_id} left as it is")
