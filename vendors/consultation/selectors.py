"""Reads of step 9, always scoped by project; plain data for the scoring of step 11."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from datetime import date, datetime
from decimal import Decimal

from django.utils import translation
from django.utils.translation import gettext_lazy

from msp_si.common.typography import french_date
from projects.choices import DocumentStatus, Profession
from projects.models import Document, Project
from requirements.models import NeedsGrid, Priority, Requirement
from requirements.rfp.cadre import ANSWERS, PRICE_LINES, CadreData, CadreRow
from vendors.choices import VendorsDocument

from ..choices import AssessmentDecision
from ..market.models import VendorAssessment
from .answers_import import ExpectedCadre
from .models import AnswerSet, AnswerSetStatus, Consultation, ConsultedVendor
from .rules import (
    AnswersSummary,
    ConsultationTerms,
    answers_summary,
    consulted_count_warning,
    terms_warnings,
)

CONSULTATION_DOCUMENTS = (VendorsDocument.CONSULTATION_LETTER, VendorsDocument.VENDOR_CADRE)
# (URL slug, kind, label) of the documents produced for each consulted vendor.
DOCUMENT_ROWS = (
    ("lettre", VendorsDocument.CONSULTATION_LETTER, gettext_lazy("Lettre de consultation (PDF)")),
    ("cadre", VendorsDocument.VENDOR_CADRE, gettext_lazy("Cadre de réponse du prestataire (XLSX)")),
)


def _requirements(project: Project) -> list[Requirement]:
    """The active requirements in the grid's order: domain, sub-domain, position."""
    return list(
        Requirement.objects.filter(project=project, is_removed=False, merged_into__isnull=True)
        .select_related("subdomain__domain")
        .order_by("subdomain__domain__position", "subdomain__domain_id",
                  "subdomain__position", "subdomain_id", "position", "id")
    )


def _grid_version(project: Project) -> int:
    grid = NeedsGrid.objects.filter(project=project).only("version").first()
    return grid.version if grid else 1


def expected_cadre(*, consulted: ConsultedVendor) -> tuple[ExpectedCadre, dict[str, str]]:
    """What a returned cadre must match, and each requirement's priority code."""
    requirements = _requirements(consulted.project)
    labels = dict(Priority.choices)
    with translation.override("fr"):
        expected = ExpectedCadre(
            project_id=consulted.project_id,
            grid_version=_grid_version(consulted.project),
            vendor_id=consulted.vendor_id,
            requirements={r.code: str(labels.get(r.priority, r.priority))
                          for r in requirements},
        )
    return expected, {r.code: r.priority for r in requirements}


def vendor_cadre_data(project: Project, subject: str) -> CadreData:
    """The cadre de réponse of one consulted vendor (document VENDOR_CADRE)."""
    consulted = ConsultedVendor.objects.select_related("vendor").get(
        project=project, pk=int(subject))
    deadline = _deadline(project)
    with translation.override("fr"):
        professions = dict(Profession.choices)
        priorities = dict(Priority.choices)
        rows = [CadreRow(code=r.code, domain=r.subdomain.domain.title,
                         subdomain=r.subdomain.title, text=r.text,
                         priority=str(priorities.get(r.priority, r.priority)),
                         scope=str(professions.get(r.profession, "")) if r.profession
                         else "Transversal")
                for r in _requirements(project)]
    return CadreData(project_id=project.pk, project_name=project.name,
                     grid_version=_grid_version(project), rows=rows,
                     vendor_id=consulted.vendor_id, vendor_name=str(consulted.vendor),
                     response_deadline=french_date(deadline, weekday=True) if deadline else "")


@dataclass(frozen=True)
class LetterData:
    """Everything the consultation letter shows."""

    project: Project
    consulted: ConsultedVendor
    deadline: date | None
    requirement_count: int
    essential_count: int
    lead_name: str
    terms: ConsultationTerms = field(default_factory=ConsultationTerms)


