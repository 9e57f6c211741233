import pytest
import vobject
from django.urls import reverse
from django.utils import translation

from directory.models import PressContact
from directory.vcard import MAX_LINE_OCTETS, build_vcard, escape, fold, split_name

pytestmark = pytest.mark.django_db


def vcard_url(contact, language="fr"):
    with translation.override(language):
        return reverse("directory:vcard", kwargs={"pk": contact.pk})


def download(client, contact, language="fr"):
    response = client.get(vcard_url(contact, language))
    assert response.status_code == 200
    return response, response.content.decode("utf-8")


@pytest.fixture
def organisation(factories):
    return factories.publisher(
        name="Federal Public Service Finance",
        name_fr="SPF Finances, Service public fédéral",
        name_nl="FOD Financiën",
        acronym_fr="SPF",
    )


@pytest.fixture
def accented_contact(factories, organisation):
    return factories.contact(
        organisation,
        name="De Smet, Frédérique-Anaïs",
        role=PressContact.Role.PRESS_OFFICER,
        position_fr="Porte-parole; impôts, douanes\\accises",
        position_nl="Woordvoerster",
        email="frederique.desmet@minfin.fed.be",
        phone="+32 2 572 57 57",
        mobile="0475 12 34 56",
        languages="fr,nl,en",
    )


def test_download_headers(client, accented_contact):
    response, _text = download(client, accented_contact)
    assert response["Content-Type"] == "text/vcard; charset=utf-8"
    disposition = response["Content-Disposition"]
    assert disposition.startswith("attachment;")
    assert 'filename="de-smet-frederique-anais.vcf"' in disposition


def test_parsed_by_vobject_with_accents_commas_and_semicolons(client, accented_contact):
    _response, text = download(client, accented_contact, "fr")
    card = vobject.readOne(text)

    assert card.version.value == "4.0"
    assert card.fn.value == "De Smet, Frédérique-Anaïs"
    assert card.n.value.family == "De Smet"
    assert card.n.value.given == "Frédérique-Anaïs"
    # The publisher's name in the language of the URL, its comma kept inside one component.
    assert card.org.value == ["SPF Finances, Service public fédéral"]
    assert card.title.value == "Porte-parole; impôts, douanes\\accises"
    with translation.override("fr"):
        assert card.role.value == str(PressContact.Role.PRESS_OFFICER.label)
    assert card.email.value == "frederique.desmet@minfin.fed.be"
    assert card.email.params["TYPE"] == ["work"]

    phones = {tuple(tel.params["TYPE"]): tel for tel in card.contents["tel"]}
    assert phones[("work", "voice")].value == "tel:+3225725757"
    assert phones[("work", "voice")].params["VALUE"] == ["uri"]
    assert phones[("work", "cell")].value == "0475 12 34 56"

    languages = [(lang.params["PREF"], lang.value) for lang in card.contents["lang"]]
    assert languages == [(["1"], "fr"), (["2"], "nl"), (["3"], "en")]
    assert card.uid.value.startswith("urn:uuid:")


def test_organisation_and_title_follow_the_active_language(client, accented_contact):
    card = vobject.readOne(download(client, accented_contact, "nl")[1])
    assert card.org.value == ["FOD Financiën"]
    assert card.title.value == "Woordvoerster"


def test_title_falls_back_to_the_role(client, factories, organisation):
    contact = factories.contact(organisation, role=PressContact.Role.SPOKESPERSON)
    card = vobject.readOne(download(client, contact, "en")[1])
    assert card.title.value == card.role.value == "Spokesperson"
    assert "tel" not in card.contents
    assert "lang" not in card.contents


def test_government_member_contact(client, factories):
    member = factories.government_member(
        name="Vincent Van Peteghem", portfolio_en="Deputy Prime Minister and Minister of Finance"
    )
    contact = factories.contact(
        member, name="Jan Van den Bossche", email="jan@vanpeteghem.belgium.be", languages="nl"
    )
    card = vobject.readOne(download(client, contact, "en")[1])
    assert card.org.value == ["Vincent Van Peteghem"]
    assert card.n.value.given == "Jan"
    assert card.n.value.family == "Van den Bossche"
    assert card.lang.value == "nl"


def test_long_lines_are_folded_at_75_octets(client, factories, organisation):
    contact = factories.contact(
        organisation,
        name="Zoë Vandenbroucke",
        position_fr="Responsable de la communication extérieure " * 4 + "– équipe « presse »",
    )
    raw = client.get(vcard_url(contact)).content
    assert raw.endswith(b"\r\n")
    lines = raw.split(b"\r\n")[:-1]
    assert all(len(line) <= MAX_LINE_OCTETS for line in lines)
    assert any(line.startswith(b" ") for line in lines), "expected a folded line"
    # Every physical line is valid UTF-8: no character was cut in half.
    for line in lines:
        line.decode("utf-8")
    card = vobject.readOne(raw.decode("utf-8"))
    assert card.title.value == contact.position_fr


def test_inactive_or_unknown_contact_is_404(client, factories, organisation):
    contact = factories.contact(organisation, is_active=False)
    assert client.get(vcard_url(contact)).status_code == 404
    assert client.get("/fr/contacts/999999/vcard/").status_code == 404
    assert client.get("/fr/contacts/abc/vcard/").status_code == 404


def test_contact_of_a_former_publisher_still_has_a_vcard(client, factories):
    member = factories.government_member(is_active=False)
    contact = factories.contact(member)
    assert client.get(vcard_url(contact)).status_code == 200


def test_escape_and_fold_units():
    assert escape("a,b;c\\d\ne\r\nf") == "a\\,b\\;c\\\\d\\ne\\nf"
    line = "NOTE:" + "é" * 100
    folded = fold(line).split("\r\n")
    assert all(len(part.encode("utf-8")) <= MAX_LINE_OCTETS for part in folded)
    assert "".join(part[1:] if i else part for i, part in enumerate(folded)) == line


def test_split_name():
    assert split_name("Frédérique") == ("Frédérique", "")
    assert split_name("  Jan   Van den  Bossche ") == ("Van den Bossche", "Jan")
    assert split_name("Dupont, Marie-Claire") == ("Dupont", "Marie-Claire")


def test_build_vcard_uses_crlf_and_begins_and_ends(factories, organisation):
    contact = factories.contact(organisation)
    text = build_vcard(contact)
    assert text.startswith("BEGIN:VCARD\r\nVERSION:4.0\r\n")
    assert text.endswith("END:VCARD\r\n")
    assert "\n" not in text.replace("\r\n", "")
