"""Counts the requests the front cache answered from its copies (docs/audience.md).

Reads varnishncsa lines in the format of deploy/varnish/README.md:

    varnishncsa -c -F '%t "%r" %s "%{User-agent}i" %{Varnish:handling}x'

and counts the cache hits (`hit`) of GET requests answered 200 or 206, by the same URL names
as the middleware (audience/classify.py). Misses and passes reached the application and were
counted there; they are skipped here, so nothing is counted twice. Lines from bots and lines
that are not in the format are skipped (the number is reported)."""

import contextlib
import re
import sys
from datetime import datetime
from urllib.parse import unquote, urlsplit

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from audience.bots import is_bot
from audience.classify import hit_for_path
from audience.counting import add_counts

LINE = re.compile(
    r'^\[(?P<time>[^\]]+)\] "(?P<method>[A-Z]+) (?P<target>\S+) [^"]*" (?P<status>\d{3}) '
    r'"(?P<agent>(?:[^"\\]|\\.)*)" (?P<handling>\w+)\s*$'
)
TIME_FORMAT = "%d/%b/%Y:%H:%M:%S %z"
COUNTED_STATUSES = {"200", "206"}


def parse_line(line):
    """(day, path, user agent) of a cache hit worth counting, or None; raises ValueError on a
    line not in the format."""
    match = LINE.match(line)
    if match is None:
        raise ValueError("not in the format")
    if (
        match["handling"] != "hit"
        or match["method"] != "GET"
        or match["status"] not in COUNTED_STATUSES
    ):
        return None
    moment = datetime.strptime(match["time"], TIME_FORMAT)
    day = timezone.localtime(moment).date()
    path = unquote(urlsplit(match["target"]).path) or "/"
    return day, path, match["agent"]


class Command(BaseCommand):
    help = "Count the front cache's hits from varnishncsa lines (files, or standard input)."

    def add_arguments(self, parser):
        parser.add_argument("files", nargs="*", help="log files; none or '-': standard input")

    def handle(self, *args, **options):
        files = options["files"]
        totals = {}  # {day: {(kind, name, object, language): n}}
        counted = skipped = malformed = bots = 0
        for name in files or ["-"]:
            try:
                stream = (
                    sys.stdin if name == "-" else open(name, encoding="utf-8", errors="replace")
                )
            except OSError as error:
                raise CommandError(f"{name}: {error.strerror}") from error
            with stream if stream is not sys.stdin else contextlib.nullcontext(stream):
                for line in stream:
                    try:
                        parsed = parse_line(line)
                    except ValueError:
                        malformed += 1
                        continue
                    if parsed is None:
                        skipped += 1
                        continue
                    day, path, agent = parsed
                    if is_bot(agent.replace('\\"', '"')):
                        bots += 1
                        continue
                    hit = hit_for_path(path)
                    if hit is None:
                        skipped += 1
                        continue
                    day_totals = totals.setdefault(day, {})
                    key = (hit.kind, hit.name, hit.object_id, hit.language)
                    day_totals[key] = day_totals.get(key, 0) + 1
                    counted += 1
        for day, day_totals in totals.items():
            add_counts(day, day_totals)
        self.stdout.write(
            f"{counted} cache hits counted, {skipped} lines not counted (misses, passes, "
            f"pages, errors), {bots} from bots, {malformed} not in the format."
        )
