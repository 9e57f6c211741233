"""Loads the demo content. Every step looks up what it would create first (publishers by slug,
contacts by email, pictures and documents by title, pages by translation key and locale), so a
second run changes nothing and an editor's changes are never overwritten."""

import re
import secrets
import uuid
from collections import Counter
from datetime import datetime, time, timedelta
from html import escape

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.files.base import ContentFile
from django.core.files.images import ImageFile
from django.db import transaction
from django.utils import timezone, translation
from django.utils.dateformat import format as format_date
from django.utils.text import slugify
from wagtail.coreutils import find_available_slug
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Locale

from core.image_rights import ImageRights
from core.site_structure import ensure_site_structure
from directory.models import PressContact, Publisher
from photos.models import PhotoReportIndexPage, PhotoReportPage, PhotoReportPhoto
from photos.permissions import PHOTOGRAPHERS_GROUP
from photos.setup import ensure_photographers_group
from releases.bulk import deferred_indexing
from releases.loading import loading
from releases.models import (
    CouncilIndexPage,
    CouncilMeetingPage,
    NewsIndexPage,
    PressReleasePage,
    Theme,
)
from releases.permissions import COMMUNICATORS_GROUP, ensure_communicators_group

from . import drawing
from .content import DATA_DIR, load_content, read_json

# Translation keys derive from the demo keys: stable across runs and machines.
DEMO_NAMESPACE = uuid.UUID("6f1c7f7e-3d0e-4b5e-9a57-1c2b8f0d4e21")


def page_slug(title):
    """A readable slug: "News.belgium.be" gives news-belgium-be, not newsbelgiumbe."""
    slug = slugify(re.sub(r"[.'’:/]", " ", title))[:80]
    return slug.rsplit("-", 1)[0] if len(slug) == 80 and "-" in slug else slug or "page"


def demo_key(kind, key):
    return uuid.uuid5(DEMO_NAMESPACE, f"{kind}:{key}")


