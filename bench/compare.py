"""Two versions of the code measured in turns on the benchmark database: which is faster, on a
machine whose speed drifts.

    git worktree add /tmp/before <commit>
    .venv/bin/python bench/compare.py /tmp/before .        # --rounds 20 by default

`bench/run.py` runs one version for minutes; on a shared machine the speed of the cores changes
more between two such runs than a change of the code does (runs of the same code here differed
by a third). This starts one process per checkout (in-process requests through Django's test
client, production settings, nothing cached: see profile_request.py) and has them take turns,
one round of every URL each, alternating which goes first: both see the same machine. It
prints the median, first quartile and 90th percentile per group of pages and version.

The checkouts share this virtualenv and the database `bench/run.py` filled: their migrations
must agree. Each compiles its own translations first (`manage.py compile_translations`).
"""

import argparse
import json
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

GROUPS = {
    "listing": ["/fr/actualites/", "/nl/nieuws/"],
    "search": [
        "/fr/actualites/?q=budget",
        "/nl/nieuws/?q=begroting",
        "/fr/actualites/?q=vaccination",
        "/nl/nieuws/?q=cyberveiligheid",
    ],
    "search by relevance": [
        "/fr/actualites/?q=pensions&sort=relevance",
        "/nl/nieuws/?q=verkeersveiligheid&sort=relevance",
    ],
    "home": ["/fr/", "/nl/"],
    "filtered listing": [
        "/nl/nieuws/?publisher=fedict&theme=economy&from=2010-01-01&to=2014-12-31",
        "/fr/actualites/?publisher=fps-foreign-affairs&theme=health&from=2015-01-01",
    ],
    "publisher page": ["/nl/source/fps-foreign-affairs/", "/fr/source/fedict/?page=2"],
    # The listing by the other facets: a type, two themes, all three kinds of filter.
    "type and themes": [
        "/nl/nieuws/?type=organisation",
        "/nl/nieuws/?theme=economy&theme=health",
        "/nl/nieuws/?type=member&theme=health&from=2020-01-01",
    ],
    # A search narrowed from its facets: a common word with a type, a theme, a publisher.
    "search and filter": [
        "/nl/nieuws/?q=begroting&type=organisation",
        "/nl/nieuws/?q=begroting&theme=economy",
        "/nl/nieuws/?q=begroting&publisher=fedict",
        "/nl/nieuws/?q=verkeersveiligheid&type=organisation",
        "/fr/actualites/?q=budget&type=member&theme=health",
    ],
}
# Printed by `manage.py shell` in a checkout: a few live release pages.
RELEASES_SCRIPT = """
import json
from releases.models import PressReleasePage
pages = PressReleasePage.objects.live().order_by("-pk")[:4]
print(json.dumps([page.url for page in pages]))
"""


def serve(checkout, database_url, urls):
    """One side: wait for a line on stdin, answer with the times of one round of `urls`."""
    sys.path[:0] = [str(checkout), str(checkout / "bench")]
    from profile_request import configure

    configure(database_url)
    from django.test import Client

    client = Client()
    for url in urls:
        for _ in range(2):  # warm up: templates, the process's first queries
            client.get(url, HTTP_HOST="127.0.0.1")
    print("ready", flush=True)
    for _line in sys.stdin:
        times = []
        for url in urls:
            start = time.perf_counter()
            response = client.get(url, HTTP_HOST="127.0.0.1")
            times.append((time.perf_counter() - start) * 1000)
            if response.status_code != 200:
                times[-1] = None
        print(json.dumps(times), flush=True)


def release_urls(checkout, database_url):
    from run import environment

    env = environment(database_url, checkout / "bench" / "var")
    result = subprocess.run(
        [sys.executable, "manage.py", "shell", "-c", RELEASES_SCRIPT],
        cwd=checkout,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(result.stdout.strip().splitlines()[-1])


def main():
    sys.path.insert(0, str(ROOT / "bench"))
    from run import DEFAULT_DATABASE_URL

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("checkouts", nargs="+", type=Path, help="one or more checkouts")
    parser.add_argument("--database-url", default=DEFAULT_DATABASE_URL)
    parser.add_argument("--rounds", type=int, default=20)
    parser.add_argument("--serve", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--urls", help=argparse.SUPPRESS)
    args = parser.parse_args()
    checkouts = [checkout.resolve() for checkout in args.checkouts]
    if args.serve:
        return serve(checkouts[0], args.database_url, json.loads(args.urls))

    groups = {**GROUPS, "release page": release_urls(checkouts[-1], args.database_url)}
    urls = [url for group in groups.values() for url in group]
    sides = [
        subprocess.Popen(
            [sys.executable, str(Path(__file__).resolve()), str(checkout), "--serve"]
            + ["--urls", json.dumps(urls), "--database-url", args.database_url],
            # Celery's Django fix-up puts the working directory first on sys.path: started
            # elsewhere, a side would load that directory's apps instead of its checkout's.
            cwd=checkout,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            text=True,
        )
        for checkout in checkouts
    ]
    for side in sides:
        if side.stdout.readline().strip() != "ready":
            sys.exit(f"a checkout did not start: {side.args}")
    times = [[[] for _url in urls] for _side in sides]
    for number in range(args.rounds):
        for index in range(len(sides)) if number % 2 == 0 else reversed(range(len(sides))):
            sides[index].stdin.write("go\n")
            sides[index].stdin.flush()
            for url_index, ms in enumerate(json.loads(sides[index].stdout.readline())):
                times[index][url_index].append(ms)
    for side in sides:
        side.stdin.close()
        side.wait()

    print(f"{'pages (ms)':20} {'checkout':30} {'median':>8} {'p25':>8} {'p90':>8}  errors")
    for group, group_urls in groups.items():
        for index, checkout in enumerate(checkouts):
            values = [times[index][urls.index(url)] for url in group_urls]
            measured = sorted(ms for series in values for ms in series if ms is not None)
            errors = sum(ms is None for series in values for ms in series)
            if not measured:
                print(f"{group:20} {str(checkout)[-30:]:30} {'-':>8} {'-':>8} {'-':>8}  {errors}")
                continue
            print(
                f"{group:20} {str(checkout)[-30:]:30} {statistics.median(measured):8.1f} "
                f"{measured[len(measured) // 4]:8.1f} {measured[int(len(measured) * 0.9)]:8.1f}"
                f"  {errors}"
            )


if __name__ == "__main__":
    main()
