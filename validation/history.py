"""Lines in a page's Wagtail history ("validation.*" actions, formatted in wagtail_hooks.py)."""

from wagtail.log_actions import log as wagtail_log
from wagtail.models import Page


def log(instance, action, revision=None, user=None, data=None):
    """A line in the object's Wagtail history. `instance`: the object, or a page's id."""
    if isinstance(instance, (int, str)):
        instance = Page.objects.get(pk=instance)
    if type(instance) is Page:
        instance = instance.specific_deferred
    return wagtail_log(
        instance=instance,
        action=action,
        user=user,
        revision=revision,
        data=data or {},
    )
