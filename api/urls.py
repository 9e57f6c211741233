from django.urls import path, re_path

from . import views

app_name = "api"
urlpatterns = [
    path("releases/", views.ReleaseList.as_view(), name="release-list"),
    path("releases/<str:pk>/", views.ReleaseDetail.as_view(), name="release-detail"),
    path("council-meetings/", views.MeetingList.as_view(), name="meeting-list"),
    path("council-meetings/<str:pk>/", views.MeetingDetail.as_view(), name="meeting-detail"),
    path("publishers/", views.PublisherList.as_view(), name="publisher-list"),
    path("publishers/<str:slug>/", views.PublisherDetail.as_view(), name="publisher-detail"),
    path("themes/", views.ThemeList.as_view(), name="theme-list"),
    # The OpenAPI 3 document (YAML; JSON with ?format=json) and its reference page, whose
    # script is served apart (no inline script: the site's Content-Security-Policy).
    path("schema", views.SchemaView.as_view(api_version="1"), name="schema"),
    path("docs/", views.ReferenceView.as_view(url_name="api:schema"), name="docs"),
    # Anything else under /api/v1/ is a JSON 404 too, not the site's HTML page.
    re_path(r"", views.NotFoundView.as_view(), name="not-found"),
]
