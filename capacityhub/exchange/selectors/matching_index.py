"""The matching indexes of this process, kept true by the change records every process shares.

Offers: every active offer as NumPy columns (`matching/columns.py`), built from scratch once
(`matching_build.py`), then changed one provider at a time. Writes record what they change
(`matching_changes.py`: only saves that touch what matching reads); each process looks for
records newer than the last it applied at most every CHECK_SECONDS (at once after a write of
its own: one indexed query, usually empty) and re-reads only the providers concerned. So the
record ids are one version for every process, and a write is seen everywhere within a second.

Shared: after a build, the columns are written once to MATCHING_INDEX_DIR (one folder per
version, `.npy` files); a new process maps them (copy on write: the pages stay shared between
processes) and applies the records since, instead of building. When too much changed at once
(a bulk write records "everything"), a process that already has an index keeps answering from
it while a thread builds the new one (stale while revalidating); no request waits for that.
Open needs are fewer: their index is rebuilt when a "needs" record is newer (a version of its
own: offers changing do not touch it, nor needs the offers).
"""

import gc
import json
import shutil
import threading
import time
from pathlib import Path

import numpy as np
from django.conf import settings
from django.db import connection
from django.db.models import Max, Q

from capacityhub.taxonomy.selectors import taxonomy_tree

from ..matching import NeedIndex, ProviderIndex
from ..matching.columns import ALL_COLUMNS, OfferColumns, Vocabulary, provider_key
from ..models import MatchingChange
from . import matching_changes
from .matching_build import all_offer_columns
from .matching_columns import (  # noqa: F401  (re-exported)
    offer_rows,
    offers_to_index,
    offset_of,
    provider_codes_to_filter,
)
from .matching_needs import need_rows

CHECK_SECONDS = 0.5
DELTA_LIMIT = 2000  # more records than this at once: build from scratch instead
BACKGROUND_AFTER_SECONDS = 0.2  # build in a thread when the last build took longer than this
KEEP_FOLDERS = 2
NAMES = ALL_COLUMNS


class _State:
    def __init__(self) -> None:
        self.lock = threading.RLock()
        self.reset()

    def reset(self) -> None:
        self.offers: ProviderIndex | None = None
        self.offers_seen = 0  # the last change record applied to `offers`
        self.needs: NeedIndex | None = None
        self.needs_seen = 0
        self.checked_at = float("-inf")
        matching_changes.local.dirty = False
        self.building: threading.Thread | None = None
        self.build_seconds = 0.0


_state = _State()


def check_soon() -> None:
    """A write in this process: look for change records at the next read."""
    matching_changes.local.dirty = True


def matching_cache_clear() -> None:
    """Forget this process's indexes (tests and benchmarks)."""
    with _state.lock:
        _state.reset()


def matching_index_changed(*, activity_only: bool = False) -> None:
    """After bulk writes (`QuerySet.update`, `bulk_create`) of what matching reads: every
    process rebuilds (`activity_only` is kept for callers; it is no cheaper)."""
    matching_changes.record(matching_changes.ALL)


def matching_versions() -> dict[str, int]:
    """The newest change record of the offers and of the open needs (0: none yet)."""
    scopes = {"offers": ("provider", "all"), "needs": ("needs", "all")}
    return {
        name: MatchingChange.objects.filter(scope__in=kinds).aggregate(v=Max("id"))["v"] or 0
        for name, kinds in scopes.items()
    }


def index_version() -> int:
    """The last change record this process's offer index has applied."""
    return _state.offers_seen


# Reading ----------------------------------------------------------------------------------------


def provider_index() -> ProviderIndex:
    with _state.lock:
        if _state.offers is None:
            _start_offers()
        _refresh()
        return _state.offers


def rank_offers(spec, *, k: int, viewer_tier: int):
    """`ProviderIndex.rank` on the current index, never while a change is being applied."""
    with _state.lock:
        return provider_index().rank(spec, k=k, viewer_tier=viewer_tier)


def read_offer_columns(work):
    """`work(columns)` on the current offer columns, while no change is applied to them."""
    with _state.lock:
        return work(provider_index().columns)


def need_index() -> NeedIndex:
    with _state.lock:
        _refresh()
        if _state.needs is None:
            seen = _latest()
            _state.needs = NeedIndex(need_rows(), taxonomy_tree())
            _state.needs_seen = max(_state.needs_seen, seen)
        return _state.needs


def _latest() -> int:
    return MatchingChange.objects.aggregate(v=Max("id"))["v"] or 0


