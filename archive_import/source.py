"""Reads a Drupal 6 database on a MySQL/MariaDB server. Nodes are streamed with a server-side
cursor (nothing is loaded whole); what a chunk of nodes needs (terms, aliases, uploads, CCK
files) is fetched per chunk on a second connection, since a streaming connection cannot run
other queries until its result is read."""

import re
from dataclasses import dataclass
from urllib.parse import unquote, urlparse

import pymysql
import pymysql.cursors

from .mojibake import repair
from .phpserialize import PHPUnserializeError, loads

IDENTIFIER = re.compile(r"^[a-z0-9_]{1,64}$")


class SourceError(Exception):
    """The source database cannot be used; the message says why."""


def connection_params(url):
    parsed = urlparse(url)
    if parsed.scheme not in ("mysql", "mariadb") or not parsed.path.strip("/"):
        raise SourceError(f"Expected mysql://user:password@host:port/database, got {url!r}.")
    return {
        "host": parsed.hostname or "127.0.0.1",
        "port": parsed.port or 3306,
        "user": unquote(parsed.username or "root"),
        "password": unquote(parsed.password or ""),
        "database": unquote(parsed.path.strip("/")),
        # The tables are utf8 (3 bytes); utf8mb4 on the client reads them unchanged.
        "charset": "utf8mb4",
        "use_unicode": True,
    }


@dataclass(frozen=True)
class Format:
    id: int
    name: str
    kind: str  # "autop", "html", "php", "unknown"


@dataclass(frozen=True)
class Term:
    tid: int
    vocabulary: int
    name: str
    language: str
    trid: int
    weight: int


@dataclass(frozen=True)
class FileField:
    """A CCK file or image field: where it lives and what it is."""

    name: str
    table: str
    is_image: bool


def _in(values):
    values = list(values)
    return ", ".join(["%s"] * len(values)), values


def _unserialize(raw):
    """(value, error) of a PHP-serialized column; error is "" when read as is, "repaired"
    when read after a mojibake repair (latin1 mojibake changes the byte counts, so such a value
    only parses once repaired), else the reason it is unreadable."""
    if not raw:
        return {}, ""
    if isinstance(raw, bytes | bytearray):
        raw = bytes(raw).decode("utf-8", errors="replace")
    try:
        return loads(raw), ""
    except PHPUnserializeError as error:
        fixed, changed = repair(raw)
        if changed:
            try:
                return loads(fixed), "repaired"
            except PHPUnserializeError:
                pass
        return {}, str(error)


