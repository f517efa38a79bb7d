"""The OpenAPI schema is valid OpenAPI 3 and names every endpoint of the API."""

import re

import yaml
from django.urls import URLPattern, get_resolver
from drf_spectacular.validation import validate_schema


def _api_routes() -> set[str]:
    resolver = next(
        p for p in get_resolver().url_patterns if getattr(p, "namespace", None) == "api"
    )
    routes = set()
    for pattern in resolver.url_patterns:
        assert isinstance(pattern, URLPattern)
        route = str(pattern.pattern).lstrip("^").rstrip("$")
        route = re.sub(r"\(\?P<(\w+)>[^)]*\)", r"{\1}", route)  # a router's regex
        route = re.sub(
            r"<(?:\w+:)?(\w+)>", r"{\1}", route
        )  # a path converter: <id:pk>, <year:year>
        routes.add("/api/v1/" + route.replace("{pk}", "{id}"))  # the schema names the key id
    return routes - {"/api/v1/schema/", "/api/v1/docs/"}


def test_schema_is_valid_openapi_3_with_every_endpoint(client):
    response = client.get("/api/v1/schema/")
    assert response.status_code == 200
    schema = yaml.safe_load(response.content)
    validate_schema(schema)  # raises on anything that breaks the OpenAPI 3 specification
    assert schema["openapi"].startswith("3.")
    assert schema["info"]["title"] == "Jeugdfonds API"
    assert set(schema["paths"]) == _api_routes()
    assert {"/api/v1/funds/", "/api/v1/proposals/{id}/", "/api/v1/awards/"} <= set(schema["paths"])
    assert "tokenAuth" in schema["components"]["securitySchemes"]


def test_every_operation_of_the_schema_is_a_test_of_its_own_for_schemathesis(client):
    """pytest-xdist's `--dist loadfile` (make test, CI) runs each node id once: the schemathesis
    tests must each have their own, or all but one API operation go untested there."""
    import subprocess
    import sys

    schema = yaml.safe_load(client.get("/api/v1/schema/").content)
    operations = {
        f"{method.upper()} {path}"
        for path, item in schema["paths"].items()
        for method in item
        if method in {"get", "post", "put", "patch", "delete"}
    }
    collected = subprocess.run(
        [sys.executable, "-m", "pytest", "--collect-only", "-q", "-p", "no:xdist"]
        + ["tests/api/test_schemathesis.py"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.splitlines()
    node_ids = [line for line in collected if line.startswith("tests/")]

    assert len(node_ids) == len(set(node_ids)) == len(operations)
    assert {re.search(r"\[(.*)\]$", node_id).group(1) for node_id in node_ids} == operations
