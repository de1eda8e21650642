"""The API robustness gate: schemathesis against the OpenAPI document of a live server.

Every operation gets generated valid (positive) and invalid (negative) input, with a member's
personal API token and, for reads, anonymously; staff also decide generated proposals. The gate
passes only with zero 5xx responses and zero responses that break the published schema (status
code, content type, body, headers). Semantic 422s (an unknown capacity code, an already-decided
proposal, the last manager leaving) are legitimate answers to valid-looking input, so "positive
data accepted" is not checked.

Purely random slugs, usernames and codes would only ever meet 404s and "unknown capacity"
422s, so the hooks below mix real values of the data set into the generated ones.

The document is the API's own (`api.get_openapi_schema`), so that pytest collects one test per
operation and xdist spreads them over the workers;
`test_the_live_server_publishes_the_fuzzed_document` proves it is what the live server serves at
/api/v1/openapi.json. (schemathesis' lazy `from_fixture` loader, which reads it from the live
server at run time, relies on a pytest internal that pytest 9.2 removed.)
"""

import json
import os

import pytest
import requests
import schemathesis
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from schemathesis import checks
from schemathesis.generation import GenerationMode

from capacityhub.api import api

from .conftest import ApiWorld

API_PREFIX = "/api/v1"
# Per operation, phase and generation mode. Bounded so that the whole gate stays within a few
# minutes on two cores; with `deterministic` every run generates the same cases.
MAX_EXAMPLES = int(os.environ.get("FUZZ_MAX_EXAMPLES", "25"))

CHECKS = [
    checks.not_a_server_error,
    checks.status_code_conformance,
    checks.content_type_conformance,
    checks.response_schema_conformance,
    checks.response_headers_conformance,
]


def _document() -> dict:
    # Through JSON, as the server sends it (the builder leaves tuples where JSON has lists).
    return json.loads(json.dumps(api.get_openapi_schema(path_prefix=API_PREFIX)))


schema = schemathesis.openapi.from_dict(_document())
schema.config.update(request_timeout=30)
schema.config.generation.update(
    modes=[GenerationMode.POSITIVE, GenerationMode.NEGATIVE],
    max_examples=MAX_EXAMPLES,
    deterministic=True,
    database="none",
)

# Filled by the `known_values` fixture before each operation runs: real slugs, usernames,
# capacity codes, proposal and (decoy) token ids of the data set.
KNOWN: dict[str, list] = {}


def _mixed(name: str, value):
    """The generated value or, more often, one of the real ones."""
    real = KNOWN.get(name)
    if not real or not isinstance(value, str | int | type(None)):
        return st.just(value)
    return st.sampled_from([value, *real])


def _mix_into(values: dict | None) -> st.SearchStrategy:
    if not isinstance(values, dict) or not values:
        return st.just(values)
    return st.fixed_dictionaries({name: _mixed(name, value) for name, value in values.items()})


def _mix_into_claims(claims):
    if not isinstance(claims, list) or not all(isinstance(c, dict) for c in claims):
        return st.just(claims)
    return st.tuples(*(_mix_into(claim) for claim in claims)).map(list)


@schema.hook
def flatmap_path_parameters(context, path_parameters):
    return _mix_into(path_parameters)


@schema.hook
def flatmap_query(context, query):
    return _mix_into(query)


@schema.hook
def flatmap_body(context, body):
    if not isinstance(body, dict) or not body:
        return st.just(body)
    strategies = {name: _mixed(name, value) for name, value in body.items()}
    if "claims" in body:
        strategies["claims"] = _mix_into_claims(body["claims"])
    return st.fixed_dictionaries(strategies)


def test_the_live_server_publishes_the_fuzzed_document(live_server):
    response = requests.get(f"{live_server.url}{API_PREFIX}/openapi.json", timeout=30)

    assert response.status_code == 200
    assert response.json() == _document()


@pytest.fixture
def known_values(api_world: ApiWorld):
    KNOWN.clear()
    KNOWN.update(api_world.known)
    yield api_world
    KNOWN.clear()


def _keeps_the_token_alive(case, world: ApiWorld) -> None:
    # Revoking the token under test would turn the rest of the run into 401s.
    revoking = case.method == "DELETE" and case.operation.path.endswith("/me/tokens/{token_id}")
    if revoking and str(case.path_parameters.get("token_id")) == str(world.member_token_id):
        case.path_parameters["token_id"] = world.member_token_id + 1_000_000


# The data set is built once per operation, not per generated case: the cases share it, which
# is the point (they meet real people, organizations and proposals).
SHARED_DATA = settings(suppress_health_check=[HealthCheck.function_scoped_fixture])


@schema.parametrize()
@SHARED_DATA
def test_every_operation_answers_within_its_schema_for_a_member_with_a_token(
    case, live_server, known_values: ApiWorld
):
    _keeps_the_token_alive(case, known_values)
    case.call_and_validate(
        base_url=live_server.url,
        headers={"Authorization": f"Bearer {known_values.member_token}"},
        checks=CHECKS,
    )


@schema.include(path_regex="capacity-proposals").parametrize()
@SHARED_DATA
def test_staff_decide_generated_proposals_within_the_schema(
    case, live_server, known_values: ApiWorld
):
    case.call_and_validate(
        base_url=live_server.url,
        headers={"Authorization": f"Bearer {known_values.staff_token}"},
        checks=CHECKS,
    )


# Reads run the same code for everyone; only what they may see differs, so fewer cases do.
@schema.include(method="GET").parametrize()
@settings(SHARED_DATA, max_examples=max(1, MAX_EXAMPLES // 2))
def test_every_read_answers_within_its_schema_for_an_anonymous_caller(
    case, live_server, known_values: ApiWorld
):
    case.call_and_validate(base_url=live_server.url, checks=CHECKS)
