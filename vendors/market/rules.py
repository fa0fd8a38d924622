"""Rules of the market study (step 5), as plain data: no ORM, no request.

Duplicate detection in the shared catalogue, the decision rules, the advice on how many
vendors to keep for the consultation, and the coverage table (modules × vendors).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from projects.method import MODULE_BY_CODE, Module

from ..choices import AssessmentDecision, Coverage

# Step 9 of the method: at most five vendors are consulted, three is reasonable.
MAX_KEPT = 5
RECOMMENDED_KEPT = 3

# Legal forms say nothing about the product: « Médisoft SAS » and « MEDISOFT » are one.
LEGAL_FORMS = frozenset({"sa", "sas", "sasu", "sarl", "eurl", "scop", "sca", "gie", "inc",
                         "ltd", "gmbh"})
_LIGATURES = str.maketrans({"œ": "oe", "æ": "ae"})
_WORD = re.compile(r"[^\W_]+")


def _normalise(text: str) -> str:
    """Lower case, no accents, no punctuation, single spaces, no legal form."""
    decomposed = unicodedata.normalize("NFKD", text.casefold().translate(_LIGATURES))
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(w for w in _WORD.findall(plain) if w not in LEGAL_FORMS)


def vendor_key(name: str, product: str) -> str:
    """The catalogue's duplicate key: normalised vendor name and product name."""
    return f"{_normalise(name)}|{_normalise(product)}"


def decision_error(decision: str, reason: str) -> str | None:
    """Why a decision cannot be recorded, or None; eliminating a vendor needs a reason."""
    if decision not in AssessmentDecision.values:
        return _("Décision inconnue : choisissez « à l'étude », « retenu » ou « écarté ».")
    if decision == AssessmentDecision.ELIMINATED and not reason.strip():
        return _("Indiquez le motif pour lequel cet éditeur est écarté.")
    return None


def coverage_error(covered: Iterable[str], missing: Iterable[str]) -> str | None:
    """Why a coverage cannot be recorded: an unknown module, or one both covered and not."""
    covered, missing = set(covered), set(missing)
    unknown = sorted((covered | missing) - MODULE_BY_CODE.keys())
    if unknown:
        return _("Module fonctionnel inconnu : « %s ».") % unknown[0]
    both = [m for m in MODULE_BY_CODE.values() if m.code in covered & missing]
    if both:
        return _("« %s » ne peut pas être à la fois couvert et non couvert.") % both[0].title
    return None


def catalogue_edit_refusal(*, is_created_here: bool, other_projects: int) -> str | None:
    """Why a project may not correct (or delete) a shared catalogue entry, or None.

    The entry's facts (label, DMP, HDS certification, contact…) feed every project that
    assessed it — the HDS flag decides an eliminatory criterion —, so only the project
    that created the entry corrects them, and only while no other project uses it. The
    instance's staff correct the others in the admin, from the projects' proposals.
    """
    if not is_created_here:
        return _("Cette fiche du catalogue est commune à tous les projets et n'a pas été "
                 "créée par celui-ci : ses informations (éditeur, label, DMP, "
                 "certification HDS, contact…) ne se corrigent pas depuis ce projet. "
                 "Proposez la correction dans l'évaluation de l'éditeur (« Correction "
                 "proposée pour la fiche du catalogue ») : un administrateur de l'instance "
                 "la reportera.")
    if other_projects:
        return ngettext(
            "Un autre projet évalue aussi cet éditeur : la fiche du catalogue ne se corrige "
            "plus depuis un seul projet. Proposez la correction dans l'évaluation de "
            "l'éditeur (« Correction proposée pour la fiche du catalogue ») : un "
            "administrateur de l'instance la reportera.",
            "%(n)d autres projets évaluent aussi cet éditeur : la fiche du catalogue ne se "
            "corrige plus depuis un seul projet. Proposez la correction dans l'évaluation "
            "de l'éditeur (« Correction proposée pour la fiche du catalogue ») : un "
            "administrateur de l'instance la reportera.",
            other_projects) % {"n": other_projects}
    return None


