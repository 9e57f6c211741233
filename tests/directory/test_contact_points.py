import re

import pytest
from django.urls import reverse
from django.utils import translation

from directory.models import Publisher

pytestmark = pytest.mark.django_db


def url(language="en"):
    with translation.override(language):
        return reverse("directory:contact_points")


def get(client, language="en", **params):
    response = client.get(url(language), params)
    assert response.status_code == 200
    return response, response.content.decode()


def shown_publishers(response):
    return [
        entry.publisher for section in response.context["sections"] for entry in section.entries
    ]


@pytest.fixture
def directory(factories):
    council = factories.council(name_en="Council of Ministers", name_fr="Conseil des ministres")
    factories.contact(council, name="Chancellery Press Desk", email="press@premier.fed.be")
    finance = factories.publisher(
        name="FPS Finance",
        name_en="FPS Finance",
        name_fr="SPF Finances",
        name_nl="FOD Financiën",
        acronym_en="FIN",
        acronym_fr="SPFF",
        slug="fps-finance",
    )
    finance_contact = factories.contact(
        finance,
        name="Frédérique Lambert",
        email="frederique.lambert@minfin.fed.be",
        phone="+32 2 572 57 57",
        mobile="0475 12 34 56",
        languages="fr,nl",
        position_en="Head of communication",
    )
    factories.contact(finance, name="Hidden Former Officer", is_active=False)
    health = factories.publisher(name="FPS Health", name_en="FPS Health", slug="fps-health")
    factories.contact(health, name="Pieter Janssens")
    minister = factories.government_member(
        name="Vincent Van Peteghem", portfolio_en="Minister of Finance", slug="van-peteghem"
    )
    factories.contact(minister, name="Anna De Wolf")
    former = factories.government_member(
        name="Alexander De Croo",
        portfolio_en="Former Prime Minister",
        is_active=False,
        slug="de-croo",
    )
    factories.contact(former, name="Former Spokesperson")
    dissolved = factories.publisher(name="Dissolved Agency", is_active=False, slug="dissolved")
    return {
        "council": council,
        "finance": finance,
        "finance_contact": finance_contact,
        "health": health,
        "minister": minister,
        "former": former,
        "dissolved": dissolved,
    }


def test_lists_active_publishers_grouped_with_their_active_contacts(client, directory):
    response, html = get(client)
    assert [section.kind for section in response.context["sections"]] == [
        Publisher.Kind.COUNCIL,
        Publisher.Kind.GOVERNMENT_MEMBER,
        Publisher.Kind.ORGANISATION,
    ]
    assert set(shown_publishers(response)) == {
        directory["council"],
        directory["finance"],
        directory["health"],
        directory["minister"],
    }
    assert "Frédérique Lambert" in html
    assert "Hidden Former Officer" not in html
    assert "Alexander De Croo" not in html
    assert "Dissolved Agency" not in html
    # Each publisher links to its publisher page.
    with translation.override("en"):
        finance_url = reverse("releases:publisher", kwargs={"slug": "fps-finance"})
    assert f'href="{finance_url}"' in html
    assert "4 publishers found" in html


def test_contact_details_links(client, directory):
    _response, html = get(client)
    contact = directory["finance_contact"]
    assert 'href="mailto:frederique.lambert@minfin.fed.be"' in html
    assert 'href="tel:+3225725757"' in html
    assert 'href="tel:0475123456"' in html
    assert "Head of communication" in html
    assert "French, Dutch" in html
    with translation.override("en"):
        vcard_url = reverse("directory:vcard", kwargs={"pk": contact.pk})
    assert f'href="{vcard_url}"' in html


def test_names_follow_the_language(client, directory):
    _response, html = get(client, "fr")
    assert "SPF Finances" in html
    assert "(SPFF)" in html
    _response, html = get(client, "nl")
    assert "FOD Financiën" in html


@pytest.mark.parametrize(
    ("kind", "expected"),
    [
        ("council", {"council"}),
        ("organisation", {"finance", "health"}),
        ("member", {"minister"}),
    ],
)
def test_filter_by_type(client, directory, kind, expected):
    response, html = get(client, type=kind)
    assert set(shown_publishers(response)) == {directory[key] for key in expected}
    assert f'<option value="{kind}" selected>' in html


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("finance", {"finance", "minister"}),  # a name, and a minister's portfolio
        ("SPFF", {"finance"}),  # an acronym in another language than the page's
        ("financien", {"finance"}),  # accents ignored
        ("FREDERIQUE", {"finance"}),  # a contact's name, case and accents ignored
        ("wolf", {"minister"}),
        ("health janssens", {"health"}),  # terms may combine publisher and contact
        ("health lambert", set()),
    ],
)
def test_text_search(client, directory, query, expected):
    response, _html = get(client, q=query)
    assert set(shown_publishers(response)) == {directory[key] for key in expected}


