"""Real-browser tests: Debian's Chromium driven by Playwright (never a downloaded browser)."""

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
