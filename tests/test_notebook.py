"""``check()`` grades notebook-defined functions with the same checks as ``grade run``."""

from __future__ import annotations

from types import SimpleNamespace

import pytest
import torch

from grader import check
from grader.notebook import _aliases, kernel_cells
from grader.notebook_source import Cell


def _in_range(labels, num_classes):
    if labels.numel() and (int(labels.min()) < 0 or int(labels.max()) >= num_classes):
        raise ValueError("a label is outside [0, num_classes)")


def notebook_one_hot(labels, num_classes=None):
    if num_classes is None:
        if labels.numel() == 0:
            raise ValueError("no labels to infer num_classes from")
        num_classes = int(labels.max()) + 1
    if num_classes < 1:
        raise ValueError("num_classes must be at least 1")
    _in_range(labels, num_classes)
    return (labels.unsqueeze(-1) == torch.arange(num_classes, device=labels.device)).long()


def notebook_float_one_hot(labels, num_classes=None):
    return notebook_one_hot(labels, num_classes).float()


def test_check_passes_a_correct_notebook_function_and_its_helpers():
    result = check("exercise-03", one_hot=notebook_one_hot)
    assert result.passed, str(result)
    assert "✔ exercise-03" in str(result)
    assert "✔" in result._repr_html_() and "passed" in result._repr_html_()


def test_check_fails_a_wrong_function_with_the_same_messages():
    result = check("one-hot", one_hot=notebook_float_one_hot)
    assert not result.passed
    text = str(result)
    assert "✘ matches F.one_hot" in text
    assert "the dtype differs: expected torch.int64, you returned torch.float32" in text
    assert "failing input (a known trap)" in result._repr_html_()


def test_kernel_cells_are_labelled_as_jupyter_shows_them():
    shell = SimpleNamespace(history_manager=SimpleNamespace(input_hist_raw=["", "import torch", "", "x = 1"]))
    assert kernel_cells(shell) == [Cell("cell [1]", "import torch"), Cell("cell [3]", "x = 1")]


def test_an_object_passed_under_another_name_is_found_by_its_notebook_variable():
    namespace = {"notebook_one_hot": notebook_one_hot, "one_hot": notebook_float_one_hot}
    assert _aliases({"one_hot": notebook_one_hot}, namespace) == {"one_hot": "notebook_one_hot"}
    assert _aliases({"one_hot": notebook_float_one_hot}, namespace) == {}
    with pytest.raises(ValueError, match="one_hot= must be a function or class defined in your notebook"):
        _aliases({"one_hot": lambda labels: labels}, namespace)
