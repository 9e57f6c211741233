"""The mapping file: which Drupal node types and vocabularies are imported, the old site's host
names, and the publishers and themes that taxonomy terms stand for."""

import json
from pathlib import Path

DEFAULT_MAPPING = Path(__file__).parent / "mappings" / "presscenter.json"


def load_mapping(path=None):
    with open(path or DEFAULT_MAPPING, encoding="utf-8") as handle:
        mapping = json.load(handle)
    mapping.setdefault("node_types", [])
    mapping.setdefault("publisher_vocabularies", [])
    mapping.setdefault("theme_vocabularies", [])
    mapping.setdefault("site_hosts", [])
    mapping.setdefault("publishers", {})
    mapping.setdefault("themes", {})
    return mapping
