from django.shortcuts import render

from .models import Publisher


def contact_points(request):
    publishers = Publisher.objects.active().prefetch_related("contacts")
    return render(request, "directory/contact_points.html", {"publishers": publishers})
