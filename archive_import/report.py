"""The import report: counts of nodes created, updated, unchanged, skipped and failed, and each
problem met, by node."""

from collections import Counter
from dataclasses import dataclass, field

PROBLEM_LABELS = {
    "missing_file": "missing file",
    "bad_image": "unreadable image",
    "mojibake": "mojibake repaired",
    "unknown_format": "unknown format",
    "duplicate_alias": "duplicate alias",
    "alias_too_long": "alias too long",
    "php_body": "PHP body imported as text",
    "broken_html": "broken HTML",
    "unsafe_html": "unsafe HTML removed",
    "language_neutral": "language-neutral node",
    "unknown_language": "unknown language",
    "translation_conflict": "translation conflict",
    "unknown_publisher": "unknown publisher term, created",
    "unknown_theme": "unknown theme term, created",
    "no_publisher": "no publisher, fallback used",
    "unresolved_link": "unresolved link",
    "unpublished_link": "link to an unpublished node",
    "unresolved_image": "unresolved inline image",
    "bad_file_data": "unreadable CCK file data",
    "skipped_type": "content type not imported",
    "language_changed": "language changed, page not moved",
    "failed": "failed",
    "deleted": "deleted in Drupal",
    "batch_retried": "batch retried node by node",
}


@dataclass
class Report:
    counts: Counter = field(default_factory=Counter)
    problems: list = field(default_factory=list)  # (nid, code, detail)
    # What the source holds and what was read of it (content types, vocabularies).
    context: list = field(default_factory=list)

    def add(self, nid, code, detail=""):
        self.problems.append((nid, code, detail))

    def text(self, header=""):
        lines = [header] if header else []
        lines += self.context
        for key in ("created", "updated", "unchanged", "skipped", "failed"):
            lines.append(f"{key:>10}: {self.counts.get(key, 0)}")
        by_code = Counter(code for _nid, code, _d in self.problems)
        lines.append(f"  problems: {len(self.problems)}")
        for code, count in sorted(by_code.items()):
            lines.append(f"    {PROBLEM_LABELS.get(code, code)}: {count}")
        lines.append("")
        for nid, code, detail in sorted(self.problems, key=lambda p: (p[0] or 0, p[1])):
            where = f"node/{nid}" if nid else "-"
            lines.append(f"{where}\t{PROBLEM_LABELS.get(code, code)}\t{detail}")
        return "\n".join(lines) + "\n"

    @property
    def imported(self):
        """Nodes of the imported types now in the site (created, updated or unchanged)."""
        return sum(self.counts.get(key, 0) for key in ("created", "updated", "unchanged"))
