"""The pure rules of step 13: checklist drafts, predicted method, moves, go / no-go, file."""

from __future__ import annotations

import pytest

from acceptance.migration import rules
from acceptance.migration.choices import MigrationMethod, MigrationState

ITEMS = [
    rules.SourceItem(1, "Dossiers médicaux des médecins (antécédents)",
                     "Logiciel médical A (fictif)", "Export XML"),
    rules.SourceItem(2, "Rendez-vous à venir", "Agenda en ligne (fictif)", "iCalendar"),
]
SOFTWARE = [
    rules.ProfessionSoftware("gp", "Médecin généraliste", "Logiciel médical A (fictif), v2019"),
    rules.ProfessionSoftware("nurse", "Infirmier·ère", "Logiciel de soins B (fictif)"),
    rules.ProfessionSoftware("physio", "Masseur-kinésithérapeute", ""),
]


def test_each_item_is_a_line_and_each_uncovered_software_adds_one() -> None:
    drafts = rules.checklist_drafts(ITEMS, SOFTWARE)
    assert [(d.key, d.profession) for d in drafts] == [
        ("item:1", "gp"), ("item:2", ""), ("profession:nurse", "nurse")]
    assert drafts[2].source_software == "Logiciel de soins B (fictif)"


def test_free_text_records_predict_rekeying() -> None:
    method, reason = rules.predicted_method(
        data="Dossiers médicaux (antécédents)", data_format="Export XML",
        entry_quality="medium", entry_note="Antécédents saisis en texte libre.")
    assert method == MigrationMethod.REKEYING
    assert "texte libre" in reason
    # The same note says nothing of the appointments: they come over automatically.
    assert rules.predicted_method(
        data="Rendez-vous à venir", data_format="iCalendar", entry_quality="medium",
        entry_note="Antécédents saisis en texte libre.")[0] == MigrationMethod.AUTOMATIC
    assert rules.predicted_method(data="Bilans", data_format="", entry_quality="high",
                                  entry_note="")[0] == MigrationMethod.REKEYING


@pytest.mark.parametrize(("start", "to", "passed", "go", "allowed"), [
    (MigrationState.PLANNED, MigrationState.TRIAL_RUN, False, False, True),
    (MigrationState.TRIAL_RUN, MigrationState.CHECKED, False, False, False),
    (MigrationState.TRIAL_RUN, MigrationState.CHECKED, True, False, True),
    (MigrationState.CHECKED, MigrationState.FINAL_RUN, True, False, False),
    (MigrationState.CHECKED, MigrationState.FINAL_RUN, True, True, True),
    (MigrationState.PLANNED, MigrationState.ACCEPTED, True, True, False),
])
def test_line_moves(start: str, to: str, passed: bool, go: bool, allowed: bool) -> None:
    refusal = rules.line_move_refusal(from_state=start, to_state=to, has_passed_check=passed,
                                      is_go=go)
    assert (refusal is None) is allowed


def _line(failed: bool | None) -> rules.LineStatus:
    return rules.LineStatus(label="Dossiers", state="trial_run", last_check_failed=failed)


def test_go_needs_the_note_and_a_passed_last_check_on_every_line() -> None:
    assert "note" in (rules.go_refusal(decision="go", has_method_note=False,
                                       lines=[_line(False)]) or "")
    assert "Sans contrôle" in (rules.go_refusal(decision="go", has_method_note=True,
                                                lines=[_line(None)]) or "")
    assert "à refaire" in (rules.go_refusal(decision="go", has_method_note=True,
                                            lines=[_line(True)]) or "")
    assert rules.go_refusal(decision="go", has_method_note=True, lines=[_line(False)]) is None
    # No-go can always be said.
    assert rules.go_refusal(decision="no_go", has_method_note=False, lines=[_line(True)]) is None
    assert rules.go_refusal(decision="maybe", has_method_note=True, lines=[]) is not None


PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.mark.parametrize(("content", "size", "fragment"), [
    (PDF, len(PDF), None),
    (b"PK\x03\x04 not a pdf %%EOF", 20, "pas un PDF"),
    (b"%PDF-1.4 truncated", 18, "pas un PDF"),
    (PDF.replace(b"<<>>", b"<</JavaScript (x)>>", 1), len(PDF) + 14, "contenu actif"),
    (PDF, rules.MAX_NOTE_BYTES + 1, "10 Mo"),
    (b"", 0, "vide"),
])
def test_note_file_checks(content: bytes, size: int, fragment: str | None) -> None:
    refusal = rules.note_file_refusal(size=size, content=content)
    assert (refusal is None) if fragment is None else (fragment in (refusal or ""))
