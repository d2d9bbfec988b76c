"""``check()`` grades notebook-defined functions with the same checks as ``grade run``."""

from __future__ import annotations

import torch

from grader import check


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
    assert "smallest failing input" in result._repr_html_()
