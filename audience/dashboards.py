"""The admin's statistics pages (registered in wagtail_hooks.py): the site's publishers, a
publisher's top releases and subscribers, a release's views and email reach. Each table can be
downloaded as CSV (`?export=<table>`), the same rows as on the page."""

import csv
from dataclasses import dataclass, field

from django.core.exceptions import PermissionDenied
from django.http import HttpResponse, HttpResponseBadRequest
from django.shortcuts import get_object_or_404
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView
from wagtail.admin.views.generic import WagtailAdminTemplateMixin

from directory.communicators import is_communicator
from directory.models import Publisher
from releases.models import PressReleasePage
from subscriptions.models import Dispatch

from . import reports
from .charts import bar_chart
from .models import EmailEventType, Kind

DAYS = 30


@dataclass
class Table:
    name: str
    caption: str
    headers: list
    rows: list = field(default_factory=list)


def csv_response(table, filename):
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}-{table.name}.csv"'
    writer = csv.writer(response)
    writer.writerow(table.headers)
    for row in table.rows:
        writer.writerow([cell.isoformat() if hasattr(cell, "isoformat") else cell for cell in row])
    return response


class StatisticsView(WagtailAdminTemplateMixin, TemplateView):
    header_icon = "table"

    def dispatch(self, request, *args, **kwargs):
        if not is_communicator(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def tables(self):
        return []

    def filename(self):
        return "statistics"

    def get(self, request, *args, **kwargs):
        export = request.GET.get("export")
        if export is not None:
            for table in self.tables():
                if table.name == export:
                    return csv_response(table, self.filename())
            return HttpResponseBadRequest(_("There is no such table."), content_type="text/plain")
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        tables = self.tables()
        return {**super().get_context_data(**kwargs), "tables": tables}


def _day_rows(points):
    return [(day, n) for day, n in points]


class IndexView(StatisticsView):
    template_name = "audience/admin/index.html"
    page_title = gettext_lazy("Statistics")

    def tables(self):
        if hasattr(self, "_tables"):
            return self._tables
        start, end = reports.period(DAYS)
        kinds = list(Kind)
        tables = []
        if self.request.user.is_superuser:
            totals = reports.site_totals(start, end)
            tables.append(
                Table(
                    "site",
                    _("Requests per day on the whole site, last %(days)s days") % {"days": DAYS},
                    [_("Day"), *[str(kind.label) for kind in kinds]],
                    [(day, *[found.get(kind.value, 0) for kind in kinds]) for day, found in totals],
                )
            )
        self._tables = tables
        return tables

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        start, end = reports.period(DAYS)
        context["publishers"] = reports.visible_publishers(self.request.user).order_by("name")
        if self.request.user.is_superuser:
            points = [(row[0], row[1]) for row in self.tables()[0].rows]
            context["chart"] = bar_chart(
                points, _("Release page views per day"), _("Page views"), "site-views", _("Day")
            )
        return context


class PublisherView(StatisticsView):
    template_name = "audience/admin/publisher.html"

    def dispatch(self, request, *args, **kwargs):
        self.publisher = get_object_or_404(Publisher, pk=kwargs["pk"])
        if not reports.may_see_publisher(request.user, self.publisher.pk):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_page_title(self):
        return _("Statistics of %(publisher)s") % {"publisher": self.publisher}

    def filename(self):
        return slugify(self.publisher.slug or self.publisher.pk)

    def tables(self):
        if hasattr(self, "_tables"):
            return self._tables
        headers = [_("Release"), _("Language"), _("Page views")]
        week = reports.top_releases(self.publisher.pk, reports.week_start())
        month = reports.top_releases(self.publisher.pk, reports.month_start())
        subscribers = reports.subscribers_over_time(self.publisher.pk)
        self._tables = [
            Table(
                "week",
                _("Most viewed releases, last 7 days"),
                headers,
                [(page.title, page.locale.language_code, n) for page, n in week],
            ),
            Table(
                "month",
                _("Most viewed releases, last 30 days"),
                headers,
                [(page.title, page.locale.language_code, n) for page, n in month],
            ),
            Table(
                "feeds",
                _("Requests of this publisher's RSS and Atom feeds, last %(days)s days")
                % {"days": DAYS},
                [_("Day"), "RSS", "Atom"],
                reports.publisher_feed_requests(self.publisher, *reports.period(DAYS)),
            ),
            Table(
                "subscribers",
                _("Subscribers receiving this publisher's releases, at the end of each month"),
                [_("Month end"), _("Subscribers")],
                subscribers,
            ),
        ]
        self._pages = {"week": [page for page, _n in week], "month": [page for page, _n in month]}
        return self._tables

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["publisher"] = self.publisher
        context["pages"] = self._pages
        context["chart"] = bar_chart(
            self._tables[3].rows,
            _("Subscribers at the end of each month"),
            _("Subscribers"),
            "subscribers",
            _("Month end"),
        )
        return context


class ReleaseView(StatisticsView):
    template_name = "audience/admin/release.html"

    def dispatch(self, request, *args, **kwargs):
        self.release = get_object_or_404(PressReleasePage, pk=kwargs["pk"])
        if not reports.may_see_release(request.user, self.release):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_page_title(self):
        return _("Statistics of “%(title)s”") % {"title": self.release.title}

    def filename(self):
        return f"release-{self.release.pk}"

    def tables(self):
        if hasattr(self, "_tables"):
            return self._tables
        versions = list(reports.versions_of(self.release))
        ids = [page.pk for page in versions]
        start, end = reports.period(DAYS)
        by_language = reports.views_by_language(ids)
        reach = reports.email_reach(ids)
        kinds = dict(Dispatch.Kind.choices)
        documents, pdfs = reports.downloads(ids)
        self._tables = [
            Table(
                "days",
                _("Page views per day, all languages, last %(days)s days") % {"days": DAYS},
                [_("Day"), _("Page views")],
                _day_rows(reports.daily_views(ids, start, end)),
            ),
            Table(
                "languages",
                _("Page views per language, since publication"),
                [_("Language"), _("Page views")],
                [
                    (page.locale.get_display_name(), by_language.get(page.locale.language_code, 0))
                    for page in versions
                ],
            ),
            Table(
                "downloads",
                _("Downloads since counting began: attachments and the release's PDF"),
                [_("File"), _("Downloads")],
                [*documents, (_("PDF version of the release (all languages)"), pdfs)],
            ),
            Table(
                "email",
                _("Email reach: emails listing this release"),
                [
                    _("Email"),
                    _("Sent"),
                    *[str(label) for label in EmailEventType.labels],
                ],
                [
                    (str(kinds.get(kind, kind)), *[row[column] for column in reports.REACH_COLUMNS])
                    for kind, row in sorted(reach.items())
                ],
            ),
        ]
        return self._tables

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["release"] = self.release
        context["chart"] = bar_chart(
            self._tables[0].rows,
            _("Page views per day"),
            _("Page views"),
            "release-views",
            _("Day"),
        )
        return context
