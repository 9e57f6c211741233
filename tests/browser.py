"""Real-browser tests: Debian's Chromium driven by Playwright (never a downloaded browser)."""

import os
from pathlib import Path

DOCS_SCREENSHOTS = Path(__file__).resolve().parents[1] / "docs" / "screenshots"

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def new_browser_page(browser, **context_options):
    """A page in a fresh browser context (Belgian Dutch unless told), with a 15 s timeout."""
    context_options.setdefault("locale", "nl-BE")
    page = browser.new_context(**context_options).new_page()
    page.set_default_timeout(15_000)
    return page


def save_screenshot(page, name, tmp_path):
    """A full-page screenshot: into docs/screenshots/`name` when UPDATE_SCREENSHOTS=1 (to
    refresh the documentation's pictures), else under `tmp_path`, so that a test run leaves
    the checkout as it was."""
    folder = DOCS_SCREENSHOTS if os.environ.get("UPDATE_SCREENSHOTS") == "1" else tmp_path
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    page.screenshot(path=str(path), full_page=True)
    return path
