"""Property test of the API from its own OpenAPI schema: whatever the parameters, never a 500.

Schemathesis generates requests for every documented endpoint (valid and
invalid values, odd Unicode, huge numbers) and the test checks that each is
answered without a server error, and that errors have the one error shape.
Requests sent are counted per operation (`pytest -s` prints them; with
DETENTE_FUZZ_LOG=FILE set they are appended to FILE, as RELIABILITY.md says).
"""

from __future__ import annotations

from collections import Counter

import pytest
from hypothesis import HealthCheck, given, settings

from factories import build_demo_db
from fuzzing import report_counts

schemathesis = pytest.importorskip("schemathesis")

from detente.web import create_app  # noqa: E402

OPERATIONS = [
    "GET /api/stats",
    "GET /api/articles",
    "GET /api/articles/{article_id}",
    "GET /api/articles/{article_id}/corrections",
    "POST /api/articles/{article_id}/corrections",
    "GET /api/corrections/token",
    "GET /api/events",
    "GET /api/quotes",
    "GET /api/issues",
    "GET /api/assessments",
    "GET /api/actors",
    "GET /api/dyads",
    "GET /api/dyads/{a}/{b}/series",
    "GET /api/dyads/{a}/{b}/summary",
    "GET /api/dyads/{a}/{b}/events",
]


REQUESTS: Counter = Counter()


@pytest.fixture(scope="module", autouse=True)
def _report_counts():
    yield
    if REQUESTS:
        report_counts(__name__, REQUESTS, what="requests generated from the OpenAPI schema")


@pytest.fixture(scope="module")
def operations(tmp_path_factory):
    path = tmp_path_factory.mktemp("fuzz") / "demo.duckdb"
    build_demo_db(path)
    schema = schemathesis.openapi.from_asgi("/api/openapi.json", create_app(path))
    return {op.label: op for op in (r.ok() for r in schema.get_all_operations())}


def test_every_operation_is_fuzzed(operations):
    assert sorted(operations) == sorted(OPERATIONS)


@pytest.mark.slow
@pytest.mark.parametrize("label", OPERATIONS)
def test_api_never_answers_with_a_server_error(operations, label):
    @settings(
        max_examples=30, deadline=None, suppress_health_check=list(HealthCheck), database=None
    )
    @given(operations[label].as_strategy())
    def check(case):
        response = case.call()
        REQUESTS[label] += 1
        assert response.status_code < 500, (
            f"{label} {case.path_parameters} {case.query}: {response.text}"
        )
        if response.status_code >= 400:
            error = response.json()["error"]
            assert error["message"] and error["status"] == response.status_code

    check()
