"""Benchmark of the Presscenter importer: a synthetic Drupal 6 archive in MariaDB imported into
PostgreSQL, with the import rate and the importer's memory (RSS) over time.

    .venv/bin/python bench/import_presscenter.py --nodes 100000
    .venv/bin/python bench/import_presscenter.py --nodes 5000 --reuse-source   # quick

1. builds the archive in MariaDB database `presscenter_bench` (`--mariadb-url` server): the
   Drupal 6 core tables plus a CCK image field, translation sets of one to four languages,
   translated publisher and theme terms (a few unknown to the mapping), aliases, bodies in the
   line-break and Full HTML formats with links to other nodes and files, a few PHP and mojibake
   bodies, uploads shared between nodes and a few missing on disk; all with multi-row INSERTs;
2. (re)creates the PostgreSQL database (`--database-url`, default newsportal_bench_import),
   migrates it and builds the site structure;
3. runs `manage.py import_presscenter` and samples its RSS every second; the figures go to
   stdout and to bench/results/import-<UTC time>.json. Exit status 1 below `--target` nodes/s.
"""

import argparse
import io
import json
import os
import random
import subprocess
import sys
import threading
import time
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import urlparse

import psycopg

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from run import environment  # noqa: E402

from archive_import.drupal_schema import CORE_TABLES  # noqa: E402
from tests.archive_import.drupal_fixture import (  # noqa: E402
    PDF,
    base_configuration,
    mojibake,
    php_data,
    png,
    server_params,
)

PYTHON = sys.executable
SOURCE_DB = "presscenter_bench"
LANGUAGE_SETS = [("nl",), ("fr",), ("nl", "fr"), ("nl", "fr"), ("nl", "fr", "de"),
                 ("nl", "fr", "de", "en"), ("fr", "nl", "en")]  # fmt: skip
WORDS = {
    "nl": "de regering keurt het plan goed voor veiligheid werk en economie in het land",
    "fr": "le gouvernement approuve le plan pour la sécurité emploi et économie au pays",
    "de": "die Regierung billigt den Plan für Sicherheit Arbeit und Wirtschaft im Land",
    "en": "the government approves the plan for safety work and economy in the country",
}
WORDS = {code: text.split() for code, text in WORDS.items()}
PUBLISHERS = [("FOD Financiën", "SPF Finances"), ("FOD Economie", "SPF Economie"),
              ("FOD Justitie", "SPF Justice"), ("Federale Politie", "Police fédérale")] + [
    (f"Federale dienst {n}", f"Service fédéral {n}") for n in range(1, 12)
]  # fmt: skip
THEMES = [("Gezondheid", "Santé"), ("Mobiliteit", "Mobilité"), ("Justitie", "Justice")] + [
    (f"Thema {n}", f"Thème {n}") for n in range(1, 10)
]


def log(message):
    print(message, flush=True)