def consultation_letter_data(project: Project, subject: str) -> LetterData:
    """The invitation letter to one consulted vendor (document CONSULTATION_LETTER)."""
    from projects.choices import Role

    consulted = ConsultedVendor.objects.select_related("vendor").get(
        project=project, pk=int(subject))
    requirements = _requirements(project)
    lead = project.memberships.filter(role=Role.PROJECT_LEAD).select_related("user").first()
    return LetterData(
        project=project, consulted=consulted, deadline=_deadline(project),
        requirement_count=len(requirements),
        essential_count=sum(1 for r in requirements if r.priority == Priority.ESSENTIAL),
        lead_name=lead.user.display_name if lead else "",
        terms=consultation_terms(Consultation.objects.filter(project=project).first()),
    )


def consultation_terms(consultation: Consultation | None) -> ConsultationTerms:
    """The letters' terms of a consultation (the defaults before it is settled)."""
    if consultation is None:
        return ConsultationTerms()
    return ConsultationTerms(
        sender_address=consultation.sender_address, contact_email=consultation.contact_email,
        contact_phone=consultation.contact_phone, questions_until=consultation.questions_until,
        offer_validity_days=consultation.offer_validity_days)


def _deadline(project: Project) -> date | None:
    consultation = Consultation.objects.filter(project=project).first()
    return consultation.response_deadline if consultation else None


# --- the consultation page -------------------------------------------------------------

@dataclass
class ConsultedLine:
    """A consulted vendor as the consultation page shows it."""

    consulted: ConsultedVendor
    documents: dict[str, Document | None]
    current: AnswerSet | None
    history: list[AnswerSet]
    summary: AnswersSummary | None
    # A file checked but not confirmed yet (e.g. dropped by the vendor without confirming).
    pending: AnswerSet | None = None

    @property
    def status(self) -> str:
        if self.current is None:
            return "missing"
        return "late" if self.current.is_late else "on_time"

    @property
    def document_rows(self) -> list[tuple[str, str, Document | None]]:
        return [(slug, str(label), self.documents.get(kind))
                for slug, kind, label in DOCUMENT_ROWS]


@dataclass
class ConsultationPage:
    consultation: Consultation | None
    lines: list[ConsultedLine]
    available: list[VendorAssessment]
    count_warning: str | None
    requirement_count: int

    @property
    def deadline(self) -> date | None:
        return self.consultation.response_deadline if self.consultation else None

    @property
    def terms(self) -> ConsultationTerms:
        """What the letters say besides the deadline."""
        return consultation_terms(self.consultation)

    @property
    def terms_initial(self) -> dict[str, object]:
        """The form's initial values: the deadline and the terms."""
        return {"response_deadline": self.deadline, **asdict(self.terms)}

    @property
    def terms_warnings(self) -> list[str]:
        """Weekend or public-holiday dates, missing sender or questions deadline."""
        return terms_warnings(self.deadline, self.terms)

    @property
    def answered_count(self) -> int:
        """Consulted vendors whose answers are confirmed (the comparison and step 10 use
        them)."""
        return sum(1 for line in self.lines if line.current is not None)


def consultation_page(*, project: Project) -> ConsultationPage:
    """The consulted vendors with their documents and answers, and those still available."""
    consulted = list(ConsultedVendor.objects.filter(project=project).select_related("vendor"))
    sets: dict[int, list[AnswerSet]] = {}
    pending: dict[int, AnswerSet] = {}
    for answer_set in AnswerSet.objects.filter(project=project):
        if answer_set.status == AnswerSetStatus.CONFIRMED:
            sets.setdefault(answer_set.consulted_id, []).append(answer_set)
        else:
            pending[answer_set.consulted_id] = answer_set
    documents: dict[tuple[str, str], Document] = {}
    for document in (Document.objects.filter(project=project, kind__in=CONSULTATION_DOCUMENTS)
                     .order_by("version")):
        documents[(document.kind, document.subject)] = document
    lines = []
    for item in consulted:
        history = sets.get(item.pk, [])
        current = next((s for s in history if s.is_current), None)
        lines.append(ConsultedLine(
            consulted=item,
            documents={k: documents.get((k, str(item.pk))) for k in CONSULTATION_DOCUMENTS},
            current=current, history=history, pending=pending.get(item.pk),
            summary=answers_summary(current.answers, current.prices) if current else None,
        ))
    taken = {c.vendor_id for c in consulted}
    available = [a for a in VendorAssessment.objects.filter(
        project=project, decision=AssessmentDecision.KEPT).select_related("vendor")
        if a.vendor_id not in taken]
    return ConsultationPage(
        consultation=Consultation.objects.filter(project=project).first(), lines=lines,
        available=available, count_warning=consulted_count_warning(len(consulted)),
        requirement_count=Requirement.objects.filter(
            project=project, is_removed=False, merged_into__isnull=True).count(),
    )


