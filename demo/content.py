"""The demo content as read from the data files in demo/data/: typed records, checked on load.

Each file is plain JSON that an editor can change without reading Python. A file that does not
match the records below (a missing field, a wrong type, a release naming a picture that does not
exist) stops the load with a DemoDataError naming the file and the entry, before anything is
written. A dataclass builder of a few lines is used rather than a schema library: the records are
small, fixed and only read here."""

import json
import types
import typing
from dataclasses import MISSING, dataclass, field, fields, is_dataclass
from datetime import date
from pathlib import Path

DATA_DIR = Path(__file__).resolve().parent / "data"


class DemoDataError(ValueError):
    """A demo data file that cannot be read as the records it should hold."""


# -- records ---------------------------------------------------------------------------------


@dataclass(frozen=True, kw_only=True)
class Theme:
    slug: str
    names: dict[str, str]  # language -> name


@dataclass(frozen=True, kw_only=True)
class Contact:
    name: str
    email: str
    languages: str  # "fr,nl,en": the languages the contact speaks, most fluent first
    role: str  # a PressContact.Role value; its position title is in `positions`
    phone: str = ""
    mobile: str = ""


@dataclass(frozen=True, kw_only=True)
class Organisation:
    slug: str
    names: dict[str, str]
    acronyms: dict[str, str] = field(default_factory=dict)
    address: str
    phone: str
    website: str
    colour: tuple[int, int, int]  # of the drawn logo
    contacts: tuple[Contact, ...] = ()
    is_active: bool
    sort_order: int


@dataclass(frozen=True, kw_only=True)
class Member:
    slug: str
    name: str
    portfolios: dict[str, str]  # language -> portfolio
    term_start: date
    term_end: date | None = None  # None while in office
    colour: tuple[int, int, int]  # of the drawn portrait
    contacts: tuple[Contact, ...]
    sort_order: int


@dataclass(frozen=True, kw_only=True)
class Picture:
    key: str
    title: str
    kind: str  # photo | infographic
    colour: tuple[int, int, int]
    alt: dict[str, str]
    caption: dict[str, str]
    credit: str
    # Infographics: the bars drawn, (label, value), which the text alternative also gives.
    figures: tuple[tuple[str, int], ...] = ()
    text_alternative: dict[str, str] | None = None


@dataclass(frozen=True, kw_only=True)
class Video:
    key: str
    url: str
    title: dict[str, str]
    credit: str


@dataclass(frozen=True, kw_only=True)
class PdfDocument:
    key: str
    titles: dict[str, str]  # language -> title; one PDF per language given
    pages: dict[str, tuple[str, ...]]  # language -> the text of each page


@dataclass(frozen=True, kw_only=True)
class Text:
    """A release in one language."""

    title: str
    lead: str
    paragraphs: tuple[str, ...]
    heading: str = ""  # a second section, with the paragraphs in `more`
    more: tuple[str, ...] = ()
    quote: str = ""


@dataclass(frozen=True, kw_only=True)
class Link:
    title: str
    url: str


@dataclass(frozen=True, kw_only=True)
class Story:
    """A release and its translations."""

    key: str
    publisher: str  # a publisher slug
    days_ago: float
    themes: tuple[str, ...]
    texts: dict[str, Text]  # language -> text
    image: str = ""  # picture keys, video key, document key
    gallery: tuple[str, ...] = ()
    infographic: str = ""
    video: str = ""
    attachment: str = ""
    co_publishers: tuple[str, ...] = ()
    quote_by: str = ""
    links: tuple[Link, ...] = ()


@dataclass(frozen=True, kw_only=True)
class Decision:
    key: str
    members: tuple[str, ...]  # slugs of the government members it concerns
    themes: tuple[str, ...]
    texts: dict[str, Text]


@dataclass(frozen=True, kw_only=True)
class Meeting:
    key: str
    days_ago: int  # the meeting is on the Friday on or before that day
    decisions: tuple[Decision, ...]


@dataclass(frozen=True, kw_only=True)
class DemoContent:
    # directory.json
    positions: dict[str, dict[str, str]]  # contact role -> language -> position title
    themes: tuple[Theme, ...]
    council: Organisation
    organisations: tuple[Organisation, ...]
    members: tuple[Member, ...]
    communicators: dict[str, tuple[str, ...]]  # demo username -> the publishers they write for
    # media.json
    pictures: tuple[Picture, ...]
    videos: tuple[Video, ...]
    documents: tuple[PdfDocument, ...]
    # releases.json
    stories: tuple[Story, ...]
    # council.json
    meeting_titles: dict[str, str]  # language -> title with a {date} slot
    meeting_intros: dict[str, str]  # language -> HTML
    meetings: tuple[Meeting, ...]

    FILES = ("directory", "media", "releases", "council")

    def __post_init__(self):
        for name in ("pictures", "videos", "documents"):
            object.__setattr__(self, f"_{name}", {item.key: item for item in getattr(self, name)})
        self._check_references()

    def picture(self, key):
        return self._pictures[key]

    def video(self, key):
        return self._videos[key]

    def document(self, key):
        return self._documents[key]

    def _check_references(self):
        """Every key a release or a decision names exists: a typo in a data file is reported
        by name rather than as a KeyError in the middle of the load."""
        publishers = {self.council.slug} | {p.slug for p in self.organisations + self.members}
        members = {member.slug for member in self.members}
        themes = {theme.slug for theme in self.themes}
        roles = set(self.positions)
        problems = []

        def check(where, kind, keys, known):
            problems.extend(
                f"{where}: no {kind} {key!r}" for key in keys if key and key not in known
            )

        for org in (self.council, *self.organisations, *self.members):
            check(
                f"directory.json {org.slug}",
                "position for role",
                [c.role for c in org.contacts],
                roles,
            )
        for username, slugs in self.communicators.items():
            check(f"directory.json communicators {username}", "publisher", slugs, publishers)
        for index, story in enumerate(self.stories):
            where = f"releases.json stories[{index}] ({story.key})"
            check(where, "publisher", [story.publisher, *story.co_publishers], publishers)
            check(where, "theme", story.themes, themes)
            check(
                where, "picture", [story.image, story.infographic, *story.gallery], self._pictures
            )
            check(where, "video", [story.video], self._videos)
            check(where, "document", [story.attachment], self._documents)
        for meeting in self.meetings:
            for decision in meeting.decisions:
                where = f"council.json {meeting.key} / {decision.key}"
                check(where, "government member", decision.members, members)
                check(where, "theme", decision.themes, themes)
        if problems:
            raise DemoDataError("\n".join(problems))


