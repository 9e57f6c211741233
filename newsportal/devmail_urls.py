"""Development-only mailbox: the .eml files the development email backend wrote. Mounted in
every configuration; the views answer 404 unless DEBUG is on."""

from django.urls import path

from . import devmail

app_name = "devmail"
urlpatterns = [
    path("", devmail.mailbox, name="mailbox"),
    path("<str:name>/", devmail.message, name="message"),
    path("<str:name>/html/", devmail.message_html, name="html"),
]
