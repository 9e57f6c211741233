from django.contrib.sitemaps import views as sitemap_views
from django.urls import path

from core.front_cache import SITEMAP, cache_publicly

from .sitemaps import sitemaps

urlpatterns = [
    path(
        "sitemap.xml",
        cache_publicly(SITEMAP)(sitemap_views.index),
        {"sitemaps": sitemaps},
        name="sitemap_index",
    ),
    path(
        "sitemap-<section>.xml",
        cache_publicly(SITEMAP)(sitemap_views.sitemap),
        {"sitemaps": sitemaps},
        name="django.contrib.sitemaps.views.sitemap",
    ),
]
