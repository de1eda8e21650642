"""How a badge is earned automatically: a small registry of rule kinds.

`register_rule_kind(name, validate, evaluate)`: `validate(params) -> params` cleans what a
badge's author typed, raising `ValidationError({"rule_params": …})`; `evaluate(params,
profile_ids) -> {profile_id: [evidence ids]}` names who meets the rule now, with the evidence
that shows it (linked from the credential). Evaluated when evidence is recorded
(`community.evidence.register_evidence_listener`), for the people it was recorded for."""

import re
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from capacityhub.community.models import Evidence
from capacityhub.core.validation import MAX_ID, clean_int
from capacityhub.events.models import Event
from capacityhub.mentoring.models import Programme, Stage, StageCompletion
from capacityhub.taxonomy.selectors import capacity_code_map, capacity_descendant_ids

MODEL_PATTERN = re.compile(r"^[a-z][a-z0-9_]*\.[a-z][a-z0-9_]*$")


@dataclass(frozen=True)
class RuleKind:
    name: str
    validate: Callable[[dict], dict]
    evaluate: Callable[[dict, list[int]], dict[int, list[int]]]


RULE_KINDS: dict[str, RuleKind] = {}


def register_rule_kind(name: str, validate: Callable, evaluate: Callable) -> None:
    RULE_KINDS[name] = RuleKind(name, validate, evaluate)


def rule_validate(kind: str, params) -> dict:
    if kind not in RULE_KINDS:
        raise ValidationError(
            {"rule_kind": _("Choose one of: %s.") % ", ".join(sorted(RULE_KINDS))}
        )
    if not isinstance(params, dict):
        raise ValidationError({"rule_params": _("Give the rule's settings as an object.")})
    return RULE_KINDS[kind].validate(params)


def _minimum(params: dict) -> int:
    return clean_int(
        params.get("minimum", 1),
        field="rule_params",
        minimum=1,
        maximum=1000,
        message=_("The minimum is a whole number from 1 to 1000."),
    )


def _count_by_source(evidence) -> dict[int, list[int]]:
    """{profile_id: [evidence ids, one per distinct source]}."""
    seen: dict[int, dict[str, int]] = defaultdict(dict)
    for pk, profile_id, source in evidence.values_list("pk", "profile_id", "source"):
        seen[profile_id].setdefault(source, pk)
    return {profile_id: sorted(by_source.values()) for profile_id, by_source in seen.items()}


# Evidence count -------------------------------------------------------------------------------


def evidence_count_validate(params: dict) -> dict:
    kind = params.get("kind")
    if kind not in Evidence.Kind.values:
        raise ValidationError(
            {"rule_params": _("The kind must be one of: %s.") % ", ".join(Evidence.Kind.values)}
        )
    cleaned = {"kind": kind, "minimum": _minimum(params)}
    model = params.get("source_model") or ""
    if model:
        if not isinstance(model, str) or not MODEL_PATTERN.match(model):
            raise ValidationError(
                {
                    "rule_params": _(
                        "The source model looks like “app.model”, e.g. “mentoring.mentorship”."
                    )
                }
            )
        cleaned["source_model"] = model
    code = params.get("capacity") or ""
    if code:
        if not isinstance(code, str) or code not in capacity_code_map():
            raise ValidationError(
                {"rule_params": _("There is no capacity with the code “%s”.") % str(code)[:80]}
            )
        cleaned["capacity"] = code
    return cleaned


def evidence_count_evaluate(params: dict, profile_ids: list[int]) -> dict[int, list[int]]:
    evidence = Evidence.objects.filter(profile_id__in=profile_ids, kind=params["kind"])
    if params.get("source_model"):
        evidence = evidence.filter(source__startswith=params["source_model"] + ":")
    if params.get("capacity"):
        capacity_id = capacity_code_map().get(params["capacity"])
        if capacity_id is None:
            return {}
        evidence = evidence.filter(capacity_id__in=capacity_descendant_ids(capacity_id))
    found = _count_by_source(evidence)
    return {p: ids for p, ids in found.items() if len(ids) >= params["minimum"]}


