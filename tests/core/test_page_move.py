"""HomePage and ContentPage moved from releases to core keeping their tables and rows: the
migration renames their content types in place, so the pages and revisions that point at them
by id are the same pages afterwards."""

import importlib

import pytest
from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from wagtail.models import Page

from core.models import ContentPage, HomePage

pytestmark = pytest.mark.django_db

move = importlib.import_module("core.migrations.0002_home_and_content_pages")


def test_tables_keep_their_names():
    assert HomePage._meta.db_table == "releases_homepage"
    assert ContentPage._meta.db_table == "releases_contentpage"


def test_content_types_renamed_in_place_keep_the_pages(site_structure):
    home = site_structure["fr"]
    content_type = ContentType.objects.get_for_model(HomePage)
    assert content_type.app_label == "core"
    # A database as it was before the move: the same row under the old app label.
    ContentType.objects.filter(pk=content_type.pk).update(app_label="releases")
    ContentType.objects.clear_cache()

    move.rename_content_types("releases", "core")(apps, None)

    renamed = ContentType.objects.get(pk=content_type.pk)
    assert (renamed.app_label, renamed.model) == ("core", "homepage")
    page = Page.objects.get(pk=home.pk)
    assert page.content_type_id == content_type.pk
    assert isinstance(page.specific, HomePage)
    assert page.latest_revision.as_object().__class__ is HomePage


def test_rename_leaves_an_existing_row_alone(site_structure):
    before = list(ContentType.objects.filter(model__in=move.MOVED).values_list("pk", "app_label"))
    move.rename_content_types("releases", "core")(apps, None)
    after = list(ContentType.objects.filter(model__in=move.MOVED).values_list("pk", "app_label"))
    assert before == after
