from django.conf import settings
from django.http import HttpResponse, HttpResponseServerError
from django.shortcuts import render
from django.template import loader
from django.urls import reverse
from django.utils import translation
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET


@require_GET
@cache_control(max_age=3600, public=True)
def robots_txt(request):
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        "Disallow: /dev/",
        *[f"Disallow: /{code}/validation/" for code in settings.LANGUAGE_CODES],
        "",
        f"Sitemap: {request.build_absolute_uri(reverse('sitemap_index'))}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")


def page_not_found(request, exception=None):
    # The language comes from the URL prefix (LocaleMiddleware); error_page sends the
    # language switcher to the home pages rather than to the same missing URL.
    return render(request, "404.html", {"error_page": True}, status=404)


def server_error(request):
    # No context processors and no database: whatever broke must not break this page too.
    # The message is given in every language, the visitor's first.
    current = (translation.get_language() or settings.LANGUAGE_CODE)[:2]
    if current not in settings.LANGUAGE_CODES:
        current = settings.LANGUAGE_CODE
    languages = [current] + [code for code in settings.LANGUAGE_CODES if code != current]
    template = loader.get_template("500.html")
    return HttpResponseServerError(template.render({"languages": languages}))
