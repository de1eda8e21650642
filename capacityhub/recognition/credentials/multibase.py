"""Multibase base58btc ("z…") and the Ed25519 Multikey encoding. Pure."""

ALPHABET = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz"
_INDEX = {c: i for i, c in enumerate(ALPHABET)}
ED25519_PUB_PREFIX = b"\xed\x01"  # multicodec ed25519-pub, varint


def b58encode(data: bytes) -> str:
    zeros = len(data) - len(data.lstrip(b"\0"))
    number = int.from_bytes(data, "big")
    out = []
    while number:
        number, rest = divmod(number, 58)
        out.append(ALPHABET[rest])
    return "1" * zeros + "".join(reversed(out))


def b58decode(text: str) -> bytes:
    zeros = len(text) - len(text.lstrip("1"))
    number = 0
    for char in text:
        if char not in _INDEX:
            raise ValueError("not base58btc")
        number = number * 58 + _INDEX[char]
    body = number.to_bytes((number.bit_length() + 7) // 8, "big") if number else b""
    return b"\0" * zeros + body


def multibase_encode(data: bytes) -> str:
    return "z" + b58encode(data)


def multibase_decode(text: str) -> bytes:
    if not isinstance(text, str) or not text.startswith("z"):
        raise ValueError("not multibase base58btc")
    return b58decode(text[1:])


def ed25519_multikey(public_key: bytes) -> str:
    return multibase_encode(ED25519_PUB_PREFIX + public_key)


def ed25519_from_multikey(text: str) -> bytes:
    raw = multibase_decode(text)
    if not raw.startswith(ED25519_PUB_PREFIX) or len(raw) != 34:
        raise ValueError("not an Ed25519 Multikey")
    return raw[2:]
