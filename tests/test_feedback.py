"""Feedback a beginner can act on (issue 13), each proved on a realistic wrong submission.

The files under ``tests/submissions/feedback`` are first attempts a student
would write; each test grades one as a real submission and reads the message
the student would read.
"""

from __future__ import annotations

import json
import tempfile

import pytest
import torch
from hypothesis import given, settings
from hypothesis import strategies as st
from torch import nn

from grader import advice, catalog, compare, models, runner
from grader.checks import exercise_08_gradients as exercise_08
from grader.checks import exercise_14_fashion_mnist_training as exercise_14
from grader.cli import main
from grader.printed import CUT, SHOWN_LINES, Printed
from grader.report import exercise_text, printed, to_text
from grader.results import Report
from grader.wire import decode, encode
from tests.conftest import ROOT, SUBMISSIONS, describe

FEEDBACK = SUBMISSIONS / "feedback"


def _failed(result, name: str):
    found = [c for c in result.checks if c.name == name]
    assert found and found[0].status == "failed", describe(result)
    return found[0]


# --- torch's errors, explained: one table -------------------------------------------------------


def _message(action) -> str:
    with pytest.raises(Exception) as info:
        action()
    return str(info.value)


class _NoSuper(nn.Module):
    def __init__(self) -> None:  # the beginner's mistake: no super().__init__()
        self.layer = nn.Linear(2, 2)


def _leaf_in_place() -> None:
    p = torch.zeros(3, requires_grad=True)
    p -= 1


TORCH_ERRORS = {
    "no super().__init__()": (_NoSuper, "call super().__init__() as the first line"),
    "images never flattened": (lambda: nn.Linear(784, 10)(torch.zeros(4, 28, 28)),
                               "each input row has 28 numbers but the layer takes 784"),
    "wrong in_features": (lambda: nn.Linear(5, 10)(torch.zeros(4, 3)),
                          "make in_features of this layer equal the size of what reaches it"),
    "float labels": (lambda: nn.CrossEntropyLoss()(torch.zeros(3, 4), torch.zeros(3)),
                     "labels must be integers (torch.long)"),
    "float64 into float32 weights": (lambda: nn.Linear(2, 2)(torch.zeros(3, 2, dtype=torch.float64)),
                                     "different dtypes"),
    "another device": (lambda: torch.zeros(2, device="meta") + torch.zeros(2),
                       "different devices"),
    "backward of a constant": (lambda: torch.zeros(3).sum().backward(), "backward() found nothing to differentiate"),
    "in-place change of a leaf": (_leaf_in_place, "inside `with torch.no_grad():`"),
}


@pytest.mark.parametrize("case", list(TORCH_ERRORS))
def test_every_common_torch_error_gets_one_line_of_advice(case):
    action, words = TORCH_ERRORS[case]
    line = advice.advise(_message(action))
    assert line.startswith(advice.PREFIX) and words in line and "\n" not in line


def test_an_unknown_message_gets_no_advice():
    assert advice.advise("list index out of range") == ""


def test_no_super_init_is_explained_under_torchs_message(grade):
    name = "BinaryModel matches the task's model with the same weights"
    result = grade("exercise-12", FEEDBACK / "exercise_12_no_super_init.py", only=(name,))
    lines = _failed(result, name).message.splitlines()
    raised = next(i for i, line in enumerate(lines) if "cannot assign module before Module.__init__() call" in line)
    assert lines[raised + 1].startswith(advice.PREFIX + "call super().__init__()")


def test_missing_flatten_names_the_wrong_dimension(grade):
    name = "NeuralNetwork matches the notes' network with the same weights"
    result = grade("exercise-13", FEEDBACK / "exercise_13_no_flatten.py", only=(name,))
    message = _failed(result, name).message
    assert "(84x28 and 784x512)" in message
    assert "each input row has 28 numbers but the layer takes 784" in message and "flatten" in message


def test_in_place_update_without_no_grad_is_explained_once(grade):
    """Exercise 09's advice now comes from the table, said once."""
    name = "matches one torch.optim.SGD step"
    result = grade("exercise-09", SUBMISSIONS / "exercise_09" / "wrong_outside_no_grad.py", only=(name,))
    message = _failed(result, name).message
    assert message.count("torch.no_grad()") == 1 and advice.PREFIX in message


# --- syntax errors in place; a file that does not load is no count of checks ----------------------


def _text(result) -> str:
    return to_text(Report("cpu", 0, [result]))


def test_syntax_error_shows_the_line_with_a_caret_and_no_hint_line(grade):
    result = grade("exercise-03", FEEDBACK / "exercise_03_missing_colon.py")
    assert result.status == "error"
    text = _text(result)
    assert "line 6: expected ':'" in text
    assert "        if num_classes is None\n" in text  # the offending line, indented under the message
    assert "                              ^\n" in text  # the caret just after "None", where the colon belongs
    assert "grade hint" not in text


