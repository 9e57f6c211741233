from django.conf import settings


def site(request):
    return {"SITE_NAME": settings.SITE_NAME, "LANGUAGES_AVAILABLE": settings.LANGUAGES}
