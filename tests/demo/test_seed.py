"""seed_demo (realistic, idempotent, published through revisions) and seed_bulk (bulk inserts
that leave a valid tree and search index)."""

import io
from collections import Counter

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import GroupPagePermission, Page, Revision

from core.front_cache import purge_tags
from core.outbox import OutboxEntry
from demo.content import load_content
from demo.seed import DemoSeeder
from directory.models import PressContact, Publisher
from releases.models import (
    CouncilIndexPage,
    CouncilMeetingPage,
    NewsIndexPage,
    PressReleasePage,
    Theme,
)
from releases.query import live_releases
from tests import factories

User = get_user_model()


def snapshot():
    """What a second seed_demo run must leave untouched."""
    return {
        "pages": Page.objects.count(),
        "revisions": Revision.objects.count(),
        "images": get_image_model().objects.count(),
        "documents": get_document_model().objects.count(),
        "publishers": Publisher.objects.count(),
        "contacts": PressContact.objects.count(),
        "themes": Theme.objects.count(),
        "users": User.objects.count(),
        "groups": Group.objects.count(),
        "page permissions": GroupPagePermission.objects.count(),
        "titles": sorted(Page.objects.values_list("title", flat=True)),
    }


def assert_valid_tree():
    # treebeard: bad characters, step length, orphans, wrong depth, wrong numchild.
    assert Page.find_problems() == ([], [], [], [], [])


def block_types(pages):
    return Counter(block.block_type for page in pages for block in page.body)


