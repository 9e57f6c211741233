import re

from csp.middleware import CSPMiddleware
from django.conf import settings
from django.middleware.locale import LocaleMiddleware

# A first path segment shaped like a language code: "es", "pt-br", "zh-hant".
LANGUAGE_SHAPED = re.compile(r"^/([a-z]{2,3}(?:-[a-z0-9]{2,8})*)(?:/|$)", re.IGNORECASE)


class LanguagePrefixMiddleware(LocaleMiddleware):
    """Django's LocaleMiddleware, except that a path under a language we do not publish in
    (/es/, /it/nieuws/) is a plain 404 rather than a redirect to /nl/es/ that 404s anyway."""

    def process_response(self, request, response):
        if response.status_code == 404:
            match = LANGUAGE_SHAPED.match(request.path_info)
            if match and match[1].lower() not in {code for code, _name in settings.LANGUAGES}:
                return response
        return super().process_response(request, response)


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    """django-csp, with CONTENT_SECURITY_POLICY_ADMIN for Wagtail's admin (its inline scripts
    and styles) and CONTENT_SECURITY_POLICY everywhere else."""

    def get_policy_parts(self, request, response, report_only=False):
        parts = super().get_policy_parts(request, response, report_only=report_only)
        if not report_only and parts.config is None and request.path_info.startswith("/admin/"):
            parts.config = settings.CONTENT_SECURITY_POLICY_ADMIN["DIRECTIVES"]
        return parts
