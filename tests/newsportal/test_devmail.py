"""The development mailbox (/dev/mail/) that the README and `make run` advertise: a real email
of the site, written by the development backend, listed, shown, and its link followed."""

import re
from pathlib import Path
from urllib.parse import urlparse

import pytest
from django.conf import settings as django_settings
from django.core.mail import EmailMultiAlternatives

from newsportal.mail import EmlFileBackend
from tests.subscriptions.test_flow import subscribe

pytestmark = pytest.mark.django_db

MAKEFILE = Path(django_settings.BASE_DIR) / "Makefile"


@pytest.fixture
def mailbox(settings, tmp_path):
    """DEBUG on and the development backend writing into a folder of the test's own."""
    settings.DEBUG = True
    settings.EMAIL_BACKEND = "newsportal.mail.EmlFileBackend"
    settings.EMAIL_FILE_PATH = tmp_path / "mail"
    return settings.EMAIL_FILE_PATH


def test_an_email_of_the_site_is_listed_shown_and_its_link_works(
    client, site_structure, factories, mailbox, django_capture_on_commit_callbacks
):
    finance = factories.publisher(name="FPS Finance")
    response = subscribe(
        client, django_capture_on_commit_callbacks, organisations=[finance.pk], email_language="fr"
    )
    assert response.status_code == 302
    (eml,) = mailbox.glob("*.eml")
    subject = "Confirmez votre abonnement aux communiqués de presse"

    listing = client.get("/dev/mail/")
    assert listing.status_code == 200
    page = listing.content.decode()
    assert f'href="/dev/mail/{eml.name}/"' in page
    assert subject in page and "reporter@example.org" in page

    shown = client.get(f"/dev/mail/{eml.name}/")
    assert shown.status_code == 200
    page = shown.content.decode()
    assert f"<h1>{subject}</h1>" in page
    # The text part is on the page; the HTML part only in a sandboxed frame of its own URL.
    assert "/subscribe/confirm/" in page
    frame = re.search(r"<iframe[^>]*>", page)[0]
    assert f'src="/dev/mail/{eml.name}/html/"' in frame
    assert 'sandbox="allow-popups allow-popups-to-escape-sandbox"' in frame
    assert re.search(r"frame-src [^;]*'self'", shown["Content-Security-Policy"])

    html = client.get(f"/dev/mail/{eml.name}/html/")
    assert html.status_code == 200
    policy = html["Content-Security-Policy"]
    assert "default-src 'none'" in policy and "sandbox allow-popups" in policy
    assert "script-src" not in policy
    (link,) = {
        url
        for url in re.findall(r'href="(https?://[^"]+)"', html.content.decode())
        if "/subscribe/confirm/" in url
    }
    # The link leads to the site (BASE_URL) and its page answers.
    assert link.startswith(django_settings.WAGTAILADMIN_BASE_URL)
    confirm = client.get(urlparse(link).path)
    assert confirm.status_code == 200
    assert "<form" in confirm.content.decode()


def test_message_without_html_part_and_mailbox_newest_first(client, site_structure, mailbox):
    backend = EmlFileBackend()
    for subject in ("First <b>one</b>", "Second"):
        backend.send_messages(
            [EmailMultiAlternatives(subject, "Plain only", "a@example.be", ["b@example.be"])]
        )
    names = sorted(path.name for path in mailbox.glob("*.eml"))
    page = client.get("/dev/mail/").content.decode()
    # Escaped, as any header is.
    assert "First &lt;b&gt;one&lt;/b&gt;" in page
    shown = client.get(f"/dev/mail/{names[0]}/").content.decode()
    assert "Plain only" in shown and "<iframe" not in shown
    assert client.get(f"/dev/mail/{names[0]}/html/").status_code == 404


@pytest.mark.parametrize(
    "language, text",
    [("en", "No email yet."), ("fr", "Aucun e-mail pour l’instant."), ("nl", "Nog geen e-mail.")],
)
def test_empty_mailbox_in_the_reader_s_language(client, site_structure, mailbox, language, text):
    response = client.get("/dev/mail/", HTTP_ACCEPT_LANGUAGE=language)
    assert response.status_code == 200
    page = response.content.decode()
    assert text in page and f'<html lang="{language}">' in page


@pytest.mark.parametrize(
    "name", ["../db.sqlite3", "..%2F..%2Fsettings.eml", "nothing.eml", "x.txt", "%00.eml"]
)
def test_only_eml_files_of_the_folder(client, site_structure, mailbox, name):
    (mailbox.parent / "outside.eml").write_text("Subject: outside\n\nsecret")
    assert client.get(f"/dev/mail/{name}/").status_code == 404
    assert client.get(f"/dev/mail/{name}/html/").status_code == 404


def test_not_served_without_debug(client, site_structure, mailbox, settings):
    EmlFileBackend().send_messages(
        [EmailMultiAlternatives("Hidden", "text", "a@example.be", ["b@example.be"])]
    )
    (eml,) = mailbox.glob("*.eml")
    settings.DEBUG = False
    for path in ("/dev/mail/", f"/dev/mail/{eml.name}/", f"/dev/mail/{eml.name}/html/"):
        assert client.get(path).status_code == 404


def test_every_address_make_run_prints_answers(client, site_structure, mailbox, settings):
    """`make run` prints the site, the admin and the mailbox; each one renders."""
    paths = re.findall(r'\$\(BASE_URL\)(/[^\s"]*)', MAKEFILE.read_text())
    assert {"/", "/admin/", "/dev/mail/"} <= set(paths)
    for path in paths:
        response = client.get(path, follow=True)
        assert response.status_code == 200, path
