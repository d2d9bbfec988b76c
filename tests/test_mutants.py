"""tools/mutants.py: its mutants are single edits with stable ids, and the equivalents file names real ones.

Grading the mutants takes minutes per exercise and is a project tool, not part of the suite; these
tests prove the cheap parts it rests on.
"""

from __future__ import annotations

import ast
import importlib.util
import sys

import pytest

from grader import catalog
from tests.conftest import ROOT

_spec = importlib.util.spec_from_file_location("torchkata_mutants", ROOT / "tools" / "mutants.py")
mutants = sys.modules[_spec.name] = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(mutants)

SOURCE = '''
import torch


def loss(pred, target):
    """The mean squared error."""
    if pred.shape != target.shape:
        raise ValueError(f"shapes differ: {pred.shape}")
    return ((pred - target) ** 2).mean(dim=-1, keepdim=True).clone()
'''


def test_each_mutant_is_one_edit_of_the_source():
    found = mutants.mutants(SOURCE)
    ids = [m.id for m in found]
    assert len(ids) == len(set(ids))
    for expected in ["loss:op:-->+#1", "loss:op:**->*#1", "loss:method:mean->sum#1", "loss:dim:dim->0#1",
                     "loss:const:True->False#1", "loss:drop:.clone()#1", "loss:delete:raise#1",
                     "loss:compare:!=->==#1", "loss:return:None#1", "loss:drop-keyword:keepdim#1"]:
        assert expected in ids, ids
    original = ast.unparse(ast.parse(SOURCE))
    sources = [m.source for m in found]
    assert len(set(sources)) == len(sources) and original not in sources
    by_id = {m.id: m.source for m in found}
    assert by_id["loss:method:mean->sum#1"] == original.replace(".mean(", ".sum(")
    assert by_id["loss:delete:raise#1"] == original.replace("raise ValueError(f'shapes differ: {pred.shape}')",
                                                            "pass")
    # messages, docstrings and imports are not behaviour: no mutant touches them
    assert not any("import" in i or "shapes differ" in i for i in ids)


def test_ids_survive_edits_elsewhere_in_the_file():
    before = {m.id: m.description.split(": ", 1)[1] for m in mutants.mutants(SOURCE)}
    edited = SOURCE.replace("import torch\n", "import torch\n\n\ndef helper(x):\n    return x + 1\n")
    after = {m.id: m.description.split(": ", 1)[1] for m in mutants.mutants(edited) if m.id.startswith("loss:")}
    assert after == before


def test_the_equivalents_file_names_only_existing_mutants():
    entries = mutants.read_equivalents()
    known = {}
    for exercise_id, mutant_id in entries:
        if exercise_id not in known:
            exercise = catalog.find(exercise_id)
            source = (catalog.SOLUTIONS_DIR / exercise.filename).read_text(encoding="utf-8")
            known[exercise_id] = {m.id for m in mutants.mutants(source)}
        assert mutant_id in known[exercise_id], f"{exercise_id} has no mutant {mutant_id}"


def test_a_malformed_equivalents_line_is_refused(tmp_path):
    path = tmp_path / "equivalents.txt"
    path.write_text("# comment\n\nexercise-03 | one_hot:op:+->-#1\n", encoding="utf-8")
    with pytest.raises(ValueError, match="equivalents.txt:3"):
        mutants.read_equivalents(path)
