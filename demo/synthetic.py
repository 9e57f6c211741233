"""`seed_bulk`'s synthetic volume for scale work: releases made up from the word lists in
demo/data/synthetic_text.json, written with the bulk page writers of releases.bulk."""

import random
import time
import uuid
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.utils import timezone
from wagtail.models import Page
from wagtail.search.backends import get_search_backends

from directory.models import Publisher
from releases.bulk import (
    Parent,
    finish_bulk_load,
    index_releases,
    insert_page_rows,
    insert_release_rows,
    update_child_counts,
)
from releases.models import NewsIndexPage, PressReleasePage, Theme

from .content import DATA_DIR, DemoDataError, build, read_json
from .seed import page_slug

YEARS = 20


@dataclass(frozen=True, kw_only=True)
class LanguageSet:
    languages: tuple[str, ...]
    weight: int  # how often a synthetic release comes in these languages


@dataclass(frozen=True, kw_only=True)
class SyntheticText:
    """Subjects and actions aligned across languages (entry i means the same thing in each), so
    that the translations of one synthetic release say the same thing."""

    subjects: dict[str, tuple[str, ...]]
    actions: dict[str, tuple[str, ...]]  # titles with a {subject} slot
    leads: dict[str, str]  # with {publisher} and {subject} slots
    sentences: dict[str, tuple[str, ...]]
    language_sets: tuple[LanguageSet, ...]

    def __post_init__(self):
        for name in ("subjects", "actions", "sentences"):
            lists = getattr(self, name)
            if len({len(items) for items in lists.values()}) > 1:
                counts = ", ".join(f"{code}: {len(items)}" for code, items in lists.items())
                raise DemoDataError(f"synthetic_text.json {name}: not aligned ({counts})")
        if any(len(items) < 4 for items in self.sentences.values()):
            raise DemoDataError("synthetic_text.json sentences: at least 4 per language")
        used = {code for entry in self.language_sets for code in entry.languages}
        for name in ("subjects", "actions", "leads", "sentences"):
            missing = used - set(getattr(self, name))
            if missing:
                raise DemoDataError(f"synthetic_text.json {name}: no {', '.join(sorted(missing))}")

    def count(self, name):
        """How many entries `name` ("subjects", "actions", "sentences") has in each language."""
        return len(next(iter(getattr(self, name).values())))


def load_synthetic_text(directory=None):
    """The word lists in synthetic_text.json of `directory` (default: demo/data/)."""
    path = Path(directory or DATA_DIR) / "synthetic_text.json"
    return build(SyntheticText, read_json(path), path.name)


