"""The relevance test set of the public search on PostgreSQL (issue 13): realistic releases in
French, Dutch, German and English, and journalists' queries with the releases they must find
(inflections, plurals, accents and umlauts, compounds, phrases, exclusions, OR) and must not."""

from datetime import datetime, timedelta

import pytest
from django.db import connection
from django.utils import timezone
from wagtail.rich_text import RichText

from releases.models import PressReleasePage
from releases.query import ReleaseQuery

pytestmark = [pytest.mark.django_db, pytest.mark.postgres]


def at(year, month, day):
    return timezone.make_aware(datetime(year, month, day, 10))


def paragraph(html):
    return ("paragraph", RichText(html))


# (language, key, title, lead, body paragraphs)
RELEASES = [
    (
        "fr",
        "ministres",
        "Les ministres ont approuvé le plan de financement des hôpitaux",
        "Le Conseil des ministres a approuvé le financement des hôpitaux universitaires.",
        ["<p>La déduction fiscale pour les soins de santé est maintenue en 2025.</p>"],
    ),
    (
        "fr",
        "budget",
        "Contrôle budgétaire : le gouvernement fédéral ajuste le budget",
        "Le budget fédéral est ajusté après le contrôle budgétaire de printemps.",
        ["<p>Les dépenses de sécurité sociale augmentent.</p>"],
    ),
    (
        "fr",
        "cyber",
        "Cybersécurité : un nouveau centre pour les entreprises",
        "Le Centre pour la Cybersécurité Belgique ouvre un guichet pour les PME.",
        ["<p>Les entreprises peuvent signaler une cyberattaque jour et nuit.</p>"],
    ),
    (
        "fr",
        "pensions",
        "Réforme des pensions : l'âge de la pension reste à 67 ans",
        "La réforme des pensions prévoit un bonus pour qui travaille plus longtemps.",
        ["<p>La sécurité sociale et le budget des pensions sont suivis chaque année.</p>"],
    ),
    (
        "nl",
        "hervormingen",
        "De regering keurt drie hervormingen van de arbeidsmarkt goed",
        "De ministerraad keurt de hervormingen van het ontslagrecht en de pensioenen goed.",
        ["<p>De sociale partners worden over de hervorming geraadpleegd.</p>"],
    ),
    (
        "nl",
        "ontwerpbegroting",
        "Ontwerpbegroting 2025 ingediend bij de Kamer",
        "De federale regering dient de ontwerpbegroting in bij de Kamer van "
        "volksvertegenwoordigers.",
        ["<p>Het Rekenhof geeft advies over de ontwerpbegroting.</p>"],
    ),
    (
        "nl",
        "begrotingscontrole",
        "Begrotingscontrole: regering vindt 1,2 miljard euro",
        "Bij de begrotingscontrole van maart zoekt de regering nieuwe middelen.",
        ["<p>De uitgaven voor gezondheidszorg stijgen minder snel.</p>"],
    ),
    (
        "nl",
        "verkeer",
        "Meer flitspalen voor de verkeersveiligheid",
        "De minister van Mobiliteit wil de verkeersveiligheid op gewestwegen verbeteren.",
        ["<p>Het aantal verkeersdoden daalt voor het derde jaar op rij.</p>"],
    ),
    (
        "de",
        "steuer",
        "Neue Formulare für die Steuererklärungen 2025",
        "Die Steuererklärungen können ab Mai online eingereicht werden.",
        ["<p>Der Föderale Öffentliche Dienst Finanzen hilft bei Fragen.</p>"],
    ),
    (
        "de",
        "haushalt",
        "Der Bundeshaushaltsplan wird dem Parlament vorgelegt",
        "Die Regierung legt den Bundeshaushaltsplan für das kommende Jahr vor.",
        ["<p>Die Ausgaben für Gesundheit steigen.</p>"],
    ),
    (
        "de",
        "impfung",
        "Impfkampagne gegen Grippe beginnt im Oktober",
        "Ältere Menschen werden zuerst geimpft.",
        ["<p>Die Impfungen sind für Risikogruppen kostenlos.</p>"],
    ),
    (
        "en",
        "hospitals",
        "Ministers approve funding for hospitals",
        "The Council of Ministers approved new funding for university hospitals.",
        ["<p>The tax deduction for health care remains in place.</p>"],
    ),
    (
        "en",
        "prices",
        "Energy prices: the social tariff is extended",
        "Households with a low income keep the social tariff for gas and electricity.",
        ["<p>The measure costs 400 million euros.</p>"],
    ),
]

