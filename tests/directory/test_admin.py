"""The Directory menu of the admin, driven through the real forms: each test GETs the form,
reads every field the browser would send, changes what a user would change and POSTs it."""

from html.parser import HTMLParser

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from django.test import RequestFactory
from django.utils import translation
from wagtail.admin.menu import admin_menu
from wagtail.permissions import policy_registry

from directory.models import (
    CouncilOfMinisters,
    GovernmentMember,
    Organisation,
    PressContact,
    Publisher,
)

pytestmark = pytest.mark.django_db

ADMIN = "/admin/snippets/directory"


class FormReader(HTMLParser):
    """The fields of the editor's main form as a browser would submit them, skipping the
    empty inline templates (__prefix__) that JavaScript clones."""

    def __init__(self):
        super().__init__()
        self.forms = []
        self.current = None
        self.select = None
        self.textarea = None
        self.template_depth = 0

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "template":
            self.template_depth += 1
        if self.template_depth:
            return
        if tag == "form":
            self.current = {"attrs": attrs, "data": []}
            self.forms.append(self.current)
        if self.current is None:
            return
        name = attrs.get("name")
        if tag == "input" and name and "__prefix__" not in name:
            kind = attrs.get("type", "text")
            if kind in {"submit", "button", "file", "image", "reset"}:
                return
            if kind in {"checkbox", "radio"} and "checked" not in attrs:
                return
            self.current["data"].append(
                (name, attrs.get("value", "on" if kind in {"checkbox", "radio"} else ""))
            )
        elif tag == "select" and name:
            self.select = {"name": name, "multiple": "multiple" in attrs, "options": []}
        elif tag == "option" and self.select is not None:
            self.select["options"].append((attrs.get("value", ""), "selected" in attrs))
        elif tag == "textarea" and name:
            self.textarea = [name, ""]

    def handle_data(self, data):
        if self.textarea is not None:
            self.textarea[1] += data

    def handle_endtag(self, tag):
        if tag == "template":
            self.template_depth -= 1
        if self.template_depth or self.current is None:
            return
        if tag == "select" and self.select is not None:
            chosen = [value for value, selected in self.select["options"] if selected]
            if not chosen and not self.select["multiple"] and self.select["options"]:
                chosen = [self.select["options"][0][0]]
            self.current["data"] += [(self.select["name"], value) for value in chosen]
            self.select = None
        elif tag == "textarea" and self.textarea is not None:
            self.current["data"].append((self.textarea[0], self.textarea[1].lstrip("\n")))
            self.textarea = None
        elif tag == "form":
            self.current = None


def read_form(html):
    reader = FormReader()
    reader.feed(html)
    posted = [form for form in reader.forms if form["attrs"].get("method", "").lower() == "post"]
    form = max(posted, key=lambda form: len(form["data"]))  # the editor, not the header forms
    data = {}
    for name, value in form["data"]:
        data.setdefault(name, []).append(value)
    return {name: values if len(values) > 1 else values[0] for name, values in data.items()}


def add_inline(data, prefix, **fields):
    """Fill one more inline form, as the "Add" button of an InlinePanel does."""
    index = int(data[f"{prefix}-TOTAL_FORMS"])
    data[f"{prefix}-TOTAL_FORMS"] = str(index + 1)
    data.update({f"{prefix}-{index}-{key}": value for key, value in fields.items()})
    data.setdefault(f"{prefix}-{index}-ORDER", str(index + 1))
    data.setdefault(f"{prefix}-{index}-id", "")
    return data


@pytest.fixture
def admin_user(db):
    return get_user_model().objects.create_superuser("admin", "admin@example.be", "password")


@pytest.fixture
def admin_client(client, admin_user):
    client.force_login(admin_user)
    # The admin is not under a language prefix: it speaks the browser's language.
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
    return client


def form_for(client, url):
    response = client.get(url)
    assert response.status_code == 200
    return read_form(response.content.decode())


