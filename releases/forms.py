"""The filters of the news listing, read from shareable GET parameters:
`publisher` (slug, repeatable), `type`, `theme` (slug, repeatable), `from`, `to` (YYYY-MM-DD)
and `q`. A value that cannot be used is dropped and reported, never an error page."""

from datetime import date, datetime
from urllib.parse import urlencode

from django import forms
from django.conf import settings
from django.utils.functional import cached_property
from django.utils.html import conditional_escape, format_html, format_html_join
from django.utils.safestring import mark_safe
from django.utils.text import Truncator
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from directory.models import Publisher

from .cards import all_publishers, all_themes
from .query import ReleaseQuery
from .search import normalize_search_text, search_words

PUBLISHER, TYPE, THEME, DATE_FROM, DATE_TO, TEXT = "publisher", "type", "theme", "from", "to", "q"
# The order of search results: `sort=relevance`, or newest first when absent.
SORT, BY_RELEVANCE = "sort", "relevance"
# What a reader sees for each parameter, in messages and in the list of active filters.
PARAMETER_LABELS = {
    PUBLISHER: _("Publisher"),
    TYPE: _("Type"),
    THEME: _("Theme"),
    DATE_FROM: _("From"),
    DATE_TO: _("To"),
    TEXT: _("Search"),
}
# Enough for any real combination; a URL repeating a parameter thousands of times is cut here.
MAX_VALUES_PER_FILTER = 20
# Dates outside these years cannot be a release and would overflow date arithmetic.
MIN_DATE, MAX_DATE = date(1900, 1, 1), date(2999, 12, 31)


class RepeatableSelect(forms.Select):
    """A select whose parameter may repeat (`?theme=a&theme=b`); it turns into a multiple
    select when more than one value is chosen, so that submitting it again keeps them all.

    Its HTML is written here from Django's own widget context rather than through Django's
    widget templates: those include a template per option and per attribute list, and the
    filters' fifty options cost more than all the release cards' dates on every listing."""

    def value_from_datadict(self, data, files, name):
        return data.getlist(name) if hasattr(data, "getlist") else data.get(name)

    def use_required_attribute(self, initial):
        # A filter is never required; Django's answer builds the choices a second time.
        return False

    def render(self, name, value, attrs=None, renderer=None):
        # What Django's Select.optgroups and its templates do, without a dict per option.
        chosen = self.format_value(value)
        has_selected = False
        groups = []
        for group_value, group_label in self.choices:
            if isinstance(group_label, (list, tuple)):
                group_name, options = group_value, group_label
            else:
                group_name, options = (
                    None,
                    [("" if group_value is None else group_value, group_label)],
                )
            html = []
            for option_value, option_label in options:
                selected = (not has_selected or self.allow_multiple_selected) and str(
                    option_value
                ) in chosen
                has_selected |= selected
                html.append(
                    f'<option value="{conditional_escape(option_value)}"'
                    f"{' selected' if selected else ''}>{conditional_escape(option_label)}</option>"
                )
            html = "".join(html)
            if group_name:
                html = f'<optgroup label="{conditional_escape(group_name)}">{html}</optgroup>'
            groups.append(html)
        final_attrs = self.build_attrs(self.attrs, attrs)
        if self.allow_multiple_selected:
            final_attrs["multiple"] = True
        return format_html(
            '<select name="{}"{}>{}</select>',
            name,
            _attributes(final_attrs),
            mark_safe("".join(groups)),  # noqa: S308 - every value and label escaped above
        )


class DirectInputMixin:
    """An input written here from Django's own widget context, as RepeatableSelect does: the
    filter panel's search box and dates went through two widget templates each."""

    def render(self, name, value, attrs=None, renderer=None):
        # What django/forms/widgets/input.html writes.
        widget = self.get_context(name, value, attrs)["widget"]
        value = widget["value"]
        return format_html(
            '<input type="{}" name="{}"{}{}>',
            widget["type"],
            widget["name"],
            format_html(' value="{}"', value) if value is not None else "",
            _attributes(widget["attrs"]),
        )


class SearchInput(DirectInputMixin, forms.TextInput):
    pass


class DateInput(DirectInputMixin, forms.DateInput):
    pass


