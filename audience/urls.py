from django.urls import path

from . import views

app_name = "audience"
# Under the language prefixes (newsportal/urls.py).
urlpatterns = [
    path("privacy/", views.privacy, name="privacy"),
]
