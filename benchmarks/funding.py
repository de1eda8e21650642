"""Funding: verifying the ledger's hash chain and the public report over it (issue 16).

- pure: hash a chain of BENCH_LEDGER (default 1,000,000) transaction records (RFC 8785 +
  SHA-256, each covering the previous hash), then `chain.first_break` over all of them — what
  `scripts/verify_ledger.py` does with the public export;
- database: the same number of transactions (two entries each) written with bulk inserts, the
  chain computed on the way, then `verify_ledger`'s database side (`ledger_verify`) reading
  and checking them all, and the public report (per year, region, programme, call, recipients)
  over them; everything is rolled back at the end.

Each step runs once (a million rows: the timings are seconds, not milliseconds).
"""

import datetime as dt
import gc
import os
import random
import time
from decimal import Decimal

from django.db import transaction

from capacityhub.funding.chain import first_break, record_hash
from capacityhub.funding.models import GENESIS_HASH, Entry, LedgerHead, Transaction
from capacityhub.funding.records import transaction_record
from capacityhub.funding.reports import public_report
from capacityhub.funding.verification import ledger_verify

from .common import Result

SIZE = int(os.environ.get("BENCH_LEDGER", "1000000"))
BATCH = 10_000
SEED = 20261207
REGIONS = ["ssa", "lac", "sa", "mena", "cee", "esea", "nwe", "na"]
CURRENCIES = [("EUR", Decimal("1.08")), ("XOF", Decimal("0.00165")), ("INR", Decimal("0.012"))]


def _once(name: str, work, note: str = "") -> tuple[Result, object]:
    started, started_cpu = time.perf_counter(), time.process_time()
    value = work()
    wall = (time.perf_counter() - started) * 1000
    cpu = (time.process_time() - started_cpu) * 1000
    return Result(name, [wall], None, note, [cpu]), value


def _transaction(rng: random.Random, sequence: int, first_id: int) -> tuple[Transaction, list]:
    currency, rate = rng.choice(CURRENCIES)
    amount = Decimal(rng.randrange(1000, 500000)) / 100
    value = (amount * rate).quantize(Decimal("0.01")) or Decimal("0.01")
    day = dt.date(2025 + sequence % 2, 1 + sequence % 12, 1 + sequence % 28)
    t = Transaction(
        pk=first_id + sequence, sequence=sequence, type="4", value_date=day,
        fiscal_year=day.year, description=f"Expenditure {sequence}", amount=amount,
        currency=currency, rate=rate, rate_date=day, rate_source="Benchmark rates",
        value=value, reporting_currency="USD", region=rng.choice(REGIONS),
        programme=f"programme {sequence % 17}",
        posted_at=dt.datetime(2026, 1, 1, tzinfo=dt.UTC) + dt.timedelta(seconds=sequence),
    )  # fmt: skip
    entries = [
        Entry(transaction_id=t.pk, account="programme_expense", debit=value, credit=0, position=0),
        Entry(transaction_id=t.pk, account="cash", debit=0, credit=value, position=1),
    ]
    return t, entries


def _chain(size: int, start_sequence: int, previous: str, first_id: int, write: bool):
    """Build (and with `write`, bulk-insert) `size` chained transactions; return the records
    (pure mode) or the last (sequence, hash)."""
    rng, records = random.Random(SEED), []
    rows, entries = [], []
    for sequence in range(start_sequence, start_sequence + size):
        t, lines = _transaction(rng, sequence, first_id)
        t.prev_hash = previous
        record = transaction_record(t, lines)
        t.hash = previous = record["hash"] = record_hash(record)
        if not write:
            records.append(record)
            continue
        rows.append(t)
        entries += lines
        if len(rows) == BATCH:
            Transaction.objects.bulk_create(rows)
            Entry.objects.bulk_create(entries)
            rows, entries = [], []
    if rows:
        Transaction.objects.bulk_create(rows)
        Entry.objects.bulk_create(entries)
    return records if not write else (start_sequence + size - 1, previous)


def _pure() -> list[Result]:
    built, records = _once(
        f"funding: hash a chain of {SIZE:,} records (pure, RFC 8785 + SHA-256)",
        lambda: _chain(SIZE, 1, GENESIS_HASH, 0, write=False),
    )
    checked, found = _once(
        f"funding: verify a chain of {SIZE:,} records (pure, what the stand-alone script does)",
        lambda: first_break(records),
    )
    assert found is None, found
    return [built, checked]


def _database() -> list[Result]:
    results = []
    with transaction.atomic():
        head = Transaction.objects.order_by("-sequence").values("sequence", "hash").first()
        start, previous = (head["sequence"] + 1, head["hash"]) if head else (1, GENESIS_HASH)
        first_id = Transaction.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
        written, (last, last_hash) = _once(
            f"funding: write {SIZE:,} transactions + {2 * SIZE:,} entries (bulk, chained)",
            lambda: _chain(SIZE, start, previous, first_id - start + 1, write=True),
        )
        LedgerHead.objects.update_or_create(pk=1, defaults={"sequence": last, "hash": last_hash})
        verified, (counted, found) = _once(
            f"funding: verify_ledger over {SIZE:,} stored transactions", ledger_verify
        )
        assert found is None and counted >= SIZE, (counted, found)
        report, _ = _once(f"funding: public report over {SIZE:,} transactions (all years)",
                          lambda: public_report(None))  # fmt: skip
        year, _ = _once(f"funding: public report over {SIZE:,} transactions (one year)",
                        lambda: public_report(2026))  # fmt: skip
        results += [written, verified, report, year]
        transaction.set_rollback(True)
    return results


def run() -> list[Result]:
    # A million live records make every full garbage collection walk them all; nothing here
    # forms cycles, so collection is paused while the benchmark runs.
    gc.disable()
    try:
        return _pure() + _database()
    finally:
        gc.enable()
