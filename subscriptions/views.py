"""Public pages: subscribe, confirm (double opt-in), manage preferences by magic link,
unsubscribe (RFC 8058 one-click POST). GET never changes anything: mail scanners follow links."""

import logging

from django.db import transaction
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from core.outbox import enqueue_on_commit
from core.rate_limit import client_network, within_limit
from directory.models import Publisher
from releases.models import Theme

from . import conf, emails, tokens
from .forms import CONSENT_TEXT, PUBLISHER_FIELDS, PreferencesForm, SubscribeForm
from .models import Frequency, Subscriber, SubscriptionRequest
from .tasks import send_confirmation

logger = logging.getLogger(__name__)


def rate_limited(request, email):
    """An error message when this client or this address asked too often, else None."""
    if not within_limit("subscriptions:rl:ip", client_network(request), conf.rate_limit_per_ip()):
        return _("Too many subscription requests from your network. Please try again later.")
    if not within_limit("subscriptions:rl:to", email, conf.rate_limit_per_address()):
        return _(
            "We already sent several confirmation emails to this address. Check the inbox "
            "(and the spam folder), or try again tomorrow."
        )
    return None


def publisher_fields(form):
    return [form[name] for name, _kind, _label in PUBLISHER_FIELDS]


@never_cache
@require_http_methods(["GET", "POST"])
def subscribe(request):
    status = 200
    if request.method == "POST":
        form = SubscribeForm(request.POST)
        if form.is_bot:
            # Looks like success to the bot; nothing is stored or sent.
            return redirect("subscriptions:subscribe_sent")
        if form.is_valid():
            email = form.cleaned_data["email"]
            error = rate_limited(request, email)
            if error:
                form.add_error(None, error)
                status = 429
            else:
                language = form.cleaned_data["email_language"]
                # The request and its email in one transaction: a broker outage delays the
                # email (the outbox keeps it), it never loses it or answers 500.
                with transaction.atomic():
                    subscription_request, _token = SubscriptionRequest.create(
                        email=email,
                        choices=form.choices_json(),
                        email_language=language,
                        consent_text=str(CONSENT_TEXT),
                    )
                    enqueue_on_commit(send_confirmation, subscription_request.pk)
                return redirect("subscriptions:subscribe_sent")
        else:
            status = 400
    else:
        form = SubscribeForm()
    context = {"form": form, "publisher_fields": publisher_fields(form)}
    return render(request, "subscriptions/subscribe.html", context, status=status)


def subscribe_sent(request):
    lifetime_hours = int(conf.confirmation_lifetime().total_seconds() // 3600)
    return render(request, "subscriptions/subscribe_sent.html", {"hours": lifetime_hours})


def invalid_link(request):
    return render(request, "subscriptions/invalid_link.html", status=404)


def apply_choices(subscriber, choices):
    """Set the subscriber's choices from a request's stored ids; ids of publishers or themes
    deleted since are dropped."""
    subscriber.publishers.set(
        Publisher.objects.filter(pk__in=choices.get("publishers", []), is_active=True)
    )
    subscriber.themes.set(Theme.objects.filter(pk__in=choices.get("themes", [])))


@never_cache
@require_http_methods(["GET", "POST"])
def confirm(request, token):
    subscription_request = SubscriptionRequest.find(token)
    if subscription_request is None:
        return invalid_link(request)
    if request.method == "GET":
        return render(
            request, "subscriptions/confirm.html", {"subscription_request": subscription_request}
        )
    now = timezone.now()
    choices = subscription_request.choices
    with transaction.atomic():
        subscriber = (
            Subscriber.objects.select_for_update().filter(email=subscription_request.email).first()
        )
        if subscriber is None:
            subscriber = Subscriber(email=subscription_request.email, confirmed_at=now)
        elif not subscriber.is_active:
            # Back after a suspension or an unsubscription: no backlog of the time away.
            subscriber.confirmed_at = now
        subscriber.state = Subscriber.State.ACTIVE
        subscriber.state_reason = ""
        subscriber.state_changed_at = now
        subscriber.everything = bool(choices.get("everything"))
        subscriber.content_languages = choices.get("content_languages") or [
            subscription_request.email_language
        ]
        subscriber.frequency = choices.get("frequency") or Frequency.DIGEST
        subscriber.email_language = subscription_request.email_language
        subscriber.consent_at = now
        subscriber.consent_text = subscription_request.consent_text
        subscriber.consent_language = subscription_request.email_language
        subscriber.save()
        apply_choices(subscriber, choices)
        subscription_request.delete()
    return render(
        request,
        "subscriptions/confirmed.html",
        {"subscriber": subscriber, "manage_url": emails.manage_url(subscriber)},
    )


@never_cache
@require_http_methods(["GET", "POST"])
def manage(request, token):
    subscriber = tokens.subscriber_for_token(token, tokens.MANAGE)
    if subscriber is None:
        return invalid_link(request)
    saved = False
    status = 200
    if not subscriber.is_active:
        form = None
    elif request.method == "POST":
        form = PreferencesForm(request.POST)
        if form.is_valid():
            data = form.cleaned_data
            with transaction.atomic():
                subscriber.everything = data["everything"]
                subscriber.content_languages = sorted(set(data["content_languages"]))
                subscriber.email_language = data["email_language"]
                subscriber.frequency = data["frequency"]
                subscriber.save()
                subscriber.publishers.set(data["publishers"])
                subscriber.themes.set(data["themes"])
            saved = True
        else:
            status = 400
    else:
        form = PreferencesForm(initial=PreferencesForm.initial_for(subscriber))
    context = {
        "subscriber": subscriber,
        "form": form,
        "publisher_fields": publisher_fields(form) if form else [],
        "saved": saved,
        "unsubscribe_url": emails.unsubscribe_url(subscriber),
    }
    return render(request, "subscriptions/manage.html", context, status=status)


@csrf_exempt
@never_cache
@require_http_methods(["GET", "POST"])
def unsubscribe(request, token):
    """RFC 8058: the mail client POSTs `List-Unsubscribe=One-Click` with no cookie and no CSRF
    token. Idempotent. A GET only shows the button."""
    subscriber = tokens.subscriber_for_token(token, tokens.UNSUBSCRIBE)
    if subscriber is None:
        return invalid_link(request)
    done = subscriber.state == Subscriber.State.UNSUBSCRIBED
    if request.method == "POST" and not done:
        Subscriber.objects.filter(pk=subscriber.pk).exclude(
            state=Subscriber.State.UNSUBSCRIBED
        ).update(
            state=Subscriber.State.UNSUBSCRIBED,
            state_reason="unsubscribe link",
            state_changed_at=timezone.now(),
        )
        done = True
    return render(
        request, "subscriptions/unsubscribe.html", {"subscriber": subscriber, "done": done}
    )
