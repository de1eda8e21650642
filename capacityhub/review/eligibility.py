"""A call's machine-checkable eligibility rules against an applicant's facts (pure).

Staff decide eligibility (screening, with a reason); these checks are shown beside each
application on the screening page so nobody has to look the facts up by hand. The free-text
rule is for people to read and is never checked here."""

from dataclasses import dataclass, field

from django.utils.translation import gettext as _


@dataclass(frozen=True)
class Rules:
    regions: frozenset[str] = frozenset()
    languages: frozenset[str] = frozenset()
    organization_kinds: frozenset[str] = frozenset()
    minimum_account_age_days: int = 0


@dataclass(frozen=True)
class Facts:
    region: str = ""
    languages: frozenset[str] = field(default_factory=frozenset)  # incl. the application's
    organization_kind: str = ""
    account_age_days: int = 0


def problems(rules: Rules, facts: Facts) -> list[str]:
    """What the applicant does not meet; empty when every checkable rule is met."""
    found = []
    if rules.regions and facts.region not in rules.regions:
        found.append(_("Region not among the call's regions."))
    if rules.languages and not (rules.languages & facts.languages):
        found.append(_("Reads none of the call's languages."))
    if rules.organization_kinds and facts.organization_kind not in rules.organization_kinds:
        found.append(_("Not applying for an eligible kind of organization."))
    if facts.account_age_days < rules.minimum_account_age_days:
        found.append(
            _("Account is %(days)d days old; the call asks for %(minimum)d.")
            % {"days": facts.account_age_days, "minimum": rules.minimum_account_age_days}
        )
    return found
