from django.urls import path

from . import views

# Outside the language prefixes: one address for every page, never cached (a POST).
urlpatterns = [
    path("beacon/", views.beacon, name="audience_beacon"),
]
