"""torch._dynamo, symbolic_shapes and sympy stay unimported through meta-device work, optimizer
steps and torchvision's import, and become the real modules the moment anything else uses them (torch.compile included)."""

import subprocess
import sys

DEFERS = """
import sys, types, torch
from grader import deferred
deferred.install()
NAMES = ("torch._dynamo", "torch.fx.experimental.symbolic_shapes", "sympy")
def deferred_still():
    return [name for name in NAMES if isinstance(sys.modules[name], deferred._Deferred)]
rows = torch.zeros(2, 3, device="meta")
(rows * 2 + 1).exp().sum(-1).softmax(0)
(torch.arange(2, device="meta").reshape(-1, 1) == torch.arange(3, device="meta")).long().t().contiguous()
torch.nn.functional.cross_entropy(torch.zeros(4, 3, device="meta"), torch.zeros(4, dtype=torch.long, device="meta"))
torch.nn.functional.one_hot(torch.zeros(4, dtype=torch.long), 3)
try:
    torch._check(False, lambda: "plain False")
except RuntimeError as error:
    assert "plain False" in str(error)
assert deferred_still() == list(NAMES), f"meta work imported {set(NAMES) - set(deferred_still())}"
model = torch.nn.Linear(3, 2)
optimizer = torch.optim.SGD(model.parameters(), lr=0.1)
model(torch.ones(4, 3)).sum().backward()
optimizer.step()
assert deferred_still() == list(NAMES), "an optimizer step imported one"
import torchvision  # exercise 14's students import it; its ops take a function of torch._dynamo.utils
assert deferred_still() == list(NAMES), "importing torchvision imported one"
assert not [name for name in sys.modules if name.startswith(("sympy.", "mpmath", "torch._dynamo."))
            and not isinstance(sys.modules[name], deferred._Deferred)]
import importlib.util, inspect
inspect.getmodule(inspect)  # asks every module for __file__: not a use
assert importlib.util.find_spec("sympy") is sys.modules["sympy"].__spec__
assert torch.fx.experimental.symbolic_shapes is sys.modules["torch.fx.experimental.symbolic_shapes"]
assert deferred_still() == list(NAMES)
print("ok")
"""

# Functions taken from the stand-ins before the real modules exist keep answering plain values as
# the real ones do (the same value, or the same exception for a wrong type) and hand symbolic ones
# to them; every stand-in becomes its real module in place (a reference taken before is the real
# module after), whatever makes it.
BECOMES_REAL = """
import sys, types, warnings, torch
from grader import deferred
deferred.install()
warnings.simplefilter("ignore", FutureWarning)  # guard_size_oblivious is deprecated
shapes, sympy = sys.modules["torch.fx.experimental.symbolic_shapes"], sys.modules["sympy"]
CALLS = {
    "expect_true": [(True,), (False,), (1,)], "guard_bool": [(True,), (1,)], "guard_int": [(3,), (True,), (1.5,)],
    "guard_or_false": [(False,), (1,)], "guard_or_true": [(True,), (None,)],
    "guard_size_oblivious": [(True,), (1,)], "statically_known_true": [(True,), (False,), (1,)],
    "statically_known_false": [(True,), (False,), ("x",)], "guarding_hint_or_throw": [(True,), (3,), (1.5,)],
    "has_guarding_hint": [(3,), (1.5,), ("x",)], "is_nested_int": [(3,), (1.5,)],
    "sym_eq": [((2, 3), [2, 3]), ((2, 3), (2,)), (2, 3), (True, 1), ([1, [2]], [1, [2]]), (1.5, 1.5)],
    "sym_and": [(True,), (True, False), (1, 3, 7)], "sym_or": [(False,), (False, True), (1, 2)],
}
from torch.fx.experimental.symbolic_shapes import expect_true, guard_or_false, sym_eq
from torch._dynamo.utils import is_compile_supported  # as torchvision.ops takes it
stand_ins = {name: getattr(shapes, name) for name in CALLS}
assert isinstance(shapes, deferred._Deferred) and isinstance(sympy, deferred._Deferred)

def outcome(function, args):
    try:
        value = function(*args)
        return value, type(value)
    except Exception as error:
        return type(error)

f = torch.compile(lambda x: (x * 2).sum(0), backend="aot_eager", dynamic=True)
assert f(torch.ones(5, 3)).tolist() == [10.0] * 3 and f(torch.ones(7, 3)).tolist() == [14.0] * 3
for name in ("torch._dynamo", "torch._dynamo.utils", "torch.fx.experimental.symbolic_shapes", "sympy"):
    assert type(sys.modules[name]) is types.ModuleType, name
assert sys.modules["torch.fx.experimental.symbolic_shapes"] is shapes and sys.modules["sympy"] is sympy
assert sympy.Symbol is sys.modules["sympy.core.symbol"].Symbol and sympy.__file__.endswith("__init__.py")
assert torch.fx.experimental.symbolic_shapes is shapes and shapes.expect_true is not expect_true
assert torch._dynamo.utils is sys.modules["torch._dynamo.utils"] and torch._dynamo.disable(lambda: 3)() == 3
from torch._dynamo import symbolic_convert  # imported by the real torch._dynamo: after the real symbolic_shapes
assert symbolic_convert.guard_bool is shapes.guard_bool
for name, calls in CALLS.items():
    for args in calls:
        real, stand_in = outcome(getattr(shapes, name), args), outcome(stand_ins[name], args)
        assert real == stand_in, (name, args, real, stand_in)
env = shapes.ShapeEnv()
n = env.create_unbacked_symint()
assert guard_or_false(n == 5) is False and expect_true(n >= 0)  # symbolic: the real functions answer
assert sym_eq((n, 2), (n, 2))
assert is_compile_supported("cpu") is sys.modules["torch._dynamo.utils"].is_compile_supported("cpu")
print("ok")
"""


def _run(script: str) -> None:
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "ok"


def test_meta_work_and_optimizer_steps_import_none_of_them():
    _run(DEFERS)


def test_any_other_use_makes_the_real_modules_and_plain_answers_match_them():
    _run(BECOMES_REAL)
