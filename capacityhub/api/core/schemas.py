"""Shared pieces of the API: error and page shapes, constrained input types, security schemes.

Every query parameter and body field is constrained here or in the domain module (length,
range, pattern) so that no input, however odd, reaches a service or the database unchecked.
"""

import re
from typing import Annotated, Generic, Literal, TypeVar

from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Field, Header, Schema
from ninja.errors import AuthenticationError
from ninja.errors import ValidationError as InputError
from ninja.security import HttpBearer, SessionAuth
from pydantic import AfterValidator, BaseModel, ConfigDict, StringConstraints

from capacityhub.community.services import api_token_authenticate
from capacityhub.core.regions import REGIONS
from capacityhub.core.validation import MAX_ID

# Database keys are signed 64-bit integers; larger numbers must never reach a query.
MAX_PAGE = 1_000_000


def _printable(value: str) -> str:
    # NUL and lone surrogates cannot be stored by PostgreSQL or encoded as UTF-8.
    if "\x00" in value:
        raise ValueError("must not contain NUL characters")
    if any("\ud800" <= ch <= "\udfff" for ch in value):
        raise ValueError("must be valid Unicode text")
    return value


def _not_blank(value: str) -> str:
    if not value.strip():
        raise ValueError("must not be blank")
    return value


# The same rule as _not_blank, for the OpenAPI document: at least one visible character.
NOT_BLANK = r"[^\s\x1c-\x1f]"


def Text(max_length: int, min_length: int = 0):  # reads as a type in signatures
    """A string with a maximum length that is safe to store and to search for. With
    `min_length`, it must also hold something other than spaces."""
    if min_length:
        return Annotated[
            str,
            StringConstraints(max_length=max_length, min_length=min_length),
            AfterValidator(_printable),
            AfterValidator(_not_blank),
            Field(json_schema_extra={"pattern": NOT_BLANK}),
        ]
    return Annotated[str, StringConstraints(max_length=max_length), AfterValidator(_printable)]


class Input(BaseModel):
    """A request body: a JSON object with only the documented fields, so that a misspelt
    field is an error rather than silently ignored."""

    model_config = ConfigDict(extra="forbid")


LanguageCode = Annotated[
    str, StringConstraints(pattern=r"^[A-Za-z]{2,3}([_-][A-Za-z0-9]{1,8}){0,2}$", max_length=12)
]
CapacityCode = Annotated[
    str, StringConstraints(min_length=1, max_length=80), AfterValidator(_printable)
]
Slug = Annotated[str, StringConstraints(min_length=1, max_length=80), AfterValidator(_printable)]
ObjectId = Annotated[int, Field(ge=1, le=MAX_ID)]
Version = Annotated[int, Field(ge=1, le=MAX_ID)]
CountryCode = Annotated[str, Field(pattern=r"^[A-Za-z]{2}$")]

# Optimistic locking on every PATCH of a versioned object: the version the client read, in the
# body or as an If-Match header. Required, so a client that omits it cannot silently overwrite
# someone else's edit (422 naming `version` when missing; 409 when stale).
VERSION_RULE = (
    "Required on PATCH: the `version` you read, in the body or as an `If-Match` header "
    '(`If-Match: "3"`). Missing: 422 naming `version`; stale (someone else saved first): 409.'
)
PatchVersion = Annotated[Version | None, Field(description=VERSION_RULE)]
IfMatch = Annotated[
    str | None,
    Header(alias="If-Match", description='The version you read, e.g. `"3"`.', max_length=40),
]
_ETAG = re.compile(r'^(?:W/)?"?([1-9][0-9]{0,17})"?$')


def _version_error(message: str) -> InputError:
    return InputError([{"loc": ("body", "payload", "version"), "msg": message}])


def required_version(version: int | None, if_match: str | None) -> int:
    """The version a PATCH was based on, from the body or If-Match; refused when missing."""
    from_header = None
    if if_match:
        match = _ETAG.match(if_match.strip())
        if match is None:
            raise _version_error(_('If-Match carries the version you read, e.g. "3".'))
        from_header = int(match.group(1))
    if version is not None and from_header is not None and version != from_header:
        raise _version_error(_("The version and the If-Match header disagree."))
    if version is None and from_header is None:
        raise _version_error(
            _("Send the version you read (or an If-Match header), so that no edit is lost.")
        )
    return version if version is not None else from_header


