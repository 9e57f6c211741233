"""WCAG 2.1 AA audit of the public pages in a real browser: axe-core (bundled by
axe-playwright-python) on Debian's Chromium, at a desktop and a phone viewport, plus the keyboard
basics axe cannot see (skip link, tab order, visible focus)."""

from datetime import date

import pytest

from directory.models import PressContact
from tests.browser import new_browser_page

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

VIEWPORTS = {"desktop": {"width": 1280, "height": 900}, "phone": {"width": 390, "height": 844}}
AXE_OPTIONS = {
    "runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]},
    "resultTypes": ["violations"],
}


def new_page(chromium, viewport="desktop"):
    return new_browser_page(chromium, viewport=VIEWPORTS[viewport])


def publish(page):
    page.save_revision().publish()
    page.refresh_from_db()
    return page


@pytest.fixture
def world(site_structure, factories):
    """A realistic site: publishers, a government member with a photo and contacts, themes, a
    release with every block type and its French version, a Council meeting with a decision."""
    council = factories.council()
    finance = factories.publisher(
        name="FOD Financiën",
        slug="fod-financien",
        name_nl="FOD Financiën",
        acronym_nl="FIN",
        address="Koning Albert II-laan 33\n1030 Brussel",
        phone="+32 2 572 57 57",
        email="pers@financien.example.be",
        website="https://financien.example.be",
    )
    health = factories.publisher(name="FOD Volksgezondheid", slug="fod-volksgezondheid")
    minister = factories.government_member(
        name="Anna De Smet",
        slug="anna-de-smet",
        portfolio_nl="Minister van Financiën",
        portfolio_fr="Ministre des Finances",
        image=factories.image("Anna De Smet", size=(240, 160)),
        phone="+32 2 000 00 00",
        email="kabinet@desmet.example.be",
        term_start=date(2025, 2, 3),
    )
    spokesperson = factories.contact(
        minister,
        name="Jan Peeters",
        phone="+32 2 111 11 11",
        mobile="+32 470 00 00 00",
        languages="nl,fr",
    )
    factories.contact(minister, name="Els Janssens", role=PressContact.Role.PRESS_OFFICER)
    factories.contact(finance, name="Marie Dubois")
    taxes = factories.theme(slug="belastingen", name_nl="Belastingen", name_fr="Impôts")
    budget = factories.theme(slug="begroting", name_nl="Begroting", name_fr="Budget")

    release = factories.release(
        title="Nieuwe regels voor de belastingaangifte",
        slug="nieuwe-regels-belastingaangifte",
        lead="De aangifte wordt eenvoudiger voor iedereen.",
        publisher=finance,
        co_publishers=[minister],
        themes=[taxes, budget],
        body=factories.full_release_body()[0],
    )
    release.press_contacts.set([spokesperson])
    release = publish(release)
    release_fr = factories.translation_of(
        release,
        "fr",
        title="Nouvelles règles pour la déclaration fiscale",
        slug="nouvelles-regles-declaration-fiscale",
        lead="La déclaration devient plus simple pour tout le monde.",
    )
    for n in range(3):
        factories.release(title=f"Vaccinatiecampagne fase {n + 1}", publisher=health)

    meeting = factories.meeting(
        meeting_date=date(2026, 11, 20), title="Ministerraad van 20/11/2026"
    )
    decision = factories.release(
        parent=meeting,
        title="Ontwerp van wet over de belastinghervorming",
        lead="De Ministerraad keurt het ontwerp goed.",
        publisher=council,
        themes=[taxes],
    )
    decision.concerned_members.set([minister])
    factories.publish_as_validated(decision)
    factories.meeting(
        meeting_date=date(2026, 11, 20), language="fr", title="Conseil des ministres du 20/11/2026"
    )
    report = factories.photo_report(
        language="nl", title="Staatsbezoek aan Japan", slug="staatsbezoek-japan"
    )
    return {
        "report": report,
        "release": release,
        "release_fr": release_fr,
        "meeting": meeting,
        "decision": decision,
        "minister": minister,
    }


def audited_urls(world):
    news = "/nl/nieuws/"
    return {
        "home (nl)": "/nl/",
        "home (fr)": "/fr/",
        "news listing, filtered": f"{news}?publisher=fod-financien&theme=belastingen",
        "search with results": f"{news}?q=belastingaangifte",
        "search without results": f"{news}?q=onvindbaarwoord",
        "news listing, unusable filters": f"{news}?from=geen-datum&publisher=onbekend",
        "release": world["release"].url,
        "release (fr)": world["release_fr"].url,
        "Council index": "/nl/ministerraad/",
        "Council meeting": world["meeting"].url,
        "Council decision": world["decision"].url,
        "publisher source page": "/nl/source/anna-de-smet/",
        "feeds": "/nl/feeds/",
        "contact points": "/nl/contacts/",
        "contact points, invalid filter": "/nl/contacts/?q=x&type=onbekend",
        "privacy and statistics": "/nl/privacy/",
        "photo library": "/nl/fotos/",
        "photo library, filtered": "/nl/fotos/?q=japan&from=geen-datum",
        "photo report": world["report"].url,
        "404": "/nl/bestaat-niet/",
    }


