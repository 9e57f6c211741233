"""Drupal taxonomy terms into directory publishers and release themes: the one the mapping file
names for a term (or one of its translations), else one made from the term's translated names."""

from django.conf import settings
from django.utils.text import slugify

from directory.models import Publisher
from releases.models import Theme

from .mojibake import repair

FALLBACK_PUBLISHER_SLUG = "presscenter-archive"


class Taxonomy:
    def __init__(self, source, mapping, locales):
        self.source = source
        self.mapping = mapping
        self.locales = locales
        publisher_names = {name.casefold() for name in mapping["publisher_vocabularies"]}
        theme_names = {name.casefold() for name in mapping["theme_vocabularies"]}
        self.publisher_vocabularies = {
            vid for vid, name in source.vocabularies.items() if name.casefold() in publisher_names
        }
        self.theme_vocabularies = {
            vid for vid, name in source.vocabularies.items() if name.casefold() in theme_names
        }
        self.publisher_cache = {}
        self.theme_cache = {}
        self._fallback_publisher = None

    def forget(self):
        """After a rolled-back batch: the publishers and themes it created are gone."""
        self.publisher_cache.clear()
        self.theme_cache.clear()
        self._fallback_publisher = None

    def of_node(self, node, note):
        """(publisher id, co-publisher ids, theme ids) of a node, from its terms by weight."""
        publishers, themes = [], []
        for term in sorted(node.terms, key=lambda t: (t.weight, t.tid)):
            if term.vocabulary in self.publisher_vocabularies:
                pk = self._publisher(term, node.nid, note)
                if pk not in publishers:
                    publishers.append(pk)
            elif term.vocabulary in self.theme_vocabularies:
                pk = self._theme(term, node.nid, note)
                if pk not in themes:
                    themes.append(pk)
        if not publishers:
            note(node.nid, "no_publisher", "no publisher term: Presscenter archive")
            publishers = [self._fallback()]
        return publishers[0], publishers[1:], themes

    def _group(self, term):
        """The term and its translations (i18ntaxonomy's trid)."""
        if not term.trid:
            return [term]
        return sorted(
            (t for t in self.source.terms.values() if t.trid == term.trid), key=lambda t: t.tid
        )

    def _names(self, term):
        group = self._group(term)
        by_language = {t.language: repair(t.name)[0].strip() for t in group if t.language}
        canonical = by_language.get(settings.LANGUAGE_CODE) or repair(group[0].name)[0].strip()
        return canonical, by_language

    def _mapped(self, kind, term):
        """The mapping file's slug for a term or one of its translations, by name as stored
        or as repaired (a name that went through latin1 would otherwise not match)."""
        known = self.mapping[kind]
        for t in self._group(term):
            for name in (t.name, repair(t.name)[0].strip()):
                if name in known:
                    return known[name]
        return None

    def _record(self, kind, model, cache, term, nid, note, slug_for, fields_for):
        """The publisher or theme (`kind`) a taxonomy term stands for: the one the mapping file
        names, else one made from the term's translated names, reported once per term."""
        key = term.trid or -term.tid
        if key in cache:
            return cache[key]
        slug = self._mapped(f"{kind}s", term)
        record = model.objects.filter(slug=slug).first() if slug else None
        if record is None:
            canonical, names = self._names(term)
            slug = slug_for(canonical)
            record = model.objects.filter(slug=slug).first()
            if record is None:
                record = model.objects.create(slug=slug, **fields_for(canonical, names))
            note(nid, f"unknown_{kind}", f"term {term.tid} {canonical!r} → {kind} {slug}")
        cache[key] = record.pk
        return record.pk

    def _publisher(self, term, nid, note):
        return self._record(
            "publisher",
            Publisher,
            self.publisher_cache,
            term,
            nid,
            note,
            lambda canonical: f"presscenter-{slugify(canonical)[:100] or term.tid}",
            lambda canonical, names: {
                "kind": Publisher.Kind.ORGANISATION,
                "name": canonical[:255],
                **{f"name_{code}": name[:255] for code, name in names.items()
                   if code in self.locales},
            },
        )  # fmt: skip

    def _theme(self, term, nid, note):
        return self._record(
            "theme",
            Theme,
            self.theme_cache,
            term,
            nid,
            note,
            lambda canonical: slugify(canonical)[:80] or f"theme-{term.tid}",
            lambda canonical, names: {
                f"name_{code}": (names.get(code) or canonical)[:120]
                for code in settings.LANGUAGE_CODES
            },
        )

    def _fallback(self):
        if self._fallback_publisher is None:
            publisher = Publisher.objects.filter(slug=FALLBACK_PUBLISHER_SLUG).first()
            if publisher is None:
                publisher = Publisher.objects.create(
                    kind=Publisher.Kind.ORGANISATION,
                    slug=FALLBACK_PUBLISHER_SLUG,
                    name="Presscenter archive",
                    is_active=False,
                )
            self._fallback_publisher = publisher.pk
        return self._fallback_publisher
