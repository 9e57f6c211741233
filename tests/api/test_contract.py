"""The OpenAPI contract: schemathesis generates requests for every GET operation of the schema
the API serves (/api/v1/schema) and checks each answer against it (status code, content type,
response schema) and that none is a server error. It calls the WSGI application in this
process, on the test database, with a bounded number of examples per operation."""

import pytest
import schemathesis
from django.core import signals
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from drf_spectacular.generators import SchemaGenerator
from hypothesis import HealthCheck, Phase, given
from hypothesis import settings as hypothesis_settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

# Per operation: with seven operations the test stays well under a minute on PostgreSQL.
EXAMPLES = 50
CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
]


@pytest.fixture
def api_schema(site_structure, factories, settings):
    """The schema as served, over an archive holding one of everything the API shows."""
    settings.API_RATE_LIMIT = "100000/minute"
    settings.API_SYNC_SETTLE_SECONDS = 0
    publisher = factories.publisher(slug="finance")
    member = factories.government_member(slug="minister")
    factories.contact(publisher)
    theme = factories.theme(slug="economy")
    body, _media = factories.full_release_body()
    release = factories.release(
        publisher=publisher, co_publishers=[member], themes=[theme], body=body
    )
    factories.translation_of(release, "fr")
    factories.release(parent=factories.meeting(), publisher=publisher)
    # As Django's test client does: the requests' end must not close the test's connection,
    # which holds the test's transaction.
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    try:
        yield schemathesis.openapi.from_wsgi("/api/v1/schema", get_wsgi_application())
    finally:
        signals.request_started.connect(close_old_connections)
        signals.request_finished.connect(close_old_connections)


def _operation_ids():
    """The operations of the schema, read without a database at collection time (a test per
    operation: pytest-xdist spreads them). schemathesis' own lazy loader
    (`schemathesis.pytest.from_fixture`) does not run under pytest 9."""
    paths = SchemaGenerator().get_schema(request=None, public=True)["paths"]
    return sorted(
        operation["operationId"] for item in paths.values() for operation in item.values()
    )


@pytest.mark.parametrize("operation_id", _operation_ids())
def test_api_conforms_to_its_schema(api_schema, operation_id):
    operation = api_schema.find_operation_by_id(operation_id)

    @given(case=operation.as_strategy())
    @hypothesis_settings(
        max_examples=EXAMPLES,
        deadline=None,
        derandomize=True,
        database=None,
        phases=[Phase.explicit, Phase.generate],
        suppress_health_check=list(HealthCheck),
    )
    def conforms(case):
        case.call_and_validate(checks=CHECKS)

    conforms()
