"""The figures of the dashboards: read from DailyCount, EmailReach and subscriptions' rows, for
the releases and publishers a user may see (communicators: their publishers' own; superusers:
all)."""

from datetime import datetime, time, timedelta

from django.contrib.contenttypes.models import ContentType
from django.db.models import Q, Sum
from django.utils import timezone
from wagtail.documents import get_document_model
from wagtail.models import Page, ReferenceIndex

from directory.communicators import publisher_ids_for_user
from directory.models import Publisher
from releases.models import PressReleasePage
from subscriptions.models import Subscriber

from .email_reach import sent_per_kind
from .models import DailyCount, EmailEventType, EmailReach, Kind

TOP = 10


def visible_publishers(user):
    if user.is_superuser:
        return Publisher.objects.all()
    return Publisher.objects.filter(pk__in=publisher_ids_for_user(user))


def may_see_publisher(user, publisher_id):
    return user.is_superuser or publisher_id in publisher_ids_for_user(user)


def may_see_release(user, release):
    """A communicator sees a release of one of their publishers (its publisher or a
    co-publisher)."""
    if user.is_superuser:
        return True
    ids = publisher_ids_for_user(user)
    if release.publisher_id in ids:
        return True
    return release.co_publishers.filter(pk__in=ids).exists()


def releases_of(publisher_id):
    return PressReleasePage.objects.filter(
        Q(publisher_id=publisher_id) | Q(co_publishers=publisher_id)
    ).distinct()


def versions_of(release):
    """The release in every language (its translations share its translation key)."""
    return PressReleasePage.objects.filter(translation_key=release.translation_key).select_related(
        "locale"
    )


def days(start, end):
    day = start
    while day <= end:
        yield day
        day += timedelta(days=1)


def daily_views(page_ids, start, end):
    """[(day, views)] from `start` to `end`, every day (0 when none)."""
    found = dict(
        DailyCount.objects.filter(
            kind=Kind.PAGE_VIEW, object_id__in=page_ids, day__range=(start, end)
        )
        .values_list("day")
        .order_by()
        .annotate(n=Sum("count"))
        .values_list("day", "n")
    )
    return [(day, found.get(day, 0)) for day in days(start, end)]


def views_by_language(page_ids, start=None):
    rows = DailyCount.objects.filter(kind=Kind.PAGE_VIEW, object_id__in=page_ids)
    if start:
        rows = rows.filter(day__gte=start)
    return dict(
        rows.values_list("language")
        .order_by()
        .annotate(n=Sum("count"))
        .values_list("language", "n")
    )


REACH_COLUMNS = ["sent", *EmailEventType.values]


def email_reach(page_ids):
    """{email kind: {"sent": n, "delivered": n, ...}} for the releases `page_ids` (summed)."""
    reach = {}
    for (_page_id, kind), n in sent_per_kind(page_ids).items():
        row = reach.setdefault(kind, dict.fromkeys(REACH_COLUMNS, 0))
        row["sent"] += n
    for kind, event, n in (
        EmailReach.objects.filter(page_id__in=page_ids)
        .values_list("kind", "event")
        .order_by()
        .annotate(n=Sum("count"))
        .values_list("kind", "event", "n")
    ):
        row = reach.setdefault(kind, dict.fromkeys(REACH_COLUMNS, 0))
        row[event] = row.get(event, 0) + n
    return reach


def documents_of(page_ids):
    """The documents the releases `page_ids` use (attachments, links in their text), as
    Wagtail's reference index knows them: their stored (live) version's."""
    ids = ReferenceIndex.objects.filter(
        base_content_type=ContentType.objects.get_for_model(Page),
        object_id__in=[str(pk) for pk in page_ids],
        to_content_type=ContentType.objects.get_for_model(get_document_model()),
    ).values_list("to_object_id", flat=True)
    return get_document_model().objects.filter(pk__in={int(pk) for pk in ids}).order_by("title")