# -- reading ---------------------------------------------------------------------------------


def read_json(path):
    try:
        return json.loads(Path(path).read_text(encoding="utf-8"))
    except OSError as error:
        raise DemoDataError(f"{path}: cannot be read ({error.strerror or error})") from error
    except (json.JSONDecodeError, UnicodeDecodeError) as error:
        raise DemoDataError(f"{path}: not valid JSON ({error})") from error


def build(kind, value, where):
    """`value` read from JSON as a `kind`: a record (dataclass), tuple, dict, optional or plain
    value, checked all the way down."""
    origin, args = typing.get_origin(kind), typing.get_args(kind)
    if is_dataclass(kind):
        if not isinstance(value, dict):
            raise DemoDataError(f"{where}: expected an object, got {type(value).__name__}")
        hints = typing.get_type_hints(kind)
        known = {f.name for f in fields(kind) if f.init}
        unknown = sorted(set(value) - known)
        if unknown:
            raise DemoDataError(f"{where}: unknown field {', '.join(unknown)}")
        missing = [
            f.name
            for f in fields(kind)
            if f.init
            and f.name not in value
            and f.default is MISSING
            and f.default_factory is MISSING
        ]
        if missing:
            raise DemoDataError(f"{where}: missing field {', '.join(missing)}")
        return kind(
            **{name: build(hints[name], item, f"{where}.{name}") for name, item in value.items()}
        )
    if origin in (typing.Union, types.UnionType):
        if value is None and type(None) in args:
            return None
        (inner,) = [arg for arg in args if arg is not type(None)]
        return build(inner, value, where)
    if origin is tuple:
        if not isinstance(value, list):
            raise DemoDataError(f"{where}: expected a list, got {type(value).__name__}")
        if len(args) == 2 and args[1] is Ellipsis:
            return tuple(build(args[0], item, f"{where}[{i}]") for i, item in enumerate(value))
        if len(value) != len(args):
            raise DemoDataError(f"{where}: expected a list of {len(args)}, got {len(value)}")
        return tuple(
            build(arg, item, f"{where}[{i}]")
            for i, (arg, item) in enumerate(zip(args, value, strict=True))
        )
    if origin is dict:
        if not isinstance(value, dict):
            raise DemoDataError(f"{where}: expected an object, got {type(value).__name__}")
        return {key: build(args[1], item, f"{where}.{key}") for key, item in value.items()}
    if kind is date:
        try:
            return date.fromisoformat(value)
        except (TypeError, ValueError) as error:
            raise DemoDataError(
                f"{where}: expected an ISO date (YYYY-MM-DD), got {value!r}"
            ) from error
    # Plain values; JSON has one number type, so a whole number is a valid float.
    allowed = (int, float) if kind is float else kind
    if not isinstance(value, allowed) or (kind is int and isinstance(value, bool)):
        raise DemoDataError(f"{where}: expected {kind.__name__}, got {type(value).__name__}")
    return value


def load_content(directory=None):
    """The demo content from the data files in `directory` (default: demo/data/)."""
    directory = Path(directory or DATA_DIR)
    merged, origin = {}, {}
    for name in DemoContent.FILES:
        path = directory / f"{name}.json"
        data = read_json(path)
        if not isinstance(data, dict):
            raise DemoDataError(f"{path}: expected an object of sections")
        for section, value in data.items():
            if section in merged:
                raise DemoDataError(f"{path}: section {section!r} already in {origin[section]}")
            merged[section], origin[section] = value, path.name
    for section in merged:
        if section not in {f.name for f in fields(DemoContent)}:
            raise DemoDataError(f"{origin[section]}: unknown section {section!r}")
    hints = typing.get_type_hints(DemoContent)
    values = {}
    for f in fields(DemoContent):
        if f.name not in merged:
            raise DemoDataError(f"{directory}: no file has the section {f.name!r}")
        values[f.name] = build(hints[f.name], merged[f.name], f"{origin[f.name]} {f.name}")
    return DemoContent(**values)
