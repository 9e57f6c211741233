"""Languages and translation sets: the site locale each node goes to, and the Wagtail
translation key that links the pages of one Drupal translation set."""

import uuid

from django.conf import settings

NAMESPACE = uuid.UUID("6f1d3c2e-5a0b-4d8e-9c47-2b8e1f0a7d13")


def translation_key(tnid, nid):
    """The key of a translation set: the set's tnid, or the node's own nid for a node outside
    any set, so that a node keeps its key when Drupal later makes it the source of a set."""
    return uuid.uuid5(NAMESPACE, f"tnid:{int(tnid or 0) or nid}")


class Languages:
    def __init__(self, source, locales):
        self.source = source
        self.locales = locales  # {language code: Locale}

    def code_for(self, language):
        """The site locale of a Drupal language code, or None."""
        language = (language or "").strip()
        if language in self.locales:
            return language
        base = language.split("-")[0].lower()
        return base if base in self.locales else None

    @property
    def default_code(self):
        """Where language-neutral nodes go: Drupal's default language (the language they were
        shown in), else the site's."""
        return self.code_for(self.source.default_language) or settings.LANGUAGE_CODE

    def locale_code(self, node, note):
        language = (node.row["language"] or "").strip()
        if not language:
            note(node.nid, "language_neutral", f"imported in {self.default_code}")
            return self.default_code
        code = self.code_for(language)
        if code:
            return code
        note(node.nid, "unknown_language", f"{language!r}: imported in {self.default_code}")
        return self.default_code

    def prefix_for_code(self, code):
        """Drupal's URL prefix of a site language (the code itself when Drupal has none)."""
        for language, prefix in self.source.languages.items():
            if language == code and prefix:
                return prefix
        return code

    def set_keys(self, nodes):
        """{nid: translation key} for the nodes of a batch. In a translation set with two
        nodes of one language, the set's source node (nid = tnid) is that language's version;
        the other gets a key of its own (None here: decided against the pages that exist)."""
        tnids = {int(n.row["tnid"] or 0) for n in nodes} - {0}
        source_codes = {
            nid: self.code_for(language) or self.default_code
            for nid, language in self.source.languages_of(tnids).items()
        }
        keys = {}
        for node in nodes:
            tnid = int(node.row["tnid"] or 0)
            if tnid and tnid != node.nid and source_codes.get(tnid) == node.code:
                keys[node.nid] = None
            else:
                keys[node.nid] = translation_key(tnid, node.nid)
        return keys