# Sessions taught in N languages ----------------------------------------------------------------


def session_languages_validate(params: dict) -> dict:
    languages = clean_int(
        params.get("languages", 2),
        field="rule_params",
        minimum=2,
        maximum=20,
        message=_("The number of languages is a whole number from 2 to 20."),
    )
    return {"languages": languages}


def session_languages_evaluate(params: dict, profile_ids: list[int]) -> dict[int, list[int]]:
    """Live sessions the person hosted (FACILITATED evidence from events) that took place,
    whose languages together number at least `languages`."""
    rows = Evidence.objects.filter(
        profile_id__in=profile_ids,
        kind=Evidence.Kind.FACILITATED,
        source__startswith="events.event:",
    ).values_list("pk", "profile_id", "source")
    by_event: dict[int, list[tuple[int, int]]] = defaultdict(list)
    for pk, profile_id, source in rows:
        event_id = source.split(":", 1)[1]
        if event_id.isdigit():
            by_event[int(event_id)].append((profile_id, pk))
    sessions = Event.objects.filter(
        pk__in=by_event, kind=Event.Kind.SESSION, cancelled_at__isnull=True
    ).values_list("pk", "languages")
    languages: dict[int, set[str]] = defaultdict(set)
    evidence: dict[int, set[int]] = defaultdict(set)
    for event_id, event_languages in sessions:
        for profile_id, pk in by_event[event_id]:
            languages[profile_id].update(event_languages or [])
            evidence[profile_id].add(pk)
    return {
        p: sorted(evidence[p])
        for p, found in languages.items()
        if len(found) >= params["languages"]
    }


# Programme stages completed (mentoring) --------------------------------------------------------

STAGE_SOURCE = "mentoring.stagecompletion"


def stage_completion_validate(params: dict) -> dict:
    """{minimum}, optionally narrowed to one programme and one stage of it by position
    ("completed stage 3 of Emerging organizers")."""
    cleaned = {"minimum": _minimum(params)}
    programme = params.get("programme")
    stage = params.get("stage")
    if programme in (None, "") and stage in (None, ""):
        return cleaned
    programme = clean_int(programme, field="rule_params", minimum=1, maximum=MAX_ID,
                          message=_("Name the programme by its number."))  # fmt: skip
    if not Programme.objects.filter(pk=programme).exists():
        raise ValidationError({"rule_params": _("There is no programme number %d.") % programme})
    cleaned["programme"] = programme
    if stage not in (None, ""):
        stage = clean_int(stage, field="rule_params", minimum=1, maximum=1000,
                          message=_("The stage is its position, a whole number."))  # fmt: skip
        if not Stage.objects.filter(programme_id=programme, position=stage).exists():
            raise ValidationError({"rule_params": _("That programme has no stage %d.") % stage})
        cleaned["stage"] = stage
    return cleaned


def stage_completion_evaluate(params: dict, profile_ids: list[int]) -> dict[int, list[int]]:
    """Completed at least `minimum` programme stages — of one programme, or that one stage,
    when the rule names them. The mentoring app records COMPLETED evidence with source
    "mentoring.stagecompletion:<pk>" for each completion; that evidence is what is linked."""
    evidence = Evidence.objects.filter(
        profile_id__in=profile_ids,
        kind=Evidence.Kind.COMPLETED,
        source__startswith=STAGE_SOURCE + ":",
    )
    if "programme" in params:
        completions = StageCompletion.objects.filter(
            participant__user__profile__in=profile_ids,
            stage__programme_id=params["programme"],
        )
        if "stage" in params:
            completions = completions.filter(stage__position=params["stage"])
        evidence = evidence.filter(
            source__in=[f"{STAGE_SOURCE}:{pk}" for pk in completions.values_list("pk", flat=True)]
        )
    found = _count_by_source(evidence)
    return {p: ids for p, ids in found.items() if len(ids) >= params["minimum"]}


register_rule_kind("evidence_count", evidence_count_validate, evidence_count_evaluate)
register_rule_kind("session_languages", session_languages_validate, session_languages_evaluate)
register_rule_kind("stage_completion", stage_completion_validate, stage_completion_evaluate)