# (language, query, keys that must be found (any order), keys that must not)
CASES = [
    # Inflections and plurals.
    ("fr", "ministre approuver", {"ministres"}, {"budget"}),
    ("fr", "hôpital", {"ministres"}, {"cyber"}),
    ("fr", "pension", {"pensions"}, {"budget"}),
    ("nl", "hervorming", {"hervormingen"}, {"verkeer"}),
    ("de", "Impfung", {"impfung"}, {"steuer"}),
    ("en", "hospital approved", {"hospitals"}, {"prices"}),
    ("en", "price", {"prices"}, set()),
    # Accents and umlauts folded, case folded.
    ("fr", "deduction", {"ministres"}, set()),
    ("fr", "HOPITAUX", {"ministres"}, set()),
    ("fr", "cybersecurite", {"cyber"}, set()),
    ("de", "Steuererklarung", {"steuer"}, set()),
    ("de", "foderale", {"steuer"}, set()),
    # Compounds: the word inside a longer one.
    ("nl", "begroting", {"ontwerpbegroting", "begrotingscontrole"}, {"hervormingen"}),
    ("nl", "veiligheid", {"verkeer"}, set()),
    ("de", "haushaltsplan", {"haushalt"}, {"impfung"}),
    ("de", "Erklärung", {"steuer"}, set()),
    # Phrases.
    ("fr", '"contrôle budgétaire"', {"budget"}, {"pensions"}),
    ("fr", '"budgétaire contrôle"', set(), {"budget"}),
    ("nl", '"federale regering"', {"ontwerpbegroting"}, {"begrotingscontrole"}),
    ("en", '"social tariff"', {"prices"}, set()),
    # Exclusions and OR.
    ("fr", "budget -pensions", {"budget"}, {"pensions"}),
    ("nl", "begroting -maart", {"ontwerpbegroting"}, {"begrotingscontrole"}),
    ("fr", "cybersécurité OR hôpitaux", {"cyber", "ministres"}, {"budget"}),
    ("de", "Impfkampagne or Bundeshaushaltsplan", {"impfung", "haushalt"}, {"steuer"}),
    # A language searches its own releases only.
    ("nl", "budget", set(), {"budget", "pensions"}),
    ("en", "hôpitaux", set(), {"ministres"}),
]


@pytest.fixture
def corpus(site_structure, factories):
    publisher = factories.publisher(slug="chancellery", name="Chancellery")
    keys = {}
    for n, (language, key, title, lead, paragraphs) in enumerate(RELEASES):
        page = factories.release(
            language=language,
            title=title,
            lead=lead,
            body=[paragraph(html) for html in paragraphs],
            publisher=publisher,
            published_at=at(2024, 1, 1) + timedelta(days=n),
        )
        keys[page.pk] = key
    return keys


def found(corpus, locales, language, text):
    releases = ReleaseQuery(text=text).results(locale=locales[language])
    return {corpus[release.pk] for release in releases}


@pytest.mark.parametrize("language, text, expected, unexpected", CASES)
def test_relevance_set(corpus, locales, language, text, expected, unexpected):
    assert connection.vendor == "postgresql"
    keys = found(corpus, locales, language, text)
    assert expected <= keys, f"{text!r} missed {expected - keys}"
    assert not keys & unexpected, f"{text!r} found {keys & unexpected}"


def test_title_and_lead_rank_above_the_body_and_recent_above_old(site_structure, factories):
    publisher = factories.publisher()
    now = timezone.now()
    in_body = factories.release(
        title="Nieuwe maatregelen",
        lead="De regering neemt maatregelen.",
        body=[paragraph("<p>Ook de begroting wordt aangepast.</p>")],
        publisher=publisher,
        published_at=now - timedelta(days=1),
    )
    in_title = factories.release(
        title="De begroting is rond",
        lead="Akkoord in de regering.",
        publisher=publisher,
        published_at=now - timedelta(days=30),
    )
    old = factories.release(
        title="De begroting is rond",
        lead="Akkoord in de regering.",
        publisher=publisher,
        published_at=now - timedelta(days=15 * 365),
    )
    ranked = ReleaseQuery(text="begroting", relevance=True).results(locale=in_body.locale)
    assert [release.pk for release in ranked] == [in_title.pk, old.pk, in_body.pk]
    # Newest first stays available.
    newest = ReleaseQuery(text="begroting").results(locale=in_body.locale)
    assert [release.pk for release in newest] == [in_body.pk, in_title.pk, old.pk]


def test_the_vector_follows_every_write(site_structure, factories):
    """Saving the page, renaming it alone (a query on Wagtail's page table) and publishing a
    new revision all reach the search."""
    page = factories.release(title="Oude titel", lead="Niets bijzonders.")
    nl = page.locale
    assert not found({page.pk: "x"}, {"nl": nl}, "nl", "vergadering")
    page.lead = "Verslag van de vergadering."
    page.save_revision().publish()
    assert found({page.pk: "x"}, {"nl": nl}, "nl", "vergadering") == {"x"}
    PressReleasePage.objects.filter(pk=page.pk).update(title="Klimaatakkoord gesloten")
    assert found({page.pk: "x"}, {"nl": nl}, "nl", "klimaatakkoord") == {"x"}
    assert found({page.pk: "x"}, {"nl": nl}, "nl", "akkoord") == {"x"}
