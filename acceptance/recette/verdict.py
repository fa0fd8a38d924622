"""Rules of the recette (step 14): pure, no ORM.

Seed 001, step 14: the recette verifies the binding needs of the cahier des charges,
Indispensable first, then Important; each référent tests the needs of their profession, the
chef de projet and the AMOA the transversal ones; the recette is pronounced when no blocking
anomaly is open, non-blocking ones becoming reserves with a date to lift them.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

# Priorities of the needs grid the recette verifies, in the order cases are written
# (requirements Priority values: Indispensable, then Important).
VERIFIED_PRIORITIES: tuple[str, ...] = ("essential", "important")
CASE_PREFIX = "CT-"
# ExecutionResult values, repeated here so that this module needs no model.
OK, KO, BLOCKED, NOT_TESTED = "ok", "ko", "blocked", "not_tested"
PRONOUNCED, WITH_RESERVES, REFUSED = "pronounced", "with_reserves", "refused"


@dataclass(frozen=True)
class NeedLine:
    """A need of the grid as the recette sees it."""

    requirement_id: int
    code: str
    text: str
    profession: str  # empty: transversal
    priority: str
    revision: int
    profession_label: str = ""
    priority_label: str = ""


@dataclass(frozen=True)
class CaseDraft:
    """A case proposed for one need: its code, title, steps and expected result."""

    requirement_id: int
    requirement_revision: int
    code: str
    title: str
    steps: str
    expected_result: str
    profession: str
    priority: str
    position: int


def case_code(need_code: str) -> str:
    """The case's code from its need's: CT-<code of the need>."""
    return f"{CASE_PREFIX}{need_code}"


def _who(need: NeedLine) -> str:
    if need.profession:
        return _("un professionnel « %s » de la maison de santé") % (
            need.profession_label or need.profession)
    return _("le chef de projet ou l'AMOA (besoin transversal)")


def case_draft(need: NeedLine, position: int) -> CaseDraft:
    """Steps and expected result drafted from the need's text, profession and priority."""
    text = " ".join(need.text.split())
    title = text if len(text) <= 300 else text[:299] + "…"
    priority = need.priority_label or need.priority
    steps = "\n".join((
        _("1. Se connecter au logiciel en tant que %s.") % _who(need),
        _("2. Préparer un dossier patient fictif de recette (aucune donnée réelle)."),
        _("3. Réaliser l'action décrite par le besoin %(code)s : « %(text)s ».")
        % {"code": need.code, "text": text},
        _("4. Noter ce que le logiciel affiche ou produit, avec une capture si besoin."),
    ))
    expected = _("Le logiciel permet de : « %(text)s », sans contournement ni erreur "
                 "(besoin %(code)s, priorité %(priority)s).") % {
        "text": text, "code": need.code, "priority": priority}
    return CaseDraft(need.requirement_id, need.revision, case_code(need.code), title, steps,
                     expected, need.profession, need.priority, position)


def case_drafts(needs: Iterable[NeedLine], *, existing_codes: Iterable[str] = ()
                ) -> list[CaseDraft]:
    """Cases for the verified needs that have none yet: Indispensable first, then
    Important, in grid order; positions follow the cases already written."""
    taken = set(existing_codes)
    ordered = sorted(
        (n for n in needs if n.priority in VERIFIED_PRIORITIES),
        key=lambda n: VERIFIED_PRIORITIES.index(n.priority))  # stable: grid order kept
    start = len(taken)
    drafts: list[CaseDraft] = []
    for need in ordered:
        if case_code(need.code) in taken:
            continue
        drafts.append(case_draft(need, start + len(drafts)))
    return drafts


# --- testers -------------------------------------------------------------------------

@dataclass(frozen=True)
class MemberLine:
    """A member who may test: user id, role and profession."""

    user_id: int
    role: str
    profession: str


def default_tester(profession: str, members: Sequence[MemberLine]) -> int | None:
    """The référent métier of the case's profession; the chef de projet, else the AMOA,
    for a transversal case or a profession with no référent."""
    if profession:
        for member in members:
            if member.role == "profession_referent" and member.profession == profession:
                return member.user_id
    for role in ("project_lead", "amoa"):
        for member in members:
            if member.role == role:
                return member.user_id
    return None


def execution_error(*, is_tester: bool, can_prepare: bool, expected_version: int,
                    current_version: int, result: str, comment: str,
                    last_by: str) -> str | None:
    """Why a result may not be recorded, or None.

    Only the assigned tester records (the chef and the AMOA may stand in); a result
    recorded by someone else since the form was shown wins, and the other is told.
    """
    if not is_tester and not can_prepare:
        return _("Ce cas est attribué à un autre testeur : seul lui, le chef de projet ou "
                 "l'AMOA peuvent enregistrer son résultat.")
    if expected_version != current_version:
        return _("%s vient d'enregistrer un résultat pour ce cas : le vôtre n'a pas été "
                 "enregistré. Relisez-le puis saisissez de nouveau si besoin.") % last_by
    if result in (KO, BLOCKED) and not comment.strip():
        return _("Décrivez ce qui ne va pas dans le commentaire : un résultat « KO » ou "
                 "« bloqué » sans explication ne peut pas être traité.")
    return None


