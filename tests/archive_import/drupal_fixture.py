"""A realistic Presscenter Drupal 6 database, built in its own MariaDB database
(presscenter_fixture_<random>) with the real core, CCK and i18n tables and the traps of
../shared/reference/drupal6-presscenter.md, plus a Drupal root with its files folder."""

import io
import os
import secrets
from datetime import datetime
from urllib.parse import urlparse
from zoneinfo import ZoneInfo

import pymysql
from PIL import Image as PILImage

from archive_import.drupal_schema import CORE_TABLES, cck_type_table

BRUSSELS = ZoneInfo("Europe/Brussels")
PDF = b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"


def ts(year, month, day, hour=10, minute=0):
    return int(datetime(year, month, day, hour, minute, tzinfo=BRUSSELS).timestamp())


def mojibake(text):
    """What a latin1 connection did to UTF-8 text."""
    return text.encode("utf-8").decode("cp1252")


def png(color=(200, 30, 30), size=(40, 30), kind="PNG"):
    buffer = io.BytesIO()
    PILImage.new("RGB", size, color).save(buffer, kind)
    return buffer.getvalue()


def server_params(url=None):
    parsed = urlparse(url or os.environ.get("MARIADB_URL", "mysql://root@127.0.0.1:3306/test"))
    return {
        "host": parsed.hostname or "127.0.0.1",
        "port": parsed.port or 3306,
        "user": parsed.username or "root",
        "password": parsed.password or "",
        "charset": "utf8mb4",
        "autocommit": True,
    }


class DrupalDatabase:
    """Creates (and drops) a database of its own on the MariaDB server."""

    def __init__(self, url=None, prefix="presscenter_fixture"):
        self.params = server_params(url)
        self.name = f"{prefix}_{secrets.token_hex(4)}"
        with pymysql.connect(**self.params) as db, db.cursor() as cursor:
            cursor.execute(f"CREATE DATABASE `{self.name}` CHARACTER SET utf8")
        try:
            self.db = pymysql.connect(**self.params, database=self.name)
            with self.db.cursor() as cursor:
                # As mysqldump does: uid 0 (anonymous) is a real row, not "next id".
                cursor.execute(
                    "SET SESSION sql_mode = CONCAT(@@sql_mode, ',NO_AUTO_VALUE_ON_ZERO')"
                )
                for ddl in CORE_TABLES:
                    cursor.execute(ddl)
        except BaseException:
            self.drop()
            raise

    @property
    def url(self):
        p = self.params
        password = f":{p['password']}" if p["password"] else ""
        return f"mysql://{p['user']}{password}@{p['host']}:{p['port']}/{self.name}"

    def execute(self, sql, args=None):
        with self.db.cursor() as cursor:
            cursor.execute(sql, args)

    def insert(self, table, rows):
        """Multi-row INSERTs of a list of dicts (one statement per set of keys)."""
        groups = {}
        for row in rows:
            groups.setdefault(tuple(row), []).append(row)
        for columns, group in groups.items():
            self._insert(table, list(columns), group)

    def _insert(self, table, columns, rows):
        marks = "(" + ", ".join(["%s"] * len(columns)) + ")"
        sql = f"INSERT INTO `{table}` ({', '.join(columns)}) VALUES " + ", ".join(
            [marks] * len(rows)
        )
        with self.db.cursor() as cursor:
            cursor.execute(sql, [row[c] for row in rows for c in columns])

    def drop(self):
        try:
            if getattr(self, "db", None) is not None and self.db.open:
                self.db.close()
        finally:
            with pymysql.connect(**self.params) as db, db.cursor() as cursor:
                cursor.execute(f"DROP DATABASE IF EXISTS `{self.name}`")


