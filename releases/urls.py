from django.urls import path

from . import feeds, pdf, views

app_name = "releases"
urlpatterns = [
    path("feeds/", views.feeds_page, name="feeds"),
    path("release/<int:page_id>/pdf/", pdf.release_pdf, name="release_pdf"),
    path("source/<slug:slug>/", views.publisher_page, name="publisher"),
    path("source/<slug:slug>/rss/", feeds.publisher_rss, name="publisher_rss"),
    path("source/<slug:slug>/atom/", feeds.publisher_atom, name="publisher_atom"),
]
