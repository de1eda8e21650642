"""Funding: verifying the ledger's hash chain and the public report over it (issue 16).

- pure: hash a chain of BENCH_LEDGER (default 1,000,000) transaction records (RFC 8785 +
  SHA-256, each covering the previous hash), then `chain.first_break` over all of them — what
  `scripts/verify_ledger.py` does with the public export;
- database: the same transactions (two entries each, the hashes computed above) written with
  the cursor's executemany into an empty ledger, then `verify_ledger`'s database side
  (`ledger_verify`) reading and checking them all, and the public report (per year, region,
  programme, call, recipients) over them; everything is rolled back at the end.

Each step runs once (a million rows: the timings are seconds, not milliseconds).
"""

import datetime as dt
import gc
import os
import random
import time
from decimal import Decimal

from django.db import connection, transaction

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


def _transaction(rng: random.Random, sequence: int) -> tuple[Transaction, list]:
    currency, rate = rng.choice(CURRENCIES)
    amount = Decimal(rng.randrange(1000, 500000)) / 100
    value = (amount * rate).quantize(Decimal("0.01")) or Decimal("0.01")
    day = dt.date(2025 + sequence % 2, 1 + sequence % 12, 1 + sequence % 28)
    t = Transaction(
        pk=sequence, sequence=sequence, type="4", value_date=day,
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


def _chain(size: int) -> list[dict]:
    """`size` chained public records from the genesis hash (what the export holds)."""
    rng, records, previous = random.Random(SEED), [], GENESIS_HASH
    for sequence in range(1, size + 1):
        t, lines = _transaction(rng, sequence)
        t.prev_hash = previous
        record = transaction_record(t, lines)
        t.hash = previous = record["hash"] = record_hash(record)
        records.append(record)
    return records


def _adapters(model) -> list[tuple[str, str, object]]:
    """(attribute, column, adapter or None) per column of `model`, chosen once: rows go through
    the cursor's executemany, which is far cheaper than bulk_create for a million of them."""
    adapt = {
        "DecimalField": connection.ops.adapt_decimalfield_value,
        "DateField": connection.ops.adapt_datefield_value,
        "DateTimeField": connection.ops.adapt_datetimefield_value,
    }
    return [
        (field.attname, field.column, adapt.get(field.get_internal_type()))
        for field in model._meta.concrete_fields
    ]


def _insert(cursor, model, adapters, objects) -> None:
    quote = connection.ops.quote_name
    columns = ", ".join(quote(column) for _, column, _ in adapters)
    marks = ", ".join(["%s"] * len(adapters))
    rows = []
    for o in objects:
        values = ((getattr(o, attname), adapt) for attname, _, adapt in adapters)
        rows.append(tuple(a(v) if a and v is not None else v for v, a in values))
    sql = f"INSERT INTO {quote(model._meta.db_table)} ({columns}) VALUES ({marks})"
    cursor.executemany(sql, rows)


def _write(hashes: list[str]) -> tuple[int, str]:
    """The same transactions as `_chain`, with the hashes it computed, written in batches."""
    rng, previous, pending, lines = random.Random(SEED), GENESIS_HASH, [], []
    adapters = {model: _adapters(model) for model in (Transaction, Entry)}
    entry_id = 0
    with connection.cursor() as cursor:
        for sequence, hash_ in enumerate(hashes, start=1):
            t, entries = _transaction(rng, sequence)
            t.prev_hash, t.hash, previous = previous, hash_, hash_
            for entry in entries:
                entry_id += 1
                entry.pk = entry_id
            pending.append(t)
            lines += entries
            if len(pending) == BATCH:
                _insert(cursor, Transaction, adapters[Transaction], pending)
                _insert(cursor, Entry, adapters[Entry], lines)
                pending, lines = [], []
        if pending:
            _insert(cursor, Transaction, adapters[Transaction], pending)
            _insert(cursor, Entry, adapters[Entry], lines)
    return len(hashes), previous


def _pure() -> tuple[list[Result], list[str]]:
    built, records = _once(
        f"funding: hash a chain of {SIZE:,} records (pure, RFC 8785 + SHA-256)",
        lambda: _chain(SIZE),
    )
    checked, found = _once(
        f"funding: verify a chain of {SIZE:,} records (pure, what the stand-alone script does)",
        lambda: first_break(records),
    )
    assert found is None, found
    return [built, checked], [record["hash"] for record in records]


def _database(hashes: list[str]) -> list[Result]:
    results = []
    with transaction.atomic():
        if Transaction.objects.exists():
            raise SystemExit("the funding benchmark needs an empty ledger (a fresh bench database)")
        written, (last, last_hash) = _once(
            f"funding: write {SIZE:,} transactions + {2 * SIZE:,} entries (executemany)",
            lambda: _write(hashes),
        )
        LedgerHead.objects.update_or_create(pk=1, defaults={"sequence": last, "hash": last_hash})
        verified, (counted, found) = _once(
            f"funding: verify_ledger over {SIZE:,} stored transactions", ledger_verify
        )
        assert found is None and counted == SIZE, (counted, found)
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
        results, hashes = _pure()
        return results + _database(hashes)
    finally:
        gc.enable()
