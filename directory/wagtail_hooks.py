"""The "Directory" menu of the admin: organisations, government members, the Council of
Ministers and a searchable list of every press contact.

Organisation, GovernmentMember and CouncilOfMinisters are proxies of Publisher. Wagtail's
snippet views work on them as they are (the default manager of each proxy keeps to its kind,
and saving sets the kind), but two places look up the *concrete* model's content type and
would hand out Publisher's permissions instead of the proxy's own: the permissions offered in
the group editor and the permission policy's list of users. ProxyPermissionsMixin and
ProxyModelPermissionPolicy put the proxy's content type back, so a group can be allowed to
edit government members without also editing organisations."""

import django_filters
from django.contrib.auth import get_permission_codename
from django.contrib.auth.models import Permission
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.panels import FieldPanel, MultiFieldPanel, ObjectList
from wagtail.admin.ui.tables import BooleanColumn, Column, DateColumn
from wagtail.admin.widgets import BooleanRadioSelect
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import EditView, SnippetViewSet, SnippetViewSetGroup

from core.i18n import translated_field_names

from . import autocomplete
from .communicators import publisher_ids_for_user, publisher_kinds_for_user, user_may_write_for
from .models import CouncilOfMinisters, GovernmentMember, Organisation, PressContact, Publisher


class ProxyModelPermissionPolicy(ModelPermissionPolicy):
    """Model permissions read from the model's own content type, even for a proxy model."""

    @cached_property
    def _content_type(self):
        return ContentType.objects.get_for_model(self.auth_model, for_concrete_model=False)


class CommunicatorPolicy(ProxyModelPermissionPolicy):
    """Besides the model permissions, a communicator may change the publishers they write for
    (the form shows them the contact details and press contacts only: see
    models.admin_field), and nothing else of the directory."""

    def _own(self, user):
        if not user.is_active or user.is_superuser:
            return self.model.objects.none()
        return self.model.objects.filter(pk__in=publisher_ids_for_user(user))

    def _model_permission(self, user, actions):
        return any(super(CommunicatorPolicy, self).user_has_permission(user, a) for a in actions)

    def user_has_permission(self, user, action):
        if self._model_permission(user, [action]):
            return True
        # From the memberships read once per request: the menu asks for every kind.
        return action == "change" and self.model.publisher_kind in publisher_kinds_for_user(user)

    def user_has_permission_for_instance(self, user, action, instance):
        if self._model_permission(user, [action]):
            return True
        return action == "change" and user_may_write_for(user, instance.pk)

    def instances_user_has_any_permission_for(self, user, actions):
        if self._model_permission(user, actions):
            return self.model._default_manager.all()
        return self._own(user) if "change" in actions else self.model.objects.none()


class CouncilPolicy(CommunicatorPolicy):
    """There is one Council of Ministers: nobody adds a second one."""

    def user_has_permission(self, user, action):
        if action == "add" and self.model.objects.exists():
            return False
        return super().user_has_permission(user, action)


register_permission_policy(Organisation, CommunicatorPolicy(Organisation))
register_permission_policy(GovernmentMember, CommunicatorPolicy(GovernmentMember))
register_permission_policy(CouncilOfMinisters, CouncilPolicy(CouncilOfMinisters))


class ProxyPermissionsMixin:
    def get_permissions_to_register(self):
        content_type = ContentType.objects.get_for_model(self.model, for_concrete_model=False)
        permissions = Permission.objects.filter(content_type=content_type)
        if not self.inspect_view_enabled:
            permissions = permissions.exclude(
                codename=get_permission_codename("view", self.model_opts)
            )
        return permissions


class PublisherFilterSet(WagtailFilterSet):
    is_active = django_filters.BooleanFilter(label=_("Active"), widget=BooleanRadioSelect)

    class Meta:
        model = Publisher
        fields = ["is_active"]


class GovernmentMemberFilterSet(PublisherFilterSet):
    in_office_on = django_filters.DateFilter(label=_("In office on"), method="filter_in_office_on")

    class Meta(PublisherFilterSet.Meta):
        model = GovernmentMember

    def filter_in_office_on(self, queryset, name, value):
        return queryset.filter(
            Q(term_start__isnull=True) | Q(term_start__lte=value),
            Q(term_end__isnull=True) | Q(term_end__gte=value),
        )


ACTIVE_CONTACTS = Count("contacts", filter=Q(contacts__is_active=True))


class PublisherEditView(EditView):
    """Wagtail's edit view checks the model permission only: a communicator edits their own
    publishers, not the others."""

    def get_object(self, queryset=None):
        publisher = super().get_object(queryset)
        if not self.user_has_permission_for_instance("change", publisher):
            raise PermissionDenied
        return publisher