def test_import_error_is_not_counted_as_checks(grade):
    result = grade("exercise-03", FEEDBACK / "exercise_03_import_typo.py")
    assert result.status == "error"
    head, *rest = _text(result).splitlines()
    assert "checks" not in head, head
    assert "No module named 'torch.nn.functionals'" in "\n".join(rest)
    assert "grade hint" not in _text(result)


# --- the student's own print() ---------------------------------------------------------------------

PRINTS = FEEDBACK / "exercise_03_prints_while_debugging.py"
MATCHES = "matches F.one_hot"


def test_a_failing_check_shows_what_the_failing_example_printed_labelled_and_barred(grade):
    check = _failed(grade("exercise-03", PRINTS, only=(MATCHES,)), MATCHES)
    # Only the failing example's two prints, not those of every example hypothesis tried.
    assert check.output.splitlines()[0].startswith("labels: tensor(")
    assert check.output.splitlines()[1].startswith("num_classes is ")
    assert len(check.output.splitlines()) == 2
    text = "\n".join(exercise_text(_one(check), color=False))
    assert "        your code printed:\n          │ labels: tensor(" in text
    assert text.index("your code printed:") > text.index("the shape differs")  # after the message


def _one(check):
    from grader.results import ExerciseResult

    return ExerciseResult("exercise-03", "One-hot encoding", "failed", checks=[check])


def test_printed_output_is_capped_to_its_last_lines(tmp_path):
    (tmp_path / "output.txt").write_text("".join(f"step {i}\n" for i in range(1000)))
    shown = Printed(str(tmp_path)).since(0)
    assert shown.startswith(CUT) and shown.endswith("step 999")
    assert len(shown[len(CUT):].splitlines()) == SHOWN_LINES
    assert "your code printed (its last lines):\n  │ step 988" in printed(shown)


def test_output_is_shown_always_and_in_json_only_with_show_output(capsys, tmp_path):
    folder = tmp_path / "exercises"
    folder.mkdir()
    (folder / "exercise_03_one_hot.py").write_text(PRINTS.read_text())
    args = ["run", "3", "--submission", str(folder), "--check", MATCHES, "--format", "json"]
    assert main(args) == 1
    plain = json.loads(capsys.readouterr().out)
    assert "output" not in plain["exercises"][0]["checks"][0]
    assert main(args + ["--show-output"]) == 1
    shown = json.loads(capsys.readouterr().out)["exercises"][0]["checks"][0]
    assert shown["output"].startswith("labels: tensor(")
    assert main(args[:-2] + ["--format", "junit", "--show-output"]) == 1
    assert "<system-out>labels: tensor(" in capsys.readouterr().out


def test_printing_never_changes_a_verdict(grade):
    """A correct file that prints grader-like words passes; --show-output lists what each check printed."""
    result = grade("exercise-03", FEEDBACK / "exercise_03_right_but_prints.py", show_output=True)
    assert result.status == "passed", describe(result)
    assert all("expected 3, you returned 2" in c.output for c in result.checks if c.name != "uses no forbidden names")
    assert "    ✔ matches F.one_hot\n        your code printed (its last lines):\n          │ PASSED?" in \
        "\n".join(exercise_text(result, color=False))


def test_the_notebook_shows_the_students_output_apart(grade):
    from grader.notebook import NotebookResult

    result = grade("exercise-03", PRINTS, only=(MATCHES,))
    html = NotebookResult(Report("cpu", 0, [result]))._repr_html_()
    assert "your code printed:</div><pre" in html and "labels: tensor(" in html


# --- say what was run ----------------------------------------------------------------------------


def test_a_check_run_says_it_is_not_a_pass_of_the_exercise(capsys):
    code = main(["run", "3", "--submission", str(ROOT / "solutions"), "--check", MATCHES])
    out = capsys.readouterr().out
    assert code == 0
    total = len(runner.check_names(catalog.find("exercise-03")))
    assert out.rstrip().endswith(f"ran 1 of the {total} checks of exercise-03 (--check): this is not a pass of the "
                                 "exercise; grade run exercise-03 runs them all")


# --- names -------------------------------------------------------------------------------------


@pytest.mark.parametrize("typo, meant", [("onehot", "one-hot (exercise-03)"), ("activatons", "activations"),
                                         ("sgd", "sgd-step (exercise-09)")])
def test_a_mistyped_exercise_name_gets_a_suggestion(capsys, typo, meant):
    assert main(["run", typo]) == 2
    err = capsys.readouterr().err
    assert f"unknown exercise '{typo}'. Did you mean {meant}" in err and len(err.splitlines()) == 1


def test_a_name_like_none_gets_no_suggestion(capsys):
    assert main(["run", "xyz"]) == 2
    assert "Did you mean" not in capsys.readouterr().err


