from django import forms
from django.utils.translation import gettext_lazy as _

from .answers import ACTIONS, REQUEST_CHANGES


class ResponseForm(forms.Form):
    """A spokesperson's answer. `revision` says which text the page showed: an answer given
    to another text is never applied."""

    action = forms.ChoiceField(choices=[(action, action) for action in ACTIONS])
    revision = forms.IntegerField(widget=forms.HiddenInput)
    comment = forms.CharField(
        label=_("What should change?"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 5}),
    )

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("action") == REQUEST_CHANGES and not cleaned.get("comment", "").strip():
            self.add_error("comment", _("Say what should change, so that it can be corrected."))
        return cleaned


class PhoneApprovalForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_('Who approved, when and how, e.g. "Approved by phone by J. Peeters at 14:10".'),
    )

    def clean_reason(self):
        reason = self.cleaned_data["reason"].strip()
        if not reason:
            raise forms.ValidationError(_("Give the reason."))
        return reason


class OverrideForm(forms.Form):
    """Why an administrator publishes a text naming government members without validation."""

    reason = forms.CharField(
        label=_("Reason"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_(
            "Kept in the page history, e.g. “Urgent correction approved by the Prime "
            "Minister's office, spokespersons unreachable”."
        ),
    )

    def clean_reason(self):
        reason = self.cleaned_data["reason"].strip()
        if not reason:
            raise forms.ValidationError(_("Give the reason."))
        return reason
