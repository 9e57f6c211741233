"""The gettext catalogues: complete, not fuzzy, placeholders intact, and used by the pages."""

import re
from collections import Counter
from pathlib import Path

import polib
import pytest
from django.conf import settings
from django.core.management import call_command
from django.utils import translation
from django.utils.translation import trans_real

LANGUAGES = ["fr", "nl", "de", "en"]
PLURAL_FORMS = {
    "fr": "nplurals=2; plural=(n > 1);",
    "nl": "nplurals=2; plural=(n != 1);",
    "de": "nplurals=2; plural=(n != 1);",
    "en": "nplurals=2; plural=(n != 1);",
}
# %(name)s, %(count)d, %s, %d and str.format's {name}; %% is a literal percent sign.
PLACEHOLDER = re.compile(r"%\(\w+\)[sdifr]|%[sdifr]|\{\w*\}")
TAG = re.compile(r"<[^>]+>")


def catalogue_path(language):
    return Path(settings.LOCALE_PATHS[0]) / language / "LC_MESSAGES" / "django.po"


def catalogue(language):
    path = catalogue_path(language)
    assert path.exists(), f"{path} is missing: run makemessages -l {language}"
    return polib.pofile(str(path))


def entry_name(entry):
    return f"{entry.msgctxt} | {entry.msgid}" if entry.msgctxt else entry.msgid


def translations_of(entry):
    """(source, translation) pairs: each plural form is compared with both source forms."""
    if entry.msgid_plural:
        source = entry.msgid + "\n" + entry.msgid_plural
        return [(source, form) for _index, form in sorted(entry.msgstr_plural.items())]
    return [(entry.msgid, entry.msgstr)]


@pytest.fixture(scope="session")
def compiled_catalogues():
    """Compile the .po files whose .mo is missing or older, then make Django reload them."""
    call_command("compile_translations", verbosity=0)
    trans_real._translations = {}
    trans_real._default = None
    yield
    trans_real._translations = {}
    trans_real._default = None


@pytest.mark.parametrize("language", LANGUAGES)
def test_catalogue_header(language):
    po = catalogue(language)
    assert not po.metadata_is_fuzzy, "the header is still marked fuzzy"
    assert po.metadata.get("Language") == language
    assert po.metadata.get("Plural-Forms") == PLURAL_FORMS[language]
    assert po.metadata.get("Content-Type") == "text/plain; charset=UTF-8"


@pytest.mark.parametrize("language", LANGUAGES)
def test_catalogue_is_complete_and_not_fuzzy(language):
    po = catalogue(language)
    active = [entry for entry in po if not entry.obsolete]
    assert len(active) > 100, "the catalogue looks empty: was makemessages run?"
    untranslated = [entry_name(entry) for entry in po.untranslated_entries()]
    fuzzy = [entry_name(entry) for entry in po.fuzzy_entries()]
    assert not untranslated, f"untranslated in {language}: {untranslated}"
    assert not fuzzy, f"fuzzy in {language}: {fuzzy}"
    for entry in active:
        if entry.msgid_plural:
            assert sorted(entry.msgstr_plural) == [0, 1], entry_name(entry)


@pytest.mark.parametrize("language", LANGUAGES)
def test_placeholders_and_markup_survive_translation(language):
    problems = []
    for entry in catalogue(language):
        if entry.obsolete:
            continue
        for source, translated in translations_of(entry):
            expected = set(PLACEHOLDER.findall(source))
            found = set(PLACEHOLDER.findall(translated))
            # A singular form may leave out the count ("one result"), never add a name.
            if not found <= expected or (not entry.msgid_plural and found != expected):
                problems.append(f"{entry_name(entry)!r}: {sorted(found)} != {sorted(expected)}")
            if not entry.msgid_plural and Counter(TAG.findall(source)) != Counter(
                TAG.findall(translated)
            ):
                problems.append(f"{entry_name(entry)!r}: HTML markup differs")
        if entry.msgid_plural:
            expected = set(PLACEHOLDER.findall(entry.msgid_plural))
            forms = set().union(*(PLACEHOLDER.findall(f) for f in entry.msgstr_plural.values()))
            if forms != expected | set(PLACEHOLDER.findall(entry.msgid)):
                problems.append(f"{entry_name(entry)!r}: plural placeholders {sorted(forms)}")
    assert not problems, "\n".join(problems)


def test_english_catalogue_repeats_the_source():
    for entry in catalogue("en"):
        if entry.obsolete:
            continue
        if entry.msgid_plural:
            assert entry.msgstr_plural == {0: entry.msgid, 1: entry.msgid_plural}
        else:
            assert entry.msgstr == entry.msgid, entry_name(entry)


@pytest.mark.parametrize(
    ("language", "text", "plural"),
    [
        ("fr", "Conseil des ministres", "3 communiqués"),
        ("nl", "Ministerraad", "3 persberichten"),
        ("de", "Ministerrat", "3 Pressemitteilungen"),
        ("fr", "Conseil des ministres", "1 communiqué"),
    ],
)
def test_compiled_catalogue_is_used_by_gettext(compiled_catalogues, language, text, plural):
    count = int(plural.split()[0])
    with translation.override(language):
        assert translation.gettext("Council of Ministers") == text
        assert (
            translation.ngettext("%(counter)s release", "%(counter)s releases", count)
            % {"counter": count}
            == plural
        )


# What three real pages must show in each language: (path, expected texts).
PAGES = {
    "fr": {
        "": ["Aller au contenu principal", "Toutes les actualités", "Derniers communiqués"],
        "feeds/": ["Flux RSS et Atom", "Flux généraux", "Flux par source"],
        "contacts/": ["Contacts presse", "Rechercher dans les contacts presse"],
    },
    "nl": {
        "": ["Naar de hoofdinhoud", "Alle nieuws", "Laatste persberichten"],
        "feeds/": ["RSS- en Atom-feeds", "Algemene feeds", "Feeds per bron"],
        "contacts/": ["Perscontacten", "Perscontacten doorzoeken"],
    },
    "de": {
        "": ["Zum Hauptinhalt springen", "Alle Nachrichten", "Neueste Pressemitteilungen"],
        "feeds/": ["RSS- und Atom-Feeds", "Allgemeine Feeds", "Feeds nach Quelle"],
        "contacts/": ["Pressekontakte", "Pressekontakte durchsuchen"],
    },
    "en": {
        "": ["Skip to main content", "All news", "Latest press releases"],
        "feeds/": ["RSS and Atom feeds", "General feeds", "Feeds by source"],
        "contacts/": ["Press contacts", "Search the press contacts"],
    },
}
# English source strings that must not leak into the other languages' pages.
ENGLISH = ["Skip to main content", "All news", "Press contacts", "Main menu"]


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("section", ["", "feeds/", "contacts/"])
def test_pages_show_the_interface_in_their_language(
    compiled_catalogues, client, site_structure, language, section
):
    response = client.get(f"/{language}/{section}")
    assert response.status_code == 200
    html = response.content.decode()
    assert f'<html lang="{language}"' in html
    for text in PAGES[language][section]:
        assert text in html, f"{text!r} missing from /{language}/{section}"
    if language != "en":
        for text in ENGLISH:
            assert text not in html, f"untranslated {text!r} on /{language}/{section}"