def test_hint_shows_the_new_hint_first_and_folds_the_earlier_ones(capsys, tmp_path):
    for _ in range(3):
        main(["hint", "3", "--submission", str(tmp_path)])
        out = capsys.readouterr().out
    assert out.startswith("Hint 3/")
    earlier = out.split("Earlier hints (grade hint exercise-03 --all shows them in full):\n")[1].splitlines()
    assert [line[:5] for line in earlier] == ["  1. ", "  2. "]
    assert all(len(line) <= 80 for line in earlier)
    everything = main(["hint", "3", "--all", "--submission", str(tmp_path)]) or capsys.readouterr().out
    assert everything.index("Hint 1/") < everything.index("Hint 2/") and "Earlier hints" not in everything


def test_an_input_changed_in_place_is_named_as_the_task_names_it(grade):
    name = "does not modify labels"
    result = grade("exercise-03", SUBMISSIONS / "exercise_03" / "wrong_modifies_labels.py", only=(name,))
    assert _failed(result, name).message.startswith("your function changed its argument labels in place")


# --- readable numbers: one tensor formatter ---------------------------------------------------------

SHOWN = [torch.tensor([[1.0, 2.5], [-3.0, 0.125]]), torch.tensor([0, 2, 1]), torch.tensor([1, 2], dtype=torch.int32),
         torch.tensor([0.1, 0.2], dtype=torch.float64), torch.tensor(3.5), torch.tensor([True, False]),
         torch.tensor([float("nan"), float("-inf"), 1.0]), torch.zeros(0, dtype=torch.int64),
         torch.arange(6.0).view(2, 3).t()]


@pytest.mark.parametrize("tensor", SHOWN, ids=lambda t: str(t.dtype))
def test_a_shown_tensor_pastes_back_to_the_same_tensor_and_names_only_unusual_dtypes(tensor):
    text = compare.show(tensor)
    assert text.startswith("torch.tensor(") and "dtype=torch.float32" not in text
    assert ("dtype=torch.int64" in text) == (tensor.numel() == 0 and tensor.dtype == torch.int64)  # [] is float32
    again = eval(text, {"torch": torch})
    assert again.dtype == tensor.dtype and again.stride() == tensor.stride()
    assert torch.equal(again.nan_to_num(), tensor.nan_to_num())


def test_floats_differ_in_the_digits_that_matter():
    assert compare.numbers(0.30000001192092896, 0.30000301192092896) == ("0.3", "0.300003")
    assert compare.numbers(1.5, 1.0) == ("1.5", "1.0")
    assert compare.numbers(3, 2) == ("3", "2")


def test_a_tiny_difference_says_by_how_much_what_was_allowed_and_why():
    """log(softmax(x)) in float32 instead of log_softmax: right formula, a few 1e-4 off."""
    expected = torch.tensor([-0.0001, -9.2104, -10.0])
    mine = expected + torch.tensor([0.0, 3e-4, 0.0])
    found = compare.difference(decode(encode(mine)), decode(encode(expected)))
    assert "first at index [1]: expected -9.2104, you returned -9.2101" in found
    assert "it differs by 3e-4, more than the 2.2e-5 allowed" in found
    assert "computing it in a numerically stable way fixes this" in found
    wrong_formula = compare.difference(decode(encode(expected * 2)), decode(encode(expected)))
    assert "allowed" not in wrong_formula and "largest absolute difference" in wrong_formula


def test_grade_show_has_no_restructuredtext_markup(capsys):
    assert main(["show", "2"]) == 0
    out = capsys.readouterr().out
    assert "``" not in out and "`softmax(x, dim=-1)`" in out


# --- snippets that run ------------------------------------------------------------------------------

def _reproductions():
    for entry in catalog.entries():
        exercise = catalog.load(entry)
        for check in exercise.checks:
            for number, example in enumerate(check.examples[:3]):
                yield pytest.param(exercise, check, example, id=f"{exercise.id}:{check.name[:40]}:{number}")


def _run_reproduction(exercise, text: str, must_raise: bool = False) -> None:
    """Run ``text`` as a student would paste it, with the task's functions defined (the reference's).

    A SyntaxError (prose is not a snippet) or a NameError (a name the student does not have) fails;
    an errors check's input must make the reference raise what the task asks for.
    """
    reference = runner.load_reference(exercise.filename)
    namespace = {"torch": torch, "nn": nn, **{k: v for k, v in vars(reference).items() if not k.startswith("__")}}
    code = compile(text, "<pasted>", "exec")
    if must_raise:
        with pytest.raises((ValueError, TypeError)):
            exec(code, namespace)
    else:
        exec(code, namespace)


