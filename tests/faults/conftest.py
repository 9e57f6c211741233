"""Fault injection: a broker that is down (a closed port), hung (accepts, never answers) or
comes back (a redis-server of the test's own, started and killed here: the shared Redis is
never touched); a mail service (a real local HTTP server behind anymail's Postmark backend)
that answers 5xx or hangs; and a real Celery worker, in a thread of the test process so that
it shares the test's database and anymail's `mail.outbox`."""

import json
import shutil
import socket
import subprocess
import threading
import time
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from celery.contrib.testing.worker import start_worker

from tests.conftest import REQUIRE_SERVICES
from tests.newsportal.test_celery import sending_app, wagtail_base_rows  # noqa: F401
from tests.subscriptions.conftest import make_subscriber  # noqa: F401 (a fixture)
from tests.validation.conftest import (  # noqa: F401 (fixtures)
    communicator,
    council,
    make_decision,
    members,
    task,
    workflow,
)


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@contextmanager
def broker(url, **conf):
    """The Celery app of the code under test, sending to `url` (not eager)."""
    with sending_app(broker_url=url, task_ignore_result=True, **conf) as app:
        yield app


class HungBroker:
    """Accepts connections and never answers: a broker stuck, or a network black hole."""

    def __init__(self):
        self.socket = socket.socket()
        self.socket.bind(("127.0.0.1", 0))
        self.socket.listen(50)
        self.port = self.socket.getsockname()[1]
        self.held = []
        self.thread = threading.Thread(target=self._accept, daemon=True)
        self.thread.start()

    def _accept(self):
        while True:
            try:
                connection, _address = self.socket.accept()
            except OSError:
                return
            self.held.append(connection)

    def close(self):
        self.socket.close()
        for connection in self.held:
            connection.close()


@pytest.fixture
def hung_broker():
    hung = HungBroker()
    yield f"redis://127.0.0.1:{hung.port}/0"
    hung.close()


class RedisServer:
    """A redis-server of the test's own on `port`, without persistence."""

    def __init__(self, port):
        self.port = port
        self.url = f"redis://127.0.0.1:{port}/0"
        self.process = None

    def start(self):
        self.process = subprocess.Popen(
            ["redis-server", "--port", str(self.port), "--bind", "127.0.0.1", "--save", "",
             "--appendonly", "no"],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )  # fmt: skip
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            try:
                with socket.create_connection(("127.0.0.1", self.port), 0.2) as probe:
                    probe.sendall(b"PING\r\n")
                    if probe.recv(16).startswith(b"+PONG"):
                        return
            except OSError:
                time.sleep(0.05)
        raise AssertionError("redis-server did not start")

    def stop(self):
        if self.process and self.process.poll() is None:
            self.process.kill()
            self.process.wait()


@pytest.fixture
def own_redis():
    """A Redis of the test's own, not started yet: its port is closed until `start()`."""
    if not shutil.which("redis-server"):
        message = "needs redis-server (apt-get install redis-server)"
        if REQUIRE_SERVICES:
            pytest.fail(message, pytrace=False)
        pytest.skip(message)
    server = RedisServer(free_port())
    yield server
    server.stop()


@contextmanager
def worker_thread(app):
    """A real Celery worker (solo pool) consuming `app`'s broker, in a thread."""
    with start_worker(app, pool="solo", perform_ping_check=False, shutdown_timeout=30) as worker:
        yield worker


def wait_for(condition, timeout=30):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.1)
    return condition()


class Esp:
    """A Postmark-like API on a local port. `mode` is "ok", "fail" (HTTP 503) or "hang" (never
    answers within the client's timeout). Counts the requests and the messages it accepted."""

    def __init__(self):
        self.mode = "ok"
        self.requests = 0
        self.accepted = []
        esp = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):
                body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
                esp.requests += 1
                if esp.mode == "hang":
                    time.sleep(3)
                    return
                if esp.mode == "fail":
                    self._answer(503, {"ErrorCode": 100, "Message": "Service unavailable"})
                    return
                esp.accepted.append(body)
                self._answer(200, {"To": body.get("To"), "ErrorCode": 0, "Message": "OK",
                                   "MessageID": f"esp-{len(esp.accepted)}",
                                   "SubmittedAt": "2025-01-01T00:00:00Z"})  # fmt: skip

            def _answer(self, status, payload):
                data = json.dumps(payload).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def close(self):
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def esp(settings):
    """anymail's real Postmark backend, its API at a local server, a 1 s timeout."""
    server = Esp()
    settings.EMAIL_BACKEND = "anymail.backends.postmark.EmailBackend"
    settings.ANYMAIL = {
        "POSTMARK_SERVER_TOKEN": "test-token",
        "POSTMARK_API_URL": server.url,
        "REQUESTS_TIMEOUT": 1,
    }
    yield server
    server.close()
