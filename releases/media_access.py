"""Which documents the public may download: a document is served only while a live, public,
unexpired page uses it. A PDF uploaded for an embargoed release answers 404 to anyone holding
its URL until the release goes live; editors who can choose it in the admin still get it (for
previews).

"Uses" is Wagtail's reference index, which Wagtail fills from the page rows: for a live page
that is its live version (a draft or a scheduled change is kept in revisions, not in the row),
so a file added by an unpublished change stays private until that change goes out. A document
no page uses (just uploaded, or in a draft that was never saved to a page row) is private too."""

from django.contrib.contenttypes.models import ContentType
from wagtail.documents import get_document_model
from wagtail.models import Page, ReferenceIndex
from wagtail.permissions import policy_registry

from core.public import public_pages

from .models.press_release import not_withdrawn


def pages_using(document):
    """Ids of the pages whose stored version names `document` (body blocks, rich text links)."""
    references = ReferenceIndex.objects.filter(
        to_content_type=ContentType.objects.get_for_model(get_document_model()),
        to_object_id=str(document.pk),
        base_content_type=ContentType.objects.get_for_model(Page),
    )
    return {int(pk) for pk in references.values_list("object_id", flat=True)}


def document_is_public(document):
    page_ids = pages_using(document)
    # A withdrawn release's files go with its text.
    return bool(page_ids) and not_withdrawn(public_pages(Page)).filter(pk__in=page_ids).exists()


def may_see_unpublished(user, document):
    """Editors who can pick the document in the admin: they preview what is not out yet."""
    if not user.is_authenticated:
        return False
    policy = policy_registry.get_by_type(get_document_model())
    return policy.user_has_any_permission_for_instance(user, ["choose", "change"], document)
