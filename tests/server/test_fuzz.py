"""The API fuzzed from its own OpenAPI document: no input, however odd, gets a 500."""

from __future__ import annotations

import pytest
import schemathesis
from hypothesis import HealthCheck, settings

from mentor_course.server import create_app
from mentor_course.server.app import COOKIE
from mentor_course.store import Store
from tests.server.conftest import Server


@pytest.fixture
def mentor_headers(server: Server) -> dict[str, str]:
    """Signed in as a mentor with the right CSRF token, so requests reach the handlers."""
    with Store.open(server.url) as store:
        token, csrf = store.start_session(learner="Fuzzer")
    return {"Cookie": f"{COOKIE}={token}", "X-CSRF-Token": csrf}


@pytest.fixture
def api(server: Server) -> schemathesis.BaseSchema:
    return schemathesis.openapi.from_asgi("/openapi.json", create_app(server.settings))


schema = schemathesis.pytest.from_fixture("api")


@schema.parametrize()
@settings(max_examples=40, deadline=None, suppress_health_check=list(HealthCheck))
def test_no_request_gets_a_server_error(
    case: schemathesis.Case, mentor_headers: dict[str, str]
) -> None:
    response = case.call(headers={**(case.headers or {}), **mentor_headers})
    assert response.status_code < 500, (case.path, response.status_code, response.text[:300])
