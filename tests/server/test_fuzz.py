"""The API fuzzed from its own OpenAPI document: no input, however odd, gets a 500.

Schemathesis makes the requests from the schema; Hypothesis drives it directly
here (not through Schemathesis' pytest plugin, which lags behind pytest).
"""

from __future__ import annotations

import schemathesis
from hypothesis import HealthCheck, given, settings

from mentor_course.server import create_app
from mentor_course.server.state import COOKIE
from mentor_course.store import Store
from tests.server.conftest import Server


def test_no_request_gets_a_server_error(server: Server) -> None:
    with Store.open(server.url) as store:
        token, csrf = store.start_session(learner=store.add_learner("Fuzzer"))
    # Signed in as a mentor with the right CSRF token, so requests reach the handlers.
    signed_in = {"Cookie": f"{COOKIE}={token}", "X-CSRF-Token": csrf}
    schema = schemathesis.openapi.from_asgi("/openapi.json", create_app(server.settings))
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) >= 6

    for operation in operations:

        @given(case=operation.as_strategy())
        @settings(
            max_examples=40, deadline=None, database=None,
            suppress_health_check=list(HealthCheck),
        )  # fmt: skip
        def no_server_error(case: schemathesis.Case) -> None:
            response = case.call(headers={**(case.headers or {}), **signed_in})
            assert response.status_code < 500, (case.path, response.status_code, response.text)

        no_server_error()