def base_configuration(db):
    """Languages, formats (a site upgraded from Drupal 5: format 2 is PHP), variables, users,
    vocabularies and the press release content type with a CCK image field."""
    db.insert(
        "languages",
        [
            {"language": code, "name": name, "native": name, "enabled": 1, "prefix": code,
             "weight": weight}
            for weight, (code, name) in enumerate(
                [("nl", "Dutch"), ("fr", "French"), ("de", "German"), ("en", "English")]
            )
        ],
    )  # fmt: skip
    db.insert(
        "filter_formats",
        [
            {"format": 1, "name": "Filtered HTML", "roles": ",1,2,", "cache": 1},
            {"format": 2, "name": "PHP code", "roles": "", "cache": 0},
            {"format": 3, "name": "Full HTML", "roles": "", "cache": 1},
        ],
    )
    db.insert(
        "filters",
        [
            {"format": 1, "module": "filter", "delta": 2, "weight": 0},
            {"format": 1, "module": "filter", "delta": 0, "weight": 1},
            {"format": 1, "module": "filter", "delta": 1, "weight": 2},
            {"format": 1, "module": "filter", "delta": 3, "weight": 10},
            {"format": 2, "module": "php", "delta": 0, "weight": 0},
            {"format": 3, "module": "filter", "delta": 2, "weight": 0},
            {"format": 3, "module": "filter", "delta": 1, "weight": 1},
            {"format": 3, "module": "filter", "delta": 3, "weight": 10},
        ],
    )
    db.insert(
        "variable",
        [
            {"name": "file_directory_path", "value": 's:19:"sites/default/files";'},
            {"name": "filter_default_format", "value": 's:1:"1";'},
            {
                "name": "language_default",
                "value": 'O:8:"stdClass":3:{s:8:"language";s:2:"nl";s:4:"name";s:5:"Dutch";'
                's:6:"prefix";s:2:"nl";}',
            },
        ],
    )
    db.insert(
        "users",
        [
            {"uid": 0, "name": "", "mail": "", "created": 0, "status": 0, "data": None},
            {"uid": 1, "name": "admin", "mail": "a@example.be", "created": ts(2006, 1, 1),
             "status": 1, "data": "a:0:{}"},
            {"uid": 2, "name": "jan.peeters", "mail": "j@example.be", "created": ts(2006, 1, 2),
             "status": 1, "data": "a:0:{}"},
        ],
    )  # fmt: skip
    db.insert(
        "node_type",
        [
            {"type": t, "name": n, "module": "node", "description": "", "help": "",
             "has_title": 1, "title_label": "Title", "has_body": 1, "body_label": "Body",
             "min_word_count": 0, "custom": 1, "modified": 1, "locked": 0, "orig_type": t}
            for t, n in (("pressrelease", "Press release"), ("page", "Page"))
        ],
    )  # fmt: skip
    db.insert(
        "vocabulary",
        [
            {"vid": 1, "name": "Bron", "description": "", "multiple": 1, "module": "taxonomy"},
            {"vid": 2, "name": "Thema", "description": "", "multiple": 1, "module": "taxonomy"},
            {"vid": 3, "name": "Tags", "description": "", "tags": 1, "module": "taxonomy"},
        ],
    )
    db.insert(
        "vocabulary_node_types",
        [{"vid": v, "type": "pressrelease"} for v in (1, 2, 3)],
    )
    db.insert(
        "content_node_field",
        [
            {"field_name": "field_photo", "type": "filefield", "global_settings": "a:0:{}",
             "multiple": 0, "db_storage": 1, "module": "filefield", "db_columns": "a:0:{}",
             "active": 1},
        ],
    )  # fmt: skip
    db.insert(
        "content_node_field_instance",
        [
            {"field_name": "field_photo", "type_name": "pressrelease", "label": "Photo",
             "widget_type": "imagefield_widget", "widget_settings": "a:0:{}",
             "display_settings": "a:0:{}", "description": "", "widget_module": "imagefield",
             "widget_active": 1},
        ],
    )  # fmt: skip
    db.execute(cck_type_table("pressrelease", {"photo": "filefield"}))


def php_data(alt, title):
    def s(text):
        return f's:{len(text.encode("utf-8"))}:"{text}";'

    return "a:2:{" + s("alt") + s(alt) + s("title") + s(title) + "}"


