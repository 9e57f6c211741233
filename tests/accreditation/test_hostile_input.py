"""The hostile corpus of tests/newsportal/test_hostile_input.py on the accreditation form and
the token URLs: no server error, no unescaped echo."""

import logging

import pytest
from django.urls import reverse
from django.utils import translation

from tests.newsportal.test_hostile_input import VALUES, Corpus, form_posts

pytestmark = pytest.mark.django_db


def test_hostile_corpus_on_the_accreditation_pages(site_structure, factories, settings):
    settings.ACCREDITATION_RATE_LIMIT_PER_IP = (10**6, 3600)
    settings.ACCREDITATION_RATE_LIMIT_PER_ADDRESS = (10**6, 3600)
    publisher = factories.publisher(slug="finance")
    request_log = logging.getLogger("django.request")
    level = request_log.level
    request_log.setLevel(logging.ERROR)
    corpus = Corpus()
    try:
        with translation.override("nl"):
            apply_url = reverse("accreditation:apply")
        valid = {
            "name": "Anna",
            "medium": "Paper",
            "email": "anna@paper.example",
            "press_card_number": "BE-1",
            "publishers": [str(publisher.pk)],
            "language": "nl",
        }
        form_posts(corpus, apply_url, valid, list(valid))
        for value in VALUES:
            corpus.get(f"{apply_url}?renew={value}")
            for path in ("accreditation/confirm", "embargo"):
                corpus.get(f"/nl/{path}/{value}/")
            corpus.post(f"/nl/accreditation/confirm/{value}/", {})
    finally:
        request_log.setLevel(level)
    assert corpus.count > 100
    assert not corpus.failures, corpus.failures[:20]
