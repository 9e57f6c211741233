from django.urls import path

from . import views

app_name = "directory"
urlpatterns = [
    path("contacts/", views.contact_points, name="contact_points"),
    path("contacts/<int:pk>/vcard/", views.vcard, name="vcard"),
]
