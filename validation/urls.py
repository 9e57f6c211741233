from django.urls import path

from . import views

app_name = "validation"
urlpatterns = [
    path("validation/<str:token>/", views.respond, name="respond"),
]
