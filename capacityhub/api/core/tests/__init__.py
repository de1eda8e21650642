"""Helpers shared by the API tests."""

from capacityhub.community.services import api_token_create

API = "/api/v1"


def bearer(user, name: str = "tests") -> dict[str, str]:
    """Headers for a request made with a fresh personal API token of `user`."""
    _token, secret = api_token_create(user=user, name=name)
    return {"Authorization": f"Bearer {secret}"}


def error_fields(response) -> set[str]:
    """The fields named in a JSON error response."""
    return {error["field"] for error in response.json()["errors"]}