class Archive:
    """Writes the synthetic archive, a few thousand rows per INSERT."""

    def __init__(self, url, files_root, nodes, seed=1, database=SOURCE_DB):
        import pymysql

        self.params = server_params(url)
        self.files_root = files_root
        self.total = nodes
        self.rng = random.Random(seed)
        with pymysql.connect(**self.params) as db, db.cursor() as cursor:
            cursor.execute(f"DROP DATABASE IF EXISTS `{database}`")
            cursor.execute(f"CREATE DATABASE `{database}` CHARACTER SET utf8")
        self.db = pymysql.connect(**self.params, database=database)
        with self.db.cursor() as cursor:
            cursor.execute("SET SESSION sql_mode = CONCAT(@@sql_mode, ',NO_AUTO_VALUE_ON_ZERO')")
            for ddl in CORE_TABLES:
                cursor.execute(ddl)
        self.buffers = {}

    def insert(self, table, row):
        rows = self.buffers.setdefault(table, [])
        rows.append(row)
        if len(rows) >= 2000:
            self.flush(table)

    def flush(self, table=None):
        for name in [table] if table else list(self.buffers):
            rows = self.buffers.pop(name, [])
            if not rows:
                continue
            columns = list(rows[0])
            marks = "(" + ", ".join(["%s"] * len(columns)) + ")"
            with self.db.cursor() as cursor:
                cursor.execute(
                    f"INSERT INTO `{name}` ({', '.join(columns)}) VALUES "
                    + ", ".join([marks] * len(rows)),
                    [row[c] for row in rows for c in columns],
                )

    def build(self):
        from tests.archive_import.drupal_fixture import DrupalDatabase

        shim = DrupalDatabase.__new__(DrupalDatabase)
        shim.db = self.db
        base_configuration(shim)
        self._terms()
        self._files()
        self._nodes()
        self.flush()
        self.db.commit()

    def _terms(self):
        tid = 100
        self.publisher_tids, self.theme_tids = [], []
        for vocabulary, pairs, out in ((1, PUBLISHERS, self.publisher_tids),
                                        (2, THEMES, self.theme_tids)):  # fmt: skip
            for trid, (nl, fr) in enumerate(pairs, start=len(out) + vocabulary * 1000):
                for language, name in (("nl", nl), ("fr", fr)):
                    self.insert("term_data", {"tid": tid, "vid": vocabulary, "name": name,
                                              "description": "", "weight": 0,
                                              "language": language, "trid": trid})  # fmt: skip
                    out.append((tid, language))
                    tid += 1

    def _files(self):
        folder = self.files_root / "sites" / "default" / "files"
        folder.mkdir(parents=True, exist_ok=True)
        self.documents, self.images = [], []
        for fid in range(1, 501):
            path = f"sites/default/files/bericht {fid}.pdf"
            if fid % 50:  # one in fifty is missing on disk
                (self.files_root / path).write_bytes(PDF + str(fid).encode())
            self.insert("files", {"fid": fid, "uid": 2, "filename": f"bericht {fid}.pdf",
                                  "filepath": path, "filemime": "application/pdf",
                                  "filesize": 60, "status": 1, "timestamp": 0})  # fmt: skip
            self.documents.append(fid)
        for fid in range(501, 601):
            path = f"sites/default/files/foto_{fid}.png"
            (self.files_root / path).write_bytes(png((fid % 255, 80, 120)))
            self.insert("files", {"fid": fid, "uid": 2, "filename": f"foto_{fid}.png",
                                  "filepath": path, "filemime": "image/png", "filesize": 100,
                                  "status": 1, "timestamp": 0})  # fmt: skip
            self.images.append(fid)

    def _body(self, language, nid):
        rng = self.rng
        words = WORDS[language]
        paragraphs = []
        for _p in range(rng.randint(3, 6)):
            lines = [" ".join(rng.choices(words, k=rng.randint(12, 30))).capitalize() + "."
                     for _l in range(rng.randint(1, 3))]  # fmt: skip
            paragraphs.append("\n".join(lines))
        if nid > 10 and rng.random() < 0.3:
            paragraphs.append(f'Zie ook <a href="/node/{rng.randint(1, nid - 1)}">eerder</a>.')
        if rng.random() < 0.05:
            fid = rng.choice(self.documents)
            paragraphs.append(f'<a href="/sites/default/files/bericht {fid}.pdf">Download</a>')
        text = paragraphs[0] + "<!--break-->\n\n" + "\n\n".join(paragraphs[1:])
        return text, paragraphs[0]

    def _nodes(self):
        rng = self.rng
        nid, vid, pid = 1, 1, 1
        start = int(datetime(2004, 1, 1, tzinfo=UTC).timestamp())
        while nid <= self.total:
            languages = rng.choice(LANGUAGE_SETS)[: self.total - nid + 1]
            tnid = nid if len(languages) > 1 else 0
            created = start + nid * 3000
            publisher = rng.randrange(len(PUBLISHERS))
            themes = rng.sample(range(len(THEMES)), rng.choice((1, 1, 2)))
            upload = rng.choice(self.documents) if rng.random() < 0.1 else None
            photo = rng.choice(self.images) if rng.random() < 0.02 else None
            for language in languages:
                title = f"{' '.join(rng.choices(WORDS[language], k=6)).capitalize()} {nid}"
                body, teaser = self._body(language, nid)
                fmt = 1
                roll = rng.random()
                if roll < 0.005:
                    fmt, body = 2, "<?php print 'x'; ?>"
                elif roll < 0.10:
                    fmt = 3
                    body = "".join(f"<p>{p}</p>" for p in body.split("\n\n"))
                elif roll < 0.11:
                    title, body = mojibake(title + " été"), mojibake(body + " l’été")
                side = 0 if language in ("nl", "de", "en") else 1
                self.insert("node", {"nid": nid, "vid": vid, "type": "pressrelease",
                                     "language": language, "title": title, "uid": 2,
                                     "status": 0 if rng.random() < 0.02 else 1,
                                     "created": created, "changed": created + 600,
                                     "tnid": tnid, "translate": 0})  # fmt: skip
                self.insert("node_revisions", {"nid": nid, "vid": vid, "uid": 2, "title": title,
                                               "body": body, "teaser": teaser, "log": "",
                                               "timestamp": created, "format": fmt})  # fmt: skip
                self.insert("term_node", {"nid": nid, "vid": vid,
                                          "tid": 100 + publisher * 2 + side})  # fmt: skip
                for theme in themes:
                    tid = self.theme_tids[theme * 2 + side][0]
                    self.insert("term_node", {"nid": nid, "vid": vid, "tid": tid})
                day = datetime.fromtimestamp(created, UTC).strftime("%Y%m%d")
                self.insert("url_alias", {"pid": pid, "src": f"node/{nid}",
                                          "dst": f"pressrelease/{day}/bericht-{nid}",
                                          "language": language})  # fmt: skip
                pid += 1
                if upload:
                    self.insert("upload", {"fid": upload, "nid": nid, "vid": vid,
                                           "description": f"Bijlage {upload}", "list": 1,
                                           "weight": 0})  # fmt: skip
                self.insert("content_type_pressrelease", {
                    "vid": vid, "nid": nid, "field_photo_fid": photo,
                    "field_photo_list": 1 if photo else None,
                    "field_photo_data": php_data("Foto", "Bijschrift") if photo else None,
                })  # fmt: skip
                nid += 1
                vid += 1
            if nid % 10000 < len(languages):
                log(f"  {nid - 1} nodes written")


