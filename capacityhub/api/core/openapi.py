"""What the OpenAPI document says about errors, the same for every operation.

Routers declare which statuses an operation answers (`schemas.WRITE_ERRORS`, …); this names what
each one means for a client generator, and adds what every write may answer whatever its router
says: 422 (bad input or a business rule, e.g. an unknown capacity code or removing the last
manager), 409 (edit conflict), 413 (a body over the size limit, `core.middleware`)."""

from typing import Any

ERROR_REF = {"application/json": {"schema": {"$ref": "#/components/schemas/ErrorOut"}}}
WRITE_METHODS = {"post", "put", "patch", "delete"}

DESCRIPTIONS = {
    "400": "The request could not be read (malformed JSON or parameters).",
    "401": "Not signed in: send `Authorization: Bearer <token>` or use the browser session.",
    "403": "Signed in, but not allowed to do this.",
    "404": "No such object, or not visible to you.",
    "409": (
        "Edit conflict: the `version` you sent is stale, or the change collides with data saved "
        "in the meantime. Reload and try again; nothing was saved."
    ),
    "413": "The body is over the size limit (DATA_UPLOAD_MAX_MEMORY_SIZE); nothing was read.",
    "422": (
        "Invalid input or a business rule refused it (for example an unknown capacity or method "
        "code, a language or region that does not exist, removing an organization's last "
        "manager, a full event). `errors` names each field; nothing was saved."
    ),
    "429": "Too many attempts; wait the number of seconds in `Retry-After`.",
}
ALWAYS_ON_WRITES = ("409", "413", "422")


def describe_errors(schema: dict[str, Any]) -> dict[str, Any]:
    """Fill in every operation's error answers in place; returns `schema`."""
    for operations in schema.get("paths", {}).values():
        for method, operation in operations.items():
            # ninja keys statuses by int; JSON by string.
            declared = operation.get("responses", {})
            responses = {str(status): answer for status, answer in declared.items()}
            operation["responses"] = responses
            if method in WRITE_METHODS:
                for status in ALWAYS_ON_WRITES:
                    responses.setdefault(status, {"content": ERROR_REF})
            for status, response in responses.items():
                if status in DESCRIPTIONS:
                    response["description"] = DESCRIPTIONS[status]
    return schema
