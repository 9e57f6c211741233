"""Reading the admin dashboard in tests."""

from django.urls import reverse


def dashboard(client, user):
    """The dashboard's HTML for `user`, in English."""
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
    client.force_login(user)
    response = client.get(reverse("wagtailadmin_home"))
    assert response.status_code == 200
    return response.content.decode()


def panel(html, panel_id):
    """The HTML of one panel (its id with dashes), empty when it is not shown."""
    parts = html.split(f'id="{panel_id}-section"', 1)
    return parts[1].split("</section>", 1)[0] if len(parts) == 2 else ""
