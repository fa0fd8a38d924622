"""The recette's pure rules: case drafts, testers, coverage, suspect links, the decision."""

from __future__ import annotations

from decimal import Decimal

from acceptance.recette import verdict
from acceptance.recette.verdict import MemberLine, NeedLine


def need(pk: int, code: str, priority: str, profession: str = "", revision: int = 1
         ) -> NeedLine:
    return NeedLine(pk, code, f"Texte du besoin {code}", profession, priority, revision,
                    "Infirmier·ère" if profession == "nurse" else "", priority.capitalize())


NEEDS = [need(1, "DOS-001", "important"), need(2, "DOS-002", "essential", "nurse"),
         need(3, "DOS-003", "desirable"), need(4, "DOS-004", "essential")]


def test_drafts_put_indispensable_first_then_important_and_skip_desirable() -> None:
    drafts = verdict.case_drafts(NEEDS)
    assert [d.code for d in drafts] == ["CT-DOS-002", "CT-DOS-004", "CT-DOS-001"]
    assert [d.position for d in drafts] == [0, 1, 2]
    first = drafts[0]
    assert "DOS-002" in first.steps
    assert "Texte du besoin DOS-002" in first.steps
    assert "Infirmier·ère" in first.steps
    assert "Essential" in first.expected_result  # the priority's label
    assert "chef de projet ou l'AMOA" in drafts[1].steps  # transversal need


def test_drafts_skip_needs_that_already_have_their_case() -> None:
    drafts = verdict.case_drafts(NEEDS, existing_codes=["CT-DOS-002", "CT-DOS-004"])
    assert [(d.code, d.position) for d in drafts] == [("CT-DOS-001", 2)]


def test_default_tester_is_the_referent_of_the_profession_else_the_lead() -> None:
    members = [MemberLine(10, "amoa", ""), MemberLine(11, "project_lead", "gp"),
               MemberLine(12, "profession_referent", "nurse")]
    assert verdict.default_tester("nurse", members) == 12
    assert verdict.default_tester("physio", members) == 11
    assert verdict.default_tester("", members) == 11
    assert verdict.default_tester("", [MemberLine(10, "amoa", "")]) == 10
    assert verdict.default_tester("", []) is None


def test_execution_error_tells_the_second_tester_and_wants_a_comment_on_ko() -> None:
    base = {"is_tester": True, "can_prepare": False, "expected_version": 1,
            "current_version": 1, "result": "ok", "comment": "", "last_by": "Léa Caron"}
    assert verdict.execution_error(**base) is None
    late = verdict.execution_error(**{**base, "expected_version": 0})
    assert late is not None
    assert late.startswith("Léa Caron vient d'enregistrer")
    assert "attribué à un autre testeur" in verdict.execution_error(
        **{**base, "is_tester": False})
    assert verdict.execution_error(**{**base, "is_tester": False, "can_prepare": True}) is None
    assert "commentaire" in verdict.execution_error(**{**base, "result": "ko"})
    assert verdict.execution_error(**{**base, "result": "ko", "comment": "Écran vide"}) is None


def test_coverage_by_profession_and_priority() -> None:
    results = {1: ["ok"], 2: ["ok", "ko"], 4: [""]}
    result = verdict.coverage(NEEDS, results, transversal_label="Transversaux")
    assert result.total.total == 3  # the desirable need is not verified
    assert (result.total.ok, result.total.ko, result.total.without_case) == (1, 1, 0)
    assert result.total.percent == Decimal("33.3")
    by_profession = {line.key: (line.total, line.ok, line.ko) for line in result.by_profession}
    assert by_profession == {"nurse": (1, 0, 1), "": (2, 1, 0)}
    assert result.by_profession[-1].label == "Transversaux"  # transversal last
    assert [line.key for line in result.by_priority] == ["essential", "important"]
    assert [n.code for n in result.failing] == ["DOS-002"]
    uncovered = verdict.coverage(NEEDS, {1: ["ok"]}, transversal_label="T")
    assert [n.code for n in uncovered.without_case] == ["DOS-002", "DOS-004"]


def test_need_status_is_ko_when_any_case_is() -> None:
    assert verdict.need_status([]) == ""
    assert verdict.need_status(["ok", "ok"]) == "ok"
    assert verdict.need_status(["ok", "ko", "blocked"]) == "ko"
    assert verdict.need_status(["ok", "blocked"]) == "blocked"
    assert verdict.need_status(["ok", "not_tested"]) == "not_tested"


def test_suspect_when_case_or_need_changed_since_the_baseline() -> None:
    assert verdict.is_suspect(case_revision=1, requirement_revision=1, baseline=None) is False
    assert verdict.is_suspect(case_revision=1, requirement_revision=1,
                              baseline=(1, 1)) is False
    assert verdict.is_suspect(case_revision=2, requirement_revision=1, baseline=(1, 1))
    assert verdict.is_suspect(case_revision=1, requirement_revision=3, baseline=(1, 1))


def test_verdict_refused_while_a_blocking_anomaly_is_open() -> None:
    assert verdict.suggested_verdict(blocking_open=1, reserves=2) == "refused"
    assert verdict.suggested_verdict(blocking_open=0, reserves=2) == "with_reserves"
    assert verdict.suggested_verdict(blocking_open=0, reserves=0) == "pronounced"
    assert "1 anomalie bloquante" in verdict.verdict_error(verdict="pronounced",
                                                           blocking_open=1, reserves=0)
    assert "2 anomalies bloquantes" in verdict.verdict_error(verdict="with_reserves",
                                                             blocking_open=2, reserves=0)
    assert "avec réserves" in verdict.verdict_error(verdict="pronounced", blocking_open=0,
                                                    reserves=1)
    assert verdict.verdict_error(verdict="with_reserves", blocking_open=0, reserves=1) is None
    assert verdict.verdict_error(verdict="refused", blocking_open=3, reserves=1) is None
