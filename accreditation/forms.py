from django import forms
from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from directory.models import Publisher

# The groups of the listing's publisher filter (releases.forms.publisher_choices).
PUBLISHER_GROUPS = (
    (Publisher.Kind.COUNCIL, _("Council of Ministers")),
    (Publisher.Kind.ORGANISATION, _("Federal institutions")),
    (Publisher.Kind.GOVERNMENT_MEMBER, _("Government members")),
)


def grouped_publishers():
    """Active publishers as grouped checkbox choices (ids), in the listing filter's order."""
    publishers = list(Publisher.objects.active().order_by("sort_order", "name"))
    choices = []
    for kind, label in PUBLISHER_GROUPS:
        members = [(p.pk, p.name_with_portfolio) for p in publishers if p.kind == kind]
        if members:
            choices.append((label, members))
    return choices


class ApplicationForm(forms.Form):
    name = forms.CharField(label=_("Your name"), max_length=200)
    medium = forms.CharField(
        label=_("Medium"), max_length=200, help_text=_("The newspaper, channel or agency.")
    )
    email = forms.EmailField(
        label=_("Professional email address"),
        max_length=254,
        error_messages={
            "invalid": _("Enter a valid email address, for example name@example.be."),
        },
    )
    press_card_number = forms.CharField(label=_("Press card number"), max_length=50)
    publishers = forms.TypedMultipleChoiceField(
        label=_("Publishers you follow"),
        coerce=int,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Choose at least one publisher.")},
    )
    language = forms.ChoiceField(
        label=_("Language of the emails"), choices=settings.LANGUAGES, widget=forms.RadioSelect
    )
    # Honeypot: hidden from people (CSS and aria-hidden), filled in by naive bots.
    website = forms.CharField(required=False, label=_("Leave this field empty"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["publishers"].choices = grouped_publishers()
        self.fields["language"].initial = (translation.get_language() or settings.LANGUAGE_CODE)[:2]

    def clean_email(self):
        return self.cleaned_data["email"].strip().lower()

    def clean_name(self):
        return " ".join(self.cleaned_data["name"].split())

    def clean_medium(self):
        return " ".join(self.cleaned_data["medium"].split())

    def clean_press_card_number(self):
        return self.cleaned_data["press_card_number"].strip()

    @property
    def is_bot(self):
        return bool(self.data.get("website"))

    @classmethod
    def initial_from(cls, accreditation):
        return {
            "name": accreditation.name,
            "medium": accreditation.medium,
            "email": accreditation.email,
            "press_card_number": accreditation.press_card_number,
            "publishers": list(
                accreditation.publishers.filter(is_active=True).values_list("pk", flat=True)
            ),
            "language": accreditation.language,
        }


class DecisionForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Decision"),
        choices=[
            ("approved", _("Approve")),
            ("refused", _("Refuse")),
            ("withdrawn", _("Withdraw")),
        ],
        widget=forms.RadioSelect,
    )
    reason = forms.CharField(
        label=_("Reason (sent to the journalist)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=2000,
    )

    def __init__(self, *args, accreditation, **kwargs):
        super().__init__(*args, **kwargs)
        allowed = {
            "pending": ("approved", "refused"),
            "approved": ("withdrawn",),
        }.get(accreditation.status, ())
        field = self.fields["decision"]
        field.choices = [choice for choice in field.choices if choice[0] in allowed]

    def clean(self):
        cleaned = super().clean()
        if (
            cleaned.get("decision") in ("refused", "withdrawn")
            and not cleaned.get("reason", "").strip()
        ):
            self.add_error("reason", _("Give the reason: it is sent to the journalist."))
        return cleaned
