"""Every active offer as NumPy columns, changed in place one provider at a time.

One row per offer, in no particular order: the ranking breaks ties by provider key and offer
id, never by row, so a row's place does not matter. Replacing a provider's offers marks their
old rows dead and writes the new ones into dead rows (or appends them); `compact()` drops the
dead rows when they pile up. No Python object is kept per offer: `offer_row(i)` rebuilds one
`OfferRow` from the columns, for the few candidates an explanation is written for.

Languages are a fixed-width block per row (`lang`: language number, −1 for an empty slot) with
the proficiency seen in full and from below (`full`, `public`; −1: not listed there).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence

import numpy as np

from .scoring import ORGANIZATION, PERSON, PROFICIENCY_WEIGHT, OfferRow, ProviderKey, feedback_fit

# A provider as one sortable integer: organizations before people, then by id (the order of
# `ProviderKey` tuples, so ties between providers go the same way as before).
KIND_SHIFT = 1 << 40
KIND_CODE = {ORGANIZATION: 0, PERSON: 1}
KIND_OF = {0: ORGANIZATION, 1: PERSON}
# proficiency (−1 = not spoken) → weight; index with proficiency + 1.
WEIGHT_OF = np.array([0.0] + [PROFICIENCY_WEIGHT.get(p, 0.0) for p in range(6)])

SCALARS: dict[str, type] = {
    "offer_id": np.int64,
    "pkey": np.int64,
    "capacity": np.int32,
    "level": np.int8,
    "region": np.int32,
    "public_region": np.int32,
    "offset": np.float64,
    "online": np.bool_,
    "capacities_tier": np.int8,
    "languages_tier": np.int8,
    "location_tier": np.int8,
    "most": np.int32,
    "away": np.bool_,
    "active": np.int32,
    "feedback_sum": np.float64,
    "feedback_count": np.int32,
}
BLOCKS = ("lang", "full", "public")
# Worked out from the columns above whenever a row is written, so that ranking only gathers:
# the load, whether the provider takes no more (away or full), the UTC offset in quarter hours
# (NO_TIME_ZONE: unknown) and the language weights seen in full and from below.
DERIVED: dict[str, type] = {
    "feedback": np.float64,
    "load": np.float64,
    "closed": np.bool_,
    "quarters": np.int16,
}
DERIVED_BLOCKS = ("full_weight", "public_weight")
NO_TIME_ZONE = 32767
ALL_COLUMNS = (*SCALARS, *BLOCKS, *DERIVED, *DERIVED_BLOCKS, "alive")


def provider_code(key: ProviderKey) -> int:
    return KIND_CODE[key[0]] * KIND_SHIFT + int(key[1])


def provider_key(code: int) -> ProviderKey:
    return (KIND_OF[int(code) // KIND_SHIFT], int(code) % KIND_SHIFT)


class Vocabulary:
    """Values ↔ small integers, growing only (so numbers already in the columns stay true)."""

    def __init__(self, values: Iterable[str] = ()) -> None:
        self.values: list[str] = []
        self.number: dict[str, int] = {}
        for value in values:
            self.add(value)

    def add(self, value: str) -> int:
        number = self.number.get(value)
        if number is None:
            number = self.number[value] = len(self.values)
            self.values.append(value)
        return number

    def get(self, value: str, default: int = -1) -> int:
        return self.number.get(value, default)


class OfferColumns:
    """The columns (attributes named as in SCALARS and BLOCKS), `alive`, and the
    vocabularies of regions and languages."""

    def __init__(self, regions: Vocabulary | None = None, languages: Vocabulary | None = None):
        self.regions = regions or Vocabulary([""])
        self.languages = languages or Vocabulary()
        for name, dtype in SCALARS.items():
            setattr(self, name, np.zeros(0, dtype=dtype))
        for name in BLOCKS:
            setattr(self, name, np.full((0, 1), -1, dtype=np.int16 if name == "lang" else np.int8))
        for name, dtype in DERIVED.items():
            setattr(self, name, np.zeros(0, dtype=dtype))
        for name in DERIVED_BLOCKS:
            setattr(self, name, np.zeros((0, 1)))
        self.alive = np.zeros(0, dtype=bool)

    def __len__(self) -> int:
        return len(self.alive)

    @property
    def live(self) -> int:
        return int(self.alive.sum())

    # Writing ------------------------------------------------------------------------------------

    def replace(self, providers: Iterable[int], new: Mapping[str, np.ndarray]) -> None:
        """Drop every row of `providers` (provider codes), then add the rows of `new` (a
        mapping of column name → array, same length for all, blocks 2-D)."""
        codes = np.fromiter(providers, dtype=np.int64)
        if len(codes) and len(self):
            self.alive &= ~np.isin(self.pkey, codes)
        count = len(new["offer_id"]) if new else 0
        if not count:
            return
        width = max(self.lang.shape[1], new["lang"].shape[1])
        self._widen(width)
        free = np.flatnonzero(~self.alive)[:count]
        grow = count - len(free)
        if grow:
            self._grow(grow)
            free = np.r_[free, np.arange(len(self) - grow, len(self))]
        for name in SCALARS:
            getattr(self, name)[free] = new[name]
        for name in BLOCKS:
            block = np.full((count, width), -1, dtype=getattr(self, name).dtype)
            block[:, : new[name].shape[1]] = new[name]
            getattr(self, name)[free] = block
        self.alive[free] = True
        self._derive(free)

    def _derive(self, rows: np.ndarray) -> None:
        most = np.maximum(1, self.most[rows])
        active = self.active[rows]
        self.load[rows] = 1 - active / most
        self.closed[rows] = self.away[rows] | (active >= most)
        self.feedback[rows] = feedback_fit(self.feedback_sum[rows], self.feedback_count[rows])
        offset = self.offset[rows]
        quarters = np.round(np.nan_to_num(offset) * 4).astype(np.int16)
        self.quarters[rows] = np.where(np.isnan(offset), NO_TIME_ZONE, quarters)
        self.full_weight[rows] = WEIGHT_OF[self.full[rows].astype(np.int64) + 1]
        self.public_weight[rows] = WEIGHT_OF[self.public[rows].astype(np.int64) + 1]

    def _widen(self, width: int) -> None:
        if width <= self.lang.shape[1]:
            return
        for name in (*BLOCKS, *DERIVED_BLOCKS):
            old = getattr(self, name)
            wider = np.full((len(old), width), -1 if name in BLOCKS else 0, dtype=old.dtype)
            wider[:, : old.shape[1]] = old
            setattr(self, name, wider)

    def _grow(self, count: int) -> None:
        for name, dtype in SCALARS.items():
            setattr(self, name, np.r_[getattr(self, name), np.zeros(count, dtype=dtype)])
        for name, dtype in DERIVED.items():
            setattr(self, name, np.r_[getattr(self, name), np.zeros(count, dtype=dtype)])
        for name in (*BLOCKS, *DERIVED_BLOCKS):
            old = getattr(self, name)
            pad = np.full((count, old.shape[1]), -1 if name in BLOCKS else 0, dtype=old.dtype)
            setattr(self, name, np.concatenate([old, pad]))
        self.alive = np.r_[self.alive, np.zeros(count, dtype=bool)]

    def compact(self) -> None:
        """Drop dead rows (worth it when they are many)."""
        keep = self.alive
        for name in ALL_COLUMNS[:-1]:
            setattr(self, name, getattr(self, name)[keep])
        self.alive = np.ones(len(self.offer_id), dtype=bool)

    def set_activity(self, rows: np.ndarray, active, feedback_sum, feedback_count) -> None:
        self.active[rows] = active
        self.feedback_sum[rows] = feedback_sum
        self.feedback_count[rows] = feedback_count
        self._derive(rows)

    def copy(self) -> OfferColumns:
        twin = OfferColumns(self.regions, self.languages)
        for name in ALL_COLUMNS:
            setattr(twin, name, getattr(self, name).copy())
        twin.regions = Vocabulary(self.regions.values)
        twin.languages = Vocabulary(self.languages.values)
        return twin

    # Reading ------------------------------------------------------------------------------------

    def rows_of(self, providers: Sequence[int]) -> np.ndarray:
        return np.flatnonzero(self.alive & np.isin(self.pkey, np.asarray(providers, np.int64)))

    def offer_row(self, i: int) -> OfferRow:
        """Row `i` as plain data, in full (callers apply `seen_at`)."""
        regions, languages = self.regions.values, self.languages.values
        lang, full, public = self.lang[i], self.full[i], self.public[i]
        offset = float(self.offset[i])
        return OfferRow(
            offer_id=int(self.offer_id[i]), provider=provider_key(self.pkey[i]),
            capacity_id=int(self.capacity[i]), level=int(self.level[i]),
            languages=_spoken(languages, lang, full),
            public_languages=_spoken(languages, lang, public),
            region=regions[self.region[i]], public_region=regions[self.public_region[i]],
            utc_offset=None if np.isnan(offset) else offset, online=bool(self.online[i]),
            active_connections=int(self.active[i]), max_connections=int(self.most[i]),
            away=bool(self.away[i]), feedback_sum=float(self.feedback_sum[i]),
            feedback_count=int(self.feedback_count[i]),
            capacities_tier=int(self.capacities_tier[i]),
            languages_tier=int(self.languages_tier[i]), location_tier=int(self.location_tier[i]),
        )  # fmt: skip

    def nbytes(self) -> int:
        return sum(getattr(self, name).nbytes for name in ALL_COLUMNS)


def _spoken(names: list[str], lang: np.ndarray, proficiency: np.ndarray):
    return tuple((names[c], int(p)) for c, p in zip(lang, proficiency, strict=True) if p >= 0)


def columns_from_rows(rows: Sequence[OfferRow], into: OfferColumns) -> dict[str, np.ndarray]:
    """New rows for `OfferColumns.replace` from plain `OfferRow`s (tests, small deltas)."""
    regions, languages = into.regions, into.languages
    width = 1
    blocks = []
    for row in rows:
        codes = list(dict.fromkeys(c for c, _p in (*row.languages, *row.public_languages)))
        full, public = dict(row.languages), dict(row.public_languages)
        blocks.append(
            [(languages.add(c), full.get(c, -1), public.get(c, -1)) for c in codes] or [(-1,) * 3]
        )
        width = max(width, len(codes))
    new = {
        "offer_id": [r.offer_id for r in rows],
        "pkey": [provider_code(r.provider) for r in rows],
        "capacity": [r.capacity_id for r in rows],
        "level": [r.level for r in rows],
        "region": [regions.add(r.region) for r in rows],
        "public_region": [regions.add(r.public_region) for r in rows],
        "offset": [np.nan if r.utc_offset is None else r.utc_offset for r in rows],
        "online": [r.online for r in rows],
        "capacities_tier": [r.capacities_tier for r in rows],
        "languages_tier": [r.languages_tier for r in rows],
        "location_tier": [r.location_tier for r in rows],
        "most": [r.max_connections for r in rows],
        "away": [r.away for r in rows],
        "active": [r.active_connections for r in rows],
        "feedback_sum": [r.feedback_sum for r in rows],
        "feedback_count": [r.feedback_count for r in rows],
    }
    arrays = {name: np.array(values, dtype=SCALARS[name]) for name, values in new.items()}
    for slot, name in enumerate(BLOCKS):
        dtype = np.int16 if name == "lang" else np.int8
        block = np.full((len(rows), width), -1, dtype=dtype)
        for i, entries in enumerate(blocks):
            block[i, : len(entries)] = [entry[slot] for entry in entries]
        arrays[name] = block
    return arrays
