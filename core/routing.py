"""Wagtail's routing of a request through the section pages (home, news listing, Council,
photos), remembered per process.

Wagtail finds the site by its hostname and walks the page tree from the site's root in the
visitor's language on every request: six queries before a listing, a search or a release
starts. The section pages are a handful that move or change state a few times a year, and
every such change, a view restriction's or a site's, bumps the navigation's version
(core.signals), so their routes are kept here under that version. A request is routed from
the deepest section its path goes through: the section is read again by its id, live only
(one query), and routes the rest of the path as Wagtail would (a feed, a release below it);
Wagtail's serve then runs its hooks (view restrictions) as always. A remembered section is
only a hint: when it is gone or the rest of the path does not resolve, Wagtail routes the
request from the start. Without a shared cache a process may not hear of another's bump: it
forgets its routes after NAVIGATION_TIMEOUT, as the navigation does.

Wagtail keeps the route and the site for one request only (`request._wagtail_route_for_request`,
`request._wagtail_site`), hence this module."""

import time
from collections import OrderedDict

from django.http import Http404
from django.utils import translation
from wagtail import views as wagtail_views
from wagtail.models import Site

from .navigation import NAVIGATION_TIMEOUT, NavigationSectionMixin, navigation_version

# Sections × languages × sites: a few dozen. The bound is a safety net.
MAX_ROUTES = 512

_routes = OrderedDict()


def serve(request, path):
    """Wagtail's page view (`wagtail_serve`), routed from a remembered section when it can."""
    where = (navigation_version(request), request._get_raw_host(), translation.get_language())
    components = [component for component in path.split("/") if component]
    if _replay(request, where, components):
        return wagtail_views.serve(request, path)
    response = wagtail_views.serve(request, path)
    _remember(request, where, components)
    return response


def forget_routes():
    _routes.clear()


def _replay(request, where, components):
    """Route `request` from the deepest remembered section of its path; False when there is
    none, it is gone, or the rest of the path does not resolve from it."""
    for depth in range(len(components), -1, -1):
        key = (*where, tuple(components[:depth]))
        entry = _routes.get(key)
        if entry is not None:
            break
    else:
        return False
    remembered_at, site, model, pk = entry
    if time.monotonic() - remembered_at > NAVIGATION_TIMEOUT:
        _routes.pop(key, None)
        return False
    # No order: Wagtail's manager orders pages by path, which one id does not need.
    page = next(
        iter(model.objects.filter(pk=pk, live=True).select_related("locale").order_by()), None
    )
    if page is None:
        _routes.pop(key, None)
        return False
    try:
        route = page.route(request, components[depth:])
    except Http404:
        return False
    request._wagtail_site = site
    request._wagtail_route_for_request = route
    return True


def _remember(request, where, components):
    route = getattr(request, "_wagtail_route_for_request", None)
    site = getattr(request, "_wagtail_site", None)
    if route is None or site is None or not isinstance(route[0], NavigationSectionMixin):
        return
    page = route[0]
    # The path components the page stands for: translations of the site's root page are its
    # siblings, at its depth.
    depth = page.depth - Site.objects.values_list("root_page__depth", flat=True).get(pk=site.pk)
    _routes[(*where, tuple(components[:depth]))] = (time.monotonic(), site, type(page), page.pk)
    while len(_routes) > MAX_ROUTES:
        try:
            _routes.popitem(last=False)
        except KeyError:  # emptied by another thread meanwhile
            break
