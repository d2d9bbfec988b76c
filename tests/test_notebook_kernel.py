"""``check()`` in a real Jupyter kernel (nbclient + ipykernel), as a student runs it.

One kernel runs one student notebook, since starting a kernel costs seconds:
a mistake first (graded with the same messages as the same code in a
``.py`` file, its line numbers now naming the cell), then a notebook-style
solution of exercises 02, 12, 13 and 14 -- classes, from-imports, constants
in their own cell, lambdas, a decorator, magics, a training run that really
ran -- which passes, the later definitions winning over the mistake.
"""

from __future__ import annotations

import json
import re

import pytest

from grader import fashion_mnist, notebook_files
from tests.conftest import SUBMISSIONS, describe, grade_file

nbformat = pytest.importorskip("nbformat")
nbclient = pytest.importorskip("nbclient")
pytest.importorskip("ipykernel")

pytestmark = pytest.mark.slow

MISTAKE = SUBMISSIONS / "exercise_02" / "wrong_uses_torch_sigmoid.py"
GRADED = ["exercise-02", "exercise-12", "exercise-13", "exercise-14"]
REPORT = "report:"

SOLUTION_CELLS = [
    """import torch
from torch import nn
from torch.utils.data import DataLoader
from torchvision import datasets, transforms as T
from math import sqrt""",
    """PIXELS = 28 * 28
HIDDEN = 512
CLASSES = 10
ACTIVATIONS = {"sigmoid": nn.Sigmoid, "relu": nn.ReLU}
%time HALF = sqrt(0.25)""",
    """def sigmoid(x):
    e = torch.exp(-x.abs())
    return torch.where(x >= 0, 1 / (1 + e), e / (1 + e))

relu = lambda x: x.clamp(min=0)
relu?

def tanh(x):
    t = -2 * x.abs()
    return torch.sign(x) * -torch.expm1(t) / (1 + torch.exp(t))

def softmax(x, dim=-1):
    e = torch.exp(x - x.amax(dim=dim, keepdim=True))
    return e / e.sum(dim=dim, keepdim=True)

print(relu(torch.tensor([-1.0, 2.0])))""",
    """class BinaryModel(nn.Module):
    def __init__(self, in_features=3, hidden_features=2):
        super().__init__()
        self.linear1 = nn.Linear(in_features, hidden_features)
        self.linear2 = nn.Linear(hidden_features, 1)
        self.sigmoid = nn.Sigmoid()

    def forward(self, x):
        return self.sigmoid(self.linear2(self.linear1(x)))


class SingleNeuron(nn.Module):
    def __init__(self, num_inputs, activation="sigmoid"):
        super().__init__()
        if activation not in ACTIVATIONS:
            raise ValueError(f"unknown activation {activation!r}")
        self.linear = nn.Linear(num_inputs, 1)
        self.activation = ACTIVATIONS[activation]()

    def forward(self, x):
        return self.activation(self.linear(x))


@torch.no_grad()
def _copy_into(parameter, value):
    if value.shape != parameter.shape:
        raise ValueError(f"expected shape {tuple(parameter.shape)}, got {tuple(value.shape)}")
    parameter.copy_(value)


def set_parameters(layer, weight, bias):
    _copy_into(layer.weight, weight)
    _copy_into(layer.bias, bias)""",
    """to_probabilities = lambda logits: torch.softmax(logits, dim=1)

def get_device():
    if torch.cuda.is_available():
        return "cuda"
    if torch.backends.mps.is_available():
        return "mps"
    return "cpu"

class NeuralNetwork(nn.Module):
    def __init__(self):
        super().__init__()
        self.flatten = nn.Flatten()
        self.linear_relu_stack = nn.Sequential(nn.Linear(PIXELS, HIDDEN), nn.ReLU(), nn.Linear(HIDDEN, HIDDEN),
                                               nn.ReLU(), nn.Linear(HIDDEN, CLASSES))

    def forward(self, x):
        return self.linear_relu_stack(self.flatten(x))

def predict(model, images):
    device = next(model.parameters()).device
    with torch.no_grad():
        return to_probabilities(model(images.to(device))).argmax(dim=1)""",
    """def make_dataloaders(root, batch_size=64, download=False):
    sets = [datasets.FashionMNIST(root, train=train, download=download, transform=T.ToTensor())
            for train in (True, False)]
    return DataLoader(sets[0], batch_size=batch_size, shuffle=True), DataLoader(sets[1], batch_size=batch_size)

def train_epoch(model, loader, loss_fn, optimizer, device):
    model.train()
    losses = []
    for X, y in loader:
        X, y = X.to(device), y.to(device)
        loss = loss_fn(model(X), y)
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
        losses.append(loss.item())
    return sum(losses) / len(losses)

def evaluate(model, loader, loss_fn, device):
    model.eval()
    total, correct = 0.0, 0
    with torch.no_grad():
        for X, y in loader:
            X, y = X.to(device), y.to(device)
            logits = model(X)
            total += loss_fn(logits, y).item()
            correct += (logits.argmax(1) == y).sum().item()
    return total / len(loader), correct / len(loader.dataset)""",
]