def test_directory_menu_groups_the_four_listings(admin_user):
    request = RequestFactory().get("/admin/")
    request.user = admin_user
    [directory] = [
        item for item in admin_menu.menu_items_for_request(request) if item.name == "directory"
    ]
    with translation.override("en"):
        assert str(directory.label) == "Directory"
    urls = [item.url for item in directory.menu.menu_items_for_request(request)]
    assert urls == [
        f"{ADMIN}/councilofministers/",
        f"{ADMIN}/governmentmember/",
        f"{ADMIN}/organisation/",
        f"{ADMIN}/presscontact/",
    ]


def test_organisation_listing_columns_filter_and_search(admin_client, factories):
    finance = factories.publisher(
        name="FPS Finance", name_fr="SPF Finances", acronym_nl="FOD FIN", slug="finance"
    )
    factories.contact(finance)
    factories.contact(finance, is_active=False)
    factories.publisher(name="Dissolved Agency", is_active=False)
    factories.government_member(name="Not An Organisation")

    response = admin_client.get(f"{ADMIN}/organisation/")
    html = response.content.decode()
    assert response.status_code == 200
    assert {p.name for p in response.context["object_list"]} == {"FPS Finance", "Dissolved Agency"}
    # Labelled in the admin's language (nl here), falling back to another translation.
    assert "SPF Finances (FOD FIN)" in html
    assert "Not An Organisation" not in html
    assert "Active press contacts" in html
    assert [
        row.contact_count for row in response.context["object_list"] if row.pk == finance.pk
    ] == [1]

    response = admin_client.get(f"{ADMIN}/organisation/", {"is_active": "false"})
    assert [p.name for p in response.context["object_list"]] == ["Dissolved Agency"]

    for query in ("finances", "FOD", "fin"):
        response = admin_client.get(f"{ADMIN}/organisation/results/", {"q": query})
        assert [p.name for p in response.context["object_list"]] == ["FPS Finance"], query


def test_create_organisation_with_contacts(admin_client):
    data = form_for(admin_client, f"{ADMIN}/organisation/add/")
    assert data["contacts-TOTAL_FORMS"] == "0"
    data.update(
        name="Federal Public Service Mobility",
        name_fr="SPF Mobilité et Transports",
        name_nl="FOD Mobiliteit en Vervoer",
        acronym_fr="SPF M&T",
        slug="mobility",
        phone="+32 2 277 31 11",
        website="https://mobilit.belgium.be",
        sort_order="20",
    )
    add_inline(
        data,
        "contacts",
        name="Élodie Dupont",
        role=PressContact.Role.SPOKESPERSON,
        position_fr="Porte-parole",
        email="elodie.dupont@mobilit.fgov.be",
        phone="+32 2 277 35 00",
        languages="fr, nl, fr",
        is_active="on",
    )
    add_inline(
        data,
        "contacts",
        name="Jan Peeters",
        role=PressContact.Role.PRESS_OFFICER,
        email="jan.peeters@mobilit.fgov.be",
        languages="nl",
        is_active="on",
    )
    response = admin_client.post(f"{ADMIN}/organisation/add/", data)
    assert response.status_code == 302, response.context["form"].errors
    organisation = Organisation.objects.get(slug="mobility")
    assert organisation.kind == Publisher.Kind.ORGANISATION
    assert organisation.is_active
    contacts = list(organisation.contacts.order_by("sort_order"))
    assert [c.name for c in contacts] == ["Élodie Dupont", "Jan Peeters"]
    assert contacts[0].languages == "fr,nl"


def test_contact_with_unknown_language_is_refused(admin_client):
    data = form_for(admin_client, f"{ADMIN}/organisation/add/")
    data.update(name="Agency", slug="agency")
    add_inline(
        data,
        "contacts",
        name="X",
        role="spokesperson",
        email="x@example.be",
        languages="fr,xx",
        is_active="on",
    )
    response = admin_client.post(f"{ADMIN}/organisation/add/", data)
    assert response.status_code == 200
    assert "Unknown language codes: xx" in response.content.decode()
    assert not Publisher.objects.filter(slug="agency").exists()


