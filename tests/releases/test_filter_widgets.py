"""The filter panel's widgets, written without Django's widget templates, write what those
templates write."""

import re
from datetime import date

import pytest
from django import forms

from releases.forms import DateInput, RepeatableSelect, SearchInput

INPUTS = [
    (
        SearchInput(attrs={"type": "search", "maxlength": 200}),
        forms.TextInput(attrs={"type": "search", "maxlength": 200}),
    ),
    (
        DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    ),
]


@pytest.mark.parametrize("ours, django", INPUTS)
@pytest.mark.parametrize("value", [None, "", '"a<b" & c', date(2026, 12, 4)])
def test_inputs_write_what_djangos_templates_write(ours, django, value):
    attrs = {"id": "id_q", "required": True, "disabled": False, "data-x": "y'z"}
    assert ours.render("q", value, attrs) == django.render("q", value, attrs)


def without_layout(html):
    return re.sub(r">\s+<", "><", html.strip())


def test_select_writes_what_djangos_templates_write():
    """The same elements and attributes; Django's templates add line breaks between them."""
    choices = [("", "All"), ("Group <1>", [("a", "A & B"), ("b", "B")]), ("c", "C")]
    ours, django = RepeatableSelect(choices=choices), forms.Select(choices=choices)
    for value in (None, "a", "c", "unknown"):
        assert ours.render("theme", value, {"id": "id_theme"}) == without_layout(
            django.render("theme", value, {"id": "id_theme"})
        )