# Passed to check() under the exercise's name: one_hot=my_one_hot.
ONE_HOT_CELL = """def my_one_hot(labels, num_classes=None):
    if num_classes is None:
        if labels.numel() == 0:
            raise ValueError("no labels to infer num_classes from")
        num_classes = int(labels.max()) + 1
    if num_classes < 1 or (labels.numel() and (labels.min() < 0 or labels.max() >= num_classes)):
        raise ValueError("every label must be in [0, num_classes)")
    return (labels.unsqueeze(-1) == torch.arange(num_classes, device=labels.device)).long()"""


def training_cell(root: str) -> str:
    """A training run on a small generated data set: it runs in the kernel, never in grading."""
    return f"""train_loader, test_loader = make_dataloaders({root!r}, batch_size=16)
model = NeuralNetwork().to(get_device())
optimizer = torch.optim.SGD(model.parameters(), lr=1e-3)
for epoch in range(2):
    train_epoch(model, train_loader, nn.CrossEntropyLoss(), optimizer, get_device())
print(evaluate(model, test_loader, nn.CrossEntropyLoss(), get_device()))"""


def check_cell(*calls: str) -> str:
    """A cell that prints the reports of ``check(...)`` calls as one JSON line."""
    return (f"import json\nfrom grader import check\n"
            f"print({REPORT!r}, json.dumps([c.report.to_dict(timings=False) for c in [{', '.join(calls)}]]))")


def reports(notebook, cell: int) -> list[dict]:
    text = "".join(o.get("text", "") for o in notebook.cells[cell].outputs if o.get("output_type") == "stream")
    line = next(line for line in text.splitlines() if line.startswith(REPORT))
    return json.loads(line[len(REPORT):])


@pytest.fixture(scope="module")
def executed(tmp_path_factory):
    """The student notebook, run top to bottom in a fresh kernel; the index of each check cell."""
    data = fashion_mnist.write(tmp_path_factory.mktemp("data"), n_train=48, n_test=16, seed=1)
    cells = [notebook_files.INSTALL_CELL, MISTAKE.read_text(encoding="utf-8"), check_cell('check("exercise-02")'),
             *SOLUTION_CELLS, training_cell(str(data)), ONE_HOT_CELL,
             check_cell(*(f"check({name!r})" for name in GRADED), 'check("exercise-03", one_hot=my_one_hot)',
                        'check("exercise-01")')]
    notebook = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(source) for source in cells])
    nbclient.NotebookClient(notebook, timeout=600, kernel_name="python3",
                            resources={"metadata": {"path": str(tmp_path_factory.mktemp("work"))}}).execute()
    return notebook, 2, len(cells) - 1


def test_a_mistake_gets_the_messages_grade_run_gives_for_the_same_file(executed, tmp_path):
    notebook, mistake_cell, _ = executed
    in_kernel = reports(notebook, mistake_cell)[0]["exercises"][0]
    in_file = grade_file("exercise-02", MISTAKE, tmp_path)
    assert in_kernel["status"] == in_file.status == "failed"
    # The file's "line 9" is the cell's: the second cell the kernel ran, In [2].
    expected = [{"name": c.name, "status": c.status, "counterexample": c.counterexample,
                 "message": re.sub(r"(?m)^line (\d+):", r"your notebook, cell [2], line \1:", c.message)}
                for c in in_file.checks]
    assert [{key: c[key] for key in expected[0]} for c in in_kernel["checks"]] == expected, describe(in_file)
    assert "your notebook, cell [2], line 9: torch.sigmoid" in json.dumps(in_kernel)


def test_classes_from_imports_constants_and_lambdas_pass_02_12_13_14(executed):
    notebook, _, solved_cell = executed
    results = [report["exercises"][0] for report in reports(notebook, solved_cell)][:len(GRADED)]
    assert [r["id"] for r in results] == GRADED
    for result in results:
        assert result["status"] == "passed", json.dumps(result, indent=1)[:3000]


def test_an_object_passed_by_name_is_graded_as_that_name(executed):
    notebook, _, solved_cell = executed
    renamed, nothing = [report["exercises"][0] for report in reports(notebook, solved_cell)][len(GRADED):]
    assert (renamed["id"], renamed["status"]) == ("exercise-03", "passed"), json.dumps(renamed, indent=1)[:3000]
    assert (nothing["id"], nothing["status"]) == ("exercise-01", "missing")
    assert nothing["message"].startswith("your notebook defines none of to_tensor, ")