def test_edit_government_member_and_its_spokespersons(admin_client, factories):
    member = factories.government_member(name="Vincent Van Peteghem", slug="van-peteghem")
    kept = factories.contact(member, name="Anna De Wolf")
    removed = factories.contact(member, name="Leaving Person")
    url = f"{ADMIN}/governmentmember/edit/{member.pk}/"

    data = form_for(admin_client, url)
    assert data["contacts-TOTAL_FORMS"] == "2"
    assert data["name"] == "Vincent Van Peteghem"
    index = {data[f"contacts-{i}-id"]: i for i in range(2)}
    data.update(
        portfolio_fr="Vice-Premier ministre et ministre des Finances",
        portfolio_nl="Vice-eersteminister en minister van Financiën",
        term_start="2020-10-01",
        term_end="2025-02-03",
    )
    data[f"contacts-{index[str(kept.pk)]}-mobile"] = "+32 475 00 00 00"
    data[f"contacts-{index[str(removed.pk)]}-DELETE"] = "1"
    add_inline(
        data,
        "contacts",
        name="New Spokesperson",
        role="spokesperson",
        email="new@vanpeteghem.be",
        languages="nl,fr",
        is_active="on",
    )

    response = admin_client.post(url, data)
    assert response.status_code == 302, response.context["form"].errors
    member = GovernmentMember.objects.get(pk=member.pk)
    assert member.kind == Publisher.Kind.GOVERNMENT_MEMBER
    assert member.portfolio_nl == "Vice-eersteminister en minister van Financiën"
    assert {c.name for c in member.contacts.all()} == {"Anna De Wolf", "New Spokesperson"}
    kept.refresh_from_db()
    assert kept.mobile == "+32 475 00 00 00"
    assert [c.name for c in member.spokespersons().order_by("name")] == [
        "Anna De Wolf",
        "New Spokesperson",
    ]


def test_term_cannot_end_before_it_starts(admin_client):
    data = form_for(admin_client, f"{ADMIN}/governmentmember/add/")
    data.update(name="Someone", slug="someone", term_start="2024-01-01", term_end="2023-01-01")
    response = admin_client.post(f"{ADMIN}/governmentmember/add/", data)
    assert response.status_code == 200
    assert "The term cannot end before it starts." in response.content.decode()


def test_proxy_listing_only_edits_its_own_kind(admin_client, factories):
    organisation = factories.publisher()
    response = admin_client.get(f"{ADMIN}/governmentmember/edit/{organisation.pk}/", follow=True)
    assert response.status_code == 404
    assert admin_client.get(f"{ADMIN}/organisation/edit/{organisation.pk}/").status_code == 200


def test_government_member_filter_in_office(admin_client, factories):
    factories.government_member(name="Current", term_start="2025-02-03")
    factories.government_member(name="Previous", term_start="2020-10-01", term_end="2025-02-03")
    response = admin_client.get(f"{ADMIN}/governmentmember/", {"in_office_on": "2022-06-01"})
    assert [m.name for m in response.context["object_list"]] == ["Previous"]


def test_only_one_council_of_ministers(admin_client, factories):
    assert admin_client.get(f"{ADMIN}/councilofministers/add/").status_code == 200
    factories.council()
    response = admin_client.get(f"{ADMIN}/councilofministers/add/")
    assert response.status_code == 302  # permission denied: back to the dashboard
    assert CouncilOfMinisters.objects.count() == 1


