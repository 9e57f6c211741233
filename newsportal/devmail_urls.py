"""Development-only mailbox: the .eml files the development email backend wrote."""

from django.urls import path

from . import devmail

app_name = "devmail"
urlpatterns = [
    path("", devmail.mailbox, name="mailbox"),
    path("<str:name>/", devmail.message, name="message"),
]
