import re

from .conftest import path_of


def form_fields(response):
    token = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', response.content).group(1)
    revision = re.search(rb'name="revision" value="(\d+)"', response.content).group(1)
    return token.decode(), int(revision)


def post_answer(client, url, action="approve", comment="", revision=None):
    """Open the page like a browser (GET sets the CSRF cookie), then POST its form."""
    page = client.get(path_of(url))
    assert page.status_code == 200, page.content.decode()
    token, shown_revision = form_fields(page)
    return client.post(
        path_of(url),
        {
            "csrfmiddlewaretoken": token,
            "revision": revision if revision is not None else shown_revision,
            "action": action,
            "comment": comment,
        },
    )


def after_quiet_period(capture_on_commit_callbacks):
    """The text has stopped changing: the beat job sends the links of the restarted task."""
    from datetime import timedelta

    from django.utils import timezone

    from validation.models import SpokespersonValidationTaskState
    from validation.tasks import process_due_validations

    SpokespersonValidationTaskState.objects.filter(send_after__isnull=False).update(
        send_after=timezone.now() - timedelta(seconds=1)
    )
    with capture_on_commit_callbacks(execute=True):
        return process_due_validations.delay().get()
