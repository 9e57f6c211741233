from django import template

from ..search import marked as marked_headline

register = template.Library()


@register.filter
def file_size(obj):
    """The size in bytes of a document or an image, measured once when the upload did not
    record it; None when the file is missing."""
    if obj is None:
        return None
    return obj.file_size if obj.file_size is not None else obj.get_file_size()


@register.filter
def file_type(obj):
    """The file type of a document or an image as readers know it: PDF, DOCX, JPG..."""
    name = getattr(getattr(obj, "file", None), "name", "") or ""
    _stem, dot, extension = name.rpartition(".")
    return extension.upper() if dot else ""


@register.filter
def marked(headline):
    """A search excerpt as safe HTML: escaped, the matched words in <mark>."""
    return marked_headline(headline)
