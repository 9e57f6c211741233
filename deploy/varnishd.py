"""A throw-away varnishd running deploy/varnish/default.vcl in front of one local backend, for
the tests (tests/core/test_front_cache_varnish.py) and the benchmark (bench/cache.py)."""

import shutil
import socket
import subprocess
import tempfile
import time
from pathlib import Path

VCL_DIR = Path(__file__).resolve().parent / "varnish"
VARNISHD = shutil.which("varnishd") or "/usr/sbin/varnishd"

# The backend of the example, as one host on the loopback; probed every 0.5 s so that a stopped
# backend is seen within a second (the grace tests and benchmark stop it).
BACKENDS_VCL = """
probe app_health {{
    .url = "/robots.txt";
    .interval = 0.5s;
    .timeout = 1s;
    .window = 2;
    .threshold = 1;
    .initial = 1;
}}

backend app {{
    .host = "127.0.0.1";
    .port = "{port}";
    .probe = app_health;
    .connect_timeout = 1s;
    .first_byte_timeout = 30s;
}}

sub choose_backend {{
    set req.backend_hint = app;
}}

acl purgers {{
    "127.0.0.1";
}}
"""


def missing():
    """Why varnishd cannot run here, or None."""
    if not Path(VARNISHD).exists():
        return "needs varnishd (apt-get install varnish varnish-modules)"
    if not list(Path("/usr/lib/x86_64-linux-gnu/varnish/vmods").glob("libvmod_xkey.so")) and (
        not list(Path("/usr/lib").glob("**/varnish/vmods/libvmod_xkey.so"))
    ):
        return "needs the xkey vmod (apt-get install varnish-modules)"
    return None


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Varnish:
    """`with Varnish(backend_port) as varnish:` varnishd on `varnish.port` (loopback)."""

    def __init__(self, backend_port, port=None, storage="malloc,256m", threads=None):
        self.backend_port = backend_port
        self.port = port or free_port()
        self.storage = storage
        self.threads = threads
        self.workdir = None
        self.process = None

    @property
    def url(self):
        return f"http://127.0.0.1:{self.port}"

    def __enter__(self):
        self.workdir = Path(tempfile.mkdtemp(prefix="np-varnish-"))
        (self.workdir / "backends.vcl").write_text(BACKENDS_VCL.format(port=self.backend_port))
        command = [
            VARNISHD,
            "-F",
            "-j",
            "none",
            "-n",
            str(self.workdir / "state"),
            "-a",
            f"127.0.0.1:{self.port}",
            "-f",
            str(VCL_DIR / "default.vcl"),
            "-p",
            f"vcl_path={self.workdir}:{VCL_DIR}",
            "-s",
            self.storage,
            "-T",
            "none",
        ]
        if self.threads:
            command += ["-p", f"thread_pool_min={self.threads}"]
        self.process = subprocess.Popen(
            command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True
        )
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                output = self.process.stdout.read()
                raise RuntimeError(f"varnishd exited ({self.process.returncode}):\n{output}")
            try:
                with socket.create_connection(("127.0.0.1", self.port), 0.2):
                    return self
            except OSError:
                time.sleep(0.1)
        self.__exit__(None, None, None)
        raise RuntimeError("varnishd did not start within 30 s")

    def __exit__(self, *exc):
        if self.process and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        if self.process and self.process.stdout:
            self.process.stdout.close()
        if self.workdir:
            shutil.rmtree(self.workdir, ignore_errors=True)