class BulkLoader:
    def __init__(self, total, batch_size=5000, seed=None, years=YEARS, log=print, words=None):
        self.words = words or load_synthetic_text()
        self.total = total
        self.batch_size = max(1, batch_size)
        self.rng = random.Random(seed)
        self.years = years
        self.log = log
        self.now = timezone.now().replace(second=0, microsecond=0)
        self.content_type = ContentType.objects.get_for_model(PressReleasePage)
        self.parents = {
            page.locale.language_code: Parent.load(page)
            for page in NewsIndexPage.objects.select_related("locale").order_by("path")
        }
        # Council releases belong under their meetings; synthetic ones come from the others.
        self.publishers = list(
            Publisher.objects.exclude(kind=Publisher.Kind.COUNCIL).order_by("pk")
        )
        self.theme_ids = list(Theme.objects.order_by("pk").values_list("pk", flat=True))
        if not self.publishers or not self.theme_ids:
            raise ValueError("Publishers and themes are needed: run seed_demo first.")
        sets = self.words.language_sets
        missing = {code for entry in sets for code in entry.languages} - set(self.parents)
        if missing:
            raise ValueError(f"No news listing for: {', '.join(sorted(missing))}")
        self.language_sets = [entry.languages for entry in sets]
        self.language_weights = [entry.weight for entry in sets]
        # Slug suffixes above every existing page id are unique among this run and earlier ones.
        self.sequence = (Page.objects.order_by("-pk").values_list("pk", flat=True).first() or 0) + 1
        self.backends = list(get_search_backends(with_auto_update=True))

    # -- synthetic content -------------------------------------------------------------------

    def _story(self):
        """One synthetic release in one or more languages: [(code, fields)]."""
        words = self.words
        codes = self.rng.choices(self.language_sets, self.language_weights)[0]
        subject = self.rng.randrange(words.count("subjects"))
        action = self.rng.randrange(words.count("actions"))
        publisher = self.rng.choice(self.publishers)
        themes = self.rng.sample(self.theme_ids, self.rng.choice((1, 1, 2, 3)))
        co_publisher = self.rng.choice(self.publishers) if self.rng.random() < 0.05 else None
        if co_publisher == publisher:
            co_publisher = None
        published_at = self.now - timedelta(
            minutes=self.rng.randrange(int(self.years * 365.25 * 24 * 60))
        )
        sentences = self.rng.sample(range(words.count("sentences")), 4)
        number = self.sequence
        self.sequence += 1
        key = uuid.uuid4()
        story = []
        for code in codes:
            subject_text = words.subjects[code][subject]
            title = words.actions[code][action].format(subject=subject_text)
            title = title[0].upper() + title[1:]
            name = Publisher.display_name.for_language(publisher, code)
            paragraphs = [
                " ".join(words.sentences[code][i] for i in sentences[:2]),
                " ".join(words.sentences[code][i] for i in sentences[2:]),
            ]
            body = [
                {"type": "paragraph", "id": str(uuid.uuid4()), "value": f"<p>{paragraph}</p>"}
                for paragraph in paragraphs
            ]
            story.append(
                (
                    code,
                    {
                        "title": title,
                        "slug": f"{page_slug(title)[:70].strip('-')}-{number}",
                        "lead": words.leads[code].format(publisher=name, subject=subject_text),
                        "body": body,
                        "paragraphs": paragraphs,
                        "translation_key": key,
                        "published_at": published_at,
                        "publisher": publisher,
                        "themes": themes,
                        "co_publisher": co_publisher,
                    },
                )
            )
        return story

    def _pages(self, count):
        pages = []
        while len(pages) < count:
            for code, fields in self._story():
                if len(pages) == count:
                    break
                parent = self.parents[code]
                themes = fields.pop("themes")
                co_publisher = fields.pop("co_publisher")
                paragraphs = fields.pop("paragraphs")
                page = PressReleasePage(
                    **fields,
                    draft_title=fields["title"],
                    **parent.child_tree_fields(fields["slug"]),
                    content_type=self.content_type,
                    live=True,
                    has_unpublished_changes=False,
                    first_published_at=fields["published_at"],
                    last_published_at=fields["published_at"],
                )
                page._bulk_themes = themes
                page._bulk_co_publisher = co_publisher
                page._bulk_paragraphs = paragraphs
                pages.append(page)
        return pages

    # -- writing -----------------------------------------------------------------------------

    def _lock_parents(self):
        """Locks the listings' rows so that two loaders running at once take turns instead of
        computing the same child paths, then reads where each listing's children end."""
        list(
            Page.objects.select_for_update()
            .filter(pk__in=[parent.page.pk for parent in self.parents.values()])
            .order_by("pk")
            .values_list("pk", flat=True)
        )
        for parent in self.parents.values():
            parent.refresh()
        last_pk = Page.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
        self.sequence = max(self.sequence, last_pk + 1)

    def run(self):
        done = 0
        started = time.monotonic()
        while done < self.total:
            count = min(self.batch_size, self.total - done)
            with transaction.atomic():
                self._lock_parents()
                pages = self._pages(count)
                insert_page_rows(pages)
                insert_release_rows(
                    pages,
                    themes=[(page.pk, theme) for page in pages for theme in page._bulk_themes],
                    co_publishers=[
                        (page.pk, page._bulk_co_publisher.pk)
                        for page in pages
                        if page._bulk_co_publisher is not None
                    ],
                )
                update_child_counts(self.parents.values())
                index_releases(self.backends, pages)
            done += count
            elapsed = time.monotonic() - started
            self.log(f"{done}/{self.total} releases ({done / elapsed:.0f}/s)")
        finish_bulk_load(self.backends)
        return done
