"""The public contact-points directory: which publishers and contacts match the filters.

Text matching is done in Python on the prefetched rows rather than in SQL: the directory is
a few hundred rows at most, and this way a search ignores case and accents ("frederique"
finds "Frédérique") on SQLite and PostgreSQL alike, in every language's name and acronym,
with a fixed two queries whatever is shown."""

import unicodedata
from dataclasses import dataclass, field

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from core.i18n import translated_field_names

from .models import Publisher

# Council first, then the government in protocol order, then the institutions.
KIND_ORDER = [
    Publisher.Kind.COUNCIL,
    Publisher.Kind.GOVERNMENT_MEMBER,
    Publisher.Kind.ORGANISATION,
]
SECTION_HEADINGS = {
    Publisher.Kind.COUNCIL: _("Council of Ministers"),
    Publisher.Kind.GOVERNMENT_MEMBER: _("Government members"),
    Publisher.Kind.ORGANISATION: _("Federal institutions"),
}


def normalise(text):
    """Lower case without accents, for matching what people type against names."""
    decomposed = unicodedata.normalize("NFKD", text or "")
    return "".join(char for char in decomposed if not unicodedata.combining(char)).casefold()


def _terms(query):
    return [normalise(term) for term in query.split() if normalise(term)]


def _publisher_text(publisher):
    values = [publisher.name, publisher.slug]
    for prefix in ("name", "acronym", "portfolio"):
        values += [getattr(publisher, name) for name in translated_field_names(prefix)]
    return normalise(" ".join(value for value in values if value))


def _contact_text(contact):
    positions = [getattr(contact, name) for name in translated_field_names("position")]
    values = [contact.name, *positions]
    return normalise(" ".join(value for value in values if value))


def _matches(terms, text):
    return all(term in text for term in terms)


class ContactPointsForm(forms.Form):
    """The filters of the contact-points page, read from GET so that every result has a URL."""

    q = forms.CharField(
        label=_("Name, acronym or contact person"),
        required=False,
        max_length=settings.SEARCH_QUERY_MAX_LENGTH,
        widget=forms.SearchInput,
        error_messages={
            "max_length": _(
                "Search terms are limited to %(limit_value)d characters: the search was ignored."
            ),
        },
    )
    type = forms.ChoiceField(
        label=_("Type"),
        required=False,
        choices=[("", _("All types"))] + [(kind.value, kind.label) for kind in KIND_ORDER],
        error_messages={
            "invalid_choice": _("“%(value)s” is not a known type: all types are shown."),
        },
    )
    former = forms.BooleanField(
        label=_("Include former government members and dissolved institutions"),
        required=False,
    )

    def filters(self):
        """The valid filters; an invalid one is ignored (its error is shown by the form)."""
        self.is_valid()
        for name in self.errors:
            # Tie the message to its field for screen readers.
            self.fields[name].widget.attrs["aria-describedby"] = f"{self[name].auto_id}-error"
        cleaned = self.cleaned_data
        return {
            "query": cleaned.get("q") or "",
            "kind": cleaned.get("type") or "",
            "include_former": bool(cleaned.get("former")),
        }


@dataclass
class Entry:
    publisher: Publisher
    contacts: list


@dataclass
class Section:
    kind: str
    heading: str
    entries: list = field(default_factory=list)

    def initials(self):
        """`[(letter, publisher slug)]` from A to Z: the first publisher of each initial, for
        the jump list of the long section of institutions (members go by protocol order)."""
        if self.kind != Publisher.Kind.ORGANISATION:
            return []
        first = {}
        for entry in self.entries:
            letter = normalise(entry.publisher.display_name)[:1].upper()
            if letter.isalpha():
                first.setdefault(letter, entry.publisher.slug)
        return sorted(first.items())


def find_contact_points(query="", kind="", include_former=False):
    """Sections (one per publisher type, non-empty ones only) of matching publishers with
    their matching active contacts. A publisher that matches by its own name, acronym or
    title brings all its contacts; otherwise only the contacts that match are listed."""
    publishers = Publisher.objects.all().with_active_contacts()
    if kind:
        publishers = publishers.filter(kind=kind)
    if not include_former:
        publishers = publishers.active()
    terms = _terms(query)
    sections = {kind: Section(kind, SECTION_HEADINGS[kind]) for kind in KIND_ORDER}
    for publisher in publishers:
        contacts = publisher.active_contacts
        if terms:
            own_text = _publisher_text(publisher)
            if not _matches(terms, own_text):
                contacts = [
                    contact
                    for contact in contacts
                    if _matches(terms, own_text + " " + _contact_text(contact))
                ]
                if not contacts:
                    continue
        sections[publisher.kind].entries.append(Entry(publisher, contacts))
    for section in sections.values():
        section.entries.sort(
            key=lambda entry: (entry.publisher.sort_order, normalise(entry.publisher.display_name))
        )
    return [section for section in sections.values() if section.entries]