def format_violations(name, url, violations):
    lines = [f"{name} ({url}): {len(violations)} axe violation(s)"]
    for violation in violations:
        lines.append(
            f"  - {violation['id']} [{violation['impact']}] {violation['help']}"
            f" <{violation['helpUrl']}>"
        )
        for node in violation["nodes"]:
            target = " ".join(str(part) for part in node["target"])
            lines.append(f"      {target}: {node.get('failureSummary', '').splitlines()[-1:]}")
    return "\n".join(lines)


@pytest.mark.parametrize("viewport", list(VIEWPORTS))
def test_public_pages_have_no_axe_violations(live_server, chromium, world, viewport):
    from axe_playwright_python.sync_playwright import Axe

    axe = Axe()
    page = new_page(chromium, viewport)
    failures = []
    for name, path in audited_urls(world).items():
        response = page.goto(f"{live_server.url}{path}")
        expected = 404 if name == "404" else 200
        assert response.status == expected, f"{name} ({path}) answered {response.status}"
        violations = axe.run(page, options=AXE_OPTIONS).response["violations"]
        if violations:
            failures.append(format_violations(name, path, violations))
    page.context.close()
    assert not failures, f"{viewport} viewport:\n" + "\n".join(failures)


def test_server_error_page_has_no_axe_violations(rf, chromium):
    """The 500 page is served by itself (no stylesheet, no database): audit its HTML as such."""
    from axe_playwright_python.sync_playwright import Axe
    from django.utils import translation

    from newsportal.views import server_error

    with translation.override("fr"):
        html = server_error(rf.get("/fr/")).content.decode()
    failures = []
    for viewport in VIEWPORTS:
        page = new_page(chromium, viewport)
        page.set_content(html)
        violations = Axe().run(page, options=AXE_OPTIONS).response["violations"]
        if violations:
            failures.append(format_violations(f"500 ({viewport})", "/", violations))
        page.context.close()
    assert not failures, "\n".join(failures)


# WCAG 1.4.12: the text must survive these spacings without loss of content.
TEXT_SPACING_CSS = """
* { line-height: 1.5 !important; letter-spacing: 0.12em !important;
    word-spacing: 0.16em !important; }
p { margin-bottom: 2em !important; }
"""


def test_pages_reflow_at_320_pixels_with_text_spacing(live_server, chromium, world):
    """WCAG 1.4.10 and 1.4.12, which axe does not test: at 320 CSS pixels wide nothing scrolls
    sideways (tables scroll inside their own region), and with the text spacing of 1.4.12 no
    block cuts its content off."""
    # The text-spacing style is the reader's own (a bookmarklet, an extension): the site's
    # Content-Security-Policy does not apply to it.
    context = chromium.new_context(
        viewport={"width": 320, "height": 640}, locale="nl-BE", bypass_csp=True
    )
    page = context.new_page()
    page.set_default_timeout(15_000)
    problems = []
    for name, path in audited_urls(world).items():
        page.goto(f"{live_server.url}{path}")
        page.add_style_tag(content=TEXT_SPACING_CSS)
        width = page.evaluate("document.documentElement.scrollWidth")
        if width > 320:
            problems.append(f"{name} ({path}): the page is {width}px wide at 320px")
        clipped = page.evaluate(
            """() => Array.from(document.querySelectorAll('main *')).filter(el => {
                const style = getComputedStyle(el);
                const exempt = el.closest('.table-scroll, .visually-hidden');
                if (style.overflowY === 'visible' || exempt) return false;
                return el.scrollHeight > el.clientHeight + 1 && el.clientHeight > 0;
            }).map(el => el.className || el.tagName)"""
        )
        if clipped:
            problems.append(f"{name} ({path}): content cut off or scrolled inside {clipped}")
    context.close()
    assert not problems, "\n".join(problems)


def test_axe_reports_a_known_violation(live_server, chromium, world):
    """The audit is not vacuous: an image without alt text on a served page is caught."""
    from axe_playwright_python.sync_playwright import Axe

    page = new_page(chromium)
    page.goto(f"{live_server.url}/nl/")
    page.evaluate("document.querySelector('main').append(document.createElement('img'))")
    violations = Axe().run(page, options=AXE_OPTIONS).response["violations"]
    page.context.close()
    assert "image-alt" in {violation["id"] for violation in violations}


