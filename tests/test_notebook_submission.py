"""``.ipynb`` submissions: graded like files, with messages that name cells."""

from __future__ import annotations

import time
from pathlib import Path

import nbformat
import pytest

from grader import batch, catalog, discovery, pool, runner
from grader.notebook_source import RULE
from tests.conftest import TEST_SETTINGS, describe

ONE_HOT = (catalog.SOLUTIONS_DIR / catalog.find("exercise-03").filename).read_text(encoding="utf-8")
ACTIVATIONS = (catalog.SOLUTIONS_DIR / catalog.find("exercise-02").filename).read_text(encoding="utf-8")


def write_notebook(path: Path, *sources: str) -> Path:
    """A notebook of a Markdown cell, then one code cell per source."""
    cells = [nbformat.v4.new_markdown_cell("# my work")] + [nbformat.v4.new_code_cell(s) for s in sources]
    nbformat.write(nbformat.v4.new_notebook(cells=cells), str(path))
    return path


def grade(exercise_id: str, folder: Path, **overrides):
    settings = runner.Settings(**{**TEST_SETTINGS.__dict__, **overrides})
    return runner.grade_exercise(catalog.find(exercise_id), folder, settings)


def test_a_notebook_passes_without_rerunning_its_minutes_of_training(tmp_path):
    write_notebook(tmp_path / "exercise_03_one_hot.ipynb",
                   "%pip install torchkata\n!nvidia-smi",
                   ONE_HOT,
                   "import time\nfor epoch in range(100):\n    time.sleep(600)\n    print(epoch)",
                   "labels = one_hot(torch.tensor([0, 2]))\nlabels?")
    started = time.monotonic()
    result = grade("exercise-03", tmp_path, timeout=30)
    assert result.status == "passed", describe(result)
    assert time.monotonic() - started < 30


def test_a_course_notebook_holds_the_exercises_whose_names_it_defines(tmp_path):
    write_notebook(tmp_path / "course.ipynb", ACTIVATIONS, ONE_HOT, "print(one_hot(torch.tensor([1])))")
    assert discovery.resolve(tmp_path) == tmp_path
    report = pool.grade([catalog.find(n) for n in ("exercise-01", "exercise-02", "exercise-03")], tmp_path,
                          TEST_SETTINGS)
    assert [e.status for e in report.exercises] == ["missing", "passed", "passed"], \
        "\n".join(map(describe, report.exercises))


def test_a_py_file_wins_over_a_notebook(tmp_path):
    write_notebook(tmp_path / "exercise_03_one_hot.ipynb", ONE_HOT)
    (tmp_path / "exercise_03_one_hot.py").write_text("def one_hot(labels, num_classes=None):\n"
                                                     "    raise NotImplementedError\n", encoding="utf-8")
    assert grade("exercise-03", tmp_path).status == "not_started"


@pytest.mark.parametrize("name", ["exercise_03_one_hot.ipynb", "course.ipynb"])
@pytest.mark.parametrize("content, why", [
    (b"{not json", "it is not JSON: Expecting property name enclosed in double quotes, line 1"),
    (b"", "it is not JSON: Expecting value, line 1"),
    (b'{"cells": 3}', "it holds no list of cells"),
    (b"\xff\xfe{}", "it is not UTF-8 text"),
    (b'{"cells": [], "nbformat": 4, "nbformat_minor": 5}', "The notebook is invalid and is missing an expected key: "
                                                          "metadata"),
])
def test_a_corrupt_notebook_is_an_error_of_one_line(tmp_path, name, content, why):
    (tmp_path / name).write_bytes(content)
    result = grade("exercise-03", tmp_path)
    assert (result.status, result.message) == ("error", f"{name} is not a notebook that can be read ({why})")


def test_messages_name_cells_and_explain_a_dropped_definition(tmp_path):
    write_notebook(tmp_path / "exercise_02_activations.ipynb",
                   ACTIVATIONS,
                   "SCALE = torch.ones(())",
                   "import torch\n\ndef relu(x):\n    return torch.clamp(x, min=0) * SCALE")
    result = grade("exercise-02", tmp_path)
    assert result.status == "failed"
    failed = [c for c in result.checks if c.status == "failed" and "relu" in c.message]
    assert failed, describe(result)
    message = failed[0].message
    assert "NameError: name 'SCALE' is not defined" in message
    assert "your notebook, cell 4, line 4, in relu" in message  # the Markdown cell is cell 1
    assert (f"your notebook: cell 3, line 1 (SCALE = torch.ones(())) defines SCALE, but was not kept: its "
            f"right-hand side calls a function, and the grader reruns no work.\nRule: {RULE}.\n") in message
    assert ".py" not in message and "/tmp" not in message and "torchkata-" not in message


def test_forbidden_names_and_syntax_errors_name_the_cell(tmp_path):
    write_notebook(tmp_path / "exercise_02_activations.ipynb",
                   ACTIVATIONS, "import torch\nprint(1)\n\ndef sigmoid(x):\n    return torch.sigmoid(x)")
    forbidden = grade("exercise-02", tmp_path, only=(runner.FORBIDDEN_CHECK,))
    assert "your notebook, cell 3, line 5: torch.sigmoid" in forbidden.checks[0].message, describe(forbidden)
    write_notebook(tmp_path / "exercise_02_activations.ipynb",
                   ACTIVATIONS, "def sigmoid(x)\n    return x")
    broken = grade("exercise-02", tmp_path)
    assert broken.status == "error"
    assert broken.message.startswith("your notebook: cell 3, line 1: syntax error: ")
    assert "defines sigmoid" in broken.message


@pytest.mark.slow
def test_batch_completes_with_a_corrupt_notebook(tmp_path):
    (tmp_path / "alice").mkdir()
    (tmp_path / "alice" / "course.ipynb").write_text("{not json", encoding="utf-8")
    (tmp_path / "bob").mkdir()
    write_notebook(tmp_path / "bob" / "exercise_03_one_hot.ipynb", ONE_HOT)
    graded = {g.name: g.report for g in batch.grade_all(tmp_path, TEST_SETTINGS, jobs=1)}
    alice = {e.id: e for e in graded["alice"].exercises}
    assert {e.status for e in alice.values()} == {"error"}
    assert alice["exercise-03"].message.startswith("course.ipynb is not a notebook that can be read")
    bob = {e.id: e.status for e in graded["bob"].exercises}
    assert bob["exercise-03"] == "passed" and bob["exercise-02"] == "missing"
