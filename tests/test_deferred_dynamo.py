"""torch._dynamo stays unimported through meta-device work, and is there the moment anything uses it."""

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
assert "torch._dynamo.eval_frame" not in sys.modules
assert torch._dynamo.is_compiling() is False  # anything else asked of it imports the real module
assert type(sys.modules["torch._dynamo"]).__name__ == "module"
assert torch._dynamo.disable(lambda: 3)() == 3
print("ok")
"""


def test_meta_work_defers_dynamo_and_any_other_use_imports_it():
    done = subprocess.run([sys.executable, "-c", SCRIPT], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "ok"
