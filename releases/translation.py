"""Who may start or sync a translation (wagtail-localize).

wagtail-localize's "Translate this page" and "Sync translated pages" views only ask for the
global `submit_translation` permission: with it, a communicator could create drafts of any
publisher's release by its id. These subclasses add the page rule (`can_translate`: the
user may act on the source page) and are mounted at the same admin paths ahead of
wagtail-localize's (wagtail_hooks.py), so its buttons and links lead here. The translation
editor itself is the page's edit view, which the page rules already guard. Its Translations
report lists every translation to every admin user: the subclass keeps, for a communicator,
the translations of pages they may change (no other publisher's unpublished titles); its
snippet API (for the editor's snippet choosers) answers only for the snippet types the user
may manage."""

from django.core.exceptions import PermissionDenied
from django.utils.text import slugify
from wagtail.coreutils import find_available_slug
from wagtail.models import Page
from wagtail.permissions import policy_registry
from wagtail_localize.fields import copy_synchronised_fields
from wagtail_localize.segments.ingest import ingest_segments
from wagtail_localize.views.report import TranslationsReportView
from wagtail_localize.views.snippets_api import SnippetViewSet
from wagtail_localize.views.submit_translations import SubmitPageTranslationView
from wagtail_localize.views.update_translations import UpdateTranslationsView

from .permissions import PublisherPagePermissionTester

SNIPPET_ACTIONS = ["add", "change", "delete", "view"]


def save_translation_draft(translation, user):
    """Save what the translator wrote as a new revision of the translated page, as Wagtail
    saves a draft. wagtail-localize's `save_target(publish=False)` writes the text into the
    page row first, and the row of a live page is its public text: it would be published
    without a publication. Same steps as its `create_or_update_translation` otherwise."""
    source = translation.source
    original = source.as_instance()
    page = translation.get_target_instance()
    copy_synchronised_fields(original, page)
    # Missing texts keep the source's, as wagtail-localize's own save does.
    segments = source._get_segments_for_translation(translation.target_locale, fallback=True)
    ingest_segments(original, page, source.locale, translation.target_locale, segments)
    page.slug = find_available_slug(page.get_parent(), slugify(page.slug), ignore_page_id=page.pk)
    return page, page.save_revision(user=user)


def require_translate(user, page):
    if not PublisherPagePermissionTester(user, page).can_translate():
        raise PermissionDenied


class SubmitOwnPageTranslationView(SubmitPageTranslationView):
    def get_object(self):
        page = super().get_object()
        require_translate(self.request.user, page)
        return page


class UpdateOwnTranslationsView(UpdateTranslationsView):
    def get_object(self):
        source = super().get_object()
        instance = source.get_source_instance()
        if isinstance(instance, Page):
            require_translate(self.request.user, instance)
        elif not self.request.user.is_superuser:
            # Snippets are not translated here: only administrators sync them.
            raise PermissionDenied
        return source


class OwnTranslationsReportView(TranslationsReportView):
    def get_queryset(self):
        # Newest first, and a stable order for the pages of the list.
        translations = super().get_queryset().order_by("-created_at", "-pk")
        user = self.request.user
        if user.is_superuser:
            return translations
        # The policy registered for pages: their own publishers' releases only.
        policy = policy_registry.get_by_type(Page)
        pages = policy.instances_user_has_any_permission_for(user, ["change"])
        return translations.filter(source__object_id__in=pages.values("translation_key"))


class ManagedSnippetsAPI(SnippetViewSet):
    def get_queryset(self):
        model = self.get_model()
        policy = policy_registry.get_by_type(model)
        if not policy.user_has_any_permission(self.request.user, SNIPPET_ACTIONS):
            raise PermissionDenied
        return super().get_queryset()