def removal_refusal(*, vendor: str, decision: str, is_consulted: bool, is_evaluated: bool,
                    is_put_to_vote: bool) -> str | None:
    """Why a vendor cannot leave the project's market study, or None.

    Only a vendor added by mistake leaves it: one decided, consulted (with its answers and
    audition), marked or judged at step 11, or put to the vote keeps its history.
    """
    if decision != AssessmentDecision.UNDER_STUDY:
        return _("Seul un éditeur « à l'étude » peut être retiré de l'étude de marché : un "
                 "éditeur retenu ou écarté reste tracé.")
    if is_consulted:
        return _("« %s » a été consulté : il reste dans l'étude de marché avec ses "
                 "réponses, son audition et les notes des évaluateurs. Pour ne plus le "
                 "considérer, écartez-le en indiquant le motif.") % vendor
    if is_evaluated:
        return _("« %s » a déjà été noté ou jugé sur un critère éliminatoire : il reste "
                 "dans l'étude de marché avec ces évaluations. Pour ne plus le considérer, "
                 "écartez-le en indiquant le motif.") % vendor
    if is_put_to_vote:
        return _("Cet éditeur a été proposé au vote de l'assemblée générale : il reste "
                 "dans l'étude de marché.")
    return None


def kept_count_warning(kept: int) -> str | None:
    """The method's warning when more vendors are kept than a consultation can handle."""
    if kept > MAX_KEPT:
        return _("%(n)d éditeurs sont retenus : la méthode en conseille %(max)d au plus "
                 "(%(rec)d est raisonnable) pour la consultation. Écartez ceux qui "
                 "répondent le moins bien aux besoins.") % {
            "n": kept, "max": MAX_KEPT, "rec": RECOMMENDED_KEPT}
    return None


@dataclass(frozen=True)
class VendorCoverage:
    """One vendor's column: its assessment, name, decision and ticked modules."""

    key: int
    label: str
    decision: str
    covered: frozenset[str]
    missing: frozenset[str]

    @property
    def decision_label(self) -> str:
        return str(AssessmentDecision(self.decision).label)

    def status(self, code: str) -> str:
        """Coverage of one module by this vendor."""
        if code in self.covered:
            return Coverage.COVERED
        if code in self.missing:
            return Coverage.NOT_COVERED
        return Coverage.UNKNOWN


@dataclass(frozen=True)
class CoverageRow:
    """One module: in the project's scope or not, and its coverage by each vendor."""

    module: Module
    is_in_scope: bool
    cells: tuple[str, ...]

    @property
    def covered_count(self) -> int:
        return sum(cell == Coverage.COVERED for cell in self.cells)

    @property
    def labelled_cells(self) -> tuple[tuple[str, str], ...]:
        """(status, French label) per vendor: the table reads without colour."""
        return tuple((cell, str(Coverage(cell).label)) for cell in self.cells)


@dataclass(frozen=True)
class CoverageTable:
    """Modules × vendors, with per-vendor totals."""

    columns: tuple[VendorCoverage, ...]
    rows: tuple[CoverageRow, ...]
    covered_totals: tuple[int, ...]
    # Modules the project put in scope that the vendor does not cover: a reason to eliminate.
    scope_gaps: tuple[int, ...]


_DECISION_ORDER: dict[str, int] = {AssessmentDecision.KEPT: 0,
                                   AssessmentDecision.UNDER_STUDY: 1,
                                   AssessmentDecision.ELIMINATED: 2}


def coverage_table(
    modules: Sequence[Module], vendors: Iterable[VendorCoverage], in_scope: Iterable[str] = (),
) -> CoverageTable:
    """Kept vendors first, then under study, then eliminated; modules in scope first."""
    scope = set(in_scope)
    columns = tuple(sorted(vendors, key=lambda v: (_DECISION_ORDER.get(v.decision, 9),
                                                   _normalise(v.label), v.key)))
    ordered = sorted(modules, key=lambda m: m.code not in scope)  # stable: method order
    rows = tuple(CoverageRow(module=m, is_in_scope=m.code in scope,
                             cells=tuple(c.status(m.code) for c in columns)) for m in ordered)
    return CoverageTable(
        columns=columns, rows=rows,
        covered_totals=tuple(len(c.covered & MODULE_BY_CODE.keys()) for c in columns),
        scope_gaps=tuple(len(c.missing & scope) for c in columns),
    )
