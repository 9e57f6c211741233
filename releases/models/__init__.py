"""The models of releases, in the order they depend on one another: the taxonomy, the press
release, then the section pages, which render lists and so import the views, feeds and cards
(those import only the two modules above them, never this package's sections)."""

from .snippets import Theme

from .press_release import PressReleaseForm, PressReleasePage, ReleaseUpdate  # isort: skip
from .sections import CouncilIndexPage, CouncilMeetingPage, NewsIndexPage  # isort: skip

__all__ = [
    "CouncilIndexPage",
    "CouncilMeetingPage",
    "NewsIndexPage",
    "PressReleaseForm",
    "PressReleasePage",
    "ReleaseUpdate",
    "Theme",
]
