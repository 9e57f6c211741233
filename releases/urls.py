from django.urls import path

from . import views

app_name = "releases"
urlpatterns = [
    path("feeds/", views.feeds_page, name="feeds"),
]
