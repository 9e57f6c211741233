"""The two includes other pages use: one press contact, and a publisher's source block."""

import re
from datetime import date

import pytest
from django.template import Context, Template
from django.urls import reverse
from django.utils import translation

pytestmark = pytest.mark.django_db


def render(source, language="en", **context):
    with translation.override(language):
        return Template(source).render(Context(context))


def test_contact_card_renders_alone_with_only(factories):
    publisher = factories.publisher(name="FPS Finance", name_fr="SPF Finances")
    contact = factories.contact(
        publisher,
        name="Zoë Lambert",
        position_fr="Porte-parole",
        phone="02 572 57 57",
        mobile="+32 475 12 34 56",
        languages="nl,fr",
    )
    html = render(
        '{% include "directory/includes/contact_card.html" with contact=contact '
        "heading_level=3 show_publisher=True only %}",
        language="fr",
        contact=contact,
    )
    assert '<h3 class="contact-card__name">Zoë Lambert</h3>' in html
    assert "Porte-parole" in html
    assert '<p class="contact-card__publisher">SPF Finances</p>' in html
    assert f'href="mailto:{contact.email}"' in html
    assert 'href="tel:025725757"' in html
    assert 'href="tel:+32475123456"' in html
    with translation.override("fr"):
        assert f'href="{reverse("directory:vcard", kwargs={"pk": contact.pk})}"' in html
        assert reverse("directory:vcard", kwargs={"pk": contact.pk}).startswith("/fr/")
    # Language names in the interface language, in the contact's order.
    assert re.search(r"<dd>\s*(néerlandais|Dutch), (français|French)\s*</dd>", html, re.I)


def test_contact_card_default_heading_and_no_optional_lines(factories):
    contact = factories.contact(factories.publisher())
    html = render('{% include "directory/includes/contact_card.html" %}', contact=contact)
    assert '<h3 class="contact-card__name">' in html
    assert "contact-card__publisher" not in html
    assert "tel:" not in html
    assert "Languages" not in html


def test_publisher_source_block(factories):
    member = factories.government_member(
        name="Vincent Van Peteghem",
        slug="van-peteghem",
        portfolio_en="Minister of Finance",
        image=factories.image("Portrait"),
        address="Rue de la Loi 12\n1000 Brussels",
        phone="+32 2 574 80 00",
        website="https://vanpeteghem.belgium.be",
        email="info@vanpeteghem.belgium.be",
        term_start=date(2020, 10, 1),
    )
    html = render(
        '{% include "directory/includes/publisher_source.html" with publisher=publisher %}',
        publisher=member,
    )
    with translation.override("en"):
        page_url = reverse("releases:publisher", kwargs={"slug": "van-peteghem"})
    assert re.search(rf'<h2 class="publisher-source__name">\s*<a href="{page_url}">', html)
    assert "Minister of Finance" in html
    assert re.search(
        r'<img [^>]*alt=""[^>]*class="publisher-source__image"|'
        r'<img [^>]*class="publisher-source__image"[^>]*alt=""',
        html,
    )
    assert "Rue de la Loi 12<br>1000 Brussels" in html
    assert 'href="tel:+3225748000"' in html
    assert 'href="mailto:info@vanpeteghem.belgium.be"' in html
    assert 'href="https://vanpeteghem.belgium.be"' in html
    assert "In office since" in html


def test_publisher_source_without_link_and_with_label(factories):
    organisation = factories.publisher(name="FPS Health", acronym_en="HEALTH")
    html = render(
        '{% include "directory/includes/publisher_source.html" with publisher=publisher '
        'heading_level=3 no_link=True label="Source" %}',
        publisher=organisation,
    )
    assert re.search(r'<h3 class="publisher-source__name">\s*FPS Health', html)
    assert "<a href" not in html
    assert '<p class="publisher-source__label">Source</p>' in html
    assert "(HEALTH)" in html
    assert "<img" not in html
    assert "<dl" not in html


def test_contact_card_does_not_repeat_a_position_that_is_the_role(factories):
    publisher = factories.publisher()
    same = factories.contact(publisher, name="Zoë Lambert", position_fr="porte-parole ")
    other = factories.contact(publisher, name="Jan Peeters", position_fr="Porte-parole Budget")

    def role_line(contact):
        html = render(
            '{% include "directory/includes/contact_card.html" with contact=contact only %}',
            language="fr",
            contact=contact,
        )
        line = re.search(r'<p class="contact-card__role">(.*?)</p>', html, re.S).group(1)
        return " ".join(re.sub(r"<[^>]+>", "", line).split())

    assert role_line(same) == "Porte-parole"
    assert role_line(other) == "Porte-parole, Porte-parole Budget"


def test_a_publishers_page_address_follows_the_active_language_and_its_slug(factories):
    """Cards link each publisher through `get_absolute_url`, worked out once per language
    and slug: the address is that language's, and a new slug a new address."""
    publisher = factories.publisher(name="FPS Finance", slug="finance")
    addresses = {}
    for language in ("fr", "nl", "de", "en"):
        with translation.override(language):
            addresses[language] = publisher.get_absolute_url()
            assert addresses[language] == reverse("releases:publisher", args=["finance"])
    assert len(set(addresses.values())) == 4
    publisher.slug = "financien"
    with translation.override("nl"):
        assert publisher.get_absolute_url() == reverse("releases:publisher", args=["financien"])


def test_translated_names_read_the_active_language_then_the_default_then_the_others(
    factories, settings
):
    publisher = factories.publisher(name="Fallback", name_fr="SPF Finances", name_nl="")
    for language, expected in (("fr", "SPF Finances"), ("nl", "SPF Finances")):
        with translation.override(language):
            assert publisher.display_name == expected
    publisher.name_fr = ""
    publisher.name_de = "FÖD Finanzen"
    with translation.override("nl"):
        assert publisher.display_name == "FÖD Finanzen"
    publisher.name_de = ""
    publisher.name_en = ""
    with translation.override("nl"):
        assert publisher.display_name == "Fallback"
    # Another default language reorders the fallbacks.
    publisher.name_fr, publisher.name_de = "SPF Finances", "FÖD Finanzen"
    settings.LANGUAGE_CODE = "de"
    with translation.override("nl"):
        assert publisher.display_name == "FÖD Finanzen"
