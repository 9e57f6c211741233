"""What a `reverse()` answers from besides its arguments, for the URLs kept per process."""

from django.conf import settings
from django.urls import get_script_prefix, get_urlconf
from django.utils import translation


def reverse_context():
    """The active language (the prefix of i18n_patterns), the script prefix and the URLconf in
    force: the key, with their own arguments, of the URLs a process keeps
    (Publisher.get_absolute_url, core.pages.KeptUrlPartsMixin)."""
    return translation.get_language(), get_script_prefix(), get_urlconf(settings.ROOT_URLCONF)
