from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path, re_path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls
from wagtail.images.views.serve import ServeView

from core import routing
from core.front_cache import cache_publicly

from . import views
from .esp_webhooks import tracking_webhook_urlpatterns

urlpatterns = [
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path(
        "images/<str:signature>/<int:image_id>/<str:filter_spec>/",
        # Renditions: kept by the front cache (an image edited purges everything).
        cache_publicly()(ServeView.as_view()),
        name="wagtailimages_serve",
    ),
    path("robots.txt", views.robots_txt, name="robots_txt"),
    # The page-view beacon of the usage statistics (audience/, docs/audience.md).
    path("audience/", include("audience.beacon_urls")),
    # The public API, read-only and versioned (api/, docs/api.md).
    path("api/v1/", include("api.urls")),
    path("", include("releases.sitemap_urls")),
    # The configured ESP's tracking webhook (bounces, complaints), behind ANYMAIL_WEBHOOK_SECRET.
    path(
        "anymail/",
        include((tracking_webhook_urlpatterns(settings.EMAIL_WEBHOOK_ESP), "anymail")),
    ),
    # The development mailbox answers only when DEBUG is on (its views check, so tests reach it).
    path("dev/mail/", include("newsportal.devmail_urls")),
]

if settings.DEBUG:
    from django.conf.urls.static import static
    from django.contrib.staticfiles.urls import staticfiles_urlpatterns

    urlpatterns += staticfiles_urlpatterns()
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

urlpatterns += i18n_patterns(
    path("", include("directory.urls")),
    path("", include("releases.urls")),
    path("", include("validation.urls")),
    path("", include("subscriptions.urls")),
    path("", include("accreditation.urls")),
    path("", include("audience.urls")),
    path("", include("photos.urls")),
    # Wagtail's page URLs, its page view keeping the routes of the section pages (core.routing).
    *[pattern for pattern in wagtail_urls.urlpatterns if pattern.name != "wagtail_serve"],
    re_path(wagtail_urls.serve_pattern, routing.serve, name="wagtail_serve"),
    prefix_default_language=True,
)

handler404 = "newsportal.views.page_not_found"
handler500 = "newsportal.views.server_error"
