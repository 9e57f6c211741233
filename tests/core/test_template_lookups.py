"""The pages journalists list releases and photos on read no attribute their objects lack.

A template variable that is missing on an object (`{{ release.search_excerpt }}` on a release
no search annotated) is not a cheap miss: Django's template engine lists the object's `dir()`
to tell a missing attribute from a failing one, a few hundred microseconds on a Wagtail page,
once per card. These pages would pay it twenty times a request."""

import builtins

import pytest
from django.db import models
from django.template import base

pytestmark = pytest.mark.django_db


@pytest.fixture
def listed_objects(monkeypatch):
    """The objects whose dir() the template engine lists while the test renders pages."""
    listed = []

    def recording_dir(*args):
        listed.extend(args)
        return builtins.dir(*args)

    # The engine calls dir() by its global name: this module-level name comes before the
    # builtin one.
    monkeypatch.setattr(base, "dir", recording_dir, raising=False)
    return listed


def models_among(objects):
    return sorted({type(obj).__name__ for obj in objects if isinstance(obj, models.Model)})


@pytest.fixture
def releases(factories, site_structure):
    theme = factories.theme(slug="climate")
    publisher = factories.publisher(slug="finance")
    return [factories.release(language="nl", publisher=publisher, themes=[theme]) for _ in range(3)]


@pytest.mark.parametrize(
    "url",
    ["/nl/", "/nl/nieuws/", "/nl/nieuws/?theme=climate", "/nl/source/finance/"],
)
def test_release_lists_look_up_no_missing_attribute(client, releases, listed_objects, url):
    response = client.get(url)
    assert response.status_code == 200
    assert releases[0].title in response.content.decode()
    assert models_among(listed_objects) == []


def test_photo_library_looks_up_no_missing_key(client, factories, site_structure, listed_objects):
    factories.photo_report(language="nl", title="Mardasson")
    response = client.get("/nl/fotos/?q=Mardasson")
    assert response.status_code == 200
    assert "Mardasson" in response.content.decode()
    assert [obj for obj in listed_objects if isinstance(obj, dict)] == []


def test_the_recorder_sees_a_missing_attribute(factories, site_structure, listed_objects):
    """The guard itself: a template reading an attribute a page lacks is recorded."""
    from django.template import Context, Template

    release = factories.release(language="nl")
    Template("{{ release.no_such_attribute }}").render(Context({"release": release}))
    assert models_among(listed_objects) == ["PressReleasePage"]
