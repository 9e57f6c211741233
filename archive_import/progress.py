"""Progress of a long import, drawn by tqdm: a bar with rate and ETA on a terminal; in a log
(stdout not a terminal) one plain line every `every` seconds, never a carriage return."""

from tqdm import tqdm

LINE_FORMAT = "{n}/{total} nodes {percentage:3.0f}% {rate_fmt} ETA {remaining}"


class _Bar(tqdm):
    monitor_interval = 0  # no monitor thread: the import advances the bar once per batch


class _LogLines(_Bar):
    """tqdm writing whole lines, for logs: its documented way is to override display()."""

    def display(self, msg=None, pos=None):
        if msg == "":
            return False  # nothing to clear in a log
        self.fp.write((self.__str__() if msg is None else msg) + "\n")
        self.fp.flush()
        return True


class Progress:
    def __init__(self, total, stream, is_tty=None, every=10.0):
        self.stream = stream
        self.is_tty = stream.isatty() if is_tty is None else is_tty
        options = {"total": max(0, total), "file": stream, "unit": " nodes", "miniters": 1}
        if self.is_tty:
            self.bar = _Bar(**options, dynamic_ncols=True)
        else:
            self.bar = _LogLines(
                **options, mininterval=every, delay=every, leave=False, bar_format=LINE_FORMAT
            )

    def advance(self, count):
        self.bar.update(count)

    def finish(self):
        done, elapsed = self.bar.n, self.bar.format_dict["elapsed"]
        self.bar.close()
        self.stream.write(
            f"{done} nodes in {tqdm.format_interval(elapsed)} ({done / max(elapsed, 1e-9):.0f}/s)\n"
        )
        self.stream.flush()