@pytest.mark.django_db
def test_seed_demo_is_realistic_published_and_idempotent(client):
    out = io.StringIO()
    call_command("seed_demo", admin_password="s3cret-admin", stdout=out)
    assert "login: admin / s3cret-admin" in out.getvalue()

    # Directory: the Council, about ten organisations (one dissolved), fifteen members.
    assert Publisher.objects.council().count() == 1
    organisations = Publisher.objects.organisations()
    assert organisations.count() >= 11
    assert organisations.filter(slug="chancellery", name_nl__contains="Kanselarij").exists()
    assert organisations.filter(is_active=False).exists()
    for organisation in organisations:
        assert organisation.name_fr and organisation.name_nl and organisation.name_de
        assert organisation.website.startswith("https://") and organisation.phone
    members = Publisher.objects.government_members()
    assert members.count() >= 15
    former = members.filter(term_end__isnull=False)
    assert former.count() == 1 and not former.get().in_office
    for member in members:
        assert (
            member.portfolio_fr
            and member.portfolio_nl
            and member.portfolio_de
            and member.portfolio_en
        )
        assert member.image is not None
        assert 1 <= member.spokespersons().count() <= 2
        assert all(c.language_list for c in member.spokespersons())
    assert Theme.objects.count() >= 12

    # Releases: most in fr and nl, linked as translations; some de and en.
    news = PressReleasePage.objects.filter(depth=4)
    languages = Counter(news.values_list("locale__language_code", flat=True))
    assert languages["fr"] >= 35 and languages["nl"] >= 35
    assert 5 <= languages["de"] < languages["fr"] and 5 <= languages["en"] < languages["nl"]
    pairs = news.filter(locale__language_code="nl").filter(
        translation_key__in=news.filter(locale__language_code="fr").values("translation_key")
    )
    assert pairs.count() >= 30
    sample = pairs.first()
    assert {p.locale.language_code for p in sample.get_translations(inclusive=True)} >= {"fr", "nl"}
    assert news.values("translation_key").distinct().count() >= 40
    dates = sorted(news.values_list("published_at", flat=True))
    assert (dates[-1] - dates[0]).days >= 90  # spread over months, plus archived ones
    types = block_types(news)
    for kind in (
        "paragraph",
        "heading",
        "image",
        "gallery",
        "infographic",
        "video",
        "attachment",
        "quote",
    ):
        assert types[kind], kind
    assert news.filter(co_publishers__isnull=False).exists()
    current = news.filter(publisher__is_active=True)
    assert current.exclude(press_contacts__isnull=True).count() == current.count()

    # Media are real files: pictures with alt text, PDFs.
    image_block = next(b for p in news for b in p.body if b.block_type == "image")
    assert image_block.value["image"].contextual_alt_text
    assert image_block.value["credit"]
    for document in get_document_model().objects.all():
        with document.open_file() as handle:
            assert handle.read(5) == b"%PDF-"
        assert document.file_size > 0

    # Council: five meetings per language with three to six decisions each.
    for code in ("fr", "nl"):
        meetings = CouncilMeetingPage.objects.filter(locale__language_code=code)
        assert meetings.count() == 5
        for meeting in meetings:
            decisions = meeting.decisions()
            assert 3 <= decisions.count() <= 6
            for decision in decisions:
                assert decision.publisher.is_council
                assert decision.concerned_members.exists()
    meeting_keys = {
        code: set(
            CouncilMeetingPage.objects.filter(locale__language_code=code).values_list(
                "translation_key", flat=True
            )
        )
        for code in ("fr", "nl")
    }
    assert meeting_keys["fr"] == meeting_keys["nl"]

    # Everything was published through a revision, and is findable.
    releases = PressReleasePage.objects.all()
    assert releases.count() >= 100
    assert not releases.filter(live=False).exists()
    assert not releases.filter(live_revision__isnull=True).exists()
    assert not releases.filter(first_published_at__isnull=True).exists()
    assert PressReleasePage.objects.live().search("vaccination").count() >= 1
    assert_valid_tree()
    response = client.get(sample.url)
    assert response.status_code == 200

    # Users: the admin, the Communicators group, two communicators tied to publishers.
    assert User.objects.get(username="admin").is_superuser
    group = Group.objects.get(name="Communicators")
    assert group.permissions.filter(codename="access_admin").exists()
    for index in list(NewsIndexPage.objects.all()) + list(CouncilIndexPage.objects.all()):
        codenames = set(
            GroupPagePermission.objects.filter(group=group, page=index).values_list(
                "permission__codename", flat=True
            )
        )
        assert codenames == {"add_page", "change_page", "publish_page"}
    for username, slugs in load_content().communicators.items():
        user = User.objects.get(username=username)
        assert group in user.groups.all() and not user.is_superuser
        assert set(user.publishers.values_list("slug", flat=True)) == set(slugs)
    finance = User.objects.get(username="communicator.finance")
    own = news.filter(publisher__slug="fps-finance").first()
    other = news.filter(publisher__slug="chancellery").first()
    assert own.permissions_for_user(finance).can_edit()
    assert own.permissions_for_user(finance).can_publish()
    assert not other.permissions_for_user(finance).can_edit()
    assert NewsIndexPage.objects.first().permissions_for_user(finance).can_add_subpage()
    client.force_login(finance)
    assert client.get("/admin/").status_code == 200

    # An editor's changes are never overwritten, and a second run changes nothing.
    edited = news.filter(locale__language_code="fr").first()
    edited.title = "Titre revu par la rédaction"
    factories.publish_as_validated(edited)
    Publisher.objects.filter(slug="fps-finance").update(phone="+32 2 000 00 00")
    Theme.objects.filter(slug="health").update(name_en="Public health")
    contact = PressContact.objects.filter(publisher__slug="chancellery").first()
    PressContact.objects.filter(pk=contact.pk).update(phone="+32 2 111 11 11")
    before = snapshot()
    out = io.StringIO()
    call_command("seed_demo", admin_password="other", stdout=out)
    assert snapshot() == before
    assert "nothing changed" in out.getvalue()
    assert User.objects.get(username="admin").check_password("s3cret-admin")
    edited.refresh_from_db()
    assert edited.title == "Titre revu par la rédaction" and edited.live
    assert Publisher.objects.get(slug="fps-finance").phone == "+32 2 000 00 00"
    assert Theme.objects.get(slug="health").name_en == "Public health"
    assert PressContact.objects.get(pk=contact.pk).phone == "+32 2 111 11 11"

    # Bulk volume runs on top of the demo and keeps the tree valid.
    call_command("seed_bulk", releases=40, batch=15, seed=7, stdout=io.StringIO())
    assert Page.objects.count() == before["pages"] + 40
    assert_valid_tree()


