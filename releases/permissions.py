"""Communicators write and publish only for the publishers they belong to.

Page permissions (GroupPagePermission add/change/publish on the news listings and the Council
sections, given to the "Communicators" group by `ensure_communicators_group`) say what a
communicator may do at all. `PublisherPagePermissionTester` narrows that per page:

- a release: only communicators of its publisher may edit, publish, withdraw, delete, lock,
  move or copy it; only administrators may unpublish it (communicators withdraw it instead);
- a Council meeting, and adding anything under the Council section: communicators of the
  Council of Ministers;
- a section page (home, news listing, Council section, content page): administrators only,
  except that communicators may add releases under a news listing.

Administrators (superusers) may do everything. Every page type asks this tester (registered
under core's PAGE_PERMISSION_TESTER_HOOK in wagtail_hooks.py); who belongs to which publisher is
directory.communicators. Reviewers of a workflow task keep the editor access the task gives
them, whoever the publisher."""

from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from wagtail.models import GroupPagePermission
from wagtail_localize.models import Translation

from core.media_permissions import grant_media_permissions
from core.pages import NarrowedPagePermissionTester, has_own_permission_rules
from directory.communicators import (
    is_communicator,
    is_council_communicator,
    user_may_write_for_page,
)

from .models import CouncilIndexPage, CouncilMeetingPage, NewsIndexPage, PressReleasePage

COMMUNICATORS_GROUP = "Communicators"
COMMUNICATOR_PAGE_PERMISSIONS = ("add_page", "change_page", "publish_page")
TRANSLATE_PERMISSION = "wagtail_localize.submit_translation"


class PublisherPagePermissionTester(NarrowedPagePermissionTester):
    """Wagtail's tester, narrowed to the publishers the user belongs to (see module doc)."""

    def page_rules(self, page_class):
        if issubclass(page_class, PressReleasePage):
            return self._owns_release(), False
        if issubclass(page_class, CouncilMeetingPage):
            council = is_council_communicator(self.user)
            return council, council
        if issubclass(page_class, CouncilIndexPage):
            return False, is_council_communicator(self.user)
        if issubclass(page_class, NewsIndexPage):
            return False, is_communicator(self.user)
        return False, False

    def _owns_release(self):
        page = self.page
        if not isinstance(page, PressReleasePage):
            page = page.specific_deferred
        return user_may_write_for_page(self.user, page)

    def _reviewer_access(self):
        task = self.page.current_workflow_task
        return bool(task and task.user_can_access_editor(self.page, self.user))

    def can_edit(self):
        if self.may_act:
            return super().can_edit()
        return self._reviewer_access()

    def can_translate(self):
        """Translating creates and edits pages in the release's name: the rule for editing it,
        without the access a workflow task gives a reviewer."""
        return (
            self.may_act
            and not self.page.is_root()
            and self.user.has_perm(TRANSLATE_PERMISSION)
            and super().can_edit()
        )

    def can_unpublish(self):
        # A published release is withdrawn (releases.withdrawal), not unpublished, except by
        # an administrator (legal cases), who gives a reason.
        if not self.user.is_superuser and self._is_release():
            return False
        return super().can_unpublish()

    def can_withdraw(self):
        """Communicators of the release's publisher and administrators, on a live release
        not yet withdrawn."""
        page = self.page
        if not self._is_release() or not page.live:
            return False
        if not isinstance(page, PressReleasePage):
            page = page.specific_deferred
        return page.withdrawn_at is None and super().can_publish()

    def _is_release(self):
        page_class = self.page.specific_class
        return page_class is not None and issubclass(page_class, PressReleasePage)

    def can_lock(self):
        if self.may_act:
            return super().can_lock()
        task = self.page.current_workflow_task
        return bool(task and task.user_can_lock(self.page, self.user))


def permission_tester(user, page):
    """The tester of `page` for `user`: this module's, except for the page types with rules
    of their own (core.pages.OwnPermissionRulesMixin), which answer for themselves."""
    page = page.specific_deferred if not isinstance(page, PressReleasePage) else page
    if has_own_permission_rules(page):
        return page.permissions_for_user(user)
    return PublisherPagePermissionTester(user, page)


def translate_permission():
    """wagtail-localize's permission, made as its data migration makes it: a database flush
    (transactional tests) removes it and only model permissions come back."""
    _app_label, codename = TRANSLATE_PERMISSION.split(".")
    permission, _created = Permission.objects.get_or_create(
        content_type=ContentType.objects.get_for_model(Translation),
        codename=codename,
        defaults={"name": "Can submit translations"},
    )
    return permission


@transaction.atomic
def ensure_communicators_group():
    """The "Communicators" group: admin access, translation, and add/change/publish on every
    news listing and Council section, plus access to images and documents. Idempotent: call
    it again after adding a language."""
    group, _created = Group.objects.get_or_create(name=COMMUNICATORS_GROUP)
    group.permissions.add(
        Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin"),
        # "Translate" on the pages they may edit (their own releases): a bilingual newsroom
        # translates its own texts (wagtail-localize; the tester above says which pages).
        translate_permission(),
    )
    grant_media_permissions(group)
    page_permissions = list(
        Permission.objects.filter(
            content_type__app_label="wagtailcore", codename__in=COMMUNICATOR_PAGE_PERMISSIONS
        )
    )
    sections = [*NewsIndexPage.objects.all(), *CouncilIndexPage.objects.all()]
    for section in sections:
        for permission in page_permissions:
            GroupPagePermission.objects.get_or_create(
                group=group, page=section, permission=permission
            )
    return group
