"""The protocole de recette and the PV de recette (PDF), gathered from the live data."""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from projects.choices import Profession, Role
from projects.documents.builders import DocumentBuilder
from projects.models import Membership, Project
from projects.plugins import DocumentSpec
from requirements.needs.models import Priority

from ..anomalies.models import Anomaly
from ..choices import AcceptanceDocument, CaseSource
from ..contract.models import Contract
from . import selectors, verdict
from .choices import ExecutionResult, RecetteVerdict
from .models import AcceptanceCase, RecetteDecision

PROTOCOL_SECTIONS: tuple[tuple[str, str], ...] = (
    ("strategie", "1. Stratégie de recette"),
    ("testeurs", "2. Qui teste quoi"),
    ("planning", "3. Planning des campagnes"),
    ("anomalies", "4. Signalement et traitement des anomalies"),
    ("acceptation", "5. Règle d'acceptation"),
)
PV_SECTIONS: tuple[tuple[str, str], ...] = (
    ("campagnes", "1. Campagnes de recette"),
    ("resultats", "2. Résultats par profession"),
    ("couverture", "3. Couverture des besoins"),
    ("reserves", "4. Réserves"),
    ("decision", "5. Décision"),
    ("signatures", "6. Signatures"),
)


@dataclass(frozen=True)
class TesterLine:
    """Cases of one profession (or the transversal ones) and who tests them."""

    label: str
    cases: int
    tester: str


def _names(project: Project) -> dict[int, str]:
    return {m.user_id: m.user.display_name for m in
            Membership.objects.filter(project=project).select_related("user")}


def _tester_lines(project: Project) -> list[TesterLine]:
    counts = Counter(AcceptanceCase.objects.filter(project=project)
                     .values_list("profession", flat=True))
    members, names = selectors.member_lines(project=project), _names(project)
    labels = dict(Profession.choices)
    lines = []
    for profession, count in sorted(counts.items(), key=lambda kv: (kv[0] == "", kv[0])):
        tester = verdict.default_tester(profession, members)
        lines.append(TesterLine(
            str(labels.get(profession, _("Cas transversaux"))) if profession
            else _("Cas transversaux"), count,
            names.get(tester, _("à désigner")) if tester else _("à désigner")))
    return lines


@dataclass
class ProtocolData:
    """Everything the protocole de recette shows."""

    project: Project
    contract: Contract | None
    case_count: int
    by_source: list[tuple[str, int]]
    by_priority: list[tuple[str, int]]
    testers: list[TesterLine]
    campaigns: list[selectors.CampaignLine]
    leads: list[str]
    amoa: list[str]
    sections: tuple[tuple[str, str], ...] = PROTOCOL_SECTIONS

    @property
    def vendor_name(self) -> str:
        return self.contract.vendor_name if self.contract else _("le prestataire retenu")

    @property
    def reactivity_months(self) -> int:
        """Method, step 14: two months of heightened responsiveness unless the contract
        says otherwise."""
        return self.contract.reactivity_months if self.contract else 2


def _people(project: Project, role: str) -> list[str]:
    return [m.user.display_name for m in
            Membership.objects.filter(project=project, role=role).select_related("user")]


def protocol_data(project: Project) -> ProtocolData:
    """Gather the protocole de recette of ``project``."""
    cases = list(AcceptanceCase.objects.filter(project=project).values_list("source",
                                                                            "priority"))
    sources, priorities = Counter(s for s, _p in cases), Counter(p for _s, p in cases)
    return ProtocolData(
        project=project, contract=Contract.objects.filter(project=project).first(),
        case_count=len(cases),
        by_source=[(str(label), sources[code]) for code, label in CaseSource.choices
                   if sources[code]],
        by_priority=[(str(label), priorities[code]) for code, label in Priority.choices
                     if priorities[code]],
        testers=_tester_lines(project), campaigns=selectors.campaign_lines(project=project),
        leads=_people(project, Role.PROJECT_LEAD), amoa=_people(project, Role.AMOA))


@dataclass(frozen=True)
class ResultLine:
    """Latest results of the cases of one profession."""

    label: str
    counts: dict[str, int]
    total: int

    @property
    def ordered(self) -> list[int]:
        """Counts in the order of ExecutionResult."""
        return [self.counts.get(code, 0) for code in ExecutionResult.values]

    @property
    def never(self) -> int:
        return self.counts.get("", 0)


@dataclass
class PvData:
    """Everything the PV de recette shows."""

    project: Project
    contract: Contract | None
    campaigns: list[selectors.CampaignLine]
    results: list[ResultLine]
    coverage: verdict.Coverage
    reserves: list[Anomaly]
    blocking: list[Anomaly]
    decision: RecetteDecision | None
    suggested: str
    leads: list[str]
    result_labels: list[tuple[str, str]] = field(default_factory=list)
    sections: tuple[tuple[str, str], ...] = PV_SECTIONS

    @property
    def vendor_name(self) -> str:
        return self.contract.vendor_name if self.contract else "—"

    @property
    def suggested_label(self) -> str:
        return str(RecetteVerdict(self.suggested).label)


def _result_lines(project: Project) -> list[ResultLine]:
    latest = selectors.latest_results(project=project)
    grouped: dict[str, Counter[str]] = defaultdict(Counter)
    for pk, profession in AcceptanceCase.objects.filter(project=project).values_list(
            "pk", "profession"):
        grouped[profession][latest.get(pk, "")] += 1
    labels = dict(Profession.choices)
    return [ResultLine(str(labels.get(p, "")) if p else _("Cas transversaux"), dict(c),
                       sum(c.values()))
            for p, c in sorted(grouped.items(), key=lambda kv: (kv[0] == "", kv[0]))]


def pv_data(project: Project) -> PvData:
    """Gather the PV de recette of ``project``: results, coverage, reserves, decision."""
    opened = selectors.open_anomalies(project=project)
    reserves = [a for a in opened if a.severity != "blocking"]
    blocking = [a for a in opened if a.severity == "blocking"]
    return PvData(
        project=project, contract=Contract.objects.filter(project=project).first(),
        campaigns=selectors.campaign_lines(project=project),
        results=_result_lines(project), coverage=selectors.coverage_of(project=project),
        reserves=reserves, blocking=blocking,
        decision=selectors.latest_decision(project=project),
        suggested=verdict.suggested_verdict(blocking_open=len(blocking),
                                            reserves=len(reserves)),
        leads=_people(project, Role.PROJECT_LEAD),
        result_labels=[(c, str(label)) for c, label in ExecutionResult.choices])


DOCUMENTS = (
    DocumentSpec(AcceptanceDocument.RECETTE_PROTOCOL, gettext_lazy("Protocole de recette"),
                 DocumentBuilder(gather=protocol_data,
                                 template="acceptance/pdf/recette_protocol.html",
                                 file_stem="protocole-de-recette",
                                 sections=PROTOCOL_SECTIONS)),
    DocumentSpec(AcceptanceDocument.RECETTE_PV, gettext_lazy("Procès-verbal de recette"),
                 DocumentBuilder(gather=pv_data, template="acceptance/pdf/recette_pv.html",
                                 file_stem="pv-de-recette", sections=PV_SECTIONS),
                 validated_at_steps=(14,)),
)
