"""Content loaded rather than written here (the demo content): apps that check what goes live
(spokesperson validation) let it through and record why."""

import contextlib
import contextvars

_reason = contextvars.ContextVar("releases_loading_reason", default="")


@contextlib.contextmanager
def loading(reason):
    token = _reason.set(reason)
    try:
        yield
    finally:
        _reason.reset(token)


def loading_reason():
    """Why the content being saved is loaded, or "" when someone is writing it."""
    return _reason.get()
