"""Messages that say what happened: which value is whose, what kind of input failed, what JUnit shows.

Each behaviour is proved on a realistic wrong submission where one exists, and on the runner's and
the report's own functions where the point is the wording of one line.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET

from hypothesis import strategies as st

from grader import report, runner
from grader.exercise import Check, CheckFailure, Context
from grader.results import CheckResult, ExerciseResult, Report
from tests.conftest import SUBMISSIONS, describe


def _failed(result: ExerciseResult, name: str) -> CheckResult:
    [check] = [c for c in result.checks if c.name == name]
    assert check.status == "failed", describe(result)
    return check


def test_expected_is_the_reference_and_you_returned_the_student(grade):
    """to_tensor wraps every list: the flat list is right, the batch gains a dimension, and the
    message says so the right way round (not 'expected (1, 1, 3), you returned (1, 3)')."""
    name = "a flat list is one sample: it becomes one row"
    result = grade("exercise-01", SUBMISSIONS / "exercise_01/wrong_to_tensor_wraps_every_list.py", only=(name,))
    message = _failed(result, name).message
    assert "to_tensor([[0.5, -1.5, 2.0]]): the shape differs: expected (1, 3), you returned (1, 1, 3)" in message
    assert "you returned: torch.tensor([[[" in message


def test_a_trap_is_labelled_as_a_trap(grade):
    result = grade("exercise-03", SUBMISSIONS / "exercise_03/wrong_float_result.py", only=("matches F.one_hot",))
    check = _failed(result, "matches F.one_hot")
    assert check.counterexample_origin == "trap"
    assert report.example_text(check).startswith("failing input (a known trap): one_hot(")
    assert "smallest" not in report.to_text(Report("cpu", 0, [result]), color=False)


def _run(tmp_path, fn, examples=()) -> CheckResult:
    check = Check("x stays small", "invariant", fn, st.integers(0, 10**6), tuple(examples))
    ctx = Context(student=None, reference=None, device="cpu", workdir=str(tmp_path))
    return runner.run_check(check, ctx, runner.Settings(examples=50))


def test_only_a_shrunk_input_is_called_smallest(tmp_path):
    def small(ctx, x):
        if x > 100:
            raise CheckFailure(f"{x} is too large")

    drawn = _run(tmp_path, small)
    assert (drawn.counterexample, drawn.counterexample_origin) == ("101", "shrunk")
    assert report.example_text(drawn) == "smallest failing input: 101"
    trapped = _run(tmp_path, small, examples=[5000])
    assert (trapped.counterexample, trapped.counterexample_origin) == ("5000", "trap")
    assert report.example_text(trapped) == "failing input (a known trap): 5000"


def test_setup_lines_are_labelled_as_code_not_as_the_input():
    check = CheckResult("manual_forward matches model(x)", "failed", "expected ...", kind="differential",
                        counterexample="torch.manual_seed(0)\nmodel = nn.Sequential(nn.Linear(3, 2))\n"
                                       "x = torch.tensor([1.0, 2.0, 3.0])\nmanual_forward(model, x)",
                        counterexample_origin="trap")
    assert report.example_text(check).splitlines() == [
        "failing input (a known trap), as the code that builds it:", "  torch.manual_seed(0)",
        "  model = nn.Sequential(nn.Linear(3, 2))", "  x = torch.tensor([1.0, 2.0, 3.0])",
        "  manual_forward(model, x)"]


def test_junit_failure_message_is_the_first_line_of_the_explanation():
    message = ("your code raised RuntimeError: mat1 and mat2 shapes cannot be multiplied (2x3 and 2x3)\n"
               '  File "exercise_07_manual_forward.py", line 9, in linear_forward\n    out = x @ weight')
    check = CheckResult("linear_forward matches F.linear", "failed", message, "linear_forward(...)", "differential")
    exercise = ExerciseResult("exercise-07", "Forward pass by hand", "failed", checks=[check])
    failure = ET.fromstring(report.to_junit(Report("cpu", 0, [exercise]))).find(".//failure")
    assert failure.get("message") == message.splitlines()[0]


def test_a_missing_function_is_said_once(grade, tmp_path):
    """softmax spelled soft_max: one line for the exercise, not one AttributeError per check."""
    right = (SUBMISSIONS / "exercise_02/right_where_and_maximum.py").read_text()
    misnamed = tmp_path / "misnamed.py"
    misnamed.write_text(right.replace("def softmax(", "def soft_max("))
    result = grade("exercise-02", misnamed)
    assert result.status == "failed"
    assert result.message.startswith("your file does not define softmax (the task asks for ")
    unpassed = [c.status for c in result.checks if c.status != "passed"]
    assert unpassed and set(unpassed) == {"skipped"}, describe(result)
    assert all("softmax" in c.message for c in result.checks if c.status == "skipped")
    text = report.to_text(Report("cpu", 0, [result]), color=False)
    assert text.count("does not define") == 1, text


def test_an_exception_is_shown_as_what_the_code_was_doing(grade):
    """one_hot's labels.view(-1) raises on a transposed batch: the message says one_hot raised on that
    input, not that the check's property failed."""
    name = "matches F.one_hot"
    result = grade("exercise-03", SUBMISSIONS / "exercise_03/wrong_view_assumes_contiguous.py", only=(name,))
    check = _failed(result, name)
    first, second = check.message.splitlines()[:2]
    assert first == "your one_hot raised an exception on this input, before this check could look at its result:"
    assert second.startswith("RuntimeError: view size is not compatible"), check.message
    assert ".t()" in check.counterexample


def test_a_function_still_running_is_a_timeout_not_a_wrong_value(grade, tmp_path):
    """count_parameters never returns: the verdict is a timeout, never 'you returned None'."""
    endless = tmp_path / "endless.py"
    endless.write_text("def count_parameters(model):\n    while True:\n        pass\n\n\n"
                       "def linear_stack_parameters(sizes):\n"
                       "    return sum(a * b + b for a, b in zip(sizes, sizes[1:]))\n")
    result = grade("exercise-06", endless, timeout=5.0)
    assert result.status == "timeout", describe(result)
    assert "returned None" not in result.message + "".join(c.message for c in result.checks)
    # It names the student's function the timed-out step was running, and that step's input.
    assert "count_parameters" in result.message and "spec=" in result.message, describe(result)
