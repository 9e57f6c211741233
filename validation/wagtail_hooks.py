"""Admin integration: history messages, the validation report, and enforcement.

Enforcement: communicators have publish permission on the Council section, so without a
check a communicator could publish a decision that concerns government members directly. For
a page that names concerned government members and whose workflow contains a spokesperson
validation task, non-administrators lose the Publish action in the editor, and a publish that
still reaches the server (a crafted POST, a bulk action) is refused. The workflow itself
publishes through `WorkflowState.finish`, which runs no admin hook. Administrators keep the
right to publish (an emergency): Wagtail logs who did it."""

from django.contrib import messages
from django.shortcuts import redirect
from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.menus.pages import PageMenuItem
from wagtail.log_actions import LogFormatter
from wagtail.models import Page, TaskState
from wagtail_localize.models import Translation

from releases.permissions import is_communicator
from releases.translation import save_translation_draft

from . import admin_views, dashboard, guard
from .models import SpokespersonValidationTask, SpokespersonValidationTaskState
from .spokespersons import members_named


def _admin_urls():
    return [
        path("", admin_views.index, name="index"),
        path("member/<int:pk>/resend/", admin_views.resend, name="resend"),
        path("member/<int:pk>/phone/", admin_views.phone_approval, name="phone_approval"),
        path("override/<int:page_pk>/", admin_views.override, name="override"),
    ]


@hooks.register("register_admin_urls")
def register_admin_urls():
    return [path("validation/", include((_admin_urls(), "validation_admin")))]


class ValidationMenuItem(MenuItem):
    def is_shown(self, request):
        return is_communicator(request.user)


@hooks.register("register_reports_menu_item")
def register_report_menu_item():
    return ValidationMenuItem(
        _("Spokesperson validation"),
        reverse("validation_admin:index"),
        name="spokesperson-validation",
        icon_name="tick",
        order=50,
    )


@hooks.register("register_page_header_buttons")
def validation_status_button(page, user, view_name, next_url=None):
    """In the page editor's header: a way to the member-by-member state of its validation."""
    running = SpokespersonValidationTaskState.objects.filter(
        status=TaskState.STATUS_IN_PROGRESS, workflow_state__object_id=str(page.pk)
    ).exists()
    if running:
        url = reverse("validation_admin:index") + f"?page={page.pk}"
        yield PageMenuItem(
            _("Spokesperson validation"), url=url, icon_name="tick", priority=66, page=page
        )


# History ----------------------------------------------------------------------------------


def _names(key):
    return lambda data: ", ".join(data.get(key, []))


def _field(key):
    return lambda data: data.get(key, "")


def _recipients(data):
    return ", ".join(
        f"{item.get('name')} <{item.get('email')}>" for item in data.get("recipients") or []
    )


def formatter(label, message, comment=None, **values):
    """A LogFormatter class for one history action. `values` maps each placeholder of `message`
    to a function that reads its value from the log entry's data; `comment` names the data key
    shown as the entry's comment."""

    def format_message(self, log_entry):
        data = log_entry.data or {}
        return message % {name: read(data) for name, read in values.items()}

    def format_comment(self, log_entry):
        return (log_entry.data or {}).get(comment, "") if comment else ""

    return type(
        "ValidationLogFormatter",
        (LogFormatter,),
        {"label": label, "format_message": format_message, "format_comment": format_comment},
    )


HISTORY = {
    "validation.started": formatter(
        _("Validation: started"),
        _("Spokesperson validation started for %(members)s"),
        members=_names("members"),
    ),
    "validation.skipped": formatter(
        _("Validation: skipped"),
        _("Spokesperson validation skipped: no government member is concerned"),
    ),
    "validation.links_sent": formatter(
        _("Validation: links sent"),
        _("Validation links sent to %(recipients)s"),
        recipients=_recipients,
    ),
    "validation.links_refused": formatter(
        _("Validation: link not delivered"),
        _("The mail service refused the validation link for %(recipients)s"),
        recipients=_recipients,
    ),
    "validation.reminder": formatter(
        _("Validation: reminder"),
        _("Validation reminder sent to %(recipients)s"),
        recipients=_recipients,
    ),
    "validation.link_resent": formatter(
        _("Validation: link resent"),
        _("New validation link for %(member)s sent to %(recipients)s"),
        member=_field("member"),
        recipients=_recipients,
    ),
    "validation.approve": formatter(
        _("Validation: approved"),
        _("Approved on behalf of %(member)s by %(name)s <%(email)s>"),
        member=_field("member"),
        name=_field("spokesperson"),
        email=_field("email"),
    ),
    "validation.request_changes": formatter(
        _("Validation: changes requested"),
        _("Changes requested on behalf of %(member)s by %(name)s <%(email)s>"),
        comment="comment",
        member=_field("member"),
        name=_field("spokesperson"),
        email=_field("email"),
    ),
    "validation.phone_approval": formatter(
        _("Validation: approval by phone"),
        _("Approval by phone recorded for %(member)s"),
        comment="reason",
        member=_field("member"),
    ),
    "validation.override": formatter(
        _("Validation: published without validation"),
        _("Published without the validation of %(members)s"),
        comment="reason",
        members=_names("members"),
    ),
    "validation.superseded": formatter(
        _("Validation: superseded"),
        _("The text changed during validation: earlier links superseded, new links sent"),
    ),
    "validation.stopped": formatter(
        _("Validation: stopped"),
        _("The text no longer names a government member: spokesperson validation stopped"),
    ),
    "validation.escalated": formatter(
        _("Validation: deadline passed"),
        _("Validation deadline passed without an answer from %(members)s"),
        members=_names("members"),
    ),
    "validation.silence_approval": formatter(
        _("Validation: silence counted as approval"),
        _("No answer by the deadline, counted as approval: %(members)s"),
        members=_names("members"),
    ),
}