@pytest.mark.parametrize("exercise, check, example", list(_reproductions()))
def test_every_failing_input_shown_pastes_and_runs(exercise, check, example, tmp_path, monkeypatch):
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))  # exercise-14's snippets write their data set there
    _run_reproduction(exercise, str(example), must_raise=check.kind == "errors")


def _structure(model: nn.Module) -> list:
    """What a check's model is made of: each module's place and class, and which parameters are one object."""
    parameters = {id(p): i for i, p in enumerate(model.parameters())}
    return [(name, type(module).__name__, [(key, parameters[id(p)], p.dtype, tuple(p.shape))
                                           for key, p in module.named_parameters(recurse=False)])
            for name, module in model.named_modules(remove_duplicate=False)]


def _pasted_model(text: str) -> nn.Module:
    namespace = {"torch": torch, "nn": nn}
    exec(compile(text, "<pasted>", "exec"), namespace)
    return namespace["model"]


@settings(max_examples=40, deadline=None)
@given(models.trees())
def test_a_counted_tree_pasted_is_the_model_the_grader_counts(drawn):
    """exercise-06: nested containers, a layer reached twice, tied parameters: the same objects as the grader's."""
    tree, ties = drawn
    pasted = _pasted_model("\n".join(models.tree_code(tree, ties)))
    assert _structure(pasted) == _structure(models.build_tree(tree, ties))


@settings(max_examples=40, deadline=None)
@given(st.one_of(st.sampled_from(exercise_08.MODEL_TRAPS), exercise_08.model_cases()))
def test_a_gradient_model_pasted_is_the_model_the_grader_runs(case):
    """exercise-08: the pasted model has the grader's structure, shared and tied layers, seeded weights and outputs."""
    pasted = _pasted_model(case.model_text())
    built = exercise_08.build_model(case.tree, case.seed, case.dtype, "cpu")
    assert _structure(pasted) == _structure(built)
    for (key, mine), (_, theirs) in zip(pasted.state_dict().items(), built.state_dict().items()):
        assert torch.equal(mine, theirs), key
    sample = torch.ones(2, exercise_08._layer_shapes(case.tree)[0][0], dtype=exercise_08.DTYPES[case.dtype])
    assert torch.equal(pasted(sample), built(sample))


@pytest.mark.parametrize("run", [exercise_14.TrainingRun(16, 0.1, 0, leftovers=True),
                                 exercise_14.TrainingRun(7, 0.5, 3),
                                 exercise_14.EvaluationRun(16, 0), exercise_14.EvaluationRun(6, 5)])
def test_a_training_case_pasted_returns_what_the_grader_observed(run, tmp_path, monkeypatch):
    """exercise-14: the pasted data, loader and model are the probe's, so the reference returns the same numbers."""
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))  # where the snippet's mkdtemp() writes the data
    reference = runner.load_reference(catalog.find("exercise-14").filename)
    namespace = {"torch": torch, "nn": nn, **{k: v for k, v in vars(reference).items() if not k.startswith("__")}}
    *lines, call = str(run).splitlines()
    exec(compile("\n".join(lines), "<pasted>", "exec"), namespace)
    pasted = eval(call, namespace)
    root = None  # the grader's data set, which the probe writes for itself
    if isinstance(run, exercise_14.TrainingRun):
        observed = exercise_14.training_run(reference, "cpu", root, None, models.initial_state(
            exercise_14.TRAIN_SPEC, run.seed), run.batch_size, run.lr, True, run.leftovers)
    else:
        observed = exercise_14.evaluation_run(reference, "cpu", root, None, exercise_14.eval_state(run.seed),
                                              run.batch_size, True)
    assert pasted == pytest.approx(observed["returned"], rel=1e-5)


def test_a_graded_counterexample_is_one_statement_a_line_and_runs(grade):
    name = "matches one torch.optim.SGD step"
    result = grade("exercise-09", SUBMISSIONS / "exercise_09" / "wrong_outside_no_grad.py", only=(name,))
    text = _failed(result, name).counterexample
    assert "; " not in text and text.splitlines()[-1].startswith("sgd_step(")
    _run_reproduction(catalog.find("exercise-09"), text)


def test_output_survives_the_trip_between_processes_but_json_keeps_it_only_when_asked():
    """Parallel grading hands results back through to_dict/from_dict: the output must come along."""
    from grader.report import to_json
    from grader.results import CheckResult, ExerciseResult

    check = CheckResult("matches F.one_hot", "failed", "the shape differs", output="labels: tensor([0])")
    report = Report("cpu", 0, [ExerciseResult("exercise-03", "One-hot encoding", "failed", checks=[check])])
    assert Report.from_dict(report.to_dict()).exercises[0].checks[0].output == "labels: tensor([0])"
    assert "output" not in to_json(report)
    report.show_output = True
    assert '"output": "labels: tensor([0])"' in to_json(report)