class DemoSeeder:
    def __init__(self, content=None):
        self.content = content or load_content()
        self.created = Counter()
        self.passwords = {}
        self.now = timezone.now().replace(second=0, microsecond=0)
        self.locales = {}
        self.images = {}
        self.documents = {}

    # -- directory ---------------------------------------------------------------------------

    def seed_themes(self):
        themes = {}
        for entry in self.content.themes:
            theme, created = Theme.objects.get_or_create(
                slug=entry.slug,
                defaults={
                    **{f"name_{code}": name for code, name in entry.names.items()},
                    "sort_order": len(themes) * 10,
                },
            )
            self.created["themes"] += created
            themes[entry.slug] = theme
        return themes

    def seed_directory(self):
        publishers = {}
        content = self.content
        for org, kind in [(content.council, Publisher.Kind.COUNCIL)] + [
            (org, Publisher.Kind.ORGANISATION) for org in content.organisations
        ]:
            fields = {
                "kind": kind,
                "name": org.names["en"],
                "address": org.address,
                "phone": org.phone,
                "website": org.website,
                "email": f"press@{org.slug}.example.be",
                "is_active": org.is_active,
                "sort_order": org.sort_order,
            }
            for code in settings.LANGUAGE_CODES:
                fields[f"name_{code}"] = org.names.get(code, "")
                fields[f"acronym_{code}"] = org.acronyms.get(code, "")
            label = org.acronyms.get("en") or org.names["en"]
            publisher = self._publisher(
                org.slug,
                fields,
                f"Logo – {org.names['en']}",
                lambda o=org, t=label: drawing.logo(t, o.colour),
                "png",
            )
            self._contacts(publisher, org.contacts)
            publishers[org.slug] = publisher
        for member in content.members:
            fields = {
                "kind": Publisher.Kind.GOVERNMENT_MEMBER,
                "name": member.name,
                "address": "Rue de la Loi 16\n1000 Bruxelles",
                "phone": member.contacts[0].phone,
                "email": f"cabinet.{member.slug}@gov.example.be",
                "is_active": member.term_end is None,
                "term_start": member.term_start,
                "term_end": member.term_end,
                "sort_order": member.sort_order,
            }
            for code in settings.LANGUAGE_CODES:
                fields[f"portfolio_{code}"] = member.portfolios[code]
            publisher = self._publisher(
                member.slug,
                fields,
                f"Portrait – {member.name}",
                lambda m=member: drawing.portrait(m.name, m.colour),
                "jpg",
            )
            self._contacts(publisher, member.contacts)
            publishers[member.slug] = publisher
        return publishers

    def _publisher(self, slug, fields, image_title, draw, extension):
        publisher = Publisher.objects.filter(slug=slug).first()
        if publisher is not None:
            return publisher
        fields["image"] = self._image(image_title, draw, extension)
        self.created["publishers"] += 1
        return Publisher.objects.create(slug=slug, **fields)

    def _contacts(self, publisher, contacts):
        existing = set(publisher.contacts.values_list("email", flat=True))
        for order, contact in enumerate(contacts):
            if contact.email in existing:
                continue
            PressContact.objects.create(
                publisher=publisher,
                sort_order=order,
                name=contact.name,
                role=contact.role,
                email=contact.email,
                phone=contact.phone,
                mobile=contact.mobile,
                languages=contact.languages,
                **{
                    f"position_{code}": text
                    for code, text in self.content.positions[contact.role].items()
                },
            )
            self.created["press contacts"] += 1

    # -- media -------------------------------------------------------------------------------

    def _image(self, title, draw, extension):
        Image = get_image_model()
        image = Image.objects.filter(title=title).first()
        if image is None:
            name = f"{slugify(title)[:80]}.{extension}"
            image = Image(title=title, file=ImageFile(ContentFile(draw(), name=name), name=name))
            image._set_image_file_metadata()
            image.save()
            self.created["images"] += 1
        return image

    def seed_media(self):
        for picture in self.content.pictures:
            if picture.kind == "infographic":

                def draw(p=picture):
                    return drawing.bar_chart(p.caption["en"], p.figures, p.colour)

                extension = "png"
            else:

                def draw(p=picture):
                    return drawing.photo(p.key, p.colour)

                extension = "jpg"
            self.images[picture.key] = self._image(picture.title, draw, extension)
        Document = get_document_model()
        for doc in self.content.documents:
            for code, title in doc.titles.items():
                document = Document.objects.filter(title=title).first()
                if document is None:
                    name = f"{slugify(title)[:80]}.pdf"
                    document = Document(
                        title=title, file=ContentFile(drawing.pdf(doc.pages[code]), name=name)
                    )
                    document._set_document_file_metadata()
                    document.save()
                    self.created["documents"] += 1
                self.documents[(doc.key, code)] = document

    # -- bodies ------------------------------------------------------------------------------

    def _image_value(self, key, language):
        picture = self.content.picture(key)
        return {
            "image": {
                "image": self.images[key].pk,
                "alt_text": picture.alt[language],
                "decorative": False,
            },
            "caption": picture.caption[language],
            "credit": picture.credit,
        }

    def _document_for(self, key, language):
        return self.documents.get((key, language)) or next(
            document for (doc_key, _code), document in self.documents.items() if doc_key == key
        )

    def body(self, story, language):
        text = story.texts[language]
        blocks = [("paragraph", f"<p>{escape(text.paragraphs[0])}</p>")]
        if story.image:
            blocks.append(("image", self._image_value(story.image, language)))
        blocks += [("paragraph", f"<p>{escape(p)}</p>") for p in text.paragraphs[1:]]
        if text.quote:
            blocks.append(("quote", {"quote": text.quote, "attribution": story.quote_by}))
        if story.infographic:
            picture = self.content.picture(story.infographic)
            blocks.append(
                (
                    "infographic",
                    {
                        "image": self.images[picture.key].pk,
                        "title": picture.caption[language],
                        "text_alternative": picture.text_alternative[language],
                        "credit": picture.credit,
                    },
                )
            )
        if story.gallery:
            blocks.append(
                (
                    "gallery",
                    {
                        "title": text.title,
                        "images": [self._image_value(key, language) for key in story.gallery],
                    },
                )
            )
        if text.heading:
            blocks.append(("heading", {"text": text.heading, "level": "h2"}))
            blocks += [("paragraph", f"<p>{escape(p)}</p>") for p in text.more]
        if story.video:
            video = self.content.video(story.video)
            blocks.append(
                (
                    "video",
                    {
                        "title": video.title[language],
                        "url": video.url,
                        "file": None,
                        "transcript": "",
                        "credit": video.credit,
                    },
                )
            )
        if story.attachment:
            document = self._document_for(story.attachment, language)
            blocks.append(("attachment", {"document": document.pk, "title": document.title}))
        return [{"type": kind, "value": value, "id": str(uuid.uuid4())} for kind, value in blocks]

    # -- pages -------------------------------------------------------------------------------

    def _locale(self, code):
        if code not in self.locales:
            self.locales[code] = Locale.objects.get(language_code=code)
        return self.locales[code]

    def _publish(self, parent, page, **relations):
        """Adds `page` under `parent` and publishes it through a revision, as the admin does."""
        page.slug = find_available_slug(parent, page_slug(page.title))
        page.first_published_at = getattr(page, "published_at", None) or self.now
        parent.add_child(instance=page)
        for name, values in relations.items():
            getattr(page, name).set(values)
        # add_child has just validated the page: no second full_clean for the revision.
        page.save_revision(clean=False).publish()
        return page

    def _exists(self, model, key, code):
        return model.objects.filter(translation_key=key, locale=self._locale(code)).first()

    def seed_releases(self, publishers, themes):
        parents = {
            page.locale.language_code: page
            for page in NewsIndexPage.objects.select_related("locale")
        }
        for story in self.content.stories:
            key = demo_key("release", story.key)
            publisher = publishers[story.publisher]
            published_at = self.now - timedelta(days=story.days_ago)
            for code in story.texts:
                if self._exists(PressReleasePage, key, code):
                    continue
                text = story.texts[code]
                page = PressReleasePage(
                    title=text.title,
                    locale=self._locale(code),
                    translation_key=key,
                    published_at=published_at,
                    publisher=publisher,
                    lead=text.lead,
                    body=self.body(story, code),
                    related_links=[
                        {
                            "type": "link",
                            "value": {"title": link.title, "page": None, "url": link.url},
                        }
                        for link in story.links
                    ],
                )
                self._publish(
                    parents[code],
                    page,
                    themes=[themes[slug] for slug in story.themes],
                    co_publishers=[publishers[slug] for slug in story.co_publishers],
                    press_contacts=list(publisher.contacts.filter(is_active=True)[:2]),
                )
                self.created["releases"] += 1

    def seed_council(self, publishers, themes):
        council = publishers[self.content.council.slug]
        parents = {
            page.locale.language_code: page
            for page in CouncilIndexPage.objects.select_related("locale")
        }
        today = timezone.localdate()
        for meeting in self.content.meetings:
            day = today - timedelta(days=meeting.days_ago)
            day -= timedelta(days=(day.weekday() - 4) % 7)  # the Council meets on Fridays
            codes = list(dict.fromkeys(code for d in meeting.decisions for code in d.texts))
            meeting_key = demo_key("meeting", meeting.key)
            meeting_pages = {}
            for code in codes:
                page = self._exists(CouncilMeetingPage, meeting_key, code)
                if page is None:
                    with translation.override(code):
                        label = format_date(day, "j F Y")
                    page = self._publish(
                        parents[code],
                        CouncilMeetingPage(
                            title=self.content.meeting_titles[code].format(date=label),
                            locale=self._locale(code),
                            translation_key=meeting_key,
                            meeting_date=day,
                            intro=self.content.meeting_intros[code],
                        ),
                    )
                    self.created["Council meetings"] += 1
                meeting_pages[code] = page
            start = timezone.make_aware(datetime.combine(day, time(14, 0)))
            for number, decision in enumerate(meeting.decisions):
                key = demo_key("decision", decision.key)
                members = [publishers[slug] for slug in decision.members]
                contacts = [c for m in members for c in m.spokespersons()[:1]]
                for code, text in decision.texts.items():
                    if self._exists(PressReleasePage, key, code):
                        continue
                    page = PressReleasePage(
                        title=text.title,
                        locale=self._locale(code),
                        translation_key=key,
                        published_at=start + timedelta(minutes=5 * number),
                        publisher=council,
                        lead=text.lead,
                        body=[
                            {"type": "paragraph", "value": f"<p>{escape(p)}</p>"}
                            for p in text.paragraphs
                        ],
                    )
                    self._publish(
                        meeting_pages[code],
                        page,
                        themes=[themes[slug] for slug in decision.themes],
                        concerned_members=members,
                        press_contacts=contacts,
                    )
                    self.created["Council decisions"] += 1

    # -- photo library -----------------------------------------------------------------------

    def seed_photo_reports(self, publishers, themes):
        """The photo reports of demo/data/photos.json, in each of their languages (linked as
        translations), with the demo photos: each image gets its credit and licence, and a
        description (its alt text) when it has none."""
        data = read_json(DATA_DIR / "photos.json")
        parents = {
            page.locale.language_code: page
            for page in PhotoReportIndexPage.objects.select_related("locale")
        }
        language = settings.LANGUAGE_CODE.split("-")[0]
        for report in data["reports"]:
            key = demo_key("photo report", report["key"])
            images = []
            for picture_key in report["photos"]:
                picture = self.content.picture(picture_key)
                image = self.images[picture_key]
                if not image.description:
                    image.description = picture.alt.get(language) or picture.alt["en"]
                    image.save(update_fields=["description"])
                ImageRights.objects.update_or_create(
                    image=image,
                    defaults={"credit": picture.credit, "licence": report["licence"]},
                )
                images.append(image)
            for code, text in report["texts"].items():
                if code not in parents or self._exists(PhotoReportPage, key, code):
                    continue
                page = PhotoReportPage(
                    title=text["title"],
                    locale=self._locale(code),
                    translation_key=key,
                    event=text["event"],
                    place=text["place"],
                    description=text["description"],
                    date=(self.now - timedelta(days=report["days_ago"])).date(),
                    publisher=publishers[report["publisher"]],
                    photographer=report["photographer"],
                    licence=report["licence"],
                )
                page.photos = [
                    PhotoReportPhoto(image=image, sort_order=n) for n, image in enumerate(images)
                ]
                self._publish(
                    parents[code], page, themes=[themes[slug] for slug in report["themes"]]
                )
                self.created["photo reports"] += 1

    # -- people ------------------------------------------------------------------------------

    def seed_group(self):
        created = not Group.objects.filter(name=COMMUNICATORS_GROUP).exists()
        created += not Group.objects.filter(name=PHOTOGRAPHERS_GROUP).exists()
        self.created["groups"] += created
        ensure_photographers_group()
        return ensure_communicators_group()

    def seed_users(self, publishers, admin_password=None, communicator_password=None):
        User = get_user_model()
        if not User.objects.filter(username="admin").exists():
            if admin_password or settings.DEBUG:
                password = admin_password or "admin"
                User.objects.create_superuser("admin", "admin@example.be", password)
                self.passwords["admin"] = password
                self.created["users"] += 1
            else:
                self.passwords["admin"] = None  # refused: DEBUG is off and no password given
        group = self.seed_group()
        for username, slugs in self.content.communicators.items():
            user = User.objects.filter(username=username).first()
            if user is None:
                password = communicator_password or (
                    "communicator" if settings.DEBUG else secrets.token_urlsafe(12)
                )
                user = User.objects.create_user(
                    username,
                    f"{username}@example.be",
                    password,
                    first_name=username.split(".")[1].title(),
                    last_name="Communicator",
                )
                self.passwords[username] = password
                self.created["users"] += 1
            user.groups.add(group)
            for slug in slugs:
                publishers[slug].communicators.add(user)

    # -- all ---------------------------------------------------------------------------------

    @transaction.atomic
    def run(self, admin_password=None, communicator_password=None):
        ensure_site_structure()
        with deferred_indexing(), loading("demo content"):
            themes = self.seed_themes()
            publishers = self.seed_directory()
            self.seed_media()
            self.seed_releases(publishers, themes)
            self.seed_council(publishers, themes)
            self.seed_photo_reports(publishers, themes)
            self.seed_users(publishers, admin_password, communicator_password)
        return self.created
