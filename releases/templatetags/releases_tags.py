from django import template

from ..navigation import navigation

register = template.Library()


@register.simple_tag(takes_context=True)
def section_url(context, section):
    """URL of the news listing or the Council section in the active language."""
    return navigation(context.get("request"))[section]


@register.simple_tag(takes_context=True)
def content_pages(context):
    """The live content pages (accessibility, privacy, terms) of the active language, for
    the footer: dicts with title and url."""
    return navigation(context.get("request"))["content_pages"]


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
