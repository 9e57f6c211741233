"""Withdrawing a release instead of unpublishing it without a trace (as GOV.UK does): the page
stays at its URL with "Withdrawn on <date>: <reason>" and without its text, images or files,
and leaves every list, feed, the sitemap, the search and the digests (ReleaseQuerySet.
public_live). Administrators may still unpublish a release, giving a reason kept in the page
history (`log_unpublish_reason`)."""

from django import forms
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.log_actions import log

from core.front_cache import purge_page_on_commit

from .models import PressReleasePage

WITHDRAW_ACTION = "releases.withdraw"
UNPUBLISH_ACTION = "releases.unpublish_reason"
REASON_MAX_LENGTH = 2000


class ReasonForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason"),
        max_length=REASON_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def clean_reason(self):
        reason = self.cleaned_data["reason"].strip()
        if not reason:
            raise forms.ValidationError(_("Give the reason."))
        return reason


class WithdrawForm(ReasonForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["reason"].help_text = _(
            "Shown on the page, in the release's language, after “Withdrawn on” and the date."
        )


@transaction.atomic
def withdraw(page, reason, user=None, now=None):
    """Withdraw the live release `page`; False when it is not live or already withdrawn (a
    second click, a colleague's). The row is updated, not saved from the instance: the
    withdrawal is a state of the page, never of a revision (see with_content_json)."""
    now = now or timezone.now()
    done = PressReleasePage.objects.filter(pk=page.pk, live=True, withdrawn_at=None).update(
        withdrawn_at=now, withdrawal_reason=reason
    )
    if not done:
        return False
    page.withdrawn_at, page.withdrawal_reason = now, reason
    log(instance=page, action=WITHDRAW_ACTION, user=user, data={"reason": reason})
    # The page, the lists of its language and the sitemap, as an unpublish would.
    purge_page_on_commit(page)
    return True


def log_unpublish_reason(page, reason, user):
    log(instance=page, action=UNPUBLISH_ACTION, user=user, data={"reason": reason})
