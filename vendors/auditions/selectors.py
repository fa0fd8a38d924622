"""Reads of step 10, always scoped by project: the page, one audition, the convocation.

``audition_syntheses`` is what the dossier de choix reads (plain data, no model).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from django.db.models import Count
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _

from projects.choices import DocumentStatus, Role
from projects.models import Document, Project
from vendors.choices import VendorsDocument

from ..consultation.models import AnswerSet, AnswerSetStatus, Consultation, ConsultedVendor
from ..consultation.rules import ConsultationTerms
from ..consultation.selectors import consultation_terms
from . import rules
from .models import Audition, AuditionComplement, AuditionQuestion


def _letters(project: Project) -> dict[str, Document]:
    """The latest convocation of each consulted vendor (subject = its id)."""
    latest: dict[str, Document] = {}
    for document in Document.objects.filter(project=project,
                                            kind=VendorsDocument.AUDITION_LETTER
                                            ).order_by("version"):
        latest[document.subject] = document
    return latest


@dataclass
class CandidateLine:
    """A consulted vendor on the auditions page: offer in or not, shortlisted or not."""

    consulted: ConsultedVendor
    has_answer: bool
    audition: Audition | None = None
    question_count: int = 0
    complement_count: int = 0
    letter: Document | None = None

    @property
    def synthesis_excerpt(self) -> str:
        return rules.excerpt(self.audition.synthesis) if self.audition else ""


@dataclass
class AuditionsPage:
    """Every consulted vendor of the project and the method's warnings on the shortlist."""

    lines: list[CandidateLine]
    warnings: list[str]
    letters_pending: bool

    @property
    def shortlisted(self) -> list[CandidateLine]:
        return [line for line in self.lines if line.audition is not None]

    @property
    def answered_count(self) -> int:
        return sum(1 for line in self.lines if line.has_answer)


def auditions_page(*, project: Project) -> AuditionsPage:
    """The consulted vendors with their offer status and audition (five queries)."""
    consulted = list(ConsultedVendor.objects.filter(project=project).select_related("vendor"))
    answered = set(AnswerSet.objects.filter(project=project, is_current=True,
                                            status=AnswerSetStatus.CONFIRMED)
                   .values_list("consulted_id", flat=True))
    auditions = {a.consulted_id: a for a in Audition.objects.filter(project=project).annotate(
        question_count=Count("questions", distinct=True),
        complement_count=Count("complements", distinct=True))}
    letters = _letters(project)
    lines = []
    for item in consulted:
        audition = auditions.get(item.pk)
        lines.append(CandidateLine(
            consulted=item, has_answer=item.pk in answered, audition=audition,
            question_count=getattr(audition, "question_count", 0),
            complement_count=getattr(audition, "complement_count", 0),
            letter=letters.get(str(item.pk))))
    return AuditionsPage(
        lines=lines,
        warnings=rules.shortlist_warnings(shortlisted=len(auditions), answered=len(answered)),
        letters_pending=any(d.status in (DocumentStatus.PENDING, DocumentStatus.RUNNING)
                            for d in letters.values()),
    )


def audition_of(*, project: Project, audition_pk: int) -> Audition:
    """An audition of this project, or 404."""
    return get_object_or_404(Audition.objects.select_related("vendor", "consulted", "project"),
                             pk=audition_pk, project=project)


@dataclass
class AuditionDetail:
    """One audition with its questions, complements and convocation versions."""

    audition: Audition
    questions: list[AuditionQuestion]
    complements: list[AuditionComplement]
    letter: Document | None
    letter_refusal: str | None

    @property
    def has_record(self) -> bool:
        a = self.audition
        return bool(a.notes or a.synthesis or a.held_on or any(q.answer for q in self.questions))


def audition_detail(*, audition: Audition) -> AuditionDetail:
    """Everything the audition page shows (four queries)."""
    questions = list(audition.questions.select_related("asked_by"))
    letter = (Document.objects.filter(project_id=audition.project_id,
                                      kind=VendorsDocument.AUDITION_LETTER,
                                      subject=str(audition.consulted_id))
              .order_by("-version").first())
    return AuditionDetail(
        audition=audition, questions=questions,
        complements=list(audition.complements.all()), letter=letter,
        letter_refusal=rules.letter_refusal(scheduled_at=audition.scheduled_at,
                                            question_count=len(questions)),
    )


# --- the convocation (document AUDITION_LETTER) ----------------------------------------

@dataclass(frozen=True)
class AuditionLetterData:
    """Everything the convocation shows."""

    project: Project
    audition: Audition
    questions: list[AuditionQuestion]
    lead_name: str
    terms: ConsultationTerms = field(default_factory=ConsultationTerms)

    @property
    def lead_title(self) -> str:
        """The lead's title as the attendee table writes it (« cheffe de projet »), so the
        letter signs with the same words; « chef de projet » when it does not name them."""
        return rules.attendee_title(self.audition.attendees, self.lead_name) \
            or str(_("chef de projet"))


def audition_letter_data(project: Project, subject: str) -> AuditionLetterData:
    """The convocation of one shortlisted vendor (subject = the consulted vendor's id)."""
    audition = Audition.objects.select_related("vendor", "consulted").get(
        project=project, consulted_id=int(subject))
    refusal = rules.letter_refusal(scheduled_at=audition.scheduled_at,
                                   question_count=audition.questions.count())
    if refusal:
        # The request was checked; a time or questions removed since still stop the render.
        raise ValueError(refusal)
    lead = project.memberships.filter(role=Role.PROJECT_LEAD).select_related("user") \
        .order_by("id").first()
    return AuditionLetterData(project=project, audition=audition,
                              questions=list(audition.questions.all()),
                              lead_name=lead.user.display_name if lead else "",
                              terms=consultation_terms(
                                  Consultation.objects.filter(project=project).first()))


# --- for the dossier de choix ------------------------------------------------------------

@dataclass(frozen=True)
class AuditionSummary:
    """One audition as the dossier de choix reports it."""

    vendor_label: str
    held_on: date | None
    synthesis: str
    # (received_on, summary) of each complement, oldest first.
    complements: list[tuple[date, str]] = field(default_factory=list)
    question_count: int = 0


def audition_syntheses(*, project: Project) -> list[AuditionSummary]:
    """Each shortlisted candidate's audition: day held, synthesis, complements (two queries)."""
    auditions = list(Audition.objects.filter(project=project).select_related("vendor")
                     .annotate(n_questions=Count("questions"))
                     .order_by("vendor__name", "vendor__product", "id"))
    complements: dict[int, list[tuple[date, str]]] = {}
    for item in AuditionComplement.objects.filter(project=project).order_by("received_on",
                                                                            "id"):
        complements.setdefault(item.audition_id, []).append((item.received_on, item.summary))
    return [AuditionSummary(vendor_label=str(a.vendor), held_on=a.held_on,
                            synthesis=a.synthesis, complements=complements.get(a.pk, []),
                            question_count=a.n_questions)
            for a in auditions]
