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
