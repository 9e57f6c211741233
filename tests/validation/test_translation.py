"""A translated Council decision goes through spokesperson validation like its source: the
government members concerned are copied to the translation, the translation editor's
"Publish" submits it to validation, and wagtail-localize's own publication is refused by the
guard whatever path reaches it."""

import pytest
from django.contrib.messages import SUCCESS
from django.urls import reverse
from wagtail.models import Locale, WorkflowState
from wagtail_localize.models import Translation

from releases.loading import loading
from releases.models import PressReleasePage
from tests.releases.test_translation import put_string, translate
from validation.guard import UnvalidatedPublication

pytestmark = pytest.mark.django_db


@pytest.fixture
def decision_fr(client, make_decision, members, communicator):
    """A decision naming two members, and its French translation being written."""
    decision = make_decision(members[:2])
    client.force_login(communicator)
    fr = translate(client, decision)
    translation = Translation.objects.get(
        source__object_id=decision.translation_key, target_locale=fr.locale
    )
    put_string(client, translation, "title", "Réforme des pensions")
    return decision, fr, translation


def test_the_translation_names_the_same_members(decision_fr, members):
    decision, fr, _translation = decision_fr
    assert set(fr.concerned_members.all()) == set(members[:2])
    # Its Council meeting was translated with it: the decision sits under the French meeting.
    meeting = fr.get_parent().specific
    assert meeting.locale.language_code == "fr"
    assert meeting.translation_key == decision.get_parent().translation_key


def test_publish_in_the_translation_editor_submits_to_validation(
    client, decision_fr, django_capture_on_commit_callbacks, mailoutbox
):
    _decision, fr, _translation = decision_fr
    edit = reverse("wagtailadmin_pages:edit", args=(fr.pk,))
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(edit, {"action": "publish"}, follow=True)
    assert response.status_code == 200
    said = [(m.level, str(m)) for m in response.context["messages"]]
    assert any(level == SUCCESS and "Réforme des pensions" in text for level, text in said)
    fr.refresh_from_db()
    assert not fr.live
    state = WorkflowState.objects.get(object_id=str(fr.pk))
    assert state.status == WorkflowState.STATUS_IN_PROGRESS
    # The spokespersons receive the French text.
    assert mailoutbox and all("Réforme des pensions" in m.body for m in mailoutbox)
    # Publishing again while it is in validation does not publish it either.
    with django_capture_on_commit_callbacks(execute=True):
        client.post(edit, {"action": "publish"})
    fr.refresh_from_db()
    assert not fr.live


def test_wagtail_localize_cannot_publish_an_unvalidated_translation(
    decision_fr, communicator, django_capture_on_commit_callbacks
):
    """The rule holds below the admin: wagtail-localize's own publication (its editor's code,
    "Sync translated pages" with "publish") meets the guard."""
    _decision, fr, translation = decision_fr
    with pytest.raises(UnvalidatedPublication):
        with django_capture_on_commit_callbacks(execute=True):
            translation.save_target(user=communicator, publish=True)
    assert not PressReleasePage.objects.get(pk=fr.pk).live


def test_a_translation_of_a_decision_naming_nobody_publishes(
    client, make_decision, communicator, django_capture_on_commit_callbacks
):
    decision = make_decision(())
    client.force_login(communicator)
    fr = translate(client, decision)
    edit = reverse("wagtailadmin_pages:edit", args=(fr.pk,))
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(edit, {"action": "publish"}).status_code == 302
    fr.refresh_from_db()
    assert fr.live and fr.locale == Locale.objects.get(language_code="fr")


def test_a_new_translation_of_a_live_decision_waits_for_validation(
    client, decision_fr, django_capture_on_commit_callbacks
):
    """Correcting a published translation: the public text stays as validated until the
    new one is (wagtail-localize's own draft save would write it into the live page)."""
    _decision, fr, translation = decision_fr
    with loading("test fixture"), django_capture_on_commit_callbacks(execute=True):
        translation.save_target(publish=True)
    fr.refresh_from_db()
    assert fr.live and fr.title == "Réforme des pensions"

    put_string(client, translation, "title", "Réforme des retraites")
    edit = reverse("wagtailadmin_pages:edit", args=(fr.pk,))
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(edit, {"action": "publish"})
    assert response.status_code == 302
    fr.refresh_from_db()
    assert fr.live and fr.title == "Réforme des pensions"
    assert fr.get_latest_revision_as_object().title == "Réforme des retraites"
    assert WorkflowState.objects.get(object_id=str(fr.pk)).status == "in_progress"
    assert client.get(fr.url).status_code == 200
    assert "Réforme des retraites" not in client.get(fr.url).content.decode()
