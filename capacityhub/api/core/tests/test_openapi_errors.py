"""The OpenAPI document describes the error answers a client generator must know (issue 10: the
422 answers for business rules were not described)."""

import pytest

API = "/api/v1"
WRITES = {"post", "put", "patch", "delete"}
ERROR_OUT = {"$ref": "#/components/schemas/ErrorOut"}


@pytest.fixture
def operations(client, db) -> list[tuple[str, str, dict]]:
    paths = client.get(f"{API}/openapi.json").json()["paths"]
    return [(method, path, op) for path, ops in paths.items() for method, op in ops.items()]


def _error_schema(operation: dict, status: str) -> dict:
    return operation["responses"][status]["content"]["application/json"]["schema"]


def test_every_write_declares_422_for_business_rules_with_the_error_shape(operations):
    writes = [(method, path, op) for method, path, op in operations if method in WRITES]

    assert len(writes) > 50
    for method, path, operation in writes:
        for status in ("409", "413", "422"):
            assert _error_schema(operation, status) == ERROR_OUT, (method, path, status)
        assert "business rule" in operation["responses"]["422"]["description"], (method, path)
        assert "last manager" in operation["responses"]["422"]["description"]


def test_error_answers_say_what_they_mean_instead_of_the_status_name(operations):
    for _method, _path, operation in operations:
        for status, response in operation["responses"].items():
            if int(status) >= 400:
                assert response["description"] not in {"Conflict", "Unprocessable Entity"}


def test_a_refused_business_rule_answers_the_declared_422(manager, organization, client):
    client.force_login(manager)

    response = client.delete(f"{API}/organizations/{organization.slug}/members/manager")
    document = client.get(f"{API}/openapi.json").json()

    operation = document["paths"][f"{API}/organizations/{{slug}}/members/{{username}}"]["delete"]
    assert response.status_code == 422
    assert "422" in operation["responses"]
    assert set(response.json()) == {"detail", "errors"}


def test_no_two_schemas_share_a_name():
    """django-ninja names OpenAPI components by class name: two `QuestionOut`s (events and
    forms) made one endpoint's answers validate against the other's schema."""
    import importlib
    import inspect
    import pkgutil

    import pydantic

    import capacityhub.api as package

    seen: dict[str, str] = {}
    clashes = []
    for module_info in pkgutil.walk_packages(package.__path__, "capacityhub.api."):
        if ".tests" in module_info.name:
            continue
        module = importlib.import_module(module_info.name)
        for obj in vars(module).values():
            if not (inspect.isclass(obj) and issubclass(obj, pydantic.BaseModel)):
                continue
            if obj.__module__ != module.__name__:
                continue
            if seen.setdefault(obj.__name__, module.__name__) != module.__name__:
                clashes.append((obj.__name__, seen[obj.__name__], module.__name__))
    assert clashes == [], clashes
