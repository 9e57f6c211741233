"""Progress of a long import: a bar with rate and ETA on a terminal, plain periodic lines
otherwise (logs, CI)."""

import time


def _duration(seconds):
    seconds = int(seconds)
    hours, rest = divmod(seconds, 3600)
    minutes, seconds = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{seconds:02d}" if hours else f"{minutes:02d}:{seconds:02d}"


class Progress:
    def __init__(self, total, stream, is_tty=None, every=10.0, width=30, clock=time.monotonic):
        self.total = max(0, total)
        self.stream = stream
        self.is_tty = stream.isatty() if is_tty is None else is_tty
        self.every = every
        self.width = width
        self.clock = clock
        self.started = clock()
        self.last_line = self.started
        self.done = 0

    def line(self):
        elapsed = max(self.clock() - self.started, 1e-9)
        rate = self.done / elapsed
        remaining = max(self.total - self.done, 0)
        eta = _duration(remaining / rate) if rate > 0 else "--:--"
        share = self.done / self.total if self.total else 1.0
        text = f"{self.done}/{self.total} nodes {share:4.0%} {rate:.0f}/s ETA {eta}"
        if self.is_tty:
            filled = int(self.width * min(share, 1.0))
            text = f"[{'#' * filled}{'.' * (self.width - filled)}] {text}"
        return text

    def advance(self, count):
        self.done += count
        now = self.clock()
        if self.is_tty:
            self.stream.write("\r" + self.line())
            self.stream.flush()
        elif now - self.last_line >= self.every:
            self.last_line = now
            self.stream.write(self.line() + "\n")
            self.stream.flush()

    def finish(self):
        elapsed = self.clock() - self.started
        end = "\n" if self.is_tty else ""
        self.stream.write(
            f"{end}{self.done} nodes in {_duration(elapsed)} "
            f"({self.done / max(elapsed, 1e-9):.0f}/s)\n"
        )
        self.stream.flush()
