"""Assessment rounds: a manager opens one and invites respondents with roles; respondents
answer (a level 1–4 with evidence and notes per question); a manager closes and may publish."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from capacityhub.community.models import Organization, User
from capacityhub.core.audit import audit_log
from capacityhub.core.notifications import notify
from capacityhub.core.validation import clean_multiline, clean_single_line

from ..models import Answer, Respondent, Role, Round
from .common import require_manager, require_respondent
from .frameworks import framework_ensure

MIN_RESPONDENTS = 3
MAX_RESPONDENTS = 200


def _clean_respondents(respondents) -> list[tuple[User, str]]:
    if not isinstance(respondents, list | tuple):
        raise ValidationError({"respondents": _("List the people to invite.")})
    usernames, roles = [], {}
    for entry in respondents[:MAX_RESPONDENTS]:
        username = str((entry or {}).get("username", "")).strip()
        role = (entry or {}).get("role")
        if role not in Role.values:
            raise ValidationError(
                {"respondents": _("Choose a role for %(name)s.") % {"name": username or "?"}}
            )
        usernames.append(username)
        roles[username] = role
    found = {u.username: u for u in User.objects.filter(username__in=usernames, is_active=True)}
    missing = [name for name in usernames if name not in found]
    if missing:
        raise ValidationError({"respondents": _("No such person: %(name)s") % {"name": missing[0]}})
    return [(found[name], roles[name]) for name in dict.fromkeys(usernames)]


def _invite(actor, round_: Round, invited: list[tuple[User, str]]) -> list[Respondent]:
    existing = set(round_.respondents.values_list("user_id", flat=True))
    fresh = [
        Respondent(round=round_, user=user, role=role, invited_by=actor)
        for user, role in invited
        if user.pk not in existing
    ]
    Respondent.objects.bulk_create(fresh)
    for respondent in fresh:
        notify(
            recipient=respondent.user,
            subject=gettext_lazy("You are invited to assess %(organization)s"),
            body=gettext_lazy("Give your view of the organization, dimension by dimension."),
            url=round_.get_absolute_url(),
            context={"organization": round_.organization.name},
        )
    return fresh


@transaction.atomic
def round_open(*, actor, organization: Organization, title: str, respondents) -> Round:
    """Open a round on the latest framework version, inviting at least three people."""
    require_manager(actor, organization)
    title = clean_single_line(title, field="title", max_length=200, required=True)
    invited = _clean_respondents(respondents)
    if len(invited) < MIN_RESPONDENTS:
        raise ValidationError(
            {"respondents": _("Invite at least %(count)d people.") % {"count": MIN_RESPONDENTS}}
        )
    round_ = Round.objects.create(
        organization=organization, framework=framework_ensure(), title=title, opened_by=actor
    )
    _invite(actor, round_, invited)
    audit_log(
        actor=actor,
        action="orgdev.round.open",
        target=round_,
        changes={"title": title, "respondents": [[u.username, r] for u, r in invited]},
    )
    return round_


def _locked_open_round(round_: Round) -> Round:
    round_ = (
        Round.objects.select_for_update(of=("self",)).select_related("framework").get(pk=round_.pk)
    )
    if not round_.is_open:
        raise ValidationError({"round": _("This assessment round is closed.")})
    return round_


@transaction.atomic
def respondents_invite(*, actor, round_: Round, respondents) -> list[Respondent]:
    require_manager(actor, round_.organization)
    round_ = _locked_open_round(round_)
    fresh = _invite(actor, round_, _clean_respondents(respondents))
    audit_log(
        actor=actor,
        action="orgdev.round.invite",
        target=round_,
        changes={"respondents": [[r.user.username, r.role] for r in fresh]},
    )
    return fresh


def _clean_answer(key: str, entry) -> Answer:
    entry = entry if isinstance(entry, dict) else {}
    level = entry.get("level")
    if isinstance(level, str) and level.strip().isdigit():
        level = int(level)
    if isinstance(level, bool) or not isinstance(level, int) or not 1 <= level <= 4:
        raise ValidationError({key: _("Choose a level from 1 to 4.")})
    return Answer(
        question=key,
        level=level,
        evidence=clean_multiline(entry.get("evidence"), field=key, max_length=2000),
        notes=clean_multiline(entry.get("notes"), field=key, max_length=2000),
    )


@transaction.atomic
def answers_save(*, actor, round_: Round, answers, submit: bool = False) -> Respondent:
    """Save the actor's answers ({question key: {level, evidence, notes}}). Every answer given
    needs a level; submitting needs every question answered and is final."""
    respondent = require_respondent(actor, round_)
    round_ = _locked_open_round(round_)
    respondent = Respondent.objects.select_for_update().get(pk=respondent.pk)
    if respondent.submitted_at is not None:
        raise ValidationError({"answers": _("You have already submitted your answers.")})
    if not isinstance(answers, dict):
        raise ValidationError({"answers": _("Give one answer per question.")})
    asked = round_.framework.questions
    unknown = [key for key in answers if key not in asked]
    if unknown:
        raise ValidationError({"answers": _("Unknown question: %(key)s") % {"key": unknown[0]}})
    cleaned = [_clean_answer(key, answers[key]) for key in asked if key in answers]
    if submit:
        missing = [key for key in asked if key not in answers]
        if missing:
            raise ValidationError({missing[0]: _("Choose a level from 1 to 4.")})
    respondent.answers.filter(question__in=[a.question for a in cleaned]).delete()
    for answer in cleaned:
        answer.respondent = respondent
    Answer.objects.bulk_create(cleaned)
    if submit:
        respondent.submitted_at = timezone.now()
        respondent.save(update_fields=["submitted_at"])
        audit_log(actor=actor, action="orgdev.round.submit", target=round_, changes={})
    return respondent


@transaction.atomic
def round_close(*, actor, round_: Round) -> Round:
    require_manager(actor, round_.organization)
    round_ = _locked_open_round(round_)
    submitted = round_.respondents.filter(submitted_at__isnull=False).count()
    if submitted < MIN_RESPONDENTS:
        raise ValidationError(
            {
                "round": _("Wait for at least %(count)d submitted answers before closing.")
                % {"count": MIN_RESPONDENTS}
            }
        )
    round_.closed_at = timezone.now()
    round_.save(update_fields=["closed_at"])
    audit_log(
        actor=actor, action="orgdev.round.close", target=round_, changes={"submitted": submitted}
    )
    return round_


@transaction.atomic
def round_publish(*, actor, round_: Round, published: bool) -> Round:
    """Results are private to the organization until its managers publish them."""
    require_manager(actor, round_.organization)
    round_ = Round.objects.select_for_update().get(pk=round_.pk)
    if not isinstance(published, bool):
        raise ValidationError({"published": _("Say yes or no.")})
    if published and round_.is_open:
        raise ValidationError({"published": _("Close the round before publishing its results.")})
    round_.published = published
    round_.save(update_fields=["published"])
    audit_log(
        actor=actor,
        action="orgdev.round.publish",
        target=round_,
        changes={"published": published},
    )
    return round_