def test_press_contact_listing_search_and_kind_filter(admin_client, factories):
    finance = factories.publisher(name="FPS Finance", acronym_fr="SPFFIN")
    member = factories.government_member(name="Minister")
    factories.contact(finance, name="Organisation Contact")
    factories.contact(member, name="Member Contact")

    url = f"{ADMIN}/presscontact/"
    response = admin_client.get(url)
    assert response.status_code == 200
    assert "Organisation Contact" in response.content.decode()

    response = admin_client.get(url, {"kind": "member"})
    assert [c.name for c in response.context["object_list"]] == ["Member Contact"]
    response = admin_client.get(f"{url}results/", {"q": "spffin"})
    assert [c.name for c in response.context["object_list"]] == ["Organisation Contact"]
    response = admin_client.get(f"{url}results/", {"q": "member cont"})
    assert [c.name for c in response.context["object_list"]] == ["Member Contact"]


def test_press_contact_listing_query_count_does_not_grow(
    admin_client, factories, django_assert_max_num_queries
):
    def make(count):
        for _n in range(count):
            factories.contact(factories.publisher())

    make(2)
    admin_client.get(f"{ADMIN}/presscontact/")
    with django_assert_max_num_queries(100) as few:
        admin_client.get(f"{ADMIN}/presscontact/")
    make(20)
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert admin_client.get(f"{ADMIN}/presscontact/").status_code == 200


def test_edit_press_contact_alone_and_move_it(admin_client, factories):
    finance = factories.publisher(name="FPS Finance")
    health = factories.publisher(name="FPS Health")
    contact = factories.contact(finance, name="Moving Person")
    url = f"{ADMIN}/presscontact/edit/{contact.pk}/"
    data = form_for(admin_client, url)
    assert data["publisher"] == str(finance.pk)
    data["publisher"] = str(health.pk)
    data["position_en"] = "Press officer for health"
    response = admin_client.post(url, data)
    assert response.status_code == 302, response.context["form"].errors
    contact.refresh_from_db()
    assert contact.publisher_id == health.pk
    assert contact.position_en == "Press officer for health"


def test_a_group_can_be_given_one_kind_of_publisher(client, factories):
    """The proxy models carry their own permissions: editing government members does not
    open the organisations."""
    content_type = ContentType.objects.get_for_model(GovernmentMember, for_concrete_model=False)
    group = Group.objects.create(name="Chancellery")
    group.permissions.add(
        Permission.objects.get(codename="access_admin"),
        *Permission.objects.filter(content_type=content_type),
    )
    user = get_user_model().objects.create_user("editor", "editor@example.be", "password")
    user.groups.add(group)
    client.force_login(user)
    member = factories.government_member()
    organisation = factories.publisher()

    assert client.get(f"{ADMIN}/governmentmember/").status_code == 200
    assert client.get(f"{ADMIN}/governmentmember/edit/{member.pk}/").status_code == 200
    assert client.get(f"{ADMIN}/organisation/").status_code == 302
    assert client.get(f"{ADMIN}/organisation/edit/{organisation.pk}/").status_code == 302
    # Whoever asks the policy "who may edit government members" (notifications, workflows)
    # finds the group's members.
    policy = policy_registry.get_by_type(GovernmentMember)
    assert list(policy.users_with_permission("change")) == [user]
    assert (
        not policy_registry.get_by_type(Organisation)
        .users_with_permission("change")
        .filter(pk=user.pk)
    )


def test_group_editor_offers_the_proxy_permissions(admin_client):
    html = admin_client.get("/admin/groups/new/").content.decode()
    for model in (Organisation, GovernmentMember, CouncilOfMinisters):
        content_type = ContentType.objects.get_for_model(model, for_concrete_model=False)
        change = Permission.objects.get(content_type=content_type, codename__startswith="change_")
        assert f'value="{change.pk}"' in html, model


def test_press_contacts_export_as_csv(admin_client, factories):
    finance = factories.publisher(name="FPS Finance", slug="fin")
    factories.contact(finance, name="Élise Martin, PhD", languages="fr,nl")
    response = admin_client.get(f"{ADMIN}/presscontact/", {"export": "csv"})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    body = b"".join(response.streaming_content).decode("utf-8")
    assert '"Élise Martin, PhD"' in body
    assert "fr,nl" in body
