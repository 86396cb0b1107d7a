"""Schema-driven: schemathesis generates requests from the OpenAPI schema, valid and invalid, for
every endpoint; none may get a server error."""

from __future__ import annotations

from pathlib import Path

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from hypothesis.errors import Unsatisfiable
from schemathesis.checks import not_a_server_error

from marsad.api.app import Settings, create_app

EXAMPLES = 30  # per operation


@pytest.fixture(scope="module")
def api_schema(demo_store: Path) -> schemathesis.BaseSchema:
    app = create_app(Settings(demo_store, token="token"))
    return schemathesis.openapi.from_asgi("/openapi.json", app)


def _operations(api_schema: schemathesis.BaseSchema) -> list[schemathesis.APIOperation]:
    return [result.ok() for result in api_schema.get_all_operations()]


def test_the_schema_lists_every_endpoint(api_schema: schemathesis.BaseSchema) -> None:
    paths = {(op.method.upper(), op.path) for op in _operations(api_schema)}
    assert {("GET", "/api/events"), ("GET", "/api/documents/{doc_id}"), ("POST", "/api/extract"),
            ("GET", "/api/briefing"), ("POST", "/api/documents")} <= paths  # fmt: skip


def test_no_request_gets_a_server_error(api_schema: schemathesis.BaseSchema) -> None:
    # the positive and the negative modes: valid requests, and requests the schema forbids
    for operation in _operations(api_schema):
        for mode in (schemathesis.GenerationMode.POSITIVE, schemathesis.GenerationMode.NEGATIVE):

            @given(case=operation.as_strategy(generation_mode=mode))
            @settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck), database=None)
            def check(case: schemathesis.Case) -> None:
                case.call_and_validate(checks=[not_a_server_error])

            try:
                check()
            except Unsatisfiable:
                assert mode == schemathesis.GenerationMode.NEGATIVE  # an operation without input: nothing to break
