"""An English admin speaks English: no Dutch (the site's default language) in its pages and
chooser modals, whatever the language of the pages it shows."""

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from tests import factories as f

pytestmark = pytest.mark.django_db

DUTCH = ["Zoeken", "Opslaan", "Publiceren", "Annuleren", "Verwijderen", "Zoek "]


def test_english_admin_has_no_dutch(client, site_structure):
    user = get_user_model().objects.create_superuser("admin", "admin@example.be", "pw")
    release = f.release(publisher=f.publisher())
    listing = release.get_parent()
    client.force_login(user)
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
    urls = [
        reverse("wagtailadmin_home"),
        reverse("wagtailadmin_explore", args=(listing.pk,)),
        reverse("wagtailadmin_pages:edit", args=(release.pk,)),
        reverse("wagtailadmin_pages:add", args=("releases", "pressreleasepage", listing.pk)),
        reverse("wagtailadmin_pages:search") + "?q=press",
        reverse("wagtailimages:index"),
        reverse("wagtaildocs:index"),
        reverse("validation_admin:index"),
        "/admin/snippets/directory/organisation/",
        "/admin/snippets/directory/presscontact/",
        "/admin/snippets/releases/theme/",
        reverse("wagtailadmin_choose_page"),
        reverse("wagtailimages_chooser:choose"),
        reverse("wagtaildocs_chooser:choose"),
    ]
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
        html = response.content.decode()
        assert not [word for word in DUTCH if word in html], url
