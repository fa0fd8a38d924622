"""The periodic list of non-blocking anomalies, read back: PDF text and XLSX cells."""

from __future__ import annotations

import csv
import io
import subprocess

import pytest
from openpyxl import load_workbook

from acceptance.anomalies import services
from acceptance.anomalies.documents import COLUMNS
from acceptance.choices import AcceptanceDocument, Severity
from acceptance.choices import AnomalyStatus as S
from projects.choices import DocumentStatus, Role
from projects.documents.services import document_generate_now
from tests.typography import pdf_text

pytestmark = pytest.mark.django_db
FORMULA = "=HYPERLINK(\"http://exemple.test\",\"clic\")"


@pytest.fixture
def log(contracted):
    project, _contract, users = contracted
    member, amoa = users[Role.MEMBER], users[Role.AMOA]
    report = lambda title, severity, **extra: services.anomaly_report(  # noqa: E731
        project=project, by=member, title=title, description=f"Description de {title}",
        severity=severity, **extra)
    report("Plantage à la connexion", Severity.BLOCKING)
    major = report("Courrier type mal mis en page", Severity.MAJOR,
                   reproduction="1. Ouvrir un courrier\n2. Imprimer")
    minor = report(FORMULA, Severity.MINOR)
    closed = report("Faute de frappe corrigée", Severity.MINOR)
    services.anomaly_comment_add(anomaly=major, by=amoa, text="Vu avec l'éditeur au téléphone")
    services.anomaly_comment_add(anomaly=major, by=amoa, text="Confidentiel : pénalités ?",
                                 is_internal=True)
    services.anomaly_move(anomaly=minor, to=S.ACKNOWLEDGED, expected=S.OPEN, by=None)
    services.anomaly_move(anomaly=closed, to=S.REJECTED, expected=S.OPEN, by=amoa)
    return project, users[Role.PROJECT_LEAD]


def _bytes(document) -> bytes:
    assert document.status == DocumentStatus.DONE, document.error
    with document.file.open("rb") as handle:
        return handle.read()


def test_the_pdf_lists_the_standing_non_blocking_anomalies_only(log):
    project, lead = log
    document = document_generate_now(project=project, kind=AcceptanceDocument.ANOMALY_LIST,
                                     by=lead)
    text = pdf_text(_bytes(document), flat=True)
    assert "Liste périodique des anomalies" in text
    assert "1. Synthèse" in text
    assert "2. Anomalies non bloquantes en cours" in text
    assert "2 anomalies non bloquantes en cours" in text
    assert "AN-002 — Courrier type mal mis en page" in text
    assert "Vu avec l'éditeur au téléphone" in text
    assert "AN-003" in text
    # Never the blocking one (sent at once), a rejected one, or an internal comment.
    assert "Plantage" not in text
    assert "Faute de frappe" not in text
    assert "pénalités" not in text


def test_the_workbook_has_one_row_per_anomaly_and_text_never_a_formula(log):
    project, lead = log
    document = document_generate_now(project=project,
                                     kind=AcceptanceDocument.ANOMALY_LIST_GRID, by=lead)
    sheet = load_workbook(io.BytesIO(_bytes(document))).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0] == tuple(title for title, _width in COLUMNS)
    assert [row[0] for row in rows[1:]] == ["AN-002", "AN-003"]
    assert rows[1][2:4] == ("Majeure", "Ouverte")
    assert "Vu avec l'éditeur" in rows[1][10]
    assert "pénalités" not in rows[1][10]
    # The user's « formula » is stored as text.
    formula_cell = sheet.cell(row=3, column=2)
    assert formula_cell.value == FORMULA
    assert formula_cell.data_type == "s"
    assert rows[2][3] == "Prise en compte"


def test_libreoffice_opens_the_workbook_and_keeps_user_text_as_text(log, tmp_path):
    project, lead = log
    document = document_generate_now(project=project,
                                     kind=AcceptanceDocument.ANOMALY_LIST_GRID, by=lead)
    source = tmp_path / "liste.xlsx"
    source.write_bytes(_bytes(document))
    subprocess.run(
        ["soffice", f"-env:UserInstallation=file://{tmp_path}/profile", "--headless",
         "--convert-to", "csv:Text - txt - csv (StarCalc):44,34,76,1", "--outdir",
         str(tmp_path), str(source)],
        check=True, capture_output=True, timeout=120,
    )
    rows = list(csv.reader((tmp_path / "liste.csv").read_text(encoding="utf-8").splitlines()))
    assert rows[0][:2] == ["N°", "Titre"]
    assert [row[0] for row in rows[1:]] == ["AN-002", "AN-003"]
    assert rows[2][1] == FORMULA  # not the formula's result, not an error
