"""Done when (issue 15): every kind of PDF the application builds is read back from the
phase-4 demo MSP (phases 1 to 4 and the pilotage filled) and fails on a bad French break:
before « : ; ? ! % € », inside « », an ungrouped amount, « 1 <mois> », a month abbreviation
that is not French."""

from __future__ import annotations

import re

import pytest

from acceptance.demo.phase4 import demo_projects
from acceptance.maintenance.models import Intervention
from acceptance.orders.models import PurchaseOrder
from acceptance.training.models import TrainingSession
from projects.choices import DocumentKind, DocumentStatus
from projects.documents.builders import BUILDERS
from projects.documents.services import document_generate_now
from projects.models import MeetingMinutes, Project
from tests.typography import document_pdf_text, typography_faults
from vendors.auditions.models import Audition
from vendors.consultation.models import ConsultedVendor
from vendors.votes.models import Vote

pytestmark = pytest.mark.django_db

# A chart's labels (« 100 % », « 46 176,65 € ») are SVG text: drawn on one line, they
# cannot break, and WeasyPrint writes their no-break spaces as plain spaces. The same
# figures stand in the chart's table, which is checked like any text.
CHART_LABEL = re.compile(r"^[\d\s\u00a0\u202f]+(,\d+)?\s(%|€)$")


def _without_chart_labels(text: str) -> str:
    return "\n".join(line for line in text.split("\n") if not CHART_LABEL.match(line.strip()))


def _subjects(project: Project) -> dict[str, str]:
    """For each kind built per subject, one subject of the demo (a vendor, a session…)."""
    consulted = ConsultedVendor.objects.filter(project=project).order_by("pk").first()
    audition = Audition.objects.filter(project=project, scheduled_at__isnull=False).first()
    session = TrainingSession.objects.filter(project=project).order_by("pk").first()
    order = PurchaseOrder.objects.filter(project=project).order_by("pk").first()
    minutes = MeetingMinutes.objects.filter(project=project).order_by("pk").first()
    intervention = Intervention.objects.filter(project=project).order_by("pk").first()
    assert intervention is not None
    assert consulted is not None
    assert audition is not None
    assert session is not None
    assert order is not None
    assert minutes is not None
    return {"consultation_letter": str(consulted.pk),
            "audition_letter": str(audition.consulted_id),
            "vote_minutes": str(Vote.objects.get(project=project).pk),
            "training_convocation": str(session.pk), "training_sign_in": str(session.pk),
            "purchase_order": str(order.number), "compte_rendu_copil": str(minutes.pk),
            "intervention_notice": str(intervention.pk)}


def test_every_pdf_kind_reads_back_with_french_typography() -> None:
    [result] = demo_projects(reset=False)
    project = result.project
    lead = project.created_by
    subjects = _subjects(project)
    pdf_kinds = sorted(kind for kind, builder in BUILDERS.items() if builder.extension == "pdf")
    # Every kind taking a subject has one here: a new kind cannot slip past this test.
    assert {k for k in pdf_kinds if BUILDERS[k].takes_subject} == set(subjects)
    faults = {}
    for kind in pdf_kinds:
        document = document_generate_now(project=project, kind=kind, by=lead,
                                         subject=subjects.get(kind, ""))
        assert document.status == DocumentStatus.DONE, (kind, document.error)
        text = document_pdf_text(document)
        assert len(text) > 200, kind
        if kind == DocumentKind.DASHBOARD:
            text = _without_chart_labels(text)
        faults[kind] = typography_faults(text)
    assert faults == {kind: [] for kind in pdf_kinds}
    assert len(pdf_kinds) >= 15