class PresscenterFixture:
    """The fixture archive. `nodes` describes what the tests assert on."""

    TERMS = [
        # tid, vocabulary, name, language, trid
        (10, 1, "FOD Financiën", "nl", 1),
        (11, 1, "SPF Finances", "fr", 1),
        (12, 1, "Agentschap Innovatie", "nl", 0),
        (20, 2, "Gezondheid", "nl", 2),
        (21, 2, "Santé", "fr", 2),
        (22, 2, "Ruimtevaart", "nl", 0),
        (30, 3, "begroting", "", 0),
    ]

    def __init__(self, root, url=None):
        self.root = root
        self.files_dir = root / "sites" / "default" / "files"
        self.files_dir.mkdir(parents=True)
        self.db = DrupalDatabase(url)
        self.next_vid = 100
        self.pid = 0
        try:
            self._populate()
        except BaseException:
            self.db.drop()  # never leave a half-built database behind
            raise

    def _populate(self):
        base_configuration(self.db)
        self.db.insert(
            "term_data",
            [
                {"tid": t, "vid": v, "name": n, "description": "", "weight": 0, "language": lang,
                 "trid": trid}
                for t, v, n, lang, trid in self.TERMS
            ],
        )  # fmt: skip
        self.db.insert("term_hierarchy", [{"tid": t[0], "parent": 0} for t in self.TERMS])
        self._files()
        self._nodes()

    @property
    def url(self):
        return self.db.url

    def drop(self):
        self.db.drop()

    # -- files ------------------------------------------------------------------------------

    def _file(self, fid, filepath, content, mime, status=1, on_disk=True):
        if on_disk:
            path = self.root / filepath
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(content)
        self.db.insert(
            "files",
            [{"fid": fid, "uid": 2, "filename": filepath.rsplit("/", 1)[-1], "filepath": filepath,
              "filemime": mime, "filesize": len(content), "status": status,
              "timestamp": ts(2008, 1, 1)}],
        )  # fmt: skip

    def _files(self):
        self._file(1, "sites/default/files/rapport 2008.pdf", PDF, "application/pdf")
        self._file(2, "sites/default/files/foto.jpg", png(kind="JPEG"), "image/jpeg")
        self._file(3, "sites/default/files/foto kust.png", png((20, 90, 200)), "image/png")
        self._file(4, "sites/default/files/weg.pdf", PDF + b"gone", "application/pdf",
                   on_disk=False)  # fmt: skip
        # The same bytes as fid 1 under another name: stored once.
        self._file(5, "sites/default/files/kopie-rapport_0.pdf", PDF, "application/pdf")
        # Drupal 5 layout, accents in the name.
        self._file(6, "files/écoute_0.pdf", PDF + b"6", "application/pdf")
        # An orphan (status 0, temporary) nobody uses.
        self._file(7, "sites/default/files/tmp_upload.pdf", PDF + b"7", "application/pdf", 0)

    # -- nodes ------------------------------------------------------------------------------

    def node(self, nid, language, title, body, *, tnid=0, status=1, created=None, changed=None,
             fmt=1, teaser=None, terms=(), aliases=(), uploads=(), photo=None,
             node_type="pressrelease", uid=2, old_revisions=0):  # fmt: skip
        created = created or ts(2008, 3, 14) + nid * 3600
        changed = changed or created + 600
        # Older (reverted) revisions get a higher vid than the current one: never MAX(vid).
        revisions = []
        current_vid = self.next_vid
        self.next_vid += 1
        for n in range(old_revisions):
            revisions.append((self.next_vid, f"{title} (draft {n})", f"Old body {n}"))
            self.next_vid += 1
        self.db.insert(
            "node",
            [{"nid": nid, "vid": current_vid, "type": node_type, "language": language,
              "title": title, "uid": uid, "status": status, "created": created,
              "changed": changed, "promote": 1, "sticky": 0, "tnid": tnid, "translate": 0}],
        )  # fmt: skip
        rows = [(current_vid, title, body)] + revisions
        self.db.insert(
            "node_revisions",
            [{"nid": nid, "vid": vid, "uid": uid, "title": t, "body": b,
              "teaser": teaser if vid == current_vid and teaser is not None else b.split(
                  "<!--break-->")[0], "log": "", "timestamp": changed, "format": fmt}
             for vid, t, b in rows],
        )  # fmt: skip
        for vid, *_rest in rows:
            # The reverted revisions carried another theme and attachment: joined on nid
            # instead of node.vid, they would show up.
            old = () if vid == current_vid else (22,)
            self.db.insert(
                "term_node", [{"nid": nid, "vid": vid, "tid": t} for t in (*terms, *old)]
            )
            if old:
                self.db.insert(
                    "upload",
                    [{"fid": 6, "nid": nid, "vid": vid, "description": "Oud", "list": 1,
                      "weight": 0}],
                )  # fmt: skip
        for dst, alias_language in aliases:
            self.pid += 1
            self.db.insert(
                "url_alias",
                [{"pid": self.pid, "src": f"node/{nid}", "dst": dst, "language": alias_language}],
            )
        self.db.insert(
            "upload",
            [{"fid": fid, "nid": nid, "vid": current_vid, "description": desc, "list": listed,
              "weight": w} for w, (fid, desc, listed) in enumerate(uploads)],
        )  # fmt: skip
        if photo is not None:
            fid, alt, caption = photo
            self.db.insert(
                "content_type_pressrelease",
                [{"vid": current_vid, "nid": nid, "field_photo_fid": fid, "field_photo_list": 1,
                  "field_photo_data": php_data(alt, caption)}],
            )  # fmt: skip
        elif node_type == "pressrelease":
            # CCK writes an all-NULL row for an empty field.
            self.db.insert(
                "content_type_pressrelease",
                [{"vid": current_vid, "nid": nid, "field_photo_fid": None,
                  "field_photo_list": None, "field_photo_data": None}],
            )  # fmt: skip

    def _nodes(self):
        # A translation set (tnid 1): nl source, fr translation, a second nl node (trap),
        # no de or en version (gaps).
        self.node(
            1, "nl", "Begroting 2008 goedgekeurd",
            "De regering keurt de begroting goed.\nDe tekst volgt.<!--break-->\n\n"
            "Lees <a href=\"/node/2\">de Franse versie</a> en het "
            "<a href=\"/sites/default/files/rapport 2008.pdf\">rapport</a>.\n\n"
            "<img src=\"/sites/default/files/imagecache/large/foto.jpg\" alt=\"De minister\">\n\n"
            "Meer op <a href=\"https://www.presscenter.org/nl/over-ons\">onze site</a>.",
            tnid=1, terms=(10, 20, 30), old_revisions=2,
            aliases=[("begroting", "nl"), ("nieuws/begroting-2008", "nl")],
            uploads=[(1, "Het rapport", 1)],
        )  # fmt: skip
        self.node(
            2, "fr", "Budget 2008 approuvé",
            "<p>Le gouvernement approuve le budget.</p>"
            "<script>alert('x')</script><p onclick=\"steal()\">Cliquez "
            "<a href=\"javascript:alert(1)\">ici</a>.</p>"
            "<iframe src=\"https://www.youtube.com/embed/dQw4w9WgXcQ\"></iframe>"
            "<iframe src=\"https://evil.example.com/x\"></iframe>",
            tnid=1, fmt=3, terms=(11, 21), aliases=[("budget-2008", "fr")],
        )  # fmt: skip
        self.node(3, "nl", "Begroting 2008: tweede versie", "Dubbel in dezelfde taal.", tnid=1,
                  terms=(10,))  # fmt: skip
        # Language neutral, no publisher term, a language-neutral alias.
        self.node(4, "", "Over Presscenter", "Presscenter verzamelt persberichten.",
                  aliases=[("over-ons", "")])  # fmt: skip
        # Format 2 is PHP on this upgraded site.
        self.node(5, "nl", "Dynamische pagina", "<?php print 'hallo'; ?>\n<b>tekst</b>", fmt=2,
                  terms=(12,))  # fmt: skip
        # Mojibake in the title and the body; an upload in the Drupal 5 files layout.
        self.node(
            6, "fr", mojibake("Été 2009 : résultats"),
            mojibake("Les résultats de l’été sont là."),
            terms=(11,), uploads=[(6, mojibake("Écoute"), 1)],
        )  # fmt: skip
        self.node(7, "nl", "Nog niet gepubliceerd", "Concept.", status=0, terms=(10,))
        # Translation set whose source (tnid 99) was deleted: the renumbered set keeps together.
        self.node(10, "fr", "Espace: lancement", "Texte.", tnid=99, terms=(22,))
        self.node(11, "en", "Space: launch", "Text.", tnid=99, terms=(22,))
        # Two nodes claim the same alias: the newest row (nid 13) wins, as in Drupal.
        self.node(12, "nl", "Persbericht een", "Een.", terms=(10,),
                  aliases=[("persbericht", "nl")])  # fmt: skip
        self.node(13, "nl", "Persbericht twee", "Twee.", terms=(10,),
                  aliases=[("persbericht", "nl")])  # fmt: skip
        # CCK image with alt text; a shared upload (fid 1, also on node 1), a missing file,
        # and fid 5 with the same content as fid 1.
        self.node(
            14, "nl", "Kust in beeld", "Foto's van de kust.", terms=(10, 20),
            photo=(3, "De kust bij Oostende", "Oostende"),
            uploads=[(1, "Rapport (gedeeld)", 1), (4, "Verdwenen bestand", 1),
                     (5, "Kopie van het rapport", 1)],
        )  # fmt: skip
        # Unknown format id, broken HTML.
        self.node(15, "nl", "Kapotte opmaak",
                  "<p><b>vet <i>schuin</b> tekst</p><div>niet gesloten", fmt=7,
                  terms=(10,))  # fmt: skip
        # A link to a node further on (resolved at the end), by path and by alias.
        self.node(16, "nl", "Vooruitverwijzing",
                  'Zie <a href="/node/17">later</a> en <a href="/nl/later-bericht">hier</a>.',
                  terms=(10,))  # fmt: skip
        self.node(17, "nl", "Later bericht", "Later.", terms=(10,),
                  aliases=[("later-bericht", "nl")])  # fmt: skip
        # Not a press release: read, counted as skipped.
        self.node(18, "nl", "Contact", "Contactpagina.", node_type="page")