def downloads(page_ids):
    """[(label, downloads)]: each document the releases use, then their PDF versions (every
    download since counting began)."""
    documents = list(documents_of(page_ids))
    counts = dict(
        DailyCount.objects.filter(
            kind=Kind.DOCUMENT, object_id__in=[document.pk for document in documents]
        )
        .values_list("object_id")
        .order_by()
        .annotate(n=Sum("count"))
        .values_list("object_id", "n")
    )
    rows = [(document.title, counts.get(document.pk, 0)) for document in documents]
    pdfs = (
        DailyCount.objects.filter(kind=Kind.RELEASE_PDF, object_id__in=page_ids).aggregate(
            n=Sum("count")
        )["n"]
        or 0
    )
    return rows, pdfs


def top_releases(publisher_id, since, limit=TOP):
    """[(release, views)] of the publisher's releases most viewed since `since`."""
    ids = releases_of(publisher_id).values("pk")
    rows = list(
        DailyCount.objects.filter(kind=Kind.PAGE_VIEW, object_id__in=ids, day__gte=since)
        .values_list("object_id")
        .order_by()
        .annotate(n=Sum("count"))
        .order_by("-n", "object_id")
        .values_list("object_id", "n")[:limit]
    )
    pages = PressReleasePage.objects.select_related("locale").in_bulk([pk for pk, _n in rows])
    return [(pages[pk], n) for pk, n in rows if pk in pages]


def month_ends(months, today=None):
    """The last day of each of the last `months` months, oldest first (today for this one)."""
    today = today or timezone.localdate()
    ends = [today]
    first = today.replace(day=1)
    for _ in range(months - 1):
        last = first - timedelta(days=1)
        ends.append(last)
        first = last.replace(day=1)
    return list(reversed(ends))


def subscribers_over_time(publisher_id, months=12, today=None):
    """[(month end, subscribers)]: those who receive the publisher's releases (chose it, or
    everything) at each month's end: confirmed by then, and still active or left after it.
    Subscribers erased since are not in it (their row is gone)."""
    following = Subscriber.objects.filter(Q(everything=True) | Q(publishers=publisher_id))
    points = []
    for end in month_ends(months, today):
        moment = timezone.make_aware(datetime.combine(end + timedelta(days=1), time.min))
        number = (
            following.filter(confirmed_at__lt=moment)
            .filter(Q(state=Subscriber.State.ACTIVE) | Q(state_changed_at__gte=moment))
            .distinct()
            .count()
        )
        points.append((end, number))
    return points


def publisher_feed_requests(publisher, start, end):
    """[(day, RSS requests, Atom requests)] of the publisher's own feeds, every language."""
    names = {
        f"releases:publisher_rss/{publisher.slug}": 0,
        f"releases:publisher_atom/{publisher.slug}": 1,
    }
    found = {}
    for day, name, n in (
        DailyCount.objects.filter(kind=Kind.FEED, name__in=names, day__range=(start, end))
        .values_list("day", "name")
        .order_by()
        .annotate(n=Sum("count"))
        .values_list("day", "name", "n")
    ):
        found.setdefault(day, [0, 0])[names[name]] += n
    return [(day, *found.get(day, [0, 0])) for day in days(start, end)]


def site_totals(start, end):
    """[(day, {kind: requests})] of the whole site."""
    found = {}
    for day, kind, n in (
        DailyCount.objects.filter(day__range=(start, end))
        .values_list("day", "kind")
        .order_by()
        .annotate(n=Sum("count"))
        .values_list("day", "kind", "n")
    ):
        found.setdefault(day, {})[kind] = n
    return [(day, found.get(day, {})) for day in days(start, end)]


def week_start(today=None):
    return (today or timezone.localdate()) - timedelta(days=6)


def month_start(today=None):
    return (today or timezone.localdate()) - timedelta(days=29)


def period(days_back, today=None):
    today = today or timezone.localdate()
    return today - timedelta(days=days_back - 1), today