def focused(page):
    return page.evaluate(
        """() => {
            const el = document.activeElement;
            return {
                tag: el.tagName.toLowerCase(),
                id: el.id,
                cls: el.className,
                href: el.getAttribute('href'),
                inside: el.closest('nav') ? el.closest('nav').className : '',
                focus: el.matches(':focus'),
            };
        }"""
    )


def focus_style(page):
    return page.evaluate(
        """() => {
            const style = getComputedStyle(document.activeElement);
            return {outline: style.outlineStyle, width: parseFloat(style.outlineWidth)};
        }"""
    )


@pytest.mark.parametrize("viewport", list(VIEWPORTS))
def test_skip_link_then_language_switcher_and_main_nav(live_server, chromium, world, viewport):
    page = new_page(chromium, viewport)
    page.goto(f"{live_server.url}/nl/nieuws/")

    page.keyboard.press("Tab")
    first = focused(page)
    assert first["cls"] == "skip-link", f"first focusable element is {first}"
    skip = page.locator("a.skip-link")
    assert skip.is_visible() and skip.bounding_box()["y"] >= 0, "skip link not shown on focus"
    page.keyboard.press("Enter")
    assert focused(page)["id"] == "main", "the skip link does not move focus to <main>"

    # From the top: the language switcher, then the main menu, are reached by Tab alone.
    page.goto(f"{live_server.url}/nl/nieuws/")
    reached = []
    for _ in range(20):
        page.keyboard.press("Tab")
        reached.append(focused(page))
    languages = [el["href"] for el in reached if "language-switcher" in el["inside"]]
    menu = [el["href"] for el in reached if "main-nav" in el["inside"]]
    assert len(languages) == 3, reached  # fr, de, en: nl is the current one, not a link
    assert {"/nl/", "/nl/nieuws/", "/nl/ministerraad/", "/nl/contacts/", "/nl/feeds/"} <= set(
        menu
    ), reached
    first_language = next(i for i, el in enumerate(reached) if "language-switcher" in el["inside"])
    first_menu = next(i for i, el in enumerate(reached) if "main-nav" in el["inside"])
    assert first_language < first_menu
    page.context.close()


def test_focus_is_visible_on_links_and_buttons(live_server, chromium, world):
    page = new_page(chromium)
    page.goto(f"{live_server.url}/nl/nieuws/?q=belastingaangifte")
    seen = {}
    for _ in range(60):
        page.keyboard.press("Tab")
        element = focused(page)
        # A date field's calendar button is a Tab stop inside the browser's own widget: the
        # field is the active element without matching :focus, and its style is not readable.
        if element["tag"] not in {"a", "button", "input", "select"} or not element["focus"]:
            continue
        style = focus_style(page)
        assert style["outline"] != "none" and style["width"] >= 2, (element, style)
        seen.setdefault(element["tag"], element)
    assert {"a", "button", "input", "select"} <= set(seen), seen
    page.context.close()


def test_video_loads_only_on_request_and_takes_focus(live_server, chromium, world):
    """The click-to-load player (static/js/site.js) works from the keyboard: the button is
    reachable by Tab, Enter loads a titled player and focus moves into it."""
    page = new_page(chromium)
    requested = []

    def refuse(route):
        requested.append(route.request.url)
        route.abort()

    page.route("**/*youtube*/**", refuse)
    page.goto(f"{live_server.url}{world['release'].url}")
    assert requested == [], "the video host was contacted before the reader asked"
    button = page.locator("button[data-video-provider='youtube']")
    assert button.is_visible()
    for _ in range(80):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.dataset.videoProvider === 'youtube'"):
            break
    else:
        pytest.fail("the play button cannot be reached with Tab")
    page.keyboard.press("Enter")
    iframe = page.locator("[data-video-player] iframe")
    iframe.wait_for()
    assert iframe.get_attribute("title") == "The announcement"
    assert page.evaluate("document.activeElement.tagName") == "IFRAME"
    assert any("youtube-nocookie.com/embed/dQw4w9WgXcQ" in url for url in requested)
    page.context.close()


def test_a_photo_report_is_walked_with_the_keyboard(live_server, chromium, world):
    """Tab reaches every photo's download links in order, each named with the photo."""
    from django.utils import translation

    descriptions = [photo.image.description for photo in world["report"].photos.all()]
    with translation.override("nl"):
        expected = [
            f"{kind}: {description}"
            for description in descriptions
            for kind in (translation.gettext("Original"), translation.gettext("Web size"))
        ]
    page = new_page(chromium)
    page.goto(live_server.url + world["report"].url)
    names = []
    for _ in range(80):  # once through the page: focus comes back round after the last link
        page.keyboard.press("Tab")
        name = page.evaluate(
            "() => document.activeElement.closest('.photo-list')"
            " ? document.activeElement.textContent : null"
        )
        if name:
            names.append(" ".join(name.split()))
        if len(names) == len(expected):
            break
    page.context.close()
    assert names == expected
