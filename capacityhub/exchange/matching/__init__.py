"""Matching: who could help with a need, and which open needs an offer could answer.

Pure: plain data in, plain data out; no database. `scoring.py` defines the score (one value at
a time, and its vectorised components), `index.py` ranks thousands of offers or needs at once,
`explanation.py` says why a match fits as message ids the delivery layers put into words. The
selectors (`exchange/selectors/matching.py`) turn rows into `OfferRow`/`NeedRow` and cache the
indexes.
"""

from .explanation import (
    CLOSE,
    EXACT,
    RELATED,
    capacity_part,
    fit,
    language_part,
    offer_parts,
    place_parts,
    quality,
)
from .index import ProviderIndex
from .needs_index import NeedIndex
from .scoring import (
    MEMBERS,
    NO_LANGUAGE_ASKED,
    NOT_A_MATCH,
    ORGANIZATION,
    PERSON,
    PRIVATE,
    PROFICIENCY_WEIGHT,
    PUBLIC,
    WEIGHTS,
    Match,
    NeedMatch,
    NeedRow,
    NeedSpec,
    OfferRow,
    Part,
    ProviderKey,
    closeness,
    feedback_fit,
    language_fit,
    level_fit,
    load_fit,
    place_fit,
    score_offer,
    tz_overlap,
    weighted,
)

__all__ = [
    "CLOSE", "EXACT", "MEMBERS", "NO_LANGUAGE_ASKED", "NOT_A_MATCH", "ORGANIZATION", "PERSON",
    "PRIVATE", "PROFICIENCY_WEIGHT", "PUBLIC", "RELATED", "WEIGHTS", "Match", "NeedIndex",
    "NeedMatch", "NeedRow", "NeedSpec", "OfferRow", "Part", "ProviderIndex", "ProviderKey",
    "capacity_part", "closeness", "feedback_fit", "fit", "language_fit", "language_part",
    "level_fit", "load_fit", "offer_parts", "place_fit", "place_parts", "quality", "score_offer",
    "tz_overlap", "weighted",
]  # fmt: skip