class PublisherViewSet(ProxyPermissionsMixin, SnippetViewSet):
    """What the three kinds of publisher share in the admin."""

    edit_view_class = PublisherEditView

    filterset_class = PublisherFilterSet
    ordering = ["sort_order", "name"]
    list_per_page = 50
    copy_view_enabled = False
    inspect_view_enabled = True
    # Search by any language's name or acronym, part of a word included: the directory is a few
    # hundred rows, so a database LIKE is exact and fast, and needs no search index.
    search_backend_name = None
    search_fields = [
        "name",
        "slug",
        *translated_field_names("name"),
        *translated_field_names("acronym"),
        *translated_field_names("portfolio"),
        "email",
    ]
    contacts_column = Column(
        "contact_count", label=_("Active press contacts"), sort_key="contact_count"
    )
    active_column = BooleanColumn("is_active", label=_("Active"), sort_key="is_active")
    order_column = Column("sort_order", label=_("Order"), sort_key="sort_order")

    def get_queryset(self, request):
        # A communicator lists the publishers they may change, an administrator all.
        publishers = self.permission_policy.instances_user_has_any_permission_for(
            request.user, {"change", "delete", "view"}
        )
        return publishers.annotate(contact_count=ACTIVE_CONTACTS)


class OrganisationViewSet(PublisherViewSet):
    model = Organisation
    icon = "site"
    menu_label = _("Organisations")
    menu_order = 300
    list_display = [
        "__str__",
        Column("website", label=_("Website")),
        PublisherViewSet.contacts_column,
        PublisherViewSet.active_column,
        PublisherViewSet.order_column,
    ]
    list_export = [
        "name",
        "name_fr",
        "name_nl",
        "acronym_fr",
        "acronym_nl",
        "email",
        "phone",
        "website",
        "is_active",
    ]


class GovernmentMemberViewSet(PublisherViewSet):
    model = GovernmentMember
    icon = "user"
    menu_label = _("Government members")
    menu_order = 200
    filterset_class = GovernmentMemberFilterSet
    list_display = [
        "__str__",
        Column("portfolio", label=_("Portfolio")),
        DateColumn("term_start", label=_("Term start"), sort_key="term_start"),
        DateColumn("term_end", label=_("Term end"), sort_key="term_end"),
        PublisherViewSet.contacts_column,
        PublisherViewSet.active_column,
        PublisherViewSet.order_column,
    ]
    list_export = [
        "name",
        "portfolio_fr",
        "portfolio_nl",
        "term_start",
        "term_end",
        "email",
        "phone",
        "is_active",
    ]


class CouncilOfMinistersViewSet(PublisherViewSet):
    model = CouncilOfMinisters
    icon = "group"
    menu_label = _("Council of Ministers")
    menu_order = 100
    filterset_class = None
    list_display = ["__str__", PublisherViewSet.contacts_column, PublisherViewSet.active_column]


class PressContactFilterSet(WagtailFilterSet):
    kind = django_filters.ChoiceFilter(
        field_name="publisher__kind", label=_("Publisher type"), choices=Publisher.Kind.choices
    )
    role = django_filters.ChoiceFilter(label=_("Role"), choices=PressContact.Role.choices)
    is_active = django_filters.BooleanFilter(label=_("Active"), widget=BooleanRadioSelect)
    publisher_active = django_filters.BooleanFilter(
        field_name="publisher__is_active", label=_("Publisher active"), widget=BooleanRadioSelect
    )

    class Meta:
        model = PressContact
        fields = ["kind", "role", "is_active", "publisher_active"]


class PressContactViewSet(SnippetViewSet):
    """Every press contact in one searchable list. Contacts are usually edited within their
    publisher; here they can also be edited one by one, or moved to another publisher."""

    model = PressContact
    icon = "mail"
    menu_label = _("Press contacts")
    menu_order = 400
    filterset_class = PressContactFilterSet
    # Orderable's sort_order orders contacts within one publisher: no global reordering.
    sort_order_field = None
    ordering = ["publisher__sort_order", "publisher__name", "sort_order"]
    list_per_page = 50
    copy_view_enabled = False
    inspect_view_enabled = True
    search_backend_name = None
    search_fields = [
        "name",
        "email",
        "phone",
        "mobile",
        *translated_field_names("position"),
        "publisher__name",
        *translated_field_names("publisher__name"),
        *translated_field_names("publisher__acronym"),
    ]
    list_display = [
        Column("name", label=_("Name"), sort_key="name"),
        Column("publisher", label=_("Publisher"), sort_key="publisher__name"),
        Column("get_role_display", label=_("Role"), sort_key="role"),
        Column("email", label=_("Email")),
        Column("phone", label=_("Phone")),
        BooleanColumn("is_active", label=_("Active"), sort_key="is_active"),
    ]
    list_export = [
        "name",
        "publisher",
        "role",
        "position_fr",
        "position_nl",
        "email",
        "phone",
        "mobile",
        "languages",
        "is_active",
    ]

    edit_handler = ObjectList(
        [
            FieldPanel("publisher"),
            MultiFieldPanel(PressContact.panels, heading=_("Press contact")),
        ]
    )

    def get_queryset(self, request):
        return PressContact.objects.select_related("publisher")


class DirectoryViewSetGroup(SnippetViewSetGroup):
    menu_label = _("Directory")
    # A fixed name: by default it is the slugified label, which changes with the language.
    menu_name = "directory"
    menu_icon = "group"
    menu_order = 250
    items = (
        CouncilOfMinistersViewSet,
        GovernmentMemberViewSet,
        OrganisationViewSet,
        PressContactViewSet,
    )


register_snippet(DirectoryViewSetGroup)


@hooks.register("register_admin_urls")
def autocomplete_urls():
    return autocomplete.urlpatterns
