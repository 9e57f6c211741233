"""A Council decision concerning government members, the validation workflow, and helpers to
read the links out of the captured emails."""

import email
import email.policy
import re

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.test import Client
from wagtail.rich_text import RichText

from releases.permissions import ensure_communicators_group

LINK = re.compile(r"https?://[^\s\"<>]+/validation/[A-Za-z0-9_-]+/")


def parse(message):
    """The email as a mail client sees it: (headers, text body, html body)."""
    parsed = email.message_from_bytes(message.message().as_bytes(), policy=email.policy.default)
    text = parsed.get_body(("plain",)).get_content()
    html = parsed.get_body(("html",)).get_content()
    return parsed, text, html


def link_in(message):
    _parsed, text, _html = parse(message)
    found = LINK.findall(text)
    assert len(found) == 1, text
    return found[0]


def links_by_recipient(outbox=None):
    """{email address: link} for every validation email in the outbox (the latest wins)."""
    links = {}
    for message in outbox if outbox is not None else mail.outbox:
        parsed, text, _html = parse(message)
        found = LINK.findall(text)
        if found:
            links[parsed["To"].addresses[0].addr_spec] = found[0]
    return links


def path_of(url):
    return url.split("://", 1)[1].split("/", 1)[1].join(["/", ""])


@pytest.fixture
def workflow(site_structure):
    from validation.management.commands.ensure_validation_workflow import (
        ensure_validation_workflow,
    )

    workflow, task, _assigned = ensure_validation_workflow()
    return workflow


@pytest.fixture
def task(workflow):
    return workflow.tasks.first().specific


@pytest.fixture
def council(factories):
    return factories.council()


@pytest.fixture
def communicator(council):
    from wagtail.models import Collection

    if not Collection.objects.exists():
        # A transactional test (the browser test, or an earlier run with --reuse-db) flushed
        # the root collection the migrations made; the communicators group needs it.
        Collection.add_root(name="Root")
    user = get_user_model().objects.create_user(
        "communicator",
        email="communicator@chancellery.example.be",
        password="pw",
        first_name="Chris",
        last_name="Communicator",
    )
    user.groups.add(ensure_communicators_group())
    council.communicators.add(user)
    return user


@pytest.fixture
def admin_user_(db):
    return get_user_model().objects.create_superuser("boss", "boss@example.be", "pw")


@pytest.fixture
def members(factories):
    """Three government members, each with one or two spokespersons."""
    result = []
    for n, languages in enumerate(["fr", "nl,fr", "de"]):
        member = factories.government_member(name=f"Minister {n}", slug=f"minister-{n}")
        factories.contact(
            member, name=f"Spokes {n}a", email=f"spokes{n}a@example.be", languages=languages
        )
        result.append(member)
    factories.contact(result[1], name="Spokes 1b", email="spokes1b@example.be", languages="nl")
    # Neither a press officer nor an inactive spokesperson is asked.
    factories.contact(result[0], name="Officer", email="officer@example.be", role="press_officer")
    factories.contact(result[0], name="Gone", email="gone@example.be", is_active=False)
    return result


@pytest.fixture
def make_decision(factories, council, workflow):
    def make(members=(), language="nl", **fields):
        meeting = factories.meeting(language=language)
        fields.setdefault("title", "Reform of the federal pension scheme")
        fields.setdefault("lead", "The Council approves the pension reform.")
        fields.setdefault(
            "body",
            [("paragraph", RichText("<p>The pension age stays at <b>67</b>.</p>"))],
        )
        page = factories.release(
            parent=meeting, language=language, publish=False, publisher=council, **fields
        )
        page.concerned_members.set(members)
        page.save()
        page.save_revision()
        return page

    return make


@pytest.fixture
def submit(django_capture_on_commit_callbacks):
    def submit(page, user):
        with django_capture_on_commit_callbacks(execute=True):
            return page.get_workflow().start(page, user)

    return submit


@pytest.fixture
def csrf_client():
    return Client(enforce_csrf_checks=True)


@pytest.fixture
def in_validation(make_decision, members, communicator, submit):
    """A decision concerning `members`, submitted: (page, task state, links by recipient)."""
    page = make_decision(members)
    state = submit(page, communicator)
    return page, state, links_by_recipient()