# --- for the scoring (step 11) ---------------------------------------------------------

@dataclass(frozen=True)
class VendorAnswers:
    """A consulted vendor's current answers as plain data."""

    consulted_id: int
    vendor_id: int
    vendor_name: str
    received_at: datetime | None
    is_late: bool
    summary: AnswersSummary | None
    # Requirement code → answer ("" = left blank); empty when nothing was imported.
    answers: dict[str, str]
    price_total: Decimal | None


def vendor_answers(*, project: Project) -> list[VendorAnswers]:
    """Every consulted vendor of the project with its current answers (two queries)."""
    current = {s.consulted_id: s for s in AnswerSet.objects.filter(project=project,
                                                                   is_current=True)}
    result = []
    for consulted in ConsultedVendor.objects.filter(project=project).select_related("vendor"):
        answer_set = current.get(consulted.pk)
        summary = answers_summary(answer_set.answers, answer_set.prices) if answer_set \
            else None
        result.append(VendorAnswers(
            consulted_id=consulted.pk, vendor_id=consulted.vendor_id,
            vendor_name=str(consulted.vendor),
            received_at=answer_set.received_at if answer_set else None,
            is_late=answer_set.is_late if answer_set else False, summary=summary,
            answers={a["code"]: a["answer"] for a in answer_set.answers} if answer_set
            else {},
            price_total=summary.price_total if summary else None,
        ))
    return result


def pending_documents(*, project: Project) -> bool:
    """Whether a letter or cadre is still being rendered (the page then refreshes)."""
    return Document.objects.filter(project=project, kind__in=CONSULTATION_DOCUMENTS,
                                   status__in=(DocumentStatus.PENDING,
                                               DocumentStatus.RUNNING)).exists()


# --- the preview of an import ----------------------------------------------------------

@dataclass(frozen=True)
class PriorityCounts:
    label: str
    total: int
    # (answer, count) in the order of the allowed answers, then the blank ones.
    counts: list[tuple[str, int]]
    missing: int


@dataclass(frozen=True)
class PriceRow:
    label: str
    unit: str
    quantity: Decimal | None
    unit_price: Decimal | None
    total: Decimal | None
    comment: str


@dataclass(frozen=True)
class AnswerSetPreview:
    """What the user checks before confirming an import."""

    answer_set: AnswerSet
    by_priority: list[PriorityCounts]
    missing: list[dict[str, object]]
    prices: list[PriceRow]
    price_total: Decimal
    summary: AnswersSummary


def _decimal(value: object) -> Decimal | None:
    return None if value in (None, "") else Decimal(str(value))


def answer_set_preview(*, answer_set: AnswerSet) -> AnswerSetPreview:
    """Answers per priority, missing rows, priced lines and total of one import."""
    summary = answers_summary(answer_set.answers, answer_set.prices)
    by_priority = []
    for code, label in Priority.choices:
        counts = summary.by_priority.get(code, {})
        by_priority.append(PriorityCounts(
            label=str(label), total=sum(counts.values()),
            counts=[(a, counts.get(a, 0)) for a in ANSWERS], missing=counts.get("", 0)))
    lines = {line.key: line for line in PRICE_LINES}
    prices = [PriceRow(label=lines[p["key"]].label if p["key"] in lines else p["key"],
                       unit=lines[p["key"]].unit if p["key"] in lines else "",
                       quantity=_decimal(p["quantity"]), unit_price=_decimal(p["unit_price"]),
                       total=summary.prices.get(p["key"]), comment=p["comment"])
              for p in answer_set.prices if p["unit_price"] is not None or p["comment"]]
    return AnswerSetPreview(
        answer_set=answer_set, by_priority=by_priority,
        missing=[a for a in answer_set.answers if not a["answer"]],
        prices=prices, price_total=summary.price_total, summary=summary,
    )