def ensure_database(database_url, recreate):
    parsed = urlparse(database_url)
    name = parsed.path.lstrip("/")
    admin_url = parsed._replace(path="/postgres").geturl()
    with psycopg.connect(admin_url, autocommit=True) as connection:
        if recreate:
            connection.execute(f'DROP DATABASE IF EXISTS "{name}"')
        exists = connection.execute(
            "SELECT 1 FROM pg_database WHERE datname = %s", [name]
        ).fetchone()
        if not exists:
            connection.execute(f'CREATE DATABASE "{name}"')


def rss_mb(pid):
    try:
        with open(f"/proc/{pid}/status") as status:
            for line in status:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        return None
    return None


def run_import(env, source_url, files_root, batch, report):
    command = [
        PYTHON, str(ROOT / "manage.py"), "import_presscenter", "--source", source_url,
        "--files", str(files_root), "--batch", str(batch), "--report", str(report),
    ]  # fmt: skip
    started = time.monotonic()
    process = subprocess.Popen(
        command, env=env, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True
    )
    samples, lines = [], []

    def read_output():
        for line in process.stdout:
            lines.append(line)
            if "nodes" in line and "/s" in line:
                rss = samples[-1][1] if samples else 0
                log(f"  {line.strip()}  [RSS {rss:.0f} MB]")

    reader = threading.Thread(target=read_output, daemon=True)
    reader.start()
    while process.poll() is None:
        rss = rss_mb(process.pid)
        if rss is not None:
            samples.append((round(time.monotonic() - started, 1), round(rss, 1)))
        time.sleep(1)
    reader.join(10)
    output = io.StringIO("".join(lines))
    return process.returncode, time.monotonic() - started, samples, output.getvalue()


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--nodes", type=int, default=100_000)
    parser.add_argument("--batch", type=int, default=500)
    parser.add_argument("--mariadb-url", default="mysql://root@127.0.0.1:3306/test")
    parser.add_argument(
        "--database-url", default="postgres://postgres@127.0.0.1:5432/newsportal_bench_import"
    )
    parser.add_argument(
        "--source-db", default=SOURCE_DB, help="MariaDB database of the synthetic archive."
    )
    parser.add_argument("--reuse-source", action="store_true", help="Keep the MariaDB archive.")
    parser.add_argument("--target", type=float, default=500.0, help="Nodes per second.")
    args = parser.parse_args()

    # Per source database, so that two benchmarks on one machine keep their files apart.
    var_dir = (
        ROOT
        / "bench"
        / "var"
        / ("import" if args.source_db == SOURCE_DB else f"import-{args.source_db}")
    )
    files_root = var_dir / "drupal"
    params = server_params(args.mariadb_url)
    source_url = f"mysql://{params['user']}@{params['host']}:{params['port']}/{args.source_db}"
    if not args.reuse_source:
        log(f"Building a synthetic archive of {args.nodes} nodes in MariaDB {args.source_db}")
        started = time.monotonic()
        Archive(args.mariadb_url, files_root, args.nodes, database=args.source_db).build()
        log(f"  built in {time.monotonic() - started:.0f} s")
    log("Creating, migrating and structuring the PostgreSQL database")
    ensure_database(args.database_url, recreate=True)
    env = environment(args.database_url, var_dir)
    subprocess.run([PYTHON, "manage.py", "migrate", "--noinput", "-v0"], env=env, cwd=ROOT,
                   check=True)  # fmt: skip
    subprocess.run(
        [PYTHON, "manage.py", "shell", "-c",
         "from core.site_structure import ensure_site_structure; ensure_site_structure()"],
        env=env, cwd=ROOT, check=True,
    )  # fmt: skip
    log("Importing")
    report = var_dir / "report.txt"
    status, seconds, samples, output = run_import(env, source_url, files_root, args.batch, report)
    if status != 0:
        log(output[-3000:])
        raise SystemExit(f"import failed with status {status}")
    with psycopg.connect(args.database_url) as connection:
        imported = connection.execute(
            "SELECT count(*) FROM archive_import_importednode"
        ).fetchone()[0]
    rate = imported / seconds
    peak = max((rss for _t, rss in samples), default=0)
    tail = output[output.find("   created:") :].splitlines()[:6]
    log("\n".join(tail))
    log(
        f"{imported} nodes imported in {seconds:.0f} s: {rate:.0f} nodes/s "
        f"(target {args.target:.0f})"
    )
    step = max(1, len(samples) // 10)
    log("RSS over time (s, MB): " + ", ".join(f"{t:.0f}:{r:.0f}" for t, r in samples[::step]))
    log(f"peak RSS {peak:.0f} MB")
    results = ROOT / "bench" / "results"
    results.mkdir(exist_ok=True)
    path = results / f"import-{datetime.now(UTC):%Y%m%dT%H%M%SZ}.json"
    path.write_text(json.dumps({
        "nodes": args.nodes, "imported": imported, "seconds": round(seconds, 1),
        "nodes_per_second": round(rate, 1), "peak_rss_mb": peak, "rss_samples": samples,
        "batch": args.batch, "report_head": tail, "load_average": os.getloadavg(),
    }, indent=1))  # fmt: skip
    log(f"Written {path}")
    raise SystemExit(0 if rate >= args.target else 1)


if __name__ == "__main__":
    main()
