"""The choosers of press contacts and publishers in the release form: wagtail-autocomplete's
panel, with these endpoints in front of its views and its strings in the admin's language.

Why not the library's own admin URLs: they answer for any model the request names (`type`), so
any admin user could list the titles of every image or document, and a model without a title,
or a `limit`, `exclude` or `pks` that is not a number, answers 500. These endpoints allow only
the models that define what their chooser offers (`autocomplete_custom_queryset_filter`) and
refuse malformed parameters with 400 before the library's views run.

Why a widget subclass: the library's React widget writes its few strings in English ("Nothing
selected.", "Remove", the count of suggestions read out to screen readers) and names no item
on its "Remove" buttons. The wrapper around it hands translations to
static/js/admin-autocomplete.js, which swaps those strings and labels each button with the item
it removes."""

import json

from django.forms import Media
from django.http import HttpResponseBadRequest
from django.urls import path
from django.utils.html import format_html
from django.utils.translation import gettext
from wagtail.admin.auth import require_admin_access
from wagtail.admin.staticfiles import versioned_static
from wagtailautocomplete import views
from wagtailautocomplete.edit_handlers import AutocompletePanel
from wagtailautocomplete.widgets import Autocomplete

from .models import PressContact, Publisher

CHOOSER_MODELS = {model._meta.label for model in (PressContact, Publisher)}
# The widget asks for up to the library's default; more is never useful in a dropdown.
MAX_SUGGESTIONS = 100


def _numbers(value):
    return all(item.isdigit() for item in value.split(",") if item)


def _checked(view):
    """The library's admin view (`public=False`: no public allow-list), for chooser models and
    well-formed parameters only."""

    @require_admin_access
    def endpoint(request):
        data = request.POST if request.method == "POST" else request.GET
        if data.get("type") not in CHOOSER_MODELS:
            return HttpResponseBadRequest("Unknown chooser.")
        limit = data.get("limit", str(MAX_SUGGESTIONS))
        if not (limit.isdigit() and 0 < int(limit) <= MAX_SUGGESTIONS):
            return HttpResponseBadRequest("Bad limit.")
        if not (_numbers(data.get("exclude", "")) and _numbers(data.get("pks", ""))):
            return HttpResponseBadRequest("Bad identifiers.")
        return view(request, public=False)

    return endpoint


# Mounted under /admin/ (register_admin_urls), where the widget looks for them.
urlpatterns = [
    path("autocomplete/search/", _checked(views.search), name="directory_autocomplete_search"),
    path("autocomplete/objects/", _checked(views.objects), name="directory_autocomplete_objects"),
]


def widget_strings():
    """The widget's English strings and what replaces them in the admin's language."""
    return {
        "Nothing selected.": gettext("Nothing selected."),
        "Remove": gettext("Remove"),
        "suggestion": " " + gettext("suggestion found"),
        "suggestions": " " + gettext("suggestions found"),
        " found, use up and down arrows to review.": ", "
        + gettext("use the up and down arrow keys to review them."),
        "removeItem": gettext("Remove %(item)s"),
    }


class TranslatedAutocomplete(Autocomplete):
    def render(self, name, value, attrs=None, renderer=None):
        # A wrapper rather than a template: form widgets are rendered by the apps' template
        # folders only (Django's default form renderer), and the project keeps none.
        return format_html(
            '<span data-autocomplete-strings="{}">{}</span>',
            json.dumps(widget_strings()),
            super().render(name, value, attrs, renderer),
        )

    def value_from_datadict(self, data, files, name):
        # The library's reading fails with a 500 on a value that is not its JSON; here the
        # field says "not a valid choice" instead.
        raw = data.get(name)
        if not raw:
            return None
        try:
            value = json.loads(raw)
        except ValueError:
            return [raw]
        if value is None:
            return None
        items = value if isinstance(value, list) else [value]
        return [item.get("pk") if isinstance(item, dict) else item for item in items]

    def format_value(self, value):
        # The chosen entries, inactive ones included, in one query (labels name the publisher).
        # Ids only: a form sent back with a garbled value shows the valid entries it names.
        pks = [
            pk for pk in (getattr(item, "pk", item) for item in value or ()) if str(pk).isdigit()
        ]
        if not pks:
            return "null"
        chosen = self.target_model.objects.filter(pk__in=pks).select_related()
        return json.dumps([views.render_page(obj) for obj in chosen])

    @property
    def media(self):
        return super().media + Media(js=[versioned_static("js/admin-autocomplete.js")])


class ChooserPanel(AutocompletePanel):
    """An autocomplete chooser of several entries that never creates one."""

    def widget_overrides(self):
        return {
            self.field_name: TranslatedAutocomplete(
                target_model=self.target_model, can_create=False, is_single=False
            )
        }