def _attributes(attrs):
    """HTML attributes as Django's attrs.html writes them: True alone, False left out."""
    return format_html_join(
        "",
        "{}",
        (
            (format_html(" {}", name) if value is True else format_html(' {}="{}"', name, value),)
            for name, value in attrs.items()
            if value is not False
        ),
    )


def quoted_value(value):
    """A visitor's value as quoted back in a message: printable and short."""
    printable = "".join(ch if ch.isprintable() else "\N{REPLACEMENT CHARACTER}" for ch in value)
    return Truncator(printable).chars(40)


def _values(data, name):
    values = data.getlist(name) if hasattr(data, "getlist") else [data.get(name, "")]
    return [value.strip() for value in values if value and value.strip()]


def publisher_choices(publishers):
    """Publishers grouped by type for a select; former members and dissolved organisations
    last, since the archive still names them."""
    groups = [
        (Publisher.Kind.COUNCIL, _("Council of Ministers")),
        (Publisher.Kind.ORGANISATION, _("Federal institutions")),
        (Publisher.Kind.GOVERNMENT_MEMBER, _("Government members")),
    ]
    choices = []
    for kind, label in groups:
        members = [
            (p.slug, p.name_with_portfolio) for p in publishers if p.kind == kind and p.is_active
        ]
        if members:
            choices.append((label, members))
    former = [(p.slug, p.name_with_portfolio) for p in publishers if not p.is_active]
    if former:
        choices.append((_("Former members and dissolved institutions"), former))
    return choices


