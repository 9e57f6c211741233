"""Small builders for what tests need. Not the demo content: each test makes its own world."""

import io
import itertools
from datetime import timedelta

from django.core.files.images import ImageFile
from django.utils import timezone
from PIL import Image as PILImage
from wagtail.images.models import Image
from wagtail.models import Locale

from directory.models import PressContact, Publisher
from releases.models import (
    CouncilIndexPage,
    CouncilMeetingPage,
    NewsIndexPage,
    PressReleasePage,
    Theme,
)

_seq = itertools.count(1)


def publisher(kind=Publisher.Kind.ORGANISATION, **fields):
    n = next(_seq)
    fields.setdefault("name", f"Federal Public Service {n}")
    fields.setdefault("slug", f"publisher-{n}")
    return Publisher.objects.create(kind=kind, **fields)


def government_member(**fields):
    n = next(_seq)
    fields.setdefault("name", f"Minister Number {n}")
    fields.setdefault("title_en", f"Minister of Affairs {n}")
    return publisher(kind=Publisher.Kind.GOVERNMENT_MEMBER, **fields)


def council(**fields):
    fields.setdefault("name", "Council of Ministers")
    fields.setdefault("slug", "council-of-ministers")
    existing = Publisher.objects.filter(kind=Publisher.Kind.COUNCIL).first()
    return existing or publisher(kind=Publisher.Kind.COUNCIL, **fields)


def contact(publisher, **fields):
    n = next(_seq)
    fields.setdefault("name", f"Spokesperson {n}")
    fields.setdefault("email", f"spokesperson{n}@example.be")
    fields.setdefault("role", PressContact.Role.SPOKESPERSON)
    return PressContact.objects.create(publisher=publisher, **fields)


def theme(**fields):
    n = next(_seq)
    fields.setdefault("slug", f"theme-{n}")
    for code in ("fr", "nl", "de", "en"):
        fields.setdefault(f"name_{code}", f"Theme {n} {code}")
    return Theme.objects.create(**fields)


def image(title="Photo", size=(64, 48), color=(0, 90, 160)):
    buffer = io.BytesIO()
    PILImage.new("RGB", size, color).save(buffer, "PNG")
    return Image.objects.create(title=title, file=ImageFile(buffer, name=f"{title}.png"))


def news_index(language="nl"):
    return NewsIndexPage.objects.get(locale__language_code=language)


def council_index(language="nl"):
    return CouncilIndexPage.objects.get(locale__language_code=language)


def release(parent=None, language="nl", publish=True, themes=(), co_publishers=(), **fields):
    """A release under `parent` (default: the news listing of `language`), published unless
    `publish` is False."""
    parent = parent or news_index(language)
    n = next(_seq)
    fields.setdefault("title", f"Press release number {n}")
    fields.setdefault("slug", f"press-release-{n}")
    fields.setdefault("lead", f"The lead of release {n}.")
    fields.setdefault("published_at", timezone.now() - timedelta(minutes=n))
    if "publisher" not in fields:
        fields["publisher"] = publisher()
    # Wagtail's default is live=True: a draft must say it is not.
    fields.setdefault("live", publish)
    page = PressReleasePage(locale=parent.locale, **fields)
    parent.add_child(instance=page)
    page.themes.set(themes)
    page.co_publishers.set(co_publishers)
    revision = page.save_revision()
    if publish:
        revision.publish()
        page.refresh_from_db()
    return page


def translation_of(page, language, **fields):
    """A translated copy of `page` in `language`, published."""
    locale = Locale.objects.get(language_code=language)
    copy = page.copy_for_translation(locale, copy_parents=True)
    for key, value in fields.items():
        setattr(copy, key, value)
    copy.save()
    copy.save_revision().publish()
    copy.refresh_from_db()
    return copy


def meeting(meeting_date=None, language="nl", publish=True, **fields):
    parent = council_index(language)
    meeting_date = meeting_date or timezone.localdate()
    fields.setdefault("title", f"Council of Ministers of {meeting_date:%d/%m/%Y}")
    fields.setdefault("slug", f"council-{meeting_date:%Y-%m-%d}-{next(_seq)}")
    fields.setdefault("live", publish)
    page = CouncilMeetingPage(meeting_date=meeting_date, locale=parent.locale, **fields)
    parent.add_child(instance=page)
    revision = page.save_revision()
    if publish:
        revision.publish()
        page.refresh_from_db()
    return page
