"""Tamper evidence: the chain, the stand-alone script, checkpoints, and a row altered by raw SQL."""

import json
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.db import connection
from hypothesis import given
from hypothesis import strategies as st

from capacityhub.funding.chain import first_break, record_hash
from capacityhub.funding.exports import ledger_json
from capacityhub.funding.models import GENESIS_HASH, LedgerCheckpoint, Transaction
from capacityhub.funding.services import checkpoint_record, transaction_post, transaction_reverse
from capacityhub.integrity.models import Decision

from .fixtures import posting

SCRIPT = Path(__file__).resolve().parents[3] / "scripts" / "verify_ledger.py"


def chain(values):
    records, previous = [], GENESIS_HASH
    for sequence, value in enumerate(values, start=1):
        record = {"sequence": sequence, "prev_hash": previous, "value": value}
        record["hash"] = record_hash(record)
        records.append(record)
        previous = record["hash"]
    return records


@given(st.lists(st.text(max_size=5), min_size=1, max_size=20), st.data())
def test_changing_any_record_names_exactly_that_record(values, data):
    records = chain(values)
    assert first_break(records) is None
    victim = data.draw(st.integers(0, len(records) - 1))
    records[victim] = {**records[victim], "value": records[victim]["value"] + "x"}
    assert first_break(records).sequence == victim + 1


@given(st.lists(st.integers(-(2**53) + 1, 2**53 - 1), min_size=2, max_size=10))
def test_a_dropped_record_breaks_the_chain(values):
    records = chain(values)
    del records[0]
    assert first_break(records).sequence == 2


@pytest.mark.django_db
def test_posted_transactions_link_into_one_chain(finance):
    first = transaction_post(actor=finance, **posting())
    second = transaction_post(
        actor=finance, **posting(currency="XOF", rate="0.0016", amount="5000")
    )
    transaction_reverse(actor=finance, transaction=first, reason="Wrong venue")
    assert first.prev_hash == GENESIS_HASH and second.prev_hash == first.hash
    call_command("verify_ledger")


@pytest.mark.django_db
def test_a_row_altered_behind_the_applications_back_is_named(finance):
    for amount in ("10", "20", "30"):
        transaction_post(actor=finance, **posting(amount=amount))
    with connection.cursor() as cursor:
        cursor.execute("UPDATE funding_transaction SET amount = %s WHERE sequence = 2", ["2000"])
    with pytest.raises(CommandError, match="#2: hash does not match"):
        call_command("verify_ledger")


@pytest.mark.django_db
def test_a_rewritten_history_no_longer_matches_its_checkpoint(finance):
    transaction_post(actor=finance, **posting())
    checkpoint = checkpoint_record(actor=finance, reason="Quarter closed")
    decision = Decision.objects.get(subject_type="funding.ledgercheckpoint")
    assert LedgerCheckpoint.objects.get().decision == decision == checkpoint.decision
    assert decision.data == {"sequence": 1, "hash": checkpoint.hash}
    document = ledger_json()
    record = document["transactions"][0]
    record["amount"] = "1.00"
    record["hash"] = record_hash(record)  # a forger recomputes the whole chain…
    assert first_break(document["transactions"]) is None
    found = first_break(document["transactions"], checkpoints=document["checkpoints"])
    assert found.sequence == 1 and "checkpoint" in found.reason  # …but not the decision


@pytest.mark.django_db
def test_the_stand_alone_script_checks_the_public_export(finance, tmp_path):
    for amount in ("10", "20"):
        transaction_post(actor=finance, **posting(amount=amount))
    path = tmp_path / "ledger.json"
    document = ledger_json()
    path.write_text(json.dumps(document), encoding="utf-8")
    whole = subprocess.run([sys.executable, SCRIPT, path], capture_output=True, text=True)
    assert whole.returncode == 0, whole.stdout
    document["transactions"][1]["description"] = "Changed"
    path.write_text(json.dumps(document), encoding="utf-8")
    broken = subprocess.run([sys.executable, SCRIPT, path], capture_output=True, text=True)
    assert broken.returncode == 1 and "#2" in broken.stdout
    with pytest.raises(CommandError, match="#2"):
        call_command("verify_ledger", export=str(path))


@pytest.mark.django_db
def test_only_finance_staff_record_checkpoints(finance, other):
    from django.core.exceptions import PermissionDenied, ValidationError

    with pytest.raises(ValidationError):
        checkpoint_record(actor=finance)  # nothing to record yet
    transaction_post(actor=finance, **posting())
    with pytest.raises(PermissionDenied):
        checkpoint_record(actor=other)
    assert not LedgerCheckpoint.objects.exists()
    assert Transaction.objects.count() == 1
