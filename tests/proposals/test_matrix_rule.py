from hypothesis import given
from hypothesis import strategies as st

from proposals.rules import (
    matrix_cell_bit,
    matrix_cells_of_mask,
    matrix_rule_ok,
    matrix_rule_problem,
)

cell = st.tuples(st.integers(1, 3), st.integers(1, 3))


def test_two_rows_and_two_columns_pass():
    assert matrix_rule_ok([(1, 1), (2, 2)])
    assert matrix_rule_problem([(1, 1), (2, 2)]) is None


def test_one_row_many_columns_fails():
    assert not matrix_rule_ok([(1, 1), (1, 2), (1, 3)])


def test_one_column_many_rows_fails():
    assert not matrix_rule_ok([(1, 3), (2, 3), (3, 3)])


def test_no_cells_fail_with_reason():
    assert not matrix_rule_ok([])
    assert "0 rij(en) en 0 kolom(men)" in matrix_rule_problem([])


def test_single_cell_fails_with_reason():
    assert "1 rij(en) en 1 kolom(men)" in matrix_rule_problem([(2, 2)])


def test_accepts_any_iterable_once():
    assert matrix_rule_ok(iter([(1, 1), (3, 2)]))


@given(st.lists(cell, max_size=9))
def test_rule_equals_distinct_rows_and_columns(cells):
    rows = {r for r, _ in cells}
    columns = {c for _, c in cells}
    assert matrix_rule_ok(cells) == (len(rows) >= 2 and len(columns) >= 2)
    assert (matrix_rule_problem(cells) is None) == matrix_rule_ok(cells)


def test_each_of_the_nine_cells_has_its_own_bit():
    bits = [matrix_cell_bit(r, c) for r in (1, 2, 3) for c in (1, 2, 3)]
    assert bits == [1 << i for i in range(9)]


def test_no_mask_is_no_cells():
    assert matrix_cells_of_mask(None) == [] and matrix_cells_of_mask(0) == []


@given(st.sets(cell))
def test_a_mask_gives_back_its_cells_in_order(cells):
    mask = sum(matrix_cell_bit(r, c) for r, c in cells)
    assert matrix_cells_of_mask(mask) == sorted(cells)
