"""The JSON API under /api/v1/: OpenAPI at /api/v1/openapi.json, docs at /api/v1/docs.

Reads are open to everyone (anonymous callers see public data only); writes need a personal
token (`Authorization: Bearer …`) or the browser session with its CSRF token. Every error is
JSON: `{"detail": …}`, plus `errors: [{field, message}]` for invalid input (422), edit
conflicts (409) and too many attempts (429, with `Retry-After`).
"""

from django.core.exceptions import ObjectDoesNotExist, PermissionDenied, RequestDataTooBig
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import IntegrityError
from django.http import Http404, HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from ninja import NinjaAPI, Swagger
from ninja.errors import AuthenticationError, HttpError
from ninja.errors import ValidationError as NinjaValidationError

from capacityhub.core.middleware import too_large
from capacityhub.core.ratelimit import RateLimited

from . import (
    evaluation,
    events,
    exchange,
    forms,
    funding,
    governance,
    integrity,
    knowledge,
    learning,
    mentoring,
    orgdev,
    recognition,
    review,
    search,
    taxonomy,
)
from .community import me_router, organizations_router, people_router
from .core.openapi import describe_errors
from .core.schemas import WRITE_AUTH


class CapacityHubAPI(NinjaAPI):
    def get_openapi_schema(self, **kwargs):
        return describe_errors(super().get_openapi_schema(**kwargs))

    def get_openapi_operation_id(self, operation) -> str:
        # Short, stable ids (`list_people`) for clients generated from the OpenAPI document.
        return operation.view_func.__name__


api = CapacityHubAPI(
    title="Capacity Hub API",
    version="1",
    description=__doc__,
    urls_namespace="api-1",
    auth=WRITE_AUTH,
    docs_url="/docs",
    # Served from our static files (templates/ninja/swagger.html); no call to an outside validator.
    docs=Swagger(settings={"validatorUrl": None}),
)

# Where ninja says where a value came from; clients only need the field's own path.
PARAM_SOURCES = {"body", "query", "path", "header", "cookie", "form", "file"}


def _error_response(request: HttpRequest, status: int, detail: str, errors=None):
    body = {"detail": detail}
    if errors is not None:
        body["errors"] = errors
    return api.create_response(request, body, status=status)


def _field_errors_detail(errors: list[dict]) -> str:
    return "; ".join(
        f"{e['field']}: {e['message']}" if e["field"] else e["message"] for e in errors
    )


def _service_errors(exc: DjangoValidationError) -> list[dict]:
    if hasattr(exc, "error_dict"):
        return [
            {"field": "" if field == "__all__" else field, "message": message}
            for field, messages in exc.message_dict.items()
            for message in messages
        ]
    return [{"field": "", "message": message} for message in exc.messages]


@api.exception_handler(DjangoValidationError)
def service_validation_error(request: HttpRequest, exc: DjangoValidationError) -> HttpResponse:
    errors = _service_errors(exc)
    # A stale `version` means someone else saved first: a conflict, not bad input.
    status = 409 if any(e["field"] == "version" for e in errors) else 422
    return _error_response(request, status, _field_errors_detail(errors), errors)


@api.exception_handler(RateLimited)
def rate_limited(request: HttpRequest, exc: RateLimited) -> HttpResponse:
    errors = _service_errors(exc)
    response = _error_response(request, 429, _field_errors_detail(errors), errors)
    response["Retry-After"] = str(exc.retry_after)
    return response


def _field_path(loc, names_of_bodies: set[str]) -> str:
    parts = [str(part) for part in loc]
    if parts and parts[0] in PARAM_SOURCES:
        source, parts = parts[0], parts[1:]
        if source == "body" and parts and parts[0] in names_of_bodies:
            parts = parts[1:]
    return ".".join(parts)


@api.exception_handler(NinjaValidationError)
def input_validation_error(request: HttpRequest, exc: NinjaValidationError) -> HttpResponse:
    errors = [
        {"field": _field_path(error.get("loc", ()), {"payload"}), "message": error["msg"]}
        for error in exc.errors
    ]
    return _error_response(request, 422, _field_errors_detail(errors), errors)


@api.exception_handler(PermissionDenied)
def permission_denied(request: HttpRequest, exc: PermissionDenied) -> HttpResponse:
    return _error_response(request, 403, str(exc) or _("You may not do this."))


@api.exception_handler(ObjectDoesNotExist)
def object_not_found(request: HttpRequest, exc: ObjectDoesNotExist) -> HttpResponse:
    return _error_response(request, 404, _("Not found."))


@api.exception_handler(Http404)
def http_not_found(request: HttpRequest, exc: Http404) -> HttpResponse:
    return _error_response(request, 404, _("Not found."))


@api.exception_handler(AuthenticationError)
def not_authenticated(request: HttpRequest, exc: AuthenticationError) -> HttpResponse:
    message = str(exc)
    if message == "Unauthorized":
        message = _("Sign in, or send a personal API token: Authorization: Bearer <token>.")
    response = _error_response(request, 401, message)
    response["WWW-Authenticate"] = 'Bearer realm="capacityhub"'
    return response


@api.exception_handler(HttpError)
def http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
    return _error_response(request, exc.status_code, str(exc))


@api.exception_handler(RequestDataTooBig)
def body_too_large(request: HttpRequest, exc: RequestDataTooBig) -> HttpResponse:
    # Mostly answered before the API by core.middleware.BodySizeMiddleware; this catches the rest.
    return too_large(request)


@api.exception_handler(IntegrityError)
def integrity_error(request: HttpRequest, exc: IntegrityError) -> HttpResponse:
    # Only a race or a duplicate the services did not foresee gets here; nothing was saved.
    return _error_response(
        request, 409, _("This conflicts with data saved in the meantime. Reload and try again.")
    )


# One package per domain (api/<domain>/), registered in the order of the layers.
api.add_router("", taxonomy.router)
api.add_router("", people_router)
api.add_router("", me_router)
api.add_router("", organizations_router)
for router in exchange.routers:
    api.add_router("", router)
api.add_router("", search.router)
api.add_router("", knowledge.opendata_router)
api.add_router("", knowledge.resources_router)
api.add_router("", learning.router)
api.add_router("", events.router)
api.add_router("", review.router)
api.add_router("", forms.router)
api.add_router("", integrity.router)
api.add_router("", mentoring.router)
api.add_router("", recognition.router)
api.add_router("", orgdev.router)
api.add_router("", funding.router)
api.add_router("", evaluation.router)
api.add_router("", governance.router)