class DrupalSource:
    def __init__(self, url):
        self.url = url
        self.params = connection_params(url)
        try:
            self.db = pymysql.connect(**self.params, autocommit=True)
        except pymysql.MySQLError as error:
            raise SourceError(f"Cannot connect to {self.safe_url}: {error}") from error
        self._stream_db = None
        try:
            self.tables = {row[0] for row in self._rows("SHOW TABLES")}
            missing = {"node", "node_revisions", "url_alias", "files", "filter_formats"} - set(
                self.tables
            )
            if missing:
                raise SourceError(
                    f"{self.safe_url} is not a Drupal 6 database: no {', '.join(sorted(missing))}."
                )
            self.variables = self._variables()
            self.formats = self._formats()
            self.default_format = int(self.variables.get("filter_default_format") or 1)
            self.languages = self._languages()
            self.default_language = self._default_language()
            self.vocabularies = {
                row[0]: row[1] for row in self._rows("SELECT vid, name FROM vocabulary")
            }
            self.terms = self._terms()
            self.file_fields = self._file_fields()
        except pymysql.MySQLError as error:
            raise SourceError(f"Cannot read {self.safe_url}: {error}") from error

    @property
    def safe_url(self):
        p = self.params
        return f"mysql://{p['user']}@{p['host']}:{p['port']}/{p['database']}"

    def close(self):
        for db in (self._stream_db, self.db):
            if db is not None and db.open:
                db.close()

    def _rows(self, sql, args=None):
        with self.db.cursor() as cursor:
            cursor.execute(sql, args)
            return cursor.fetchall()

    def _dicts(self, sql, args=None):
        with self.db.cursor(pymysql.cursors.DictCursor) as cursor:
            cursor.execute(sql, args)
            return cursor.fetchall()

    def _columns(self, table):
        return {row[0] for row in self._rows(f"SHOW COLUMNS FROM `{table}`")}

    # -- site configuration -------------------------------------------------------------------

    def _variables(self):
        values = {}
        if "variable" not in self.tables:
            return values
        for name, raw in self._rows(
            "SELECT name, value FROM variable WHERE name IN "
            "('file_directory_path', 'filter_default_format', 'language_default', 'site_name')"
        ):
            try:
                values[name] = loads(raw)
            except PHPUnserializeError:
                continue
        return values

    def _formats(self):
        filters = {}
        if "filters" in self.tables:
            for fmt, module, delta in self._rows("SELECT format, module, delta FROM filters"):
                filters.setdefault(fmt, set()).add((module, int(delta)))
        formats = {}
        for fmt, name in self._rows("SELECT format, name FROM filter_formats"):
            modules = filters.get(fmt, set())
            # Never by id or name: a site upgraded from Drupal 5 has PHP as format 2.
            if any(module == "php" for module, _d in modules):
                kind = "php"
            elif ("filter", 1) in modules:  # filter module, delta 1: the line-break converter
                kind = "autop"
            else:
                kind = "html"
            formats[int(fmt)] = Format(int(fmt), name, kind)
        return formats

    def format_for(self, fmt):
        fmt = int(fmt or 0) or self.default_format
        return self.formats.get(fmt) or Format(fmt, "", "unknown")

    def _languages(self):
        if "languages" not in self.tables:
            return {}
        return {
            code: prefix or ""
            for code, prefix in self._rows("SELECT language, prefix FROM languages")
        }

    def _default_language(self):
        value = self.variables.get("language_default")
        if isinstance(value, dict):
            return value.get("language") or ""
        return ""

    def _terms(self):
        if "term_data" not in self.tables:
            return {}
        columns = self._columns("term_data")
        language = "language" if "language" in columns else "''"
        trid = "trid" if "trid" in columns else "0"
        return {
            row[0]: Term(row[0], row[1], row[2], row[3] or "", int(row[4] or 0), int(row[5]))
            for row in self._rows(
                f"SELECT tid, vid, name, {language}, {trid}, weight FROM term_data"
            )
        }

    def _file_fields(self):
        """CCK file and image fields, with the table holding each (content_node_field's
        db_storage: 1 = the type's own table, 0 = a table of the field)."""
        if not {"content_node_field", "content_node_field_instance"} <= self.tables:
            return {}
        fields = {}
        for name, storage, widget, type_name in self._rows(
            "SELECT f.field_name, f.db_storage, i.widget_type, i.type_name "
            "FROM content_node_field f JOIN content_node_field_instance i USING (field_name) "
            "WHERE f.type = 'filefield'"
        ):
            if not (IDENTIFIER.match(name) and IDENTIFIER.match(type_name)):
                continue  # these names go into SQL: only what CCK itself could create
            table = f"content_type_{type_name}" if int(storage) == 1 else f"content_{name}"
            if table not in self.tables:
                continue
            short = name.removeprefix("field_")
            is_image = "image" in (widget or "")
            fields.setdefault(type_name, []).append(FileField(short, table, is_image))
        return fields

    # -- nodes ----------------------------------------------------------------------------------

    def _node_filter(self, types, since, after_nid):
        where, args = ["n.nid > %s"], [after_nid]
        if types:
            marks, values = _in(types)
            where.append(f"n.type IN ({marks})")
            args += values
        if since is not None:
            where.append("n.changed >= %s")
            args.append(since)
        return " AND ".join(where), args

    # -- what the source holds (for choosing what to import, and the report) ------------------

    def node_type_counts(self):
        """{content type: node count}, every type that has nodes."""
        return dict(self._rows("SELECT type, COUNT(*) FROM node GROUP BY type ORDER BY type"))

    def node_type_names(self):
        """{content type: its human name in node_type}."""
        if "node_type" not in self.tables:
            return {}
        return dict(self._rows("SELECT type, name FROM node_type"))

    def vocabulary_types(self):
        """{vocabulary id: the content types it is attached to (vocabulary_node_types)}."""
        if "vocabulary_node_types" not in self.tables:
            return {}
        found = {}
        for vid, node_type in self._rows("SELECT vid, type FROM vocabulary_node_types"):
            found.setdefault(vid, set()).add(node_type)
        return found

    def count_nodes(self, types=None, since=None, after_nid=0):
        where, args = self._node_filter(types, since, after_nid)
        return self._rows(f"SELECT COUNT(*) FROM node n WHERE {where}", args)[0][0]

    def stream_nodes(self, types=None, since=None, after_nid=0, chunk=500):
        """Lists of node dicts in nid order, `chunk` at a time, with the current revision
        (node.vid, never the highest vid: a reverted revision is not the current one)."""
        where, args = self._node_filter(types, since, after_nid)
        sql = f"""
            SELECT n.nid, n.vid, n.type, n.language, n.title, n.uid, n.status, n.created,
                   n.changed, n.tnid, n.translate, r.title AS revision_title, r.body, r.teaser,
                   r.format, r.log, u.name AS author
            FROM node n
            JOIN node_revisions r ON r.vid = n.vid
            LEFT JOIN users u ON u.uid = n.uid
            WHERE {where}
            ORDER BY n.nid
        """
        self._stream_db = pymysql.connect(**self.params)
        cursor, finished = None, False
        try:
            with self._stream_db.cursor() as setup:
                # The server gives up on a slow reader after net_write_timeout (60 s by default).
                setup.execute("SET SESSION net_write_timeout = 3600")
            cursor = self._stream_db.cursor(pymysql.cursors.SSDictCursor)
            cursor.execute(sql, args)
            while rows := cursor.fetchmany(chunk):
                yield rows
            finished = True
        finally:
            if cursor is not None and not finished:
                # Stopped early (--limit, an error): stop the server sending the rest rather
                # than reading it all to close the cursor.
                try:
                    with self.db.cursor() as killer:
                        killer.execute("KILL QUERY %s", [self._stream_db.thread_id()])
                    cursor.close()
                except pymysql.MySQLError:
                    pass
            self._stream_db.close()
            self._stream_db = None

    def terms_for(self, vids):
        if not vids or "term_node" not in self.tables:
            return {}
        marks, values = _in(vids)
        found = {}
        for vid, tid in self._rows(
            f"SELECT vid, tid FROM term_node WHERE vid IN ({marks}) ORDER BY vid, tid", values
        ):
            term = self.terms.get(tid)
            if term is not None:
                found.setdefault(vid, []).append(term)
        return found

    def aliases_for(self, nids):
        """{nid: [(pid, dst, language)]} for the node paths `node/NID`."""
        if not nids:
            return {}
        marks, values = _in(f"node/{nid}" for nid in nids)
        found = {}
        for pid, src, dst, language in self._rows(
            f"SELECT pid, src, dst, language FROM url_alias WHERE src IN ({marks}) ORDER BY pid",
            values,
        ):
            found.setdefault(int(src.split("/", 1)[1]), []).append((pid, dst, language or ""))
        return found

    def alias_owners(self, dsts):
        """{(dst, language): src} as Drupal resolves an incoming path: for a dst, a row in the
        language wins over a language-neutral one, then the newest row (highest pid)."""
        if not dsts:
            return {}
        marks, values = _in(dsts)
        rows = self._rows(
            f"SELECT pid, src, dst, language FROM url_alias WHERE dst IN ({marks})", values
        )
        best = {}
        for pid, src, dst, language in rows:
            key = (dst, language or "")
            if key not in best or pid > best[key][0]:
                best[key] = (pid, src)
        return {key: src for key, (pid, src) in best.items()}

    def nids_for_aliases(self, dsts):
        """{dst: src} for links written as old aliases (any language, newest row)."""
        owners = self.alias_owners(dsts)
        result = {}
        for (dst, _language), src in sorted(owners.items(), key=lambda kv: kv[0][1] == ""):
            result.setdefault(dst, src)
        return result

    def uploads_for(self, vids):
        if not vids or "upload" not in self.tables:
            return {}
        marks, values = _in(vids)
        found = {}
        for row in self._dicts(
            f"""SELECT u.vid, u.fid, u.description, u.list, u.weight,
                       f.filename, f.filepath, f.filemime, f.filesize, f.status
                FROM upload u JOIN files f ON f.fid = u.fid
                WHERE u.vid IN ({marks}) ORDER BY u.vid, u.weight, u.fid""",
            values,
        ):
            found.setdefault(row["vid"], []).append(row)
        return found

    def cck_files_for(self, node_type, vids):
        """{vid: [row]} for the CCK file/image fields of one content type: each row has fid,
        list, data (unserialized or None, with `data_error` when unreadable), is_image, and the
        files columns."""
        found = {}
        if not vids:
            return found
        marks, values = _in(vids)
        for field in self.file_fields.get(node_type, []):
            col = f"field_{field.name}"
            delta = "t.delta" if field.table.startswith("content_field_") else "0"
            for row in self._dicts(
                f"""SELECT t.vid, {delta} AS delta, t.{col}_fid AS fid, t.{col}_list AS list,
                           t.{col}_data AS data, f.filename, f.filepath, f.filemime,
                           f.filesize, f.status
                    FROM `{field.table}` t JOIN files f ON f.fid = t.{col}_fid
                    WHERE t.vid IN ({marks}) ORDER BY t.vid, delta""",
                values,
            ):
                row["data"], error = _unserialize(row.pop("data"))
                if error == "repaired":
                    row["data_repaired"] = True
                elif error:
                    row["data_error"] = error
                row["is_image"] = field.is_image
                row["field"] = field.name
                found.setdefault(row["vid"], []).append(row)
        return found

    def files_by_path(self, paths):
        if not paths:
            return {}
        marks, values = _in(paths)
        return {
            row["filepath"]: row
            for row in self._dicts(
                f"""SELECT fid, filename, filepath, filemime, filesize, status FROM files
                    WHERE filepath IN ({marks}) ORDER BY fid""",
                values,
            )
        }

    def languages_of(self, nids):
        """{nid: language} of some nodes (the sources of translation sets)."""
        if not nids:
            return {}
        marks, values = _in(nids)
        return dict(self._rows(f"SELECT nid, language FROM node WHERE nid IN ({marks})", values))

    def nodes_by_nid(self, nids):
        """The node rows (as stream_nodes gives them) of some nids."""
        if not nids:
            return []
        marks, values = _in(nids)
        return list(
            self._dicts(
                f"""SELECT n.nid, n.vid, n.type, n.language, n.title, n.uid, n.status, n.created,
                       n.changed, n.tnid, n.translate, r.title AS revision_title, r.body,
                       r.teaser, r.format, r.log, u.name AS author
                    FROM node n
                    JOIN node_revisions r ON r.vid = n.vid
                    LEFT JOIN users u ON u.uid = n.uid
                    WHERE n.nid IN ({marks}) ORDER BY n.nid""",
                values,
            )
        )
