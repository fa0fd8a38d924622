"""Step 17 pure rules: costs by nature, survey results with the minimum group size."""

from __future__ import annotations

from decimal import Decimal

from acceptance.bilan import rules

NATURES = ("licences", "implementation", "training", "complementary", "internal")


def test_costs_by_nature_against_the_step_11_lines() -> None:
    rows = rules.cost_rows(
        estimates=[("subscription_prescriber", Decimal("13680")),
                   ("subscription_other", Decimal("9720")),
                   ("training_day", Decimal("3800")), ("hidden_short_warranty", Decimal(900))],
        actuals=[("licences", Decimal("24000.00")), ("internal", Decimal("3000.00")),
                 ("training", Decimal("3800.00"))],
        natures=NATURES)
    assert [(r.nature, r.estimated, r.actual, r.gap) for r in rows] == [
        ("licences", Decimal("23400.00"), Decimal("24000.00"), Decimal("600.00")),
        ("implementation", Decimal("900.00"), Decimal("0.00"), Decimal("-900.00")),
        ("training", Decimal("3800.00"), Decimal("3800.00"), Decimal("0.00")),
        ("internal", Decimal("0.00"), Decimal("3000.00"), Decimal("3000.00")),
    ]


def _answer(profession: str, overall: int | None, vendor: int | None = 3) -> rules.Answer:
    marks: dict[str, int | None] = dict.fromkeys(rules.DIMENSION_KEYS, 4)
    marks.update(overall=overall, vendor=vendor)
    return rules.Answer(profession, marks)


def test_a_profession_with_fewer_than_three_answers_is_hidden() -> None:
    results = rules.survey_results([
        _answer("nurse", 5), _answer("nurse", 4), _answer("nurse", 4, vendor=None),
        _answer("gp", 1), _answer("gp", 2),
    ])
    assert results.respondents == 5
    overall = {d.key: d for d in results.overall}
    assert overall["overall"].average == Decimal("3.2")  # 16 / 5
    assert overall["overall"].counts == (1, 1, 0, 2, 1)
    assert (overall["vendor"].answered, overall["vendor"].average) == (4, Decimal("3.0"))
    groups = {g.profession: g for g in results.groups}
    assert groups["gp"].dimensions is None
    assert groups["gp"].size == 2
    nurse = {d.key: d.average for d in groups["nurse"].dimensions or ()}
    assert nurse["overall"] == Decimal("4.3")  # 13 / 3, half up
    assert results.hidden_groups == 1


def test_marks_are_checked() -> None:
    assert rules.mark_error({"overall": 6}) == "Chaque note va de 1 à 5."
    assert rules.mark_error({}) == "Donnez au moins une note."
    assert rules.mark_error({"overall": 5}) is None
