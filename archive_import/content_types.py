"""What the import reads of a Drupal archive: which content types are press releases and which
vocabularies hold publishers and themes, with what the source holds, for the report.

The machine name of the press-release type is not known in advance (a site may call it
`persbericht` or `communique`). The mapping file's `node_types` win when the source has them;
else the type named as a press release in node_type, or the one the publisher and theme
vocabularies are attached to (vocabulary_node_types). When that leaves no single answer the
operator chooses with --types, told what the source holds."""

import re
from dataclasses import dataclass, field

# A content type's machine or human name that says "press release", in the site's languages.
PRESS_RELEASE_NAME = re.compile(r"press|pers|communiqu|mitteilung", re.IGNORECASE)


class SelectionError(ValueError):
    """What to import cannot be decided or is wrong; the message says what the source holds."""


@dataclass
class Selection:
    """The content types and vocabularies an import reads, why, and what else the source has."""

    types: list
    reason: str
    type_counts: dict
    type_names: dict
    vocabularies: dict  # vid: name
    term_counts: dict  # vid: number of terms
    publisher_vids: set = field(default_factory=set)
    theme_vids: set = field(default_factory=set)

    def lines(self):
        """The report's account of what was found and what was used."""
        types = ", ".join(
            f"{name} ({count} node{'s' if count != 1 else ''}"
            f"{', imported' if name in self.types else ''})"
            for name, count in sorted(self.type_counts.items(), key=lambda kv: (-kv[1], kv[0]))
        )
        vocabularies = []
        for vid, name in sorted(self.vocabularies.items()):
            use = (
                "publishers"
                if vid in self.publisher_vids
                else "themes"
                if vid in self.theme_vids
                else "not used"
            )
            terms = self.term_counts.get(vid, 0)
            vocabularies.append(f"{name} ({terms} term{'s' if terms != 1 else ''}, {use})")
        lines = [
            f"Content types: {types or 'none'}.",
            f"Imported as press releases: {', '.join(self.types) or 'none'} ({self.reason}).",
            f"Vocabularies: {', '.join(vocabularies) or 'none'}.",
        ]
        if self.vocabularies and not self.publisher_vids:
            lines.append(
                "No publisher vocabulary: every release goes to the Presscenter archive "
                "publisher (name one with --publisher-vocabularies)."
            )
        return lines

    def describe_types(self):
        return (
            ", ".join(f"{name} ({count})" for name, count in sorted(self.type_counts.items()))
            or "none"
        )


def _names(values):
    return {value.casefold() for value in values}


def select(source, mapping, types=None, publisher_vocabularies=None, theme_vocabularies=None):
    """The Selection for this source: `types` and the vocabulary names given on the command
    line, else the mapping file's, else the guesses described in the module docstring."""
    vocabularies = dict(source.vocabularies)
    by_name = _names(vocabularies.values())
    for option, names in (
        ("--publisher-vocabularies", publisher_vocabularies),
        ("--theme-vocabularies", theme_vocabularies),
    ):
        unknown = sorted(name for name in names or () if name.casefold() not in by_name)
        if unknown:
            raise SelectionError(
                f"{option}: no vocabulary {', '.join(unknown)} in the source; it has "
                f"{', '.join(sorted(vocabularies.values())) or 'none'}."
            )
    publisher_names = _names(publisher_vocabularies or mapping["publisher_vocabularies"])
    theme_names = _names(theme_vocabularies or mapping["theme_vocabularies"])
    term_counts = {}
    for term in source.terms.values():
        term_counts[term.vocabulary] = term_counts.get(term.vocabulary, 0) + 1
    selection = Selection(
        types=[],
        reason="",
        type_counts=source.node_type_counts(),
        type_names=source.node_type_names(),
        vocabularies=vocabularies,
        term_counts=term_counts,
        publisher_vids={v for v, n in vocabularies.items() if n.casefold() in publisher_names},
        theme_vids={v for v, n in vocabularies.items() if n.casefold() in theme_names},
    )
    selection.types, selection.reason = _types(source, mapping, selection, types)
    return selection


def _types(source, mapping, selection, requested):
    present = selection.type_counts
    if requested:
        unknown = [name for name in requested if name not in present]
        if unknown:
            raise SelectionError(
                f"--types {', '.join(unknown)}: no node of that content type in the source; "
                f"it has {selection.describe_types()}."
            )
        return list(requested), "--types"
    if not present:
        return [], "the source has no node"
    configured = [name for name in mapping["node_types"] if name in present]
    if configured:
        return configured, "named in the mapping file"
    if not mapping["node_types"]:
        return sorted(present), "the mapping file names no content type: all of them"
    named = [
        name
        for name in present
        if PRESS_RELEASE_NAME.search(name)
        or PRESS_RELEASE_NAME.search(selection.type_names.get(name) or "")
    ]
    if len(named) == 1:
        (name,) = named
        return named, f"named {selection.type_names.get(name) or name!r} in node_type"
    attached = source.vocabulary_types()
    carriers = set()
    for vid in selection.publisher_vids | selection.theme_vids:
        carriers |= attached.get(vid, set())
    carriers = sorted(carriers & set(named or present))
    if len(carriers) == 1:
        return carriers, "the publisher and theme vocabularies are attached to it"
    raise SelectionError(
        f"Cannot tell which content type holds the press releases (the mapping file names "
        f"{', '.join(mapping['node_types'])}); the source has {selection.describe_types()}. "
        "Choose with --types TYPE[,TYPE]."
    )