class ReleaseFilterForm(forms.Form):
    """Bound to request.GET and read leniently: `release_query` holds what could be used,
    `ignored` says in words what could not, `display_form()` (an unbound form) shows what was
    applied. Django's own validation (`is_valid()`, `errors`) stays strict and honest — one
    unknown value makes the bound form invalid — and the listing never uses it: a bad value
    is dropped with a message, never an error page."""

    def __init__(self, data=None, *, publishers=None, themes=None, **kwargs):
        super().__init__(data, **kwargs)
        self.publishers = list(publishers if publishers is not None else all_publishers())
        self.themes = list(themes if themes is not None else all_themes())
        self.fields[TEXT] = forms.CharField(
            label=_("Search"),
            required=False,
            widget=SearchInput(
                attrs={"type": "search", "maxlength": settings.SEARCH_QUERY_MAX_LENGTH}
            ),
        )
        self.fields[PUBLISHER] = forms.ChoiceField(
            label=_("Publisher"),
            required=False,
            # Callables: the choices are built only when a form is shown (display_form), not
            # for the bound form that only reads the query string.
            choices=lambda: [("", _("All publishers"))] + publisher_choices(self.publishers),
            widget=RepeatableSelect,
        )
        self.fields[TYPE] = forms.ChoiceField(
            label=_("Type of publisher"),
            required=False,
            choices=[("", _("All types"))] + list(Publisher.Kind.choices),
            widget=RepeatableSelect,
        )
        self.fields[THEME] = forms.ChoiceField(
            label=_("Theme"),
            required=False,
            choices=lambda: [("", _("All themes"))] + [(t.slug, t.name) for t in self.themes],
            widget=RepeatableSelect,
        )
        date_widget = DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
        self.fields[DATE_FROM] = forms.DateField(
            label=_("From"), required=False, widget=date_widget
        )
        self.fields[DATE_TO] = forms.DateField(label=_("To"), required=False, widget=date_widget)
        for name in (PUBLISHER, TYPE, THEME):
            chosen = self.initial.get(name) or []
            self.fields[name].widget.allow_multiple_selected = len(chosen) > 1

    @cached_property
    def _parsed(self):
        data = self.data if self.is_bound else {}
        ignored = []
        publishers = self._pick(
            data,
            PUBLISHER,
            {p.slug: p for p in self.publishers},
            gettext("Unknown publisher “%(value)s” was ignored."),
            ignored,
        )
        kinds = self._pick(
            data,
            TYPE,
            {value: value for value in Publisher.Kind.values},
            gettext("Unknown type of publisher “%(value)s” was ignored."),
            ignored,
        )
        themes = self._pick(
            data,
            THEME,
            {t.slug: t for t in self.themes},
            gettext("Unknown theme “%(value)s” was ignored."),
            ignored,
        )
        date_from = self._date(data, DATE_FROM, ignored)
        date_to = self._date(data, DATE_TO, ignored)
        if date_from and date_to and date_from > date_to:
            ignored.append(gettext("The start date is after the end date: both were ignored."))
            date_from = date_to = None
        text = self._text(data, ignored)
        query = ReleaseQuery(
            publishers=tuple(publishers),
            kinds=tuple(kinds),
            themes=tuple(themes),
            date_from=date_from,
            date_to=date_to,
            text=text,
            relevance=bool(text) and self._sort(data, ignored) == BY_RELEVANCE,
        )
        return query, ignored

    @staticmethod
    def _sort(data, ignored):
        values = _values(data, SORT)
        if values and values[0] not in (BY_RELEVANCE, "date"):
            ignored.append(
                gettext("Unknown sort order “%(value)s”: the newest releases come first.")
                % {"value": quoted_value(values[0])}
            )
            return None
        return values[0] if values else None

    @staticmethod
    def _pick(data, name, known, message, ignored):
        found = []
        values = list(dict.fromkeys(_values(data, name)))
        if len(values) > MAX_VALUES_PER_FILTER:
            ignored.append(
                gettext("Only the first %(count)s values of “%(name)s” were used.")
                % {"count": MAX_VALUES_PER_FILTER, "name": PARAMETER_LABELS[name]}
            )
            values = values[:MAX_VALUES_PER_FILTER]
        for value in values:
            if value in known:
                found.append(known[value])
            else:
                ignored.append(message % {"value": quoted_value(value)})
        return found

    @staticmethod
    def _date(data, name, ignored):
        values = _values(data, name)
        if not values:
            return None
        value = values[0]
        try:
            parsed = datetime.strptime(value, "%Y-%m-%d").date()
        except ValueError:
            parsed = None
        if parsed is None or not MIN_DATE <= parsed <= MAX_DATE:
            ignored.append(
                gettext("“%(value)s” is not a date in the form YYYY-MM-DD and was ignored.")
                % {"value": quoted_value(value)}
            )
            return None
        return parsed

    @staticmethod
    def _text(data, ignored):
        values = _values(data, TEXT)
        if not values:
            return ""
        raw = values[0]
        limit = settings.SEARCH_QUERY_MAX_LENGTH
        if len(raw) > limit:
            ignored.append(
                gettext(
                    "Your search was longer than %(limit)s characters: only the first "
                    "%(limit)s were used."
                )
                % {"limit": limit}
            )
            raw = raw[:limit]
        text = normalize_search_text(raw)
        if not search_words(text):
            ignored.append(gettext("Your search contained no letters or digits and was ignored."))
            return ""
        return text

    @property
    def release_query(self):
        return self._parsed[0]

    @property
    def ignored(self):
        return self._parsed[1]

    def params(self):
        """The applied filters as (name, value) pairs, in a stable order: the canonical query
        string of this list, its feeds and its pages."""
        query = self.release_query
        pairs = [(PUBLISHER, p.slug) for p in query.publishers]
        pairs += [(TYPE, kind) for kind in query.kinds]
        pairs += [(THEME, t.slug) for t in query.themes]
        if query.date_from:
            pairs.append((DATE_FROM, query.date_from.isoformat()))
        if query.date_to:
            pairs.append((DATE_TO, query.date_to.isoformat()))
        if query.text:
            pairs.append((TEXT, query.text))
        if query.relevance:
            pairs.append((SORT, BY_RELEVANCE))
        return pairs

    def querystring(self):
        return urlencode(self.params())

    def other_order_querystring(self):
        """For a search: the query string of the same list in the other order."""
        pairs = [pair for pair in self.params() if pair[0] != SORT]
        if not self.release_query.relevance:
            pairs.append((SORT, BY_RELEVANCE))
        return urlencode(pairs)

    def with_text(self, text):
        """The query string of the same list searching `text` instead ("did you mean")."""
        pairs = [pair for pair in self.params() if pair[0] != TEXT]
        return urlencode([*pairs, (TEXT, text)])

    def facet_groups(self, counts, limit=12):
        """The facets of a search for the filter panel: per group (publisher, type, theme,
        year) its values that have matches, most first, each with its count, whether it is
        applied, and the query string that applies it too (or removes it). Publishers and
        themes combine (either one), so several can be chosen one after the other."""
        query = self.release_query
        params = self.params()
        publishers = {p.pk: p for p in self.publishers}
        themes = {t.pk: t for t in self.themes}
        kinds = dict(Publisher.Kind.choices)

        def toggle(name, value, active):
            pair = (name, value)
            return urlencode([p for p in params if p != pair] if active else [*params, pair])

        def entries(name, values, label, chosen):
            found = [
                {"label": label(key), "count": count, "active": value in chosen, "value": value}
                for key, count, value in values
            ]
            found.sort(key=lambda entry: (not entry["active"], -entry["count"], entry["label"]))
            shown = found[:limit] + [e for e in found[limit:] if e["active"]]
            # Query strings for the values shown only: each is the whole list's query string.
            for entry in shown:
                entry["query"] = toggle(name, entry.pop("value"), entry["active"])
            return shown

        groups = [
            (
                PUBLISHER,
                _("Publisher"),
                [
                    (pk, n, publishers[pk].slug)
                    for pk, n in counts["publisher"].items()
                    if pk in publishers
                ],
                lambda pk: str(publishers[pk]),
                {p.slug for p in query.publishers},
            ),
            (
                TYPE,
                _("Type of publisher"),
                [(kind, n, kind) for kind, n in counts["type"].items()],
                lambda kind: str(kinds[kind]),
                set(query.kinds),
            ),
            (
                THEME,
                _("Theme"),
                [(pk, n, themes[pk].slug) for pk, n in counts["theme"].items() if pk in themes],
                lambda pk: themes[pk].name,
                {t.slug for t in query.themes},
            ),
        ]
        result = [
            {"name": name, "title": title, "entries": entries(name, values, label, chosen)}
            for name, title, values, label, chosen in groups
        ]
        result.append({"name": "year", "title": _("Year"), "entries": self._years(counts)})
        return [group for group in result if group["entries"]]

    def _years(self, counts):
        query = self.release_query
        others = [pair for pair in self.params() if pair[0] not in (DATE_FROM, DATE_TO)]
        years = []
        for year, count in sorted(counts["year"].items(), reverse=True):
            first, last = date(year, 1, 1), date(year, 12, 31)
            active = query.date_from == first and query.date_to == last
            pairs = others if active else [*others, (DATE_FROM, str(first)), (DATE_TO, str(last))]
            years.append(
                {"label": str(year), "count": count, "active": active, "query": urlencode(pairs)}
            )
        return years

    def display_form(self):
        """An unbound form showing exactly the filters that were applied."""
        query = self.release_query
        initial = {
            PUBLISHER: [p.slug for p in query.publishers],
            TYPE: list(query.kinds),
            THEME: [t.slug for t in query.themes],
            DATE_FROM: query.date_from,
            DATE_TO: query.date_to,
            TEXT: query.text,
        }
        return type(self)(initial=initial, publishers=self.publishers, themes=self.themes)

    def active_filters(self):
        """What is applied, each with the query string of the list without it."""
        query = self.release_query
        params = self.params()
        entries = []

        def without(*pairs):
            return urlencode([pair for pair in params if pair not in pairs])

        for publisher in query.publishers:
            entries.append((PUBLISHER, str(publisher), publisher.slug))
        labels = dict(Publisher.Kind.choices)
        for kind in query.kinds:
            entries.append((TYPE, labels[kind], kind))
        for theme in query.themes:
            entries.append((THEME, theme.name, theme.slug))
        if query.date_from:
            value = query.date_from.isoformat()
            entries.append((DATE_FROM, value, value))
        if query.date_to:
            value = query.date_to.isoformat()
            entries.append((DATE_TO, value, value))
        if query.text:
            entries.append((TEXT, query.text, query.text))
        return [
            {
                # Translators: one active filter of the news listing, e.g. "Theme: Economy".
                "text": gettext("%(label)s: %(value)s")
                % {"label": PARAMETER_LABELS[name], "value": shown},
                # Without the search text, its order has nothing left to sort.
                "remove_query": without((name, param), (SORT, BY_RELEVANCE))
                if name == TEXT
                else without((name, param)),
            }
            for name, shown, param in entries
        ]