def test_search_on_a_contact_lists_only_matching_contacts(client, factories, directory):
    factories.contact(directory["finance"], name="Other Person")
    response, html = get(client, q="lambert")
    [entry] = [entry for section in response.context["sections"] for entry in section.entries]
    assert [contact.name for contact in entry.contacts] == ["Frédérique Lambert"]
    # A search on the publisher itself brings all its contacts.
    response, html = get(client, q="finances")
    entry = response.context["sections"][-1].entries[0]
    assert {contact.name for contact in entry.contacts} == {"Frédérique Lambert", "Other Person"}


def test_former_publishers_only_when_asked(client, directory):
    response, html = get(client, former="1")
    shown = set(shown_publishers(response))
    assert directory["former"] in shown
    assert directory["dissolved"] in shown
    assert "Former government member" in html
    assert "No longer active" in html
    assert 'name="former" id="id_former" checked' in html


def test_filters_combine_and_are_in_the_url(client, directory):
    response, html = get(client, type="member", q="croo", former="on")
    assert shown_publishers(response) == [directory["former"]]
    assert 'value="croo"' in html
    # The form submits with GET to the same page: the result has a shareable URL.
    assert re.search(r'<form[^>]*method="get"[^>]*action="/en/contacts/"', html)


def test_no_result_message(client, directory):
    _response, html = get(client, q="nobody-by-that-name")
    assert "0 publishers found." in html
    assert "No publisher or press contact matches your search." in html
    assert "former=1" in html  # offers to search former publishers too


@pytest.mark.parametrize(
    "params",
    [
        {"type": "ministry"},
        {"type": "<script>alert(1)</script>"},
        {"q": "x" * 10_000},
        {"q": "nul\x00char"},
        {"q": "🙂 ∑ ﷽ \u202e"},
        {"former": "maybe", "type": ""},
    ],
)
def test_bad_parameters_give_a_normal_page(client, directory, params):
    response, html = get(client, **params)
    assert "<script>alert(1)</script>" not in html
    if response.context["form"].errors:
        assert "Some filters could not be used" in html
        assert 'class="filter-form__error"' in html
        # The valid part of the filters still applies: everything active is listed.
        assert len(shown_publishers(response)) == 4


def test_unknown_type_message(client, directory):
    _response, html = get(client, type="ministry")
    assert "“ministry” is not a known type: all types are shown." in html
    assert 'aria-describedby="id_type-error"' in html


def test_accessible_structure(client, directory):
    _response, html = get(client)
    assert html.count("<h1") == 1
    for field in ("id_q", "id_type", "id_former"):
        assert f'for="{field}"' in html
    assert 'role="status"' in html
    assert 'role="search"' in html
    assert re.search(r"<h2[^>]*>Council of Ministers</h2>", html)
    assert re.search(r'<h3 class="publisher-entry__name">', html)
    assert re.search(r'<h4 class="contact-card__name">Frédérique Lambert</h4>', html)


def _make_publishers(factories, count):
    for n in range(count):
        member = factories.government_member(name=f"Member {n}")
        organisation = factories.publisher(name=f"Agency {n}", acronym_en=f"AG{n}")
        for publisher in (member, organisation):
            factories.contact(publisher, phone="+32 2 000 00 00", languages="fr,nl")
            factories.contact(publisher)


@pytest.mark.parametrize("params", [{}, {"q": "agency"}, {"type": "member", "former": "1"}])
def test_query_count_does_not_grow(client, factories, django_assert_max_num_queries, params):
    factories.council()
    _make_publishers(factories, 2)
    client.get(url(), params)  # warm per-process caches (content types, site)
    # The ceiling leaves room for the shared page layout (menus, language links).
    with django_assert_max_num_queries(20) as few:
        client.get(url(), params)
    directory_queries = [q for q in few.captured_queries if "directory_" in q["sql"]]
    assert len(directory_queries) == 2  # publishers, then all their contacts
    _make_publishers(factories, 25)
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get(url(), params)
    assert response.status_code == 200
    assert response.context["contact_count"] >= 50


def test_summary_speaks_of_one_publisher_in_the_singular(client, directory):
    response, html = get(client, q="Van Peteghem")
    assert "1 publisher found. It has 1 press contact." in html
    response, html = get(client, "fr", q="Van Peteghem")
    assert "1 émetteur trouvé. Il a 1 contact presse." in html


def test_jump_list_to_each_section_and_letter(client, directory, factories):
    for name in ("Agence fédérale", "Bureau du Plan", "Zeta Institute"):
        factories.publisher(name=name, name_en=name)
    response, html = get(client)
    nav = re.search(r'<nav class="jump-list".*?</nav>', html, re.S).group(0)
    for section in response.context["sections"]:
        assert f'href="#section-{section.kind}"' in nav
        assert f'id="section-{section.kind}"' in html
    letters = re.findall(r'<a href="#publisher-([^"]+)">([A-Z])</a>', nav)
    assert [letter for _slug, letter in letters] == sorted({"A", "B", "F", "Z"})
    for slug, _letter in letters:
        assert f'id="publisher-{slug}"' in html
