"""Fuzz the loader: every hostile leaflet is shown (safely) or refused in one line, in time."""

from __future__ import annotations

import pytest
from fuzzing import CASES, SEED, case_id, check_error, check_shown, load_case


def test_the_run_has_enough_cases():
    assert len(CASES) >= 1000
    assert len({case.name for case in CASES}) == len(CASES), "case names must be unique"


@pytest.mark.parametrize("case", CASES, ids=case_id)
def test_loader_shows_or_refuses_in_one_line(case, case_folder):
    path, leaflet, error = load_case(case, case_folder)
    if leaflet is None:
        check_error(case, path, error)
    else:
        check_shown(case, leaflet)
    assert SEED is not None