RegionCode = Literal[tuple(REGIONS)]
RegionOrNone = Literal[("", *REGIONS)]
MethodCode = Annotated[str, StringConstraints(pattern=r"^[a-z0-9][a-z0-9-]{0,79}$")]
Level = Annotated[int, Field(ge=1, le=5, description="1 = beginner … 5 = expert.")]

# Path segments: shaped so that every documented value routes to the operation (no "/", no
# empty or dot-only segment), where a missing object is a JSON 404.
CodePath = Annotated[str, StringConstraints(pattern=r"^[a-z0-9][a-z0-9-]{0,79}$")]
SlugPath = Annotated[str, StringConstraints(pattern=r"^[-a-zA-Z0-9_]{1,80}$")]
UsernamePath = Annotated[
    str, StringConstraints(pattern=r"^[\w.@+-]*[\w@+-][\w.@+-]*$", max_length=150)
]


# Errors ----------------------------------------------------------------------------------------


class FieldError(Schema):
    field: str = Field(description="Dotted path of the field, e.g. `display_name` or `page`.")
    message: str


class ErrorOut(Schema):
    detail: str = Field(description="What went wrong, in the reader's language.")
    errors: list[FieldError] = Field(
        default_factory=list, description="Field-level messages (422, 409 and 429 only)."
    )


# The status codes each kind of operation may answer with besides its success code.
READ_ERRORS = {400: ErrorOut, 401: ErrorOut, 422: ErrorOut}
DETAIL_ERRORS = {**READ_ERRORS, 404: ErrorOut}
WRITE_ERRORS = {400: ErrorOut, 401: ErrorOut, 403: ErrorOut, 409: ErrorOut, 422: ErrorOut}
OBJECT_WRITE_ERRORS = {**WRITE_ERRORS, 404: ErrorOut}


# Pages -----------------------------------------------------------------------------------------


class PageQuery(Schema):
    page: int = Field(1, ge=1, le=MAX_PAGE, description="Page number, from 1.")
    page_size: int = Field(20, ge=1, le=100, description="Results per page, 1 to 100.")


T = TypeVar("T")


class Page(Schema, Generic[T]):
    count: int = Field(description="Number of results on all pages.")
    page: int
    page_size: int
    next: str | None = Field(description="URL of the next page, or null on the last page.")
    previous: str | None = Field(description="URL of the previous page, or null on the first.")
    results: list[T]


# Security schemes ------------------------------------------------------------------------------


class BearerAuth(HttpBearer):
    """`Authorization: Bearer <personal API token>`. A wrong or revoked token is refused (401)
    rather than treated as anonymous, so a client never silently loses its access."""

    def authenticate(self, request: HttpRequest, token: str):
        user = api_token_authenticate(token.strip()) if token.strip() else None
        if user is None:
            raise AuthenticationError(401, _("This API token is invalid or has been revoked."))
        request.user = user
        return user


class SessionCookieAuth(SessionAuth):
    """The browser session; unsafe methods need the CSRF token. Anonymous requests are left to
    the next scheme, so they get 401, not a CSRF 403."""

    def __call__(self, request: HttpRequest):
        if not request.user.is_authenticated:
            return None
        return super().__call__(request)


class Anonymous:
    """Lets a read through without credentials; the viewer is then the anonymous user."""

    def __call__(self, request: HttpRequest):
        return request.user


WRITE_AUTH = [BearerAuth(), SessionCookieAuth()]
READ_AUTH = [*WRITE_AUTH, Anonymous()]
# In OpenAPI an empty requirement means "or no credentials at all".
READ_OPENAPI = {"security": [{}]}
# What every read operation passes to the router: open to anonymous callers.
READ = {"auth": READ_AUTH, "openapi_extra": READ_OPENAPI}
