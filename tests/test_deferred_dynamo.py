"""torch._dynamo stays unimported through meta-device work and optimizer steps, and is there the moment anything else uses it."""

import subprocess
import sys

SCRIPT = """
import sys, torch
from grader import deferred_dynamo
deferred_dynamo.install()
rows = torch.zeros(2, 3, device="meta")
(rows * 2 + 1).exp().sum(-1).softmax(0)
torch.nn.functional.cross_entropy(torch.zeros(4, 3, device="meta"), torch.zeros(4, dtype=torch.long, device="meta"))
assert type(sys.modules["torch._dynamo"]).__name__ == "_Deferred", "meta work imported torch._dynamo"
model = torch.nn.Linear(3, 2)
optimizer = torch.optim.SGD(model.parameters(), lr=0.1)
model(torch.ones(4, 3)).sum().backward()
optimizer.step()
assert type(sys.modules["torch._dynamo"]).__name__ == "_Deferred", "an optimizer step imported torch._dynamo"
assert "torch._dynamo.eval_frame" not in sys.modules
import inspect
inspect.getmodule(inspect)  # asks every module for __file__: not a use
assert type(sys.modules["torch._dynamo"]).__name__ == "_Deferred"
import torchvision.ops  # imports a submodule of the package: the real one is imported, once
assert sys.modules["torch._dynamo"].utils is sys.modules["torch._dynamo.utils"]
assert torch._dynamo.is_compiling() is False
assert type(sys.modules["torch._dynamo"]).__name__ == "module"
assert torch._dynamo.disable(lambda: 3)() == 3
print("ok")
"""


def test_meta_work_defers_dynamo_and_any_other_use_imports_it():
    done = subprocess.run([sys.executable, "-c", SCRIPT], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "ok"