# --- coverage ------------------------------------------------------------------------

@dataclass
class CoverageLine:
    """Needs of one profession or one priority: how many, how many verified OK."""

    key: str
    label: str
    total: int = 0
    ok: int = 0
    ko: int = 0
    without_case: int = 0

    @property
    def percent(self) -> Decimal:
        """Share of the needs verified OK, in percent, one decimal."""
        if not self.total:
            return Decimal(0)
        return (Decimal(self.ok * 100) / self.total).quantize(Decimal("0.1"), ROUND_HALF_UP)


@dataclass
class Coverage:
    """What the recette verified: by profession, by priority, and the needs left."""

    by_profession: list[CoverageLine]
    by_priority: list[CoverageLine]
    total: CoverageLine
    without_case: list[NeedLine] = field(default_factory=list)
    failing: list[NeedLine] = field(default_factory=list)


def need_status(results: Sequence[str]) -> str:
    """A need's state from the latest results of its cases: KO if one is KO, OK when all
    are OK, else the worst other state; empty when it has no case."""
    if not results:
        return ""
    if KO in results:
        return KO
    if all(r == OK for r in results):
        return OK
    if BLOCKED in results:
        return BLOCKED
    return NOT_TESTED


def coverage(needs: Sequence[NeedLine], results: Mapping[int, Sequence[str]], *,
             transversal_label: str) -> Coverage:
    """Coverage of the verified needs; ``results`` maps a need's id to the latest results
    of its cases (an empty string for a case never executed)."""
    by_profession: dict[str, CoverageLine] = {}
    by_priority: dict[str, CoverageLine] = {}
    total = CoverageLine("total", _("Ensemble"))
    without_case, failing = [], []
    verified = [n for n in needs if n.priority in VERIFIED_PRIORITIES]
    for need in verified:
        profession = need.profession or ""
        lines = (
            by_profession.setdefault(profession, CoverageLine(
                profession, need.profession_label or transversal_label)),
            by_priority.setdefault(need.priority, CoverageLine(
                need.priority, need.priority_label or need.priority)),
            total,
        )
        if need.requirement_id not in results:
            state = ""
            without_case.append(need)
        else:
            state = need_status([r or NOT_TESTED for r in results[need.requirement_id]])
            if state == KO:
                failing.append(need)
        for line in lines:
            line.total += 1
            line.ok += state == OK
            line.ko += state == KO
            line.without_case += need.requirement_id not in results
    professions = sorted(by_profession.values(), key=lambda line: (line.key == "", line.label))
    priorities = [by_priority[p] for p in VERIFIED_PRIORITIES if p in by_priority]
    return Coverage(professions, priorities, total, without_case, failing)


def results_by_need(cases: Iterable[tuple[int, int | None]], latest: Mapping[int, str]
                    ) -> dict[int, list[str]]:
    """Latest results grouped by need from (case id, need id) pairs."""
    grouped: dict[int, list[str]] = defaultdict(list)
    for case_id, requirement_id in cases:
        if requirement_id is not None:
            grouped[requirement_id].append(latest.get(case_id, ""))
    return dict(grouped)


# --- suspect links -------------------------------------------------------------------

def is_suspect(*, case_revision: int, requirement_revision: int | None,
               baseline: tuple[int, int | None] | None) -> bool:
    """« À revoir »: the case or its need changed since the last execution or re-check.

    ``baseline`` is (case revision, need revision) at the latest execution or re-check,
    whichever is more recent; a case never executed has nothing to re-check.
    """
    if baseline is None:
        return False
    return baseline != (case_revision, requirement_revision)


# --- the PV's decision ---------------------------------------------------------------

def suggested_verdict(*, blocking_open: int, reserves: int) -> str:
    """What the acceptance rule gives: refused while a blocking anomaly is open,
    with reserves while non-blocking ones are, pronounced otherwise."""
    if blocking_open:
        return REFUSED
    return WITH_RESERVES if reserves else PRONOUNCED


def verdict_error(*, verdict: str, blocking_open: int, reserves: int) -> str | None:
    """Why the chef de projet may not record this decision, or None."""
    if verdict in (PRONOUNCED, WITH_RESERVES) and blocking_open:
        return ngettext(
            "La recette ne peut pas être prononcée : %d anomalie bloquante est encore "
            "ouverte.",
            "La recette ne peut pas être prononcée : %d anomalies bloquantes sont encore "
            "ouvertes.", blocking_open) % blocking_open
    if verdict == PRONOUNCED and reserves:
        return _("Des anomalies non bloquantes restent ouvertes : prononcez la recette "
                 "avec réserves, ou levez-les d'abord.")
    return None
