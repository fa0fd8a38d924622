"""Property-based tests of the import: whatever the file, only its own error, never a value
outside the allowed list."""

from __future__ import annotations

import io
import random
from decimal import Decimal

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import load_workbook

from requirements.rfp.cadre import ANSWERS, GRID_SHEET, PRICE_SHEET
from vendors.consultation.answers_import import AnswerFileError, ImportedAnswers, answers_read

from ..cadre_files import CODES, blank_cadre, expected, fill, filled_cadre

BLANK = blank_cadre()
FILLED = filled_cadre()
SETTINGS = settings(max_examples=25, deadline=None,
                    suppress_health_check=[HealthCheck.too_slow])

cell_values = st.one_of(
    st.none(), st.text(st.characters(exclude_categories=("Cc", "Cs")), max_size=40),
    st.sampled_from(ANSWERS),
    st.sampled_from([a.upper() for a in ANSWERS]), st.integers(-10**6, 10**13),
    st.floats(allow_nan=True, allow_infinity=True), st.booleans(),
    st.decimals(allow_nan=False, allow_infinity=False, places=2, min_value=-10**6,
                max_value=10**6),
)


def read(content: bytes) -> ImportedAnswers | None:
    """The result, or None when refused; any other exception fails the test."""
    try:
        return answers_read(content, expected())
    except AnswerFileError as error:
        messages = error.messages
    assert messages
    assert all(isinstance(m, str) and m for m in messages)
    return None


def assert_sane(result: ImportedAnswers | None) -> None:
    if result is None:
        return
    assert [a.code for a in result.answers] == list(CODES)
    for answer in result.answers:
        assert answer.answer in ANSWERS or answer.answer == ""
        assert answer.delay_days is None or 0 <= answer.delay_days <= 3650
        assert answer.cost is None or (answer.cost.is_finite() and answer.cost >= 0)
    for price in result.prices:
        for number in (price.quantity, price.unit_price):
            assert number is None or (isinstance(number, Decimal) and number >= 0)


@SETTINGS
@given(st.dictionaries(st.sampled_from(CODES),
                       st.tuples(cell_values, cell_values, cell_values, cell_values),
                       max_size=len(CODES)))
def test_random_answers_never_escape_the_allowed_list(answers: dict) -> None:  # type: ignore[type-arg]
    assert_sane(read(fill(BLANK, answers=answers, prices={})))


@SETTINGS
@given(st.lists(st.tuples(cell_values, cell_values, cell_values), min_size=3, max_size=3))
def test_random_prices_are_numbers_or_refused(values: list) -> None:  # type: ignore[type-arg]
    prices = dict(zip(("licence", "installation", "hosting_year"), values, strict=True))
    assert_sane(read(fill(BLANK, answers={}, prices=prices)))


@SETTINGS
@given(st.permutations(list(range(10))), st.permutations(list(range(6))))
def test_shuffled_columns_read_the_same_answers(grid_order: list[int],
                                                 price_order: list[int]) -> None:
    workbook = load_workbook(io.BytesIO(FILLED))
    for name, order in ((GRID_SHEET, grid_order), (PRICE_SHEET, price_order)):
        sheet = workbook[name]
        rows = [[c.value for c in row] for row in sheet.iter_rows()]
        for r, values in enumerate(rows, start=1):
            for new_column, old_index in enumerate(order, start=1):
                cell = sheet.cell(row=r, column=new_column)
                cell.value = values[old_index]  # cell(value=None) would keep the old one
                if isinstance(values[old_index], str):
                    cell.data_type = "s"
    buffer = io.BytesIO()
    workbook.save(buffer)
    shuffled = answers_read(buffer.getvalue(), expected())
    original = answers_read(FILLED, expected())
    assert shuffled.answers == original.answers
    assert shuffled.prices == original.prices


@SETTINGS
@given(st.integers(min_value=0, max_value=len(FILLED) - 1))
def test_truncated_bytes_are_refused_with_our_error(size: int) -> None:
    assert read(FILLED[:size]) is None


@SETTINGS
@given(st.integers(min_value=0, max_value=2**32 - 1), st.integers(1, 20))
def test_flipped_bytes_never_raise_anything_else(seed: int, flips: int) -> None:
    corrupted = bytearray(FILLED)
    rng = random.Random(seed)
    for _ in range(flips):
        corrupted[rng.randrange(len(corrupted))] = rng.randrange(256)
    assert_sane(read(bytes(corrupted)))


@SETTINGS
@given(st.binary(max_size=2000))
def test_arbitrary_bytes_are_refused(content: bytes) -> None:
    assert read(content) is None
