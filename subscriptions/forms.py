from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from directory.models import Publisher
from releases.models import Theme

from .models import Frequency

CONSENT_TEXT = _(
    "I agree that my email address and my choices are stored to send me the press releases "
    "I asked for, and for no other purpose. I can unsubscribe at any time with the link in "
    "every email."
)

PUBLISHER_FIELDS = (
    ("council", Publisher.Kind.COUNCIL, _("Council of Ministers")),
    ("organisations", Publisher.Kind.ORGANISATION, _("Federal institutions")),
    ("members", Publisher.Kind.GOVERNMENT_MEMBER, _("Government members")),
)


class IdChoiceField(forms.ModelMultipleChoiceField):
    """Checkboxes of records by id. An id beyond a 64-bit integer is refused like any unknown
    one: SQLite cannot even compare it (OverflowError, a server error)."""

    def _check_values(self, value):
        for pk in value:
            try:
                number = int(str(pk).strip())
            except ValueError:
                continue  # not a number: Django refuses it
            if not -(2**63) <= number < 2**63:
                raise ValidationError(
                    self.error_messages["invalid_pk_value"],
                    code="invalid_pk_value",
                    params={"pk": pk},
                )
        return super()._check_values(value)


class PublisherChoiceField(IdChoiceField):
    def label_from_instance(self, obj):
        return obj.name_with_portfolio


class PreferencesForm(forms.Form):
    """What a subscriber receives: shared by the subscribe form and the manage page."""

    everything = forms.BooleanField(
        label=_("All press releases"),
        required=False,
        help_text=_("Every release of every publisher; the choices below are then ignored."),
    )
    council = PublisherChoiceField(
        queryset=Publisher.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label=_("Council of Ministers"),
    )
    organisations = PublisherChoiceField(
        queryset=Publisher.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label=_("Federal institutions"),
    )
    members = PublisherChoiceField(
        queryset=Publisher.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label=_("Government members"),
    )
    themes = IdChoiceField(
        queryset=Theme.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label=_("Themes"),
    )
    content_languages = forms.MultipleChoiceField(
        label=_("Languages of the releases"),
        choices=settings.LANGUAGES,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("You receive the version of each release in each language you tick."),
        error_messages={"required": _("Choose at least one language of the releases.")},
    )
    email_language = forms.ChoiceField(
        label=_("Language of the emails"), choices=settings.LANGUAGES, widget=forms.RadioSelect
    )
    frequency = forms.ChoiceField(
        label=_("How often"),
        choices=Frequency.choices,
        initial=Frequency.DIGEST,
        widget=forms.RadioSelect,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        active = Publisher.objects.active()
        for name, kind, _label in PUBLISHER_FIELDS:
            self.fields[name].queryset = active.filter(kind=kind)
        self.fields["themes"].queryset = Theme.objects.all()
        language = (translation.get_language() or settings.LANGUAGE_CODE)[:2]
        self.fields["email_language"].initial = language
        self.fields["content_languages"].initial = [language]

    def clean(self):
        cleaned = super().clean()
        publishers = [p for name, *_rest in PUBLISHER_FIELDS for p in cleaned.get(name) or ()]
        cleaned["publishers"] = publishers
        chosen = publishers or cleaned.get("themes")
        if not cleaned.get("everything") and not chosen and not self.errors:
            raise forms.ValidationError(
                _("Choose at least one publisher or theme, or tick “All press releases”."),
                code="nothing_chosen",
            )
        return cleaned

    def choices_json(self):
        """The cleaned choices as plain ids and codes, to keep in a pending request."""
        data = self.cleaned_data
        return {
            "everything": bool(data["everything"]),
            "publishers": sorted({p.pk for p in data["publishers"]}),
            "themes": sorted({t.pk for t in data["themes"]}),
            "content_languages": sorted(set(data["content_languages"])),
            "frequency": data["frequency"],
        }

    @classmethod
    def initial_for(cls, subscriber):
        publishers = list(subscriber.publishers.all())
        initial = {
            "everything": subscriber.everything,
            "themes": [t.pk for t in subscriber.themes.all()],
            "content_languages": subscriber.content_languages,
            "email_language": subscriber.email_language,
            "frequency": subscriber.frequency,
        }
        for name, kind, _label in PUBLISHER_FIELDS:
            initial[name] = [p.pk for p in publishers if p.kind == kind]
        return initial


class SubscribeForm(PreferencesForm):
    email = forms.EmailField(
        label=_("Your email address"),
        max_length=254,
        error_messages={
            "required": _("Enter your email address."),
            "invalid": _("Enter a valid email address, for example name@example.be."),
        },
    )
    consent = forms.BooleanField(
        label=CONSENT_TEXT,
        error_messages={"required": _("Tick the box to agree, or we cannot send you anything.")},
    )
    # Honeypot: hidden from people (CSS and aria-hidden), filled in by naive bots.
    website = forms.CharField(required=False, label=_("Leave this field empty"))

    field_order = ["email"]

    def clean_email(self):
        return self.cleaned_data["email"].strip().lower()

    @property
    def is_bot(self):
        return bool(self.data.get("website"))