@hooks.register("register_log_actions")
def register_validation_log_actions(actions):
    for action, formatter_class in HISTORY.items():
        actions.register_action(action)(formatter_class)


# Enforcement ------------------------------------------------------------------------------
# The guard (guard.py) refuses any unvalidated publication; these hooks ask it first so that the
# editor gets a message instead of an error.


def _latest_text(page):
    """The page as its latest revision would publish it."""
    page = page.specific_deferred if type(page) is Page else page
    revision = page.get_latest_revision()
    return revision.as_object() if revision is not None else page


def _has_validation_task(page):
    workflow = page.get_workflow()
    if workflow is None:
        return False
    return any(isinstance(task.specific, SpokespersonValidationTask) for task in workflow.tasks)


def _refusal(page, members):
    message = guard.refusal_message(page, members)
    if not _has_validation_task(page):
        hint = _(
            "This section has no spokesperson validation: Council decisions are validated "
            "under their Council of Ministers meeting."
        )
        message = f"{message} {hint}"
    return message


def _refusal_as_draft(page, members):
    return f"{_refusal(page, members)} {_('Your changes were saved as a draft.')}"


def _workflow_page(context):
    page = context.get("page")
    if page is not None and page.pk:
        return page
    return None


@hooks.register("construct_page_action_menu")
def hide_publish(menu_items, request, context):
    page = _workflow_page(context)
    if page is None or not guard.missing_validation(_latest_text(page)):
        return
    menu_items[:] = [item for item in menu_items if item.name != "action-publish"]


@hooks.register("register_page_header_buttons")
def override_button(page, user, view_name, next_url=None):
    """Administrators may publish such a text without validation, giving a reason."""
    from wagtail.admin.ui.menus.pages import PageMenuItem

    if user.is_superuser and guard.missing_validation(_latest_text(page)):
        url = reverse("validation_admin:override", args=[page.pk])
        yield PageMenuItem(
            _("Publish without validation"), url=url, icon_name="warning", priority=67, page=page
        )


@hooks.register("before_publish_page")
def refuse_direct_publish(request, page):
    members = guard.missing_validation(page)
    if not members:
        return None
    if page.live and page.live_revision_id is None:
        # Wagtail's create view saves a new page as live before this hook runs: stopping the
        # publication must also take that flag back, or the draft would be served.
        type(page).objects.filter(pk=page.pk).update(live=False, has_unpublished_changes=True)
        page.live = False
    messages.error(request, _refusal_as_draft(page, members))
    return redirect("wagtailadmin_pages:edit", page.pk)


@hooks.register("before_edit_page")
def submit_translation_for_validation(request, page):
    """The translation editor (wagtail-localize) offers one action, "Publish in <language>",
    and publishes through its own code, where the guard would stop it with an error page. A
    translation whose text needs its spokespersons' validation is saved as a draft and
    submitted to the section's validation workflow instead, as the page editor's "Submit"
    does. (Runs before wagtail-localize's hook: validation precedes it in INSTALLED_APPS.)"""
    if request.method != "POST" or request.POST.get("action") != "publish":
        return None
    translation = Translation.objects.filter(
        source__object_id=page.translation_key, target_locale_id=page.locale_id, enabled=True
    ).first()
    if translation is None:
        return None
    page = page.specific
    edit = redirect("wagtailadmin_pages:edit", page.pk)
    if page.workflow_in_progress:
        # The text under validation is the one that goes live; later changes wait for it.
        messages.info(request, _("This translation is already in spokesperson validation."))
        return edit
    if not (members_named(page) or members_named(translation.source.as_instance())):
        return None
    page, revision = save_translation_draft(translation, request.user)
    text = revision.as_object()
    members = guard.missing_validation(text)
    if not members:
        return None
    workflow = page.get_workflow()
    may_submit = page.permissions_for_user(request.user).can_submit_for_moderation()
    if workflow is None or not _has_validation_task(page) or not may_submit:
        messages.error(request, _refusal_as_draft(text, members))
        return edit
    workflow.start(page, request.user)
    messages.success(
        request,
        _("“%(title)s” was saved and submitted to spokesperson validation.")
        % {"title": text.title},
    )
    return edit


@hooks.register("before_bulk_action")
def refuse_bulk_publish(request, action_type, objects, action_class_instance):
    """Nothing is published when one of the pages, or of the drafts below them that
    "include descendants" would publish, needs a validation it does not have."""
    if action_type != "publish":
        return None
    form = getattr(action_class_instance, "cleaned_form", None)
    descendants = bool(form and form.cleaned_data.get("include_descendants"))
    refused = []
    for obj in objects:
        if not isinstance(obj, Page):
            continue
        pages = [obj]
        if descendants:
            pages += list(obj.get_descendants().not_live().specific())
        for page in pages:
            text = _latest_text(page)
            members = guard.missing_validation(text)
            if members:
                refused.append(_refusal(text, members))
    if not refused:
        return None
    nothing = _("Nothing was published.")
    messages.error(request, f"{nothing} {' '.join(refused)}")
    return redirect(action_class_instance.next_url)


hooks.register("construct_homepage_panels", dashboard.dashboard_panels)
