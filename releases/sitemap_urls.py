from django.contrib.sitemaps import views as sitemap_views
from django.urls import path

from .sitemaps import sitemaps

urlpatterns = [
    path("sitemap.xml", sitemap_views.index, {"sitemaps": sitemaps}, name="sitemap_index"),
    path(
        "sitemap-<section>.xml",
        sitemap_views.sitemap,
        {"sitemaps": sitemaps},
        name="django.contrib.sitemaps.views.sitemap",
    ),
]
