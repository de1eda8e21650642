"""Writes to people, organizations, memberships and API tokens, one module per thing."""

from .accounts import (
    TOKENS_PER_HOUR,
    api_token_authenticate,
    api_token_create,
    api_token_revoke,
    api_tokens_revoke_all,
    user_set_language,
)
from .organizations import (
    ORGANIZATION_FIELDS,
    RESERVED_SLUGS,
    is_last_manager,
    membership_remove,
    membership_set,
    organization_create,
    organization_set_capacities,
    organization_set_languages,
    organization_update,
)
from .profiles import (
    PROFILE_FIELDS,
    PROFILE_TEXTS,
    profile_ensure,
    profile_set_capacities,
    profile_set_languages,
    profile_update,
    require_owner_or_staff,
)

__all__ = [
    "ORGANIZATION_FIELDS",
    "PROFILE_FIELDS",
    "PROFILE_TEXTS",
    "RESERVED_SLUGS",
    "TOKENS_PER_HOUR",
    "api_token_authenticate",
    "api_token_create",
    "api_token_revoke",
    "api_tokens_revoke_all",
    "is_last_manager",
    "membership_remove",
    "membership_set",
    "organization_create",
    "organization_set_capacities",
    "organization_set_languages",
    "organization_update",
    "profile_ensure",
    "profile_set_capacities",
    "profile_set_languages",
    "profile_update",
    "require_owner_or_staff",
    "user_set_language",
]
