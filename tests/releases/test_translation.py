"""Communicators translate their own publishers' releases with wagtail-localize's translation
editor: the source beside each field, a translated title and slug, the publisher, themes,
contacts and the rest copied from the source. Another publisher's release cannot be
translated, nor its translations synced, even by typing the address."""

from datetime import timedelta
from urllib.parse import urlencode

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse
from wagtail.models import Locale
from wagtail_localize.models import StringSegment, Translation, TranslationSource

from releases.models import PressReleasePage
from releases.permissions import PublisherPagePermissionTester, ensure_communicators_group
from tests import factories as f

pytestmark = pytest.mark.django_db

SUBMIT = "wagtail_localize:submit_page_translation"
# The translation editor of a release, besides two per text to translate.
EDITOR_QUERIES = 85


@pytest.fixture
def world(site_structure):
    finance = f.publisher(name="FPS Finance")
    health = f.publisher(name="FPS Health")
    user = get_user_model().objects.create_user("alice", "alice@example.be", "pw")
    user.groups.add(ensure_communicators_group())
    finance.communicators.add(user)
    return {"user": user, "finance": finance, "health": health}


def translate(client, page, language="fr"):
    """Submit `page` for translation into `language`: the new draft in that language."""
    locale = Locale.objects.get(language_code=language)
    response = client.post(reverse(SUBMIT, args=(page.pk,)), {"locales": [locale.pk]})
    assert response.status_code == 302, response.content[:500]
    return PressReleasePage.objects.get(locale=locale, translation_key=page.translation_key)


def refused(response):
    """The admin answers a PermissionDenied with a redirect to the dashboard and a message."""
    return response.status_code == 403 or (
        response.status_code == 302 and response.url == reverse("wagtailadmin_home")
    )


def translation_into(page, locale):
    return Translation.objects.get(target_locale=locale, source__object_id=page.translation_key)


def put_string(client, translation, path, value):
    segment = StringSegment.objects.get(source=translation.source, context__path=path)
    url = reverse(
        "wagtail_localize:edit_string_translation",
        kwargs={"translation_id": translation.pk, "string_segment_id": segment.pk},
    )
    return client.put(
        url, urlencode({"value": value}), content_type="application/x-www-form-urlencoded"
    )


def test_communicators_translate_their_own_releases_only(client, world):
    theme = f.theme()
    own = f.release(
        publisher=world["finance"], title="Excise reform", themes=[theme], co_publishers=[]
    )
    own.press_contacts.set([f.contact(world["finance"], name="Own Spokesperson")])
    own.co_publishers.set([world["health"]])
    own.save_revision().publish()
    foreign = f.release(publisher=world["health"], title="Hospital plan")
    user = world["user"]
    assert PublisherPagePermissionTester(user, own).can_translate()
    assert not PublisherPagePermissionTester(user, foreign).can_translate()

    client.force_login(user)
    assert client.get(reverse(SUBMIT, args=(own.pk,))).status_code == 200
    assert refused(client.get(reverse(SUBMIT, args=(foreign.pk,))))
    fr_locale = Locale.objects.get(language_code="fr")
    response = client.post(reverse(SUBMIT, args=(foreign.pk,)), {"locales": [fr_locale.pk]})
    assert refused(response)
    assert not PressReleasePage.objects.filter(translation_key=foreign.translation_key).exclude(
        pk=foreign.pk
    )

    fr = translate(client, own)
    # A draft under the French news listing, linked to its source, with what is not text copied.
    assert fr.get_parent().specific == f.news_index("fr") and not fr.live
    assert fr.publisher == world["finance"]
    assert list(fr.themes.all()) == [theme]
    assert list(fr.co_publishers.all()) == [world["health"]]
    assert [c.name for c in fr.press_contacts.all()] == ["Own Spokesperson"]
    # (Copied from the source's serialised form, which keeps milliseconds.)
    assert abs(fr.published_at - own.published_at) < timedelta(milliseconds=1)


def test_syncing_another_publishers_translations_is_refused(client, world, django_user_model):
    foreign = f.release(publisher=world["health"], title="Hospital plan")
    admin = django_user_model.objects.create_superuser("root", "root@example.be", "pw")
    client.force_login(admin)
    translate(client, foreign)
    source = TranslationSource.objects.get(object_id=foreign.translation_key)
    url = reverse("wagtail_localize:update_translations", args=(source.pk,))
    assert client.get(url).status_code == 200
    client.force_login(world["user"])
    assert refused(client.get(url))
    assert refused(client.post(url, {"publish_translations": "on"}))


