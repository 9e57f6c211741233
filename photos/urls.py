from django.urls import path

from . import views

app_name = "photos"
urlpatterns = [
    # Not under the section's own path (/fr/photos/): a report's slug cannot shadow them.
    path(
        "photo-download/<int:image_id>/<str:size>/",
        views.photo_download,
        name="photo_download",
    ),
    path("photo-report/<int:page_id>/zip/", views.report_zip, name="report_zip"),
]
