"""The recognition pages and the documents credentials point to."""

from django.urls import path

from . import badge_edits, badges, barnstars, credentials

urlpatterns = [
    path("recognition/barnstars/", barnstars.feed_view, name="barnstar-feed"),
    path("recognition/barnstars/give/", barnstars.give_view, name="barnstar-give"),
    path("recognition/barnstars/reports/", barnstars.reports_view, name="barnstar-reports"),
    path("recognition/barnstars/<int:pk>/", barnstars.detail_view, name="barnstar-detail"),
    path("recognition/barnstars/<int:pk>/hide/", barnstars.hide_view, name="barnstar-hide"),
    path("recognition/barnstars/<int:pk>/report/", barnstars.report_view, name="barnstar-report"),
    path(
        "recognition/barnstars/<int:pk>/moderate/",
        barnstars.moderate_view,
        name="barnstar-moderate",
    ),
    path("recognition/badges/", badges.list_view, name="achievement-list"),
    path("recognition/badges/new/", badges.create_view, name="achievement-create"),
    path("recognition/badges/mine/", badges.mine_view, name="achievement-mine"),
    path("recognition/badges/<int:pk>/", badges.detail_view, name="achievement-detail"),
    path("recognition/badges/<int:pk>/award/", badges.award_view, name="achievement-award"),
    path("recognition/badges/<int:pk>/edit/", badge_edits.edit_view, name="achievement-edit"),
    path(
        "recognition/badges/<int:pk>/archive/",
        badge_edits.archive_view,
        name="achievement-archive",
    ),
    path("recognition/verify/", credentials.verifier_view, name="credential-verifier"),
    path(
        "recognition/credentials/<uuid:public_id>/",
        credentials.verify_view,
        name="credential-verify",
    ),
    path(
        "recognition/credentials/<uuid:public_id>/verification.json",
        credentials.verification_json_view,
        name="credential-verification-json",
    ),
    path(
        "recognition/credentials/<uuid:public_id>.json",
        credentials.credential_json_view,
        name="credential-json",
    ),
    path(
        "recognition/credentials/<uuid:public_id>.jwt",
        credentials.credential_jwt_view,
        name="credential-jwt",
    ),
    path(
        "recognition/credentials/<uuid:public_id>/evidence/<int:evidence_id>/",
        credentials.evidence_view,
        name="credential-evidence",
    ),
    path(
        "recognition/credentials/<uuid:public_id>/shown/",
        credentials.shown_view,
        name="credential-shown",
    ),
    path(
        "recognition/credentials/<uuid:public_id>/revoke/",
        credentials.revoke_view,
        name="credential-revoke",
    ),
    path("recognition/issuer.json", credentials.issuer_view, name="recognition-issuer"),
    path(
        "recognition/issuers/<slug:slug>.json",
        credentials.organization_issuer_view,
        name="recognition-organization-issuer",
    ),
    path("recognition/keys/<str:key_id>.json", credentials.key_view, name="recognition-key"),
    path("recognition/jwks.json", credentials.jwks_view, name="recognition-jwks"),
    path(
        "recognition/status/<int:number>.json",
        credentials.status_list_view,
        name="recognition-status-list",
    ),
    path(
        "recognition/schemas/ob3-credential.json",
        credentials.schema_view,
        name="recognition-schema",
    ),
]
