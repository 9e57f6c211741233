"""Instructions per request, in-process: a figure of the application's work that does not drift.

    .venv/bin/python bench/instructions.py "/nl/nieuws/?q=begroting" "/fr/actualites/?q=budget"
    .venv/bin/python bench/instructions.py --requests 5 /fr/actualites/

On the shared machines the benchmark runs on, wall time drifts by a third and more within an
hour (bench/README.md): two versions of the code compare reliably only by what the CPU executes.
This runs the requests of profile_request.py (Django's test client, the production settings,
the benchmark database, nothing cached between requests) under valgrind's callgrind, which
counts the instructions of this process from the first measured request to the last: the
application's work, not the database server's (another process), whatever else the machine
is doing. Needs valgrind (Debian: `apt-get install valgrind`).
"""

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CHILD = "_BENCH_INSTRUCTIONS_DIR"  # set in the process valgrind runs: where to signal
WARM_UP_ROUNDS = 2
TIMEOUT = 1800


def measured_process(urls, requests, database_url, checkout):
    """Under valgrind: warm up with counting off, say so, wait to be counted, then request."""
    signals = Path(os.environ[CHILD])
    # The checkout's own code and settings, configured as its profile_request.py does.
    sys.path[:0] = [str(checkout), str(checkout / "bench")]
    from profile_request import configure

    configure(database_url)
    from django.test import Client

    client = Client()
    for _ in range(WARM_UP_ROUNDS):
        for url in urls:
            client.get(url, HTTP_HOST="127.0.0.1")
    (signals / "ready").touch()
    while not (signals / "go").exists():
        time.sleep(0.1)
    for _ in range(requests):
        for url in urls:
            status = client.get(url, HTTP_HOST="127.0.0.1").status_code
            if status != 200:
                print(f"{url}: HTTP {status}", file=sys.stderr)
                os._exit(1)
    # Straight out: the interpreter's shutdown is not the application's work.
    os._exit(0)


def count(urls, requests, database_url, checkout):
    """Total instructions of `requests` rounds of `urls`, from callgrind's summary line."""
    for tool in ("valgrind", "callgrind_control"):
        if shutil.which(tool) is None:
            sys.exit(f"{tool} is missing: apt-get install valgrind")
    with tempfile.TemporaryDirectory() as signals:
        output = Path(signals) / "callgrind.out"
        command = [
            "valgrind",
            "--quiet",
            "--tool=callgrind",
            "--instr-atstart=no",
            f"--callgrind-out-file={output}",
            sys.executable,
            str(Path(__file__).resolve()),
            "--requests",
            str(requests),
            "--database-url",
            database_url,
            "--checkout",
            str(checkout),
            *urls,
        ]
        # In the checkout: Celery's Django fix-up puts the working directory first on sys.path.
        process = subprocess.Popen(
            command, env={**os.environ, CHILD: signals}, stdout=subprocess.DEVNULL, cwd=checkout
        )
        deadline = time.monotonic() + TIMEOUT
        while not (Path(signals) / "ready").exists():
            if process.poll() is not None or time.monotonic() > deadline:
                process.kill()
                sys.exit("the measured process stopped before its requests (see above)")
            time.sleep(0.5)
        subprocess.run(
            ["callgrind_control", "--instr=on", str(process.pid)],
            check=True,
            capture_output=True,
        )
        (Path(signals) / "go").touch()
        if process.wait(timeout=TIMEOUT) != 0:
            sys.exit("a measured request failed")
        match = re.search(r"^(?:summary|totals): (\d+)", output.read_text(), re.MULTILINE)
        return int(match.group(1))


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("urls", nargs="+")
    parser.add_argument("--database-url", help="default: the one bench/run.py fills")
    parser.add_argument("--requests", type=int, default=3, help="rounds of the URLs counted")
    parser.add_argument(
        "--checkout", type=Path, default=ROOT, help="the code measured (a git worktree)"
    )
    args = parser.parse_args()
    checkout = args.checkout.resolve()
    if CHILD in os.environ:
        measured_process(args.urls, args.requests, args.database_url, checkout)
        return
    if args.database_url is None:
        sys.path.insert(0, str(ROOT / "bench"))
        from run import DEFAULT_DATABASE_URL

        args.database_url = DEFAULT_DATABASE_URL
    total = count(args.urls, args.requests, args.database_url, checkout)
    per_request = total / (args.requests * len(args.urls))
    print(
        f"{total:,} instructions for {args.requests} × {len(args.urls)} requests: "
        f"{per_request / 1e6:.1f} million per request"
    )


if __name__ == "__main__":
    main()
