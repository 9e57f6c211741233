from django.urls import path

from . import views

app_name = "accreditation"
urlpatterns = [
    path("accreditation/", views.apply, name="apply"),
    path("accreditation/sent/", views.apply_sent, name="apply_sent"),
    path("accreditation/confirm/<str:token>/", views.confirm, name="confirm"),
    path("embargo/<str:token>/", views.read, name="read"),
    path("embargo/<str:token>/seen/<int:access_id>.gif", views.seen, name="seen"),
]
