from django.http import HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils.http import content_disposition_header
from django.utils.translation import ngettext

from core.front_cache import cache_publicly

from .contact_points import ContactPointsForm, find_contact_points
from .models import PressContact
from .vcard import build_vcard, vcard_filename


@cache_publicly()
def contact_points(request):
    """Organisations, the Council of Ministers and government members with their press
    contacts, filtered by type and text from the query string."""
    form = ContactPointsForm(request.GET)
    filters = form.filters()
    sections = find_contact_points(**filters)
    result_count = sum(len(section.entries) for section in sections)
    contact_count = sum(len(entry.contacts) for section in sections for entry in section.entries)
    return render(
        request,
        "directory/contact_points.html",
        {
            "form": form,
            "filters": filters,
            "sections": sections,
            "result_count": result_count,
            "contact_count": contact_count,
            "summary": _summary(result_count, contact_count),
            "is_filtered": bool(request.GET),
            "with_former_url": _with_former_url(request, filters),
        },
    )


def _summary(result_count, contact_count):
    # Two whole sentences rather than one assembled from fragments: each translates on its own.
    publishers = ngettext(
        "%(count)d publisher found.", "%(count)d publishers found.", result_count
    ) % {"count": result_count}
    if not result_count:
        return publishers
    if result_count == 1:
        contacts = ngettext(
            "It has %(count)d press contact.", "It has %(count)d press contacts.", contact_count
        )
    else:
        contacts = ngettext(
            "They have %(count)d press contact.",
            "They have %(count)d press contacts.",
            contact_count,
        )
    contacts %= {"count": contact_count}
    return f"{publishers} {contacts}"


def _with_former_url(request, filters):
    """The same search including former publishers, offered when it might find more."""
    if filters["include_former"]:
        return None
    params = request.GET.copy()
    params["former"] = "1"
    return f"{request.path}?{params.urlencode()}"


@cache_publicly()
def vcard(request, pk):
    contact = get_object_or_404(
        PressContact.objects.select_related("publisher"), pk=pk, is_active=True
    )
    response = HttpResponse(build_vcard(contact), content_type="text/vcard; charset=utf-8")
    response["Content-Disposition"] = content_disposition_header(
        as_attachment=True, filename=vcard_filename(contact)
    )
    return response
