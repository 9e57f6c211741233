"""A redis-server of the test's own, on a free port, that the test can kill and start again:
the shared Redis of the machine is never stopped."""

import os
import shutil
import socket
import subprocess
import time

import pytest


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class RedisServer:
    def __init__(self):
        self.binary = shutil.which("redis-server")
        if self.binary is None:
            if os.environ.get("REQUIRE_SERVICES") == "1":
                pytest.fail("REQUIRE_SERVICES=1 but the redis-server binary is missing")
            pytest.skip("needs the redis-server binary")
        self.port = free_port()
        self.process = None

    @property
    def url(self):
        return f"redis://127.0.0.1:{self.port}/0"

    def start(self):
        self.process = subprocess.Popen(
            [
                self.binary,
                "--port",
                str(self.port),
                "--bind",
                "127.0.0.1",
                "--save",
                "",
                "--appendonly",
                "no",
                "--daemonize",
                "no",
            ],  # fmt: skip
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            assert self.process.poll() is None, "redis-server exited"
            if self.command("PING") == "+PONG":
                return self
            time.sleep(0.05)
        raise AssertionError("redis-server did not answer in time")

    def kill(self):
        if self.process is not None and self.process.poll() is None:
            self.process.kill()
            self.process.wait(10)

    def command(self, *words):
        """One command in Redis's inline protocol; its first reply line ("" when none)."""
        try:
            with socket.create_connection(("127.0.0.1", self.port), 1) as conn:
                conn.sendall(" ".join(words).encode() + b"\r\n")
                return conn.recv(4096).decode().split("\r\n")[0]
        except OSError:
            return ""

    def keys(self):
        """How many keys the server holds."""
        reply = self.command("DBSIZE")
        return int(reply[1:]) if reply.startswith(":") else 0


class SilentServer:
    """A port that accepts connections and never answers: a hung Redis, or a firewall that
    lets the handshake through."""

    def __init__(self):
        self.socket = socket.socket()
        self.socket.bind(("127.0.0.1", 0))
        self.socket.listen(64)
        self.url = f"redis://127.0.0.1:{self.socket.getsockname()[1]}/0"

    def close(self):
        self.socket.close()
