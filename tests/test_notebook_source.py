"""The extraction rule: which statements of which cells make the rebuilt module, and where each line came from."""

from __future__ import annotations

from pathlib import Path

from grader.notebook_source import RULE, Cell, rebuild


def cells(*sources: str) -> list[Cell]:
    return [Cell(f"cell [{number}]", source) for number, source in enumerate(sources, start=1)]


def test_imports_of_every_form_constants_lambdas_classes_and_decorators_are_kept():
    rebuilt = rebuild(cells(
        "import torch\nfrom torch import nn\nfrom math import sqrt as root\nEPS: float = 1e-12",
        "relu = lambda x: x.clamp(min=0) + EPS * root(4)",
        "class Model(nn.Module):\n    act = staticmethod(relu)",
        "@torch.no_grad()\ndef evaluate(model):\n    return Model",
    ), ["evaluate"])
    assert rebuilt.text == ("import torch\nfrom torch import nn\nfrom math import sqrt as root\nEPS: float = 1e-12\n"
                            "relu = lambda x: x.clamp(min=0) + EPS * root(4)\n"
                            "class Model(nn.Module):\n    act = staticmethod(relu)\n"
                            "@torch.no_grad()\ndef evaluate(model):\n    return Model\n")
    assert rebuilt.where(1) == "cell [1], line 1"
    assert rebuilt.where(6) == "cell [3], line 1"
    assert (rebuilt.where(8), rebuilt.where(9)) == ("cell [4], line 1", "cell [4], line 2")


def test_work_magics_and_shell_lines_are_dropped():
    rebuilt = rebuild(cells(
        "%pip install torchkata\n!ls data\nimport torch",
        "%%time\ndef relu(x):\n    return x",
        "data = torch.randn(1000)\nfor epoch in range(100):\n    print(epoch)\nrelu?",
        "def relu(x):\n    return x.clamp(min=0)\nrelu(data)\nwith open('f') as f:\n    pass",
    ), ["relu"])
    assert rebuilt.text == "def relu(x):\n    return x.clamp(min=0)\n"
    assert rebuilt.where(1) == "cell [4], line 1"


def test_a_later_definition_wins_and_an_earlier_one_stays_only_when_used_in_between():
    rebuilt = rebuild(cells(
        "import torch.nn.functional as F\ndef relu(x):\n    return F.relu(x)",
        "class Base:\n    pass",
        "class Child(Base):\n    pass",
        "class Base:\n    size = 2",
        "def relu(x):\n    return x.clamp(min=0) if Child else Base",
    ), ["relu"])
    assert "F.relu" not in rebuilt.text and "import torch.nn.functional" not in rebuilt.text
    assert rebuilt.text.count("class Base") == 2  # Child's base, then the final Base
    assert rebuilt.text.index("class Child") < rebuild_index(rebuilt.text, "class Base", 2)


def rebuild_index(text: str, needle: str, occurrence: int) -> int:
    index = -1
    for _ in range(occurrence):
        index = text.index(needle, index + 1)
    return index


def test_a_needed_name_bound_by_dropped_work_is_explained():
    rebuilt = rebuild(cells("import torch\nSCALE = torch.ones(1)", "def relu(x):\n    return x.clamp(min=0) * SCALE"),
                      ["relu"])
    assert "SCALE" not in rebuilt.defined
    explanation = rebuilt.dropped["SCALE"].explain("SCALE")
    assert explanation.startswith("your notebook: cell [1], line 2 (SCALE = torch.ones(1)) defines SCALE, "
                                  "but was not kept: its right-hand side calls a function")
    assert RULE in explanation
    assert "x" not in rebuilt.dropped  # a function's own parameter is not a global it needs


def test_a_cell_that_does_not_parse_is_skipped_but_named_when_it_held_the_last_definition():
    ok = rebuild(cells("def relu(x):\n    return x", "def relu(x:\n    return x"), ["relu"])
    assert ok.text == "def relu(x):\n    return x\n"
    assert ok.error.startswith("your notebook: cell [2], line 1: syntax error:")
    assert "defines relu" in ok.error
    fixed = rebuild(cells("def relu(x:\n    return x", "def relu(x):\n    return x"), ["relu"])
    assert fixed.error == "" and fixed.where(1) == "cell [2], line 1"
    unrelated = rebuild(cells("def relu(x):\n    return x", "print(("), ["relu"])
    assert unrelated.error == ""


def test_future_imports_move_first_and_statements_sharing_a_line_stay_together():
    rebuilt = rebuild(cells("import torch; EPS = 1e-3", "from __future__ import annotations",
                            "def relu(x: torch.Tensor) -> torch.Tensor:\n    return x.clamp(min=EPS)"), ["relu"])
    assert rebuilt.text.splitlines()[0] == "from __future__ import annotations"
    assert "import torch; EPS = 1e-3" in rebuilt.text
    compile(rebuilt.text, "rebuilt", "exec")


def test_the_readme_states_the_rule_the_code_applies():
    readme = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")
    assert RULE in " ".join(readme.replace("**", "").split())
