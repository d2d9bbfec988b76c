"""The static reading of a student's file: forbidden names, each use once, with its line."""

from __future__ import annotations

import ast

from grader import catalog, source

CODE = '''\
import torch
import torch.nn.functional as F
t = torch
def sigmoid(x):
    # torch.sigmoid in a comment is fine
    return torch.sigmoid(x) + x.sigmoid() + getattr(t, "tanh")(x) + F.relu(x)
'''


def test_each_forbidden_use_is_reported_once_with_its_line():
    uses = source.forbidden_uses(ast.parse(CODE), catalog.find("activations").forbidden)
    assert [(u.line, u.name) for u in uses] == [
        (2, "torch.nn.functional"),
        (6, "torch.sigmoid"),
        (6, ".sigmoid"),
        (6, "torch.tanh"),
        (6, "torch.nn.functional.relu"),
    ]


def test_docstrings_and_comments_are_not_code():
    tree = ast.parse('"""Do not use torch.softmax here."""\n# torch.softmax\nimport torch\n')
    assert source.forbidden_uses(tree, catalog.find("activations").forbidden) == []