@pytest.mark.django_db
def test_admin_is_refused_without_debug_unless_a_password_is_given(settings, site_structure):
    settings.DEBUG = False
    publishers = {
        slug: Publisher.objects.create(kind=Publisher.Kind.ORGANISATION, name=slug, slug=slug)
        for slugs in load_content().communicators.values()
        for slug in slugs
    }
    seeder = DemoSeeder()
    seeder.seed_users(publishers)
    assert not User.objects.filter(username="admin").exists()
    assert seeder.passwords["admin"] is None
    # Communicators get a random password, printed once.
    password = seeder.passwords["communicator.finance"]
    assert password != "communicator" and len(password) >= 12
    assert User.objects.get(username="communicator.finance").check_password(password)

    seeder = DemoSeeder()
    seeder.seed_users(publishers, admin_password="given-password")
    admin = User.objects.get(username="admin")
    assert admin.is_superuser and admin.check_password("given-password")
    assert "communicator.finance" not in seeder.passwords  # existing users are left alone


@pytest.mark.django_db
def test_seed_bulk_leaves_a_valid_servable_searchable_tree(client, site_structure):
    out = io.StringIO()
    call_command("seed_bulk", releases=300, batch=120, seed=42, stdout=out)
    assert "300 releases inserted" in out.getvalue()

    releases = PressReleasePage.objects.all()
    assert releases.count() == 300
    assert_valid_tree()
    languages = Counter(releases.values_list("locale__language_code", flat=True))
    assert set(languages) == {"fr", "nl", "de", "en"}
    assert languages["nl"] > languages["de"] and languages["fr"] > languages["en"]
    shared = releases.values("translation_key").distinct().count()
    assert shared < 300  # many releases come in several languages under one translation key
    dates = sorted(releases.values_list("published_at", flat=True))
    assert (dates[-1] - dates[0]).days > 15 * 365
    assert releases.values("publisher").distinct().count() >= 10
    assert not releases.filter(publisher__kind=Publisher.Kind.COUNCIL).exists()
    assert PressReleasePage.themes.through.objects.count() >= 300
    for page in releases.order_by("?")[:20]:
        assert page.url_path == page.get_parent().url_path + page.slug + "/"
        assert page.first_published_at == page.published_at
        assert page.themes.exists()

    # Live, servable at its URL, and listed.
    for code, count in languages.items():
        assert (
            live_releases(
                locale=NewsIndexPage.objects.get(locale__language_code=code).locale
            ).count()
            == count
        )
    newest = releases.filter(locale__language_code="nl").order_by("-published_at").first()
    response = client.get(newest.url)
    assert response.status_code == 200
    assert newest.title in response.content.decode()
    listing = client.get(NewsIndexPage.objects.get(locale__language_code="nl").url)
    assert listing.status_code == 200
    assert newest.title in listing.content.decode()

    # In the search index.
    found = PressReleasePage.objects.live().search("begroting")
    expected = releases.filter(title__icontains="begroting").count()
    assert expected and len(found) >= expected

    # A second run adds more, after the first ones.
    call_command("seed_bulk", releases=30, batch=100, seed=43, stdout=io.StringIO())
    assert PressReleasePage.objects.count() == 330
    assert_valid_tree()


@pytest.mark.django_db
def test_seed_bulk_rejects_bad_arguments(site_structure):
    with pytest.raises(CommandError):
        call_command("seed_bulk", releases=0, stdout=io.StringIO())
    with pytest.raises(CommandError):
        call_command("seed_bulk", releases=10, batch=0, stdout=io.StringIO())


@pytest.mark.postgres
@pytest.mark.django_db
def test_seed_bulk_ends_with_fresh_planner_statistics_and_a_purge(
    site_structure, settings, django_capture_on_commit_callbacks
):
    settings.WAGTAILFRONTENDCACHE = {
        "varnish0": {"BACKEND": "core.front_cache.XkeyVarnishBackend", "LOCATION": "x"}
    }

    def estimated_releases():
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT reltuples FROM pg_class WHERE relname = 'releases_pressreleasepage'"
            )
            return cursor.fetchone()[0]

    call_command("seed_bulk", releases=20, batch=50, seed=3, stdout=io.StringIO())
    OutboxEntry.objects.all().delete()
    with django_capture_on_commit_callbacks(execute=False):
        call_command("seed_bulk", releases=100, batch=50, seed=4, stdout=io.StringIO())
    # The pages, written without signals, are purged from the front cache at the end.
    purges = OutboxEntry.objects.filter(task_name=purge_tags.name)
    assert [entry.args for entry in purges] == [[["all"]], [["all"]]]
    # ANALYZE ran: the planner counts the rows just written (autovacuum would be later).
    assert estimated_releases() == PressReleasePage.objects.count() == 120