def add_bulk_nodes(db, first_nid, count, first_vid=100000):
    """`count` more Dutch press releases with an alias each, in a few multi-row INSERTs."""
    nodes, revisions, aliases, terms = [], [], [], []
    for offset in range(count):
        nid, vid = first_nid + offset, first_vid + offset
        created = ts(2010, 1, 1) + offset * 60
        nodes.append(
            {"nid": nid, "vid": vid, "type": "pressrelease", "language": "nl",
             "title": f"Bericht {nid}", "uid": 2, "status": 1, "created": created,
             "changed": created, "tnid": 0}
        )  # fmt: skip
        revisions.append(
            {"nid": nid, "vid": vid, "uid": 2, "title": f"Bericht {nid}",
             "body": f"Tekst van bericht {nid}.\n\nTweede alinea.", "teaser": "", "log": "",
             "timestamp": created, "format": 1}
        )  # fmt: skip
        aliases.append({"src": f"node/{nid}", "dst": f"bericht/{nid}", "language": "nl"})
        terms.append({"nid": nid, "vid": vid, "tid": 10})
    for table, rows in (
        ("node", nodes), ("node_revisions", revisions), ("url_alias", aliases),
        ("term_node", terms),
    ):  # fmt: skip
        for start in range(0, len(rows), 500):
            db.insert(table, rows[start : start + 500])
