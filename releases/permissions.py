"""Communicators write and publish only for the publishers they belong to.

Page permissions (GroupPagePermission on the news listing and the Council section) say what a
communicator may do at all; this tester narrows edit, publish, unpublish, delete, lock, move and
copy to releases of their own publishers. Administrators see everything."""

from wagtail.models import PagePermissionTester

from directory.models import Publisher


def publishers_for_user(user):
    if user.is_superuser:
        return Publisher.objects.all()
    if not user.is_authenticated:
        return Publisher.objects.none()
    return Publisher.objects.filter(communicators=user)


def user_may_write_for(user, publisher_id):
    if user.is_superuser:
        return True
    return publishers_for_user(user).filter(pk=publisher_id).exists()


class PublisherPagePermissionTester(PagePermissionTester):
    def __init__(self, user, page):
        super().__init__(user, page)
        self.owns_publisher = user_may_write_for(user, page.publisher_id)

    def can_edit(self):
        return self.owns_publisher and super().can_edit()

    def can_delete(self, ignore_bulk=False):
        return self.owns_publisher and super().can_delete(ignore_bulk=ignore_bulk)

    def can_publish(self):
        return self.owns_publisher and super().can_publish()

    def can_unpublish(self):
        return self.owns_publisher and super().can_unpublish()

    def can_submit_for_moderation(self):
        return self.owns_publisher and super().can_submit_for_moderation()

    def can_lock(self):
        return self.owns_publisher and super().can_lock()

    def can_unschedule(self):
        return self.owns_publisher and super().can_unschedule()

    def can_move(self):
        return self.owns_publisher and super().can_move()

    def can_copy(self):
        return self.owns_publisher and super().can_copy()