def _refresh() -> None:
    now = time.monotonic()
    if not matching_changes.local.dirty and now - _state.checked_at < CHECK_SECONDS:
        return
    _state.checked_at, matching_changes.local.dirty = now, False
    held = [(_state.offers, _state.offers_seen), (_state.needs, _state.needs_seen)]
    seen = [version for index, version in held if index is not None]
    if not seen:
        return
    after = min(seen)
    changes = list(
        MatchingChange.objects.filter(id__gt=after)
        .order_by("id")
        .values_list("id", "scope", "provider")[: DELTA_LIMIT + 1]
    )
    if not changes:
        return
    last = changes[-1][0]
    if _state.needs is not None and any(
        scope != "provider" and pk > _state.needs_seen for pk, scope, _p in changes
    ):
        _state.needs = None  # rebuilt when next asked for
    if _state.offers is None:
        return
    mine = [(pk, scope, p) for pk, scope, p in changes if pk > _state.offers_seen]
    if len(changes) > DELTA_LIMIT or any(scope == "all" for _pk, scope, _p in mine):
        _rebuild()
    elif mine:
        providers = {p for _pk, scope, p in mine if scope == "provider" and p is not None}
        if providers:
            _apply(_state.offers, sorted(providers))
        _state.offers_seen = max(_state.offers_seen, last)


def _apply(index: ProviderIndex, codes: list[int]) -> None:
    people, organizations = provider_codes_to_filter(codes)
    offers = offers_to_index().filter(
        Q(claim__profile_id__in=people) | Q(claim__organization_id__in=organizations)
    )
    index.replace_provider_rows([provider_key(c) for c in codes], offer_rows(offers, activity=True))


# Building ---------------------------------------------------------------------------------------


def _start_offers() -> None:
    """The first index of this process: mapped from the shared folder, else built."""
    loaded = _load_shared()
    if loaded is not None:
        _state.offers, _state.offers_seen = loaded
        return
    _state.offers, _state.offers_seen = _build()


def _build() -> tuple[ProviderIndex, int]:
    started = time.perf_counter()
    seen = _latest()
    columns = OfferColumns()
    columns.replace((), all_offer_columns(columns))
    index = ProviderIndex.from_columns(columns, taxonomy_tree())
    _save_shared(columns, seen)
    _state.build_seconds = time.perf_counter() - started
    # The build's garbage is young (its rows were freed as it went): collecting the young
    # generations is enough, and a full collection scanned every object of the process.
    gc.collect(1)
    gc.freeze()  # what the build left behind is never scanned again
    return index, seen


def _rebuild() -> None:
    """From scratch: at once when that is quick, else in a thread (answers meanwhile come
    from the current index, changed one provider at a time as before)."""
    if _state.build_seconds <= BACKGROUND_AFTER_SECONDS:
        _state.offers, _state.offers_seen = _build()
        return
    if _state.building is not None and _state.building.is_alive():
        return

    def run() -> None:
        try:
            index, seen = _build()
            with _state.lock:
                _state.offers, _state.offers_seen = index, seen
                check_soon()  # apply what came since it started
        finally:
            connection.close()

    _state.building = threading.Thread(target=run, name="matching-build", daemon=True)
    _state.building.start()


# The shared folder ------------------------------------------------------------------------------


def _folder() -> Path | None:
    where = getattr(settings, "MATCHING_INDEX_DIR", "")
    return Path(where) if where else None


def _stamp(seen: int) -> str | None:
    """Names the database state a folder was built from: the record's id and time."""
    created = MatchingChange.objects.filter(id=seen).values_list("created_at", flat=True).first()
    return None if created is None else f"{seen}-{int(created.timestamp() * 1e6)}"


def _save_shared(columns: OfferColumns, seen: int) -> None:
    folder = _folder()
    stamp = None if folder is None else _stamp(seen)
    if stamp is None:
        return
    target = folder / f"offers-{stamp}"
    if target.exists():
        return
    temporary = folder / f".offers-{stamp}-{threading.get_ident()}-{time.time_ns()}"
    temporary.mkdir(parents=True)
    for name in NAMES:
        np.save(temporary / f"{name}.npy", getattr(columns, name))
    words = {"regions": columns.regions.values, "languages": columns.languages.values}
    (temporary / "words.json").write_text(json.dumps(words))
    try:
        temporary.rename(target)
    except OSError:  # another process wrote it first
        shutil.rmtree(temporary, ignore_errors=True)
    folders = sorted(folder.glob("offers-*"), key=lambda p: int(p.name.split("-")[1]))
    for old in folders[:-KEEP_FOLDERS]:
        shutil.rmtree(old, ignore_errors=True)


def _load_shared() -> tuple[ProviderIndex, int] | None:
    folder = _folder()
    if folder is None or not folder.exists():
        return None
    folders = sorted(folder.glob("offers-*"), key=lambda p: int(p.name.split("-")[1]))
    for path in reversed(folders):
        seen = int(path.name.split("-")[1])
        if _stamp(seen) != path.name.removeprefix("offers-"):
            continue  # built from another database
        words = json.loads((path / "words.json").read_text())
        columns = OfferColumns(Vocabulary(words["regions"]), Vocabulary(words["languages"]))
        for name in NAMES:
            setattr(columns, name, np.load(path / f"{name}.npy", mmap_mode="c"))
        return ProviderIndex.from_columns(columns, taxonomy_tree()), seen
    return None


matching_changes.connect()
