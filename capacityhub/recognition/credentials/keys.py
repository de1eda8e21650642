"""The issuer's signing keys: generated per deployment on first use and kept in the database
(never in the repository). `key_rotate` retires the current keys and makes new ones; retired
keys stay published (key documents, JWKS) so credentials signed with them still verify."""

import secrets
from functools import lru_cache

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ed25519, rsa
from django.db import transaction
from django.utils import timezone

from ..models import SigningKey
from .multibase import ed25519_multikey

PEM = serialization.Encoding.PEM


def _generate(algorithm: str) -> SigningKey:
    if algorithm == SigningKey.Algorithm.ED25519:
        private = ed25519.Ed25519PrivateKey.generate()
    else:
        private = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    return SigningKey.objects.create(
        key_id=secrets.token_hex(8),
        algorithm=algorithm,
        private_pem=private.private_bytes(
            PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
        ).decode(),
        public_pem=private.public_key()
        .public_bytes(PEM, serialization.PublicFormat.SubjectPublicKeyInfo)
        .decode(),
    )


def current_key(algorithm: str) -> SigningKey:
    """The key that signs now, made on first use (a row lock keeps it to one)."""
    key = SigningKey.objects.filter(algorithm=algorithm, retired_at__isnull=True).last()
    if key is not None:
        return key
    with transaction.atomic():
        list(SigningKey.objects.select_for_update().filter(algorithm=algorithm))
        key = SigningKey.objects.filter(algorithm=algorithm, retired_at__isnull=True).last()
        return key or _generate(algorithm)


@transaction.atomic
def key_rotate() -> list[SigningKey]:
    """Retire the signing keys and make new ones (staff, from the admin or a shell)."""
    SigningKey.objects.filter(retired_at__isnull=True).update(retired_at=timezone.now())
    return [_generate(a) for a in SigningKey.Algorithm.values]


def private_key(key: SigningKey):
    return _load_private(key.private_pem)


@lru_cache(maxsize=16)
def _load_private(pem: str):
    """Loading checks an RSA key's consistency, which costs milliseconds: once per key."""
    return serialization.load_pem_private_key(pem.encode(), password=None)


def public_key(key: SigningKey):
    return serialization.load_pem_public_key(key.public_pem.encode())


def ed25519_public_bytes(key: SigningKey) -> bytes:
    return public_key(key).public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)


def public_multikey(key: SigningKey) -> str:
    return ed25519_multikey(ed25519_public_bytes(key))
