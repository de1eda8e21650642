"""Recognition: issuing and verifying Open Badges 3.0 credentials (issue 15).

- issuing and signing 1,000 credentials end to end (`awards_evaluate`-style issue: build the
  OpenBadgeCredential, RDFC-1.0 canonicalise and Ed25519-sign it (eddsa-rdfc-2022), sign the
  VC-JWT (RS256), store it), for 1,000 people of the benchmark database, then rolled back;
- the pure signing part alone (no database) for 1,000 documents;
- verifying one credential (`credentials.verify.verify`: proof, issued record, status, period).

Targets: 1,000 credentials ≤ 30 s of CPU on one core (RDFC-1.0 canonicalisation in pure
Python dominates); verifying one ≤ 150 ms.
"""

import time
from datetime import UTC, datetime

import jwt
from cryptography.hazmat.primitives.asymmetric import ed25519, rsa
from django.db import transaction

from capacityhub.community.models import User
from capacityhub.recognition.credentials import document as doc
from capacityhub.recognition.credentials import proof
from capacityhub.recognition.credentials.verify import verify
from capacityhub.recognition.services.achievements import achievement_create
from capacityhub.recognition.services.awards import _issue

from .common import Result, measure

COUNT = 1000


class _Rollback(Exception):
    pass


def _document(i: int) -> dict:
    moment = datetime(2026, 12, 7, tzinfo=UTC)
    achievement = doc.achievement(
        achievement_id="https://hub.example/recognition/badges/1/", name="Mentor",
        description="Mentored newcomers.", criteria="Completed three mentorships.",
        image_url="https://hub.example/static/web/barnstars/badge-star.svg",
        creator=doc.profile("https://hub.example/issuer", "Capacity Hub", "https://hub.example/"),
        alignments=[doc.alignment(code="mentoring", name="Mentoring",
                                  url="https://hub.example/capacities/mentoring/")],
    )  # fmt: skip
    return doc.credential(
        credential_id=f"https://hub.example/recognition/credentials/{i}.json", name="Mentor",
        issuer=doc.profile("https://hub.example/issuer", "Capacity Hub", "https://hub.example/"),
        valid_from=moment, valid_until=None,
        credential_subject=doc.subject(
            profile_url=f"https://hub.example/people/u{i}/", name=f"User {i}", username=f"u{i}",
            salt="0123456789abcdef", private=i % 2 == 0, achievement=achievement, awarded=moment,
        ),
        evidence=[], schema_url="https://hub.example/schema.json",
        status_list_url="https://hub.example/status/0.json", status_index=i,
    )  # fmt: skip


def _pure_signing() -> Result:
    signer = ed25519.Ed25519PrivateKey.generate()
    rsa_key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    documents = [_document(i) for i in range(COUNT)]
    started, started_cpu = time.perf_counter(), time.process_time()
    for document in documents:
        signed = proof.sign(document, sign_bytes=signer.sign,
                            verification_method="https://hub.example/keys/1.json",
                            created="2026-12-07T00:00:00Z")  # fmt: skip
        jwt.encode({k: v for k, v in signed.items() if k != "proof"}, rsa_key, algorithm="RS256")
    wall = (time.perf_counter() - started) * 1000
    cpu = (time.process_time() - started_cpu) * 1000
    return Result("recognition: sign 1,000 credentials (pure, eddsa-rdfc-2022 + RS256)",
                  [wall], None, "one run", [cpu])  # fmt: skip


def _issue_thousand() -> tuple[Result, object]:
    staff = User.objects.filter(is_staff=True).first() or User.objects.create(
        username="bench-staff", is_staff=True
    )
    people = list(User.objects.filter(is_active=True).exclude(pk=staff.pk)[:COUNT])
    timing = {}
    kept = {}
    try:
        with transaction.atomic():
            badge = achievement_create(actor=staff, name="Bench badge", description="d",
                                       criteria="c")  # fmt: skip
            started, started_cpu = time.perf_counter(), time.process_time()
            for person in people:
                _issue(achievement=badge, recipient=person, awarded_by=staff, evidence_ids=[])
            timing["wall"] = (time.perf_counter() - started) * 1000
            timing["cpu"] = (time.process_time() - started_cpu) * 1000
            award = badge.awards.first()
            kept["verify"] = measure(
                "recognition: verify one credential", lambda: verify(award.credential)
            )
            raise _Rollback
    except _Rollback:
        pass
    name = f"recognition: issue and sign {len(people):,} credentials (end to end, stored)"
    return Result(name, [timing["wall"]], None, "one run, rolled back", [timing["cpu"]]), kept


def run() -> list[Result]:
    issued, kept = _issue_thousand()
    return [_pure_signing(), issued, kept["verify"]]
