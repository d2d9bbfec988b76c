"""Forbidden callables reached at run time fail the forbidden-names check, naming what was called.

Each file below escapes the static scan (names built at run time, a layer's forward saved at import);
``test_verdicts`` proves the check rejects it, this proves the message says what happened.
"""

from __future__ import annotations

import pytest

from grader import runner
from tests.conftest import SUBMISSIONS, describe

CASES = [
    ("exercise-02", "exercise_02/wrong_sigmoid_through_importlib.py", "torch.sigmoid"),
    ("exercise-04", "exercise_04/wrong_mse_module_through_getattr.py", "torch.nn.MSELoss"),
    ("exercise-07", "exercise_07/wrong_saved_layer_forward.py", "torch.nn.Linear.forward"),
]


@pytest.mark.parametrize("exercise_id, file, called", CASES, ids=[c[2] for c in CASES])
def test_run_time_use_names_what_was_called(exercise_id, file, called, grade):
    result = grade(exercise_id, SUBMISSIONS / file, only=(runner.FORBIDDEN_CHECK,))
    [check] = result.checks
    assert check.status == "failed", describe(result)
    first, *rest = check.message.splitlines()
    assert first == f"this exercise asks you to write it yourself, without {called}"
    assert rest and all(line.startswith(f"your code called {called} at run time") for line in rest), rest


def test_a_spelled_out_use_is_reported_once_by_its_line(grade):
    """The scan already names the line of torch.sigmoid(x): the run-time record adds no second report."""
    result = grade("exercise-02", SUBMISSIONS / "exercise_02/wrong_uses_torch_sigmoid.py")
    [check] = [c for c in result.checks if c.name == runner.FORBIDDEN_CHECK]
    assert check.message.splitlines()[1:] == ["line 9: torch.sigmoid (forbidden: torch.sigmoid)"]
