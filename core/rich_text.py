"""The rich text features editors get everywhere (releases, Council meetings, content pages)."""

RICH_TEXT_FEATURES = [
    "bold",
    "italic",
    "link",
    "document-link",
    "ol",
    "ul",
    "superscript",
    "subscript",
]
