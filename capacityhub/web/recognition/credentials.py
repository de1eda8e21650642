"""Credential pages and documents: the public verification page (and its JSON), downloads
(JSON, JWT) for the earner's wallet, show/hide and revoke, the verifier for a pasted
credential, and the published issuer documents (issuer profile, keys, status lists, schema)."""

import json
from pathlib import Path

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from capacityhub.community.models import Evidence, Organization
from capacityhub.recognition.credentials.contexts import OB_V3, VC_V2
from capacityhub.recognition.credentials.document import profile, timestamp
from capacityhub.recognition.credentials.keys import public_multikey
from capacityhub.recognition.credentials.revocation import revoked_indexes
from capacityhub.recognition.credentials.signing import rsa_jwk, sign_data_integrity
from capacityhub.recognition.credentials.status import status_list_credential
from capacityhub.recognition.credentials.verify import verify
from capacityhub.recognition.links import (
    HUB_ISSUER_NAME,
    absolute,
    hub_issuer_id,
    key_url,
    status_list_url,
)
from capacityhub.recognition.models import SigningKey
from capacityhub.recognition.selectors import achievement_can_award, award_get
from capacityhub.recognition.services.awards import award_revoke, award_set_shown, issuer_profile
from capacityhub.web.core.lookup import object_or_404

from .forms import ReasonForm, VerifyForm

NO_CREDENTIAL = gettext_lazy("There is no such credential.")
SCHEMA = Path(__file__).resolve().parents[2] / "recognition" / "schemas" / "ob3-credential.json"
JSONLD = "application/ld+json"
MAX_STATUS_LIST = 10_000


def _json(document: dict, *, download: str = "", content_type: str = "application/json"):
    response = HttpResponse(
        json.dumps(document, ensure_ascii=False, indent=2),
        content_type=f"{content_type}; charset=utf-8",
    )
    if download:
        response["Content-Disposition"] = f'attachment; filename="{download}"'
    response["Access-Control-Allow-Origin"] = "*"
    return response


@require_safe
def verify_view(request, public_id):
    award = object_or_404(award_get, NO_CREDENTIAL, public_id=public_id)
    result = verify(award.credential)
    context = {
        "award": award,
        "result": result,
        "is_earner": request.user.pk == award.recipient_id,
        "can_revoke": achievement_can_award(request.user, award.achievement),
        "revoke_form": ReasonForm(),
    }
    return render(request, "web/recognition/credential.html", context)


@require_safe
def verification_json_view(request, public_id):
    award = object_or_404(award_get, NO_CREDENTIAL, public_id=public_id)
    return JsonResponse(verify(award.credential).as_json())


@require_safe
def credential_json_view(request, public_id):
    award = object_or_404(award_get, NO_CREDENTIAL, public_id=public_id)
    download = f"credential-{award.public_id}.json" if "download" in request.GET else ""
    return _json(award.credential, download=download, content_type=JSONLD)


@require_safe
def credential_jwt_view(request, public_id):
    award = object_or_404(award_get, NO_CREDENTIAL, public_id=public_id)
    response = HttpResponse(award.jwt, content_type="application/jwt")
    response["Content-Disposition"] = f'attachment; filename="credential-{award.public_id}.jwt"'
    return response


@require_safe
def evidence_view(request, public_id, evidence_id: int):
    """A piece of evidence a credential links to: what, which capacity, when — no name."""
    award = object_or_404(award_get, NO_CREDENTIAL, public_id=public_id)
    if evidence_id not in award.evidence_ids:
        raise Http404(_("This credential links to no such evidence."))
    evidence = Evidence.objects.select_related("capacity").filter(pk=evidence_id).first()
    return render(request, "web/recognition/evidence.html", {"award": award, "evidence": evidence})


@login_required
@require_POST
def shown_view(request, public_id):
    award = object_or_404(award_get, NO_CREDENTIAL, public_id=public_id)
    award_set_shown(actor=request.user, award=award, shown=request.POST.get("shown") == "1")
    return redirect(award.get_absolute_url())


@login_required
@require_POST
def revoke_view(request, public_id):
    award = object_or_404(award_get, NO_CREDENTIAL, public_id=public_id)
    try:
        award_revoke(actor=request.user, award=award, reason=request.POST.get("reason", ""))
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(request, _("The credential is revoked."))
    return redirect(award.get_absolute_url())


@require_http_methods(["GET", "POST"])
def verifier_view(request):
    """Paste a credential (JSON with its proof, or a JWT) and see whether it holds."""
    form = VerifyForm(request.POST or None)
    result = None
    if request.method == "POST" and form.is_valid():
        result = verify_text(form.cleaned_data["credential"])
    status = 422 if (form.errors or (result and result.status == "invalid")) else 200
    return render(
        request, "web/recognition/verifier.html", {"form": form, "result": result}, status=status
    )


def verify_text(text: str):
    text = text.strip()
    if text.startswith("{"):
        try:
            document = json.loads(text)
        except ValueError:
            document = None
        return verify(document)
    return verify(token=text)


@require_safe
def issuer_view(request):
    document = {
        "@context": [VC_V2, OB_V3],
        **profile(hub_issuer_id(), HUB_ISSUER_NAME, absolute("home")),
    }
    keys = SigningKey.objects.filter(algorithm=SigningKey.Algorithm.ED25519)
    document["assertionMethod"] = [key_url(k.key_id) for k in keys]
    return _json(document, content_type=JSONLD)


@require_safe
def organization_issuer_view(request, slug: str):
    organization = Organization.objects.filter(slug=slug).first()
    if organization is None:
        raise Http404(_("There is no such organization."))
    return _json({"@context": [VC_V2, OB_V3], **issuer_profile(organization)}, content_type=JSONLD)


@require_safe
def key_view(request, key_id: str):
    """A key at its stable URL: a Multikey (Ed25519) or a JWK (RSA); retired keys stay."""
    key = SigningKey.objects.filter(key_id=key_id).first()
    if key is None:
        raise Http404(_("There is no such key."))
    if key.algorithm == SigningKey.Algorithm.RSA:
        return _json(rsa_jwk(key))
    return _json(
        {
            "@context": "https://w3id.org/security/multikey/v1",
            "id": key_url(key.key_id),
            "type": "Multikey",
            "controller": hub_issuer_id(),
            "publicKeyMultibase": public_multikey(key),
            **({"revoked": timestamp(key.retired_at)} if key.retired_at else {}),
        },
        content_type=JSONLD,
    )


@require_safe
def jwks_view(request):
    keys = SigningKey.objects.filter(algorithm=SigningKey.Algorithm.RSA)
    return _json({"keys": [rsa_jwk(k) for k in keys]})


@require_safe
def status_list_view(request, number: int):
    """The revocation list, built and signed on each request: a revocation counts at once."""
    if number > MAX_STATUS_LIST:
        raise Http404(_("There is no such status list."))
    document = status_list_credential(
        list_url=status_list_url(number),
        issuer=profile(hub_issuer_id(), HUB_ISSUER_NAME, absolute("home")),
        valid_from=timestamp(timezone.now()),
        revoked=revoked_indexes(number),
    )
    response = _json(sign_data_integrity(document), content_type=JSONLD)
    response["Cache-Control"] = "no-store"
    return response


@require_safe
def schema_view(request):
    return _json(
        json.loads(SCHEMA.read_text(encoding="utf-8")), content_type="application/schema+json"
    )