def test_the_editor_shows_the_source_and_saves_a_translated_title_and_slug(
    client, world, django_assert_max_num_queries, django_capture_on_commit_callbacks
):
    own = f.release(publisher=world["finance"], title="Accijnshervorming", slug="accijnshervorming")
    client.force_login(world["user"])
    fr = translate(client, own)
    edit = reverse("wagtailadmin_pages:edit", args=(fr.pk,))
    with django_assert_max_num_queries(EDITOR_QUERIES + 2 * 6):
        response = client.get(edit)
    assert response.status_code == 200
    assert "wagtail_localize/admin/edit_translation.html" in [t.name for t in response.templates]
    html = response.content.decode()
    # The source's text, beside each field (the editor's data).
    assert "Accijnshervorming" in html and own.lead in html

    translation = Translation.objects.get(
        target_locale=fr.locale, source__object_id=own.translation_key
    )
    assert put_string(client, translation, "title", "Réforme des accises").status_code == 201
    assert put_string(client, translation, "slug", "reforme-des-accises").status_code == 201
    assert put_string(client, translation, "lead", "La réforme en bref.").status_code == 201

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(edit, {"action": "publish"})
    assert response.status_code == 302
    fr.refresh_from_db()
    assert fr.live and fr.title == "Réforme des accises" and fr.slug == "reforme-des-accises"
    assert fr.url == "/fr/actualites/reforme-des-accises/"
    assert fr.lead == "La réforme en bref."
    # The two versions link to each other.
    assert client.get(fr.url).status_code == 200
    assert "/fr/actualites/reforme-des-accises/" in client.get(own.url).content.decode()


def test_every_block_of_a_release_is_offered_for_translation(
    client, world, django_assert_max_num_queries, django_capture_on_commit_callbacks
):
    body, _media = f.full_release_body()
    own = f.release(publisher=world["finance"], body=body)
    client.force_login(world["user"])
    fr = translate(client, own)
    edit = reverse("wagtailadmin_pages:edit", args=(fr.pk,))
    # wagtail-localize's editor reads each text's context and string one by one.
    segments = StringSegment.objects.filter(source__object_id=own.translation_key).count()
    with django_assert_max_num_queries(EDITOR_QUERIES + 2 * segments):
        response = client.get(edit)
    assert response.status_code == 200
    html = response.content.decode()
    for text in (
        "What changes",
        "Press conference in Brussels",
        "Where the money goes",
        "Good morning, today we announce the budget.",
        "A fair budget.",
        "Budget by department",
        "The minister speaks",
    ):
        assert text in html, text

    # The table comes back with its translated cells, the rest of the body as it was.
    translation = translation_into(own, fr.locale)
    for path, value in ((".cell-1-0", "Santé"), (".table_caption", "Budget par département")):
        segment = StringSegment.objects.get(source=translation.source, context__path__endswith=path)
        put_string(client, translation, segment.context.path, value)
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(edit, {"action": "publish"}).status_code == 302
    fr.refresh_from_db()
    table = next(block.value for block in fr.body if block.block_type == "table")
    assert table["data"][1] == ["Santé", "40"]
    assert table["table_caption"] == "Budget par département"
    assert [block.block_type for block in fr.body] == [block.block_type for block in own.body]
    assert fr.live
    assert "Budget par département" in client.get(fr.url).content.decode()


def test_a_communicator_cannot_write_into_another_publishers_translation(
    client, world, django_user_model
):
    foreign = f.release(publisher=world["health"], title="Hospital plan")
    client.force_login(django_user_model.objects.create_superuser("root", "r@example.be", "pw"))
    fr = translate(client, foreign)
    translation = Translation.objects.get(
        target_locale=fr.locale, source__object_id=foreign.translation_key
    )
    client.force_login(world["user"])
    assert refused(client.get(reverse("wagtailadmin_pages:edit", args=(fr.pk,))))
    assert put_string(client, translation, "title", "Plan hospitalier").status_code == 403


def test_translations_made_before_wagtail_localize_keep_the_page_editor(client, world):
    """simple_translation's copies are ordinary pages in their language: wagtail-localize
    leaves them alone (no translation record, so the usual editor; "Translate this page"
    offers only the languages still missing)."""
    own = f.release(publisher=world["finance"], title="Excise reform")
    fr = f.translation_of(own, "fr", title="Réforme des accises", slug="reforme")
    client.force_login(world["user"])
    response = client.get(reverse("wagtailadmin_pages:edit", args=(fr.pk,)))
    assert response.status_code == 200
    assert "wagtail_localize/admin/edit_translation.html" not in [
        t.name for t in response.templates
    ]
    offered = client.get(reverse(SUBMIT, args=(own.pk,))).context["form"].fields["locales"]
    assert {locale.language_code for locale in offered.queryset} == {"de", "en"}


def test_the_translations_report_lists_only_their_own_releases(client, world, django_user_model):
    own = f.release(publisher=world["finance"], title="Excise reform")
    foreign = f.release(publisher=world["health"], title="Secret hospital plan", publish=False)
    client.force_login(django_user_model.objects.create_superuser("root", "r@example.be", "pw"))
    translate(client, own)
    translate(client, foreign)
    report = reverse("wagtail_localize:translations_report")
    assert "Secret hospital plan" in client.get(report).content.decode()

    client.force_login(world["user"])
    for url in (report, reverse("wagtail_localize:translations_report_results")):
        response = client.get(url)
        assert response.status_code == 200
        html = response.content.decode()
        assert "Excise reform" in html and "Secret hospital plan" not in html


def test_the_editors_snippet_api_answers_only_for_managed_types(client, world, django_user_model):
    f.theme(name_en="Taxes", name_nl="Taxes")
    url = reverse("wagtail_localize:snippets_api_listing", args=("releases", "theme"))
    client.force_login(world["user"])
    assert client.get(url).status_code == 403
    client.force_login(django_user_model.objects.create_superuser("root", "r@example.be", "pw"))
    response = client.get(url)
    assert response.status_code == 200 and "Taxes" in response.content.decode()
