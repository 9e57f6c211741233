"""The demo data files: read into typed records, and a broken file stops seed_demo and seed_bulk
with a message naming the file and the entry, before anything is written."""

import io
import json
import shutil

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from wagtail.models import Page

from demo import content
from demo.content import DATA_DIR, DemoDataError, load_content
from demo.synthetic import load_synthetic_text
from directory.models import Publisher


@pytest.fixture
def data_dir(tmp_path, monkeypatch):
    """A copy of demo/data/ that a test may break, used by the commands."""
    copy = tmp_path / "data"
    shutil.copytree(DATA_DIR, copy)
    monkeypatch.setattr(content, "DATA_DIR", copy)
    return copy


def edit(directory, name, change):
    path = directory / f"{name}.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    change(data)
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")


def test_the_data_files_load_as_typed_records():
    loaded = load_content()
    assert loaded.council.slug == "council-of-ministers"
    assert loaded.picture("press-room").colour == (0, 61, 122)
    story = next(story for story in loaded.stories if story.key == "news-belgium-launch")
    assert story.texts["nl"].title == "News.belgium.be in een nieuw jasje"
    assert isinstance(story.texts["fr"].paragraphs, tuple)
    assert set(loaded.positions) == {"spokesperson", "press_officer"}
    infographic = next(p for p in loaded.pictures if p.kind == "infographic")
    assert infographic.figures and all(isinstance(value, int) for _l, value in infographic.figures)
    words = load_synthetic_text()
    assert words.count("subjects") == len(words.subjects["de"])


@pytest.mark.parametrize(
    ("name", "change", "message"),
    [
        (
            "releases",
            lambda d: d["stories"][0]["texts"]["fr"].pop("lead"),
            "releases.json stories[0].texts.fr: missing field lead",
        ),
        (
            "releases",
            lambda d: d["stories"][1].update(titel="typo"),
            "releases.json stories[1]: unknown field titel",
        ),
        (
            "media",
            lambda d: d["pictures"][0].update(colour=[0, 61]),
            "media.json pictures[0].colour: expected a list of 3, got 2",
        ),
        (
            "directory",
            lambda d: d["members"][0].update(sort_order="1"),
            "directory.json members[0].sort_order: expected int, got str",
        ),
        (
            "releases",
            lambda d: d["stories"][0].update(image="no-such-picture"),
            "no picture 'no-such-picture'",
        ),
        (
            "council",
            lambda d: d["meetings"][0]["decisions"][0].update(members=["nobody"]),
            "no government member 'nobody'",
        ),
        (
            "directory",
            lambda d: d["members"][2].update(term_start="03/02/2025"),
            "members[2].term_start: expected an ISO date (YYYY-MM-DD), got '03/02/2025'",
        ),
        ("council", lambda d: d.pop("meetings"), "no file has the section 'meetings'"),
        ("media", lambda d: d.update(extra=[]), "media.json: unknown section 'extra'"),
    ],
)
def test_a_broken_data_file_is_reported_by_file_and_entry(data_dir, name, change, message):
    edit(data_dir, name, lambda data: change(data))
    with pytest.raises(DemoDataError) as error:
        load_content(data_dir)
    assert message in str(error.value)


def test_unreadable_data_files_are_reported_by_path(data_dir):
    (data_dir / "media.json").write_text('{"pictures": [', encoding="utf-8")
    with pytest.raises(DemoDataError, match=r"media\.json: not valid JSON"):
        load_content(data_dir)
    (data_dir / "media.json").unlink()
    with pytest.raises(DemoDataError, match=r"media\.json: cannot be read"):
        load_content(data_dir)


def test_synthetic_words_must_be_aligned_across_languages(data_dir):
    edit(data_dir, "synthetic_text", lambda data: data["subjects"]["de"].pop())
    with pytest.raises(DemoDataError, match=r"synthetic_text\.json subjects: not aligned"):
        load_synthetic_text(data_dir)


@pytest.mark.django_db
def test_commands_stop_on_a_broken_data_file_before_writing_anything(data_dir):
    edit(data_dir, "directory", lambda data: data["organisations"][0].pop("phone"))
    pages = Page.objects.count()
    with pytest.raises(CommandError, match=r"organisations\[0\]: missing field phone"):
        call_command("seed_demo", stdout=io.StringIO())
    with pytest.raises(CommandError, match=r"organisations\[0\]: missing field phone"):
        call_command("seed_bulk", releases=5, stdout=io.StringIO())
    assert Page.objects.count() == pages
    assert not Publisher.objects.exists()
