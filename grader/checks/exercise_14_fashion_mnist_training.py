"""Checks for exercise-14 · FashionMNIST training.

Every check reads data through torchvision's real ``FashionMNIST`` class.
By default that data is a small set the grader writes in FashionMNIST's own
IDX files (:mod:`grader.fashion_mnist`): 100 training and 37 test images,
so a batch size of 16 leaves a smaller last batch, and the test set's last
5 images are ones a good classifier gets wrong, so an accuracy averaged per
batch is visibly off. Each side reads its own copy, checked before every
probe call to hold the files as written (:func:`reads_data`): the worker's
is in its scratch folder, the only place the sandboxed worker may write and
read besides the data root; the reference's is in one of the grading
process. So nothing graded code does to the files reaches another call, and
a request names no path: it is the same bytes in every run, which lets these
checks be recorded once and replayed (:mod:`grader.replay`). With
``--data-root`` the checks read a real download instead, training and
evaluating on its first images only to stay fast, and every failure message
says which data was used; they are then graded live.

A DataLoader cannot leave the worker, so the probes call the student's
functions there and report what they observed: for ``make_dataloaders`` the
loaders' types, data sets, batch sizes and sample orders (read from their
samplers, which decide the order without loading an image), the first
image of each data set and the first batch of each loader; for ``train_epoch`` and ``evaluate`` the result, the final
weights, and what hooks saw during the call -- the model's mode and whether
gradients were tracked at each forward, and each loss computed. The probes
build their own loaders (``shuffle=False``) for those two functions, so a
mistake in ``make_dataloaders`` cannot hide or cause one there, and the
student's run is compared with the reference's on exactly the same batches.
One training run hands over a model whose ``.grad`` already holds values, as
after an earlier backward: clearing them only after ``step()`` lets them into
the first step.

Where the batches go is judged on every machine, GPU or not: ``devices_seen``
puts the grader's model on PyTorch's ``meta`` device (shapes without values,
refusing CPU tensors as a GPU does), names that device as a str and as a
``torch.device``, records the devices of the model's output and of the labels
at the first ``loss_fn`` call and stops the function there (a meta loss has no
value for ``.item()``). Labels left on the CPU are seen this way without a GPU.

torchvision is imported inside the probes, so that neither the other
exercises nor grading by replay (which runs neither the probes nor the
reference here) pay for it. The worker forkserver imports it when this
exercise is graded (``imports``).
"""

from __future__ import annotations

import functools
import os
from dataclasses import dataclass
from typing import Any, Callable

import torch
from hypothesis import strategies as st
from torch import nn

from grader import compare, fashion_mnist, models
from grader.exercise import Context, Exercise, Outcome
from grader.probes import materialize
from grader.properties import ELSEWHERE  # PyTorch's "meta" device: like a GPU, it refuses to mix with CPU tensors
from grader.wire import TensorValue

exercise = Exercise(
    title="FashionMNIST training",
    trains=True,  # slow training is legitimate: no early hang stop (grader.replay)
    imports=["torchvision"],  # the worker forkserver's, so importing the student's file is instant
    functions=["make_dataloaders", "train_epoch", "evaluate"],
    hints=[
        "make_dataloaders: build datasets.FashionMNIST(root, train=True, download=download, "
        "transform=transforms.ToTensor()) and the same with train=False, and wrap each in a "
        "DataLoader(dataset, batch_size=batch_size, shuffle=...): shuffle=True for training, "
        "shuffle=False for the test set, whose order must stay fixed.",
        "Without transform=ToTensor() the data set gives PIL images, which a DataLoader cannot stack "
        "into a batch; ToTensor turns the 0-255 pixels into a float32 tensor of shape (1, 28, 28) in "
        "[0, 1]. Do not add Normalize: the task asks for ToTensor's values.",
        "train_epoch: model.train() first (the caller may have left the model in eval mode); then for "
        "each X, y: move both to device, loss = loss_fn(model(X), y), optimizer.zero_grad(), "
        "loss.backward(), optimizer.step(), and keep loss.item(). Return sum(losses) / len(losses), "
        "a Python float: without zero_grad every step also adds the gradients of earlier batches.",
        "evaluate: model.eval() and `with torch.no_grad():` around the loop. Add up the batch losses "
        "(divide by len(loader) at the end) and the correct predictions, "
        "(logits.argmax(1) == y).sum().item(), over all batches.",
        "Accuracy is correct / len(loader.dataset), the number of samples, not the mean of per-batch "
        "accuracies: the last batch is usually smaller, and averaging per batch lets its few samples "
        "count as much as a full batch. Return both values with .item() or float(), not as tensors.",
    ],
)

TRAIN_SPEC = [("Flatten", 1, -1), ("Linear", 784, 16, True), ("ReLU",), ("Linear", 16, 10, True)]
EVAL_SPEC = [("Flatten", 1, -1), ("Linear", 784, 10, True)]
# The generated data set: 37 test images leave a last batch of 5 at batch_size=16.
GENERATED_TRAIN_IMAGES = 100
GENERATED_TEST_IMAGES = 37
# With --data-root: how many of the real images train_epoch and evaluate see.
REAL_TRAIN_IMAGES = 300
REAL_TEST_IMAGES = 100
LOADER_NAMES = {"train": "training loader", "test": "test loader"}
LEFTOVER = 7.0  # what a model's .grad holds when a check hands it over "after an earlier backward"


# --- the data a check reads ------------------------------------------------


@dataclass(frozen=True)
class Data:
    """Where a check's FashionMNIST files are, and how much of them train/evaluate use."""

    root: str | None  # None: the grader's small data set, of which each side keeps a copy (reads_data)
    train_images: int | None = None  # None: all of them
    test_images: int | None = None

    @property
    def real(self) -> bool:
        """Whether the check reads the real download given with ``--data-root``."""
        return self.root is not None

    def note(self, subset: bool = False) -> str:
        """The line every failure message ends with: which data the check read."""
        if not self.real:
            return ("(checked on a small FashionMNIST data set written by the grader: "
                    f"{GENERATED_TRAIN_IMAGES} training and {GENERATED_TEST_IMAGES} test images)")
        part = f": its first {self.train_images} training and {self.test_images} test images" if subset else ""
        return f"(checked on the real FashionMNIST download in {self.root}{part})"


def data_for(ctx: Context) -> Data:
    """The real download given with ``--data-root``, else the grader's small data set."""
    if ctx.data_root:
        return Data(fashion_mnist.find_download(ctx.data_root), REAL_TRAIN_IMAGES, REAL_TEST_IMAGES)
    return Data(None)


def reads_data(probe: Callable[..., dict]) -> Callable[..., dict]:
    """``probe`` given ``root=None`` reads the grader's small data set instead.

    It reads this side's copy (:func:`grader.fashion_mnist.kept`: in the
    worker, in its scratch folder), checked to hold the files as written just
    before: each call starts from them, whatever an earlier call (of the
    student's code, or of the reference's) did to the files.
    """

    @functools.wraps(probe)
    def run(module, device: str, root: str | None, *args: Any, **data: Any) -> dict:
        if root is None:
            root = fashion_mnist.kept(GENERATED_TRAIN_IMAGES, GENERATED_TEST_IMAGES)
        return probe(module, device, root, *args, **data)

    return run


# --- what a check asks for (shown to the student as the failing input) -------
#
# Each request shows itself as Python a student can paste: the grader's small data set written by
# grader.fashion_mnist (the installed package), the loader and model built as the probes build them.


ROOT_LINE = (f"root = str(fashion_mnist.write(tempfile.mkdtemp()))  # the grader's small FashionMNIST: "
             f"{GENERATED_TRAIN_IMAGES} training and {GENERATED_TEST_IMAGES} test images (or your --data-root)")


def _loader_lines(train: bool, batch_size: int, *imports: str) -> list[str]:
    """The in-order loader the probes build (:func:`_own_loader`), as the lines that build it."""
    images = REAL_TRAIN_IMAGES if train else REAL_TEST_IMAGES
    return [
        "import tempfile",
        "from torch.utils.data import DataLoader",
        "from torchvision import datasets, transforms",
        "from grader import fashion_mnist",
        *imports,
        ROOT_LINE,
        f"dataset = datasets.FashionMNIST(root, train={train}, transform=transforms.ToTensor())"
        f"  # with --data-root: Subset(dataset, range({images}))",
        f"loader = DataLoader(dataset, batch_size={batch_size}, shuffle=False)",
        'device = "cuda" if torch.cuda.is_available() else "cpu"  # as grade picks it unless told --device',
    ]


@dataclass(frozen=True)
class LoaderRequest:
    """A call of make_dataloaders; ``batch_size=None`` leaves the default."""

    batch_size: int | None = None
    function = "make_dataloaders"  # compare.reraise_student names it when the stub still raises

    @property
    def call(self) -> str:
        size = "" if self.batch_size is None else f", batch_size={self.batch_size}"
        return f"make_dataloaders(root{size})"

    def __str__(self) -> str:
        return "\n".join(["import tempfile", "from grader import fashion_mnist", ROOT_LINE, self.call])


@dataclass(frozen=True)
class TrainingRun:
    """One epoch of train_epoch on the grader's model and in-order training loader."""

    batch_size: int = 16
    lr: float = 0.1
    seed: int = 0
    leftovers: bool = False  # every .grad of the model holds LEFTOVER, as after an earlier backward
    function = "train_epoch"

    def __str__(self) -> str:
        held = [f"for p in model.parameters(): p.grad = torch.full_like(p, {LEFTOVER})  # left by an earlier "
                "backward"] if self.leftovers else []
        return "\n".join([*_loader_lines(True, self.batch_size), f"torch.manual_seed({self.seed})",
                          *models.model_code(TRAIN_SPEC), "model = model.to(device)", *held,
                          "train_epoch(model, loader, nn.CrossEntropyLoss(), "
                          f"torch.optim.SGD(model.parameters(), lr={self.lr}), device)"])


@dataclass(frozen=True)
class EvaluationRun:
    """One call of evaluate on the grader's classifier and in-order test loader."""

    batch_size: int = 16
    seed: int = 0
    function = "evaluate"

    def __str__(self) -> str:
        return "\n".join([*_loader_lines(False, self.batch_size, f"from {__name__} import eval_state"),
                          *models.model_code(EVAL_SPEC),
                          f"model.load_state_dict(eval_state({self.seed}))  # weights that recognise the "
                          "grader's classes", "model = model.to(device)",
                          "evaluate(model, loader, nn.CrossEntropyLoss(), device)"])


def eval_state(seed: int) -> dict[str, torch.Tensor]:
    """A linear classifier that recognises the generated classes (and misses the band-less images)."""
    generator = torch.Generator().manual_seed(seed)
    weight = fashion_mnist.class_templates().reshape(10, -1) * 0.1
    weight = weight + 0.01 * torch.randn(weight.shape, generator=generator)
    return {"1.weight": weight, "1.bias": torch.zeros(10)}


# --- probes (run in the student's worker, and locally for the reference) ---


def _type_name(value: Any) -> str:
    cls = type(value)
    return cls.__qualname__ if cls.__module__ == "builtins" else f"{cls.__module__}.{cls.__qualname__}"


def _runs(sizes: list[int]) -> list[list[int]]:
    """Batch sizes as [size, count] runs: [16, 16, 4] -> [[16, 2], [4, 1]]."""
    runs: list[list[int]] = []
    for size in sizes:
        if runs and runs[-1][0] == size:
            runs[-1][1] += 1
        else:
            runs.append([size, 1])
    return runs


def _describe_loader(loader: Any, root: str) -> dict:
    """A loader as data; the order and batch sizes come from its samplers, which load no image."""
    from torch.utils.data import DataLoader
    from torchvision.datasets import FashionMNIST

    seen: dict[str, Any] = {"type": _type_name(loader), "is_loader": isinstance(loader, DataLoader)}
    if not seen["is_loader"]:
        return seen
    dataset = loader.dataset
    seen.update(dataset_type=_type_name(dataset), is_fashion_mnist=isinstance(dataset, FashionMNIST),
                size=len(dataset))
    if seen["is_fashion_mnist"]:
        seen.update(train_split=bool(dataset.train), root=str(dataset.root),
                    same_root=os.path.realpath(str(dataset.root)) == os.path.realpath(root))
    first = [int(i) for i in loader.sampler]
    second = [int(i) for i in loader.sampler]
    seen.update(in_order=first == list(range(len(dataset))), reshuffled=first != second,
                first_epoch=first[:8], second_epoch=second[:8])
    sizes = None if loader.batch_sampler is None else [len(batch) for batch in loader.batch_sampler]
    seen["batch_sizes"] = None if sizes is None else _runs(sizes)
    return seen


@exercise.probe
@reads_data
def loaders_seen(module, device: str, root: str, batch_size: int | None) -> dict:
    """Call make_dataloaders and describe what it returned (and the root it was given)."""
    kwargs = {} if batch_size is None else {"batch_size": batch_size}
    result = module.make_dataloaders(root, **kwargs)
    if type(result) not in (tuple, list) or len(result) != 2:
        return {"pair": False, "kind": _type_name(result)}
    return {"pair": True, "root": root, **{which: _describe_loader(loader, root)
                                           for which, loader in zip(("train", "test"), result)}}


@exercise.probe
@reads_data
def downloads_asked(module, device: str, root: str) -> dict:
    """How many times make_dataloaders asks FashionMNIST to download, with the default and with download=True.

    ``FashionMNIST.download`` is replaced by a counter for the two calls (the files are there, so the
    real one would return at once anyway), and put back.
    """
    from torchvision.datasets import FashionMNIST

    asked: list[bool] = []
    own = FashionMNIST.__dict__.get("download")  # usually inherited from MNIST
    FashionMNIST.download = lambda self: asked.append(True)
    try:
        module.make_dataloaders(root)
        by_default = len(asked)
        module.make_dataloaders(root, download=True)
        return {"by_default": by_default, "when_asked": len(asked) - by_default}
    finally:
        if own is None:
            del FashionMNIST.download
        else:
            FashionMNIST.download = own


def _first_sample(loader: Any) -> dict:
    """Sample 0 of a loader's data set, its raw pixels if it is a FashionMNIST, and the loader's first batch.

    Sample 0 is the same image whatever the loader's order or split, so the
    transform is judged apart from shuffling and from the choice of split.
    """
    from torch.utils.data import DataLoader
    from torchvision.datasets import FashionMNIST

    if not isinstance(loader, DataLoader):
        return {"is_loader": False}
    dataset = loader.dataset
    sample = dataset[0]
    seen: dict[str, Any] = {"is_loader": True, "sample_pair": type(sample) in (tuple, list) and len(sample) == 2}
    if not seen["sample_pair"]:
        seen["sample"] = sample
        return seen
    seen.update(X=sample[0], y=sample[1])
    seen["raw"] = dataset.data[0].clone() if isinstance(dataset, FashionMNIST) else None
    try:
        batch = next(iter(loader))
    except Exception as exc:  # reported as what the loader does, e.g. failing to batch PIL images
        seen["batch_error"] = f"{type(exc).__name__}: {exc}"
        return seen
    seen["batch"] = batch[0] if type(batch) in (tuple, list) and len(batch) == 2 else batch
    return seen


@exercise.probe
@reads_data
def first_samples(module, device: str, root: str, batch_size: int) -> dict:
    """What make_dataloaders's loaders give first: see :func:`_first_sample`."""
    result = module.make_dataloaders(root, batch_size=batch_size)
    if type(result) not in (tuple, list) or len(result) != 2:
        return {"pair": False}
    return {"pair": True, **{which: _first_sample(loader) for which, loader in zip(("train", "test"), result)}}


def _own_loader(root: str, train: bool, batch_size: int, images: int | None):
    """An in-order loader over (the first ``images`` of) one split, independent of the student's code."""
    from torch.utils.data import DataLoader, Subset
    from torchvision import datasets, transforms

    dataset = datasets.FashionMNIST(root, train=train, transform=transforms.ToTensor())
    if images is not None:
        dataset = Subset(dataset, range(min(images, len(dataset))))
    return DataLoader(dataset, batch_size=batch_size, shuffle=False)


def _watched(spec: models.Spec, state: dict, device: str, training: bool):
    """The model in the given mode, and a loss function; hooks record what each call saw.

    ``forwards`` gets ``[model.training, torch.is_grad_enabled()]`` per
    forward; ``losses`` gets ``[loss, batch size, correct predictions]`` per
    loss computed.
    """
    model = models.build(spec, materialize(state, "cpu"), device).train(training)
    loss_fn = nn.CrossEntropyLoss()
    forwards: list[list[bool]] = []
    losses: list[list[float]] = []
    model.register_forward_pre_hook(lambda m, args: forwards.append([m.training, torch.is_grad_enabled()]))

    def record_loss(m: nn.Module, args: tuple, kwargs: dict, output: torch.Tensor) -> None:
        # loss_fn(logits, y) or loss_fn(input=logits, target=y): both are legitimate calls
        named = [kwargs.get("input"), kwargs.get("target")]
        logits, target = (list(args) + named[len(args):])[:2]
        correct = (logits.detach().argmax(1) == target).sum().item()
        losses.append([output.item(), int(target.shape[0]), correct])

    loss_fn.register_forward_hook(record_loss, with_kwargs=True)
    return model, loss_fn, forwards, losses


@exercise.probe
@reads_data
def training_run(module, device: str, root: str, images: int | None, state: dict, batch_size: int,
                 lr: float, training: bool, leftovers: bool = False) -> dict:
    """One epoch of the module's train_epoch; its result, the weights after, what the hooks saw.

    With ``leftovers`` every ``.grad`` first holds :data:`LEFTOVER`, as after an earlier backward.
    """
    model, loss_fn, forwards, losses = _watched(TRAIN_SPEC, state, device, training)
    if leftovers:
        for parameter in model.parameters():
            parameter.grad = torch.full_like(parameter, LEFTOVER)
    loader = _own_loader(root, True, batch_size, images)
    optimizer = torch.optim.SGD(model.parameters(), lr=lr)
    returned = module.train_epoch(model, loader, loss_fn, optimizer, device)
    return {"returned": returned, "state": model.state_dict(), "forwards": forwards, "losses": losses}


@exercise.probe
@reads_data
def evaluation_run(module, device: str, root: str, images: int | None, state: dict, batch_size: int,
                   training: bool) -> dict:
    """The module's evaluate on the test images; its result and what the hooks saw."""
    model, loss_fn, forwards, losses = _watched(EVAL_SPEC, state, device, training)
    loader = _own_loader(root, False, batch_size, images)
    returned = module.evaluate(model, loader, loss_fn, device)
    return {"returned": returned, "forwards": forwards, "losses": losses, "samples": len(loader.dataset)}


class _LossReached(Exception):
    """Stops the judged function at its first loss: past it, a meta tensor has no value for ``.item()``."""


def _device_of(value: Any) -> str:
    return value.device.type if isinstance(value, torch.Tensor) else type(value).__name__


@exercise.probe
@reads_data
def devices_seen(module, device: str, root: str, function: str, images: int | None, as_object: bool) -> dict:
    """Run ``function`` with the grader's model on :data:`ELSEWHERE`, the loader's batches on the CPU and
    ``device`` naming :data:`ELSEWHERE` (a str, or a ``torch.device`` with ``as_object``); record the devices
    of the logits and the labels at the first ``loss_fn`` call, and stop there."""
    training = function == "train_epoch"
    model = models.build(TRAIN_SPEC if training else EVAL_SPEC).to(ELSEWHERE)
    loss_fn = nn.CrossEntropyLoss()
    seen: list[str] = []

    def record(m: nn.Module, args: tuple, kwargs: dict) -> None:
        named = [kwargs.get("input"), kwargs.get("target")]
        seen.extend(_device_of(value) for value in (list(args) + named[len(args):])[:2])
        raise _LossReached

    loss_fn.register_forward_pre_hook(record, with_kwargs=True)
    loader = _own_loader(root, training, 8, images)
    where = torch.device(ELSEWHERE) if as_object else ELSEWHERE
    try:
        if training:
            module.train_epoch(model, loader, loss_fn, torch.optim.SGD(model.parameters(), lr=0.1), where)
        else:
            module.evaluate(model, loader, loss_fn, where)
    except _LossReached:
        pass
    return {"devices": seen}


# --- helpers for the verdicts ------------------------------------------------


def _observe(ctx: Context, request: Any, probe: str, data: Data, **args: Any) -> tuple[dict, dict]:
    """(student's, reference's) observations; the reference runs first, on untouched files."""
    reference = ctx.reference.probe(probe, root=data.root, **args)
    if reference.raised:
        raise RuntimeError(f"the reference failed on {request.function}: {reference.raised.describe()}")
    student = ctx.student.probe(probe, root=data.root, **args)
    if student.raised:
        compare.reraise_student(request, student.raised)
    return student.observed, reference.observed


def _student_only(ctx: Context, request: Any, probe: str, data: Data, **args: Any) -> dict:
    """The student's observations, for checks whose expectation needs no reference run."""
    student: Outcome = ctx.student.probe(probe, root=data.root, **args)
    if student.raised:
        compare.reraise_student(request, student.raised)
    return student.observed


def _number(value: Any) -> float | None:
    """A returned number as a float: Python numbers and one-element tensors (their type is judged apart)."""
    if type(value) in (float, int):
        return float(value)
    if isinstance(value, TensorValue) and value.data.numel() == 1 and value.dtype != torch.bool:
        return float(value.data.reshape(()))
    return None


def _close(a: float, b: float) -> bool:
    return compare.difference(a, b) is None


def _runs_text(runs: list[list[int]] | None) -> str:
    if runs is None:
        return "single samples, not batches (batch_size=None)"
    parts = [f"{count} batch{'es' if count > 1 else ''} of {size}" for size, count in runs]
    return " and ".join(parts)


def _pair(returned: Any, function: str, what: str) -> tuple:
    if type(returned) not in (tuple, list) or len(returned) != 2:
        compare.fail(f"{function} must return a pair {what}; you returned {compare.show(returned)}")
    return tuple(returned)


# --- make_dataloaders ----------------------------------------------------------


@exercise.check("make_dataloaders returns DataLoaders over FashionMNIST's training and test sets", "structure")
def loaders_over_fashion_mnist(ctx: Context) -> None:
    request = LoaderRequest()
    data = data_for(ctx)
    seen = _student_only(ctx, request, "loaders_seen", data, batch_size=None)
    if not seen["pair"]:
        compare.fail(f"{request.call} must return a pair (train_loader, test_loader); you returned a {seen['kind']}",
                     data.note())
    for which, train in (("train", True), ("test", False)):
        loader, name = seen[which], LOADER_NAMES[which]
        if not loader["is_loader"]:
            compare.fail(f"the {name} must be a torch.utils.data.DataLoader; yours is a {loader['type']}",
                         data.note())
        if not loader["is_fashion_mnist"]:
            compare.fail(f"the {name} must load torchvision.datasets.FashionMNIST(root, train={train}, ...); "
                         f"its dataset is a {loader['dataset_type']}", data.note())
        if loader["train_split"] != train:
            got = "training" if loader["train_split"] else "test"
            compare.fail(f"the {name} reads FashionMNIST's {got} set: create its data set with train={train}",
                         data.note())
        if not loader["same_root"]:
            compare.fail(f"the {name}'s data set reads from {loader['root']!r}, not from the root passed to "
                         f"make_dataloaders ({seen['root']!r}): pass root through", data.note())


@exercise.check("download is passed to both data sets, and is off by default", "invariant")
def download_passed_on(ctx: Context) -> None:
    data = data_for(ctx)
    seen = _student_only(ctx, LoaderRequest(), "downloads_asked", data)
    if seen["by_default"]:
        compare.fail("make_dataloaders(root) asked FashionMNIST to download: download must default to False, "
                     "so that nothing is fetched unless the caller asks", data.note())
    if seen["when_asked"] < 2:
        compare.fail(f"make_dataloaders(root, download=True) asked {seen['when_asked']} of the two data sets to "
                     "download: pass download=download to both FashionMNIST(...) calls", data.note())


@exercise.check("images are float32 tensors scaled to [0, 1] by ToTensor", "invariant")
def images_from_to_tensor(ctx: Context) -> None:
    request = LoaderRequest(16)
    data = data_for(ctx)
    seen = _student_only(ctx, request, "first_samples", data, batch_size=16)
    if not seen["pair"] or not all(seen[which]["is_loader"] for which in ("train", "test")):
        compare.fail(f"{request.call} must return a pair of DataLoaders", data.note())
    for which in ("train", "test"):
        _judge_images(seen[which], LOADER_NAMES[which], data)


def _judge_images(seen: dict, name: str, data: Data) -> None:
    """Sample 0 must be ToTensor of the stored image; the first batch a float32 stack of such images."""
    if not seen["sample_pair"]:
        compare.fail(f"the data set of the {name} must give (image, label) pairs; its first item is "
                     f"{compare.show(seen['sample'])}", data.note())
    image = seen["X"]
    if not isinstance(image, TensorValue):
        compare.fail(f"the data set of the {name} gives its images as {compare.kind_of(image)}, not as tensors: "
                     "pass transform=torchvision.transforms.ToTensor()", data.note())
    if image.dtype != torch.float32:
        compare.fail(f"the images of the {name} are {image.dtype}; ToTensor gives float32 in [0, 1]", data.note())
    if image.shape != (1, fashion_mnist.SIDE, fashion_mnist.SIDE):
        compare.fail(f"each image of the {name} should have shape (1, 28, 28) (channel, height, width), as "
                     f"ToTensor gives; yours has {image.shape}", data.note())
    low, high = float(image.data.min()), float(image.data.max())
    if high > 1:
        compare.fail(f"the pixels of the {name} go up to {high:g}: ToTensor scales the 0-255 pixel values "
                     "to [0, 1] (it divides by 255)", data.note())
    if low < 0:
        compare.fail(f"the pixels of the {name} go down to {low:g}: ToTensor gives values in [0, 1]; "
                     "do not normalize them", data.note())
    if seen["raw"] is not None:
        expected = TensorValue(seen["raw"].data.float().div(255).unsqueeze(0), "cpu", False, False, False)
        found = compare.difference(image, expected)
        if found:
            compare.fail(f"the first image of the {name} should be its stored pixels / 255, as ToTensor "
                         f"gives: {found}", data.note())
    if "batch_error" in seen:
        compare.fail(f"taking the first batch from the {name} raised {seen['batch_error']}", data.note())
    batch = seen["batch"]
    if not isinstance(batch, TensorValue) or batch.dtype != torch.float32 or batch.shape[1:] != image.shape:
        compare.fail(f"the images of a batch of the {name} should be a float32 tensor of shape "
                     f"(batch, 1, 28, 28); yours are {compare.show(batch)}", data.note())


def _expected_runs(samples: int, batch_size: int) -> list[list[int]]:
    """Full batches and a smaller last one, as [size, count] runs: 100 by 16 -> [[16, 6], [4, 1]]."""
    full, rest = divmod(samples, batch_size)
    return ([[batch_size, full]] if full else []) + ([[rest, 1]] if rest else [])


@exercise.property("both loaders use batch_size", "invariant",
                   st.builds(LoaderRequest, st.one_of(st.none(), st.integers(1, 50))),
                   examples=[LoaderRequest(None), LoaderRequest(16), LoaderRequest(7)], max_examples=3)
def loaders_use_batch_size(ctx: Context, request: LoaderRequest) -> None:
    data = data_for(ctx)
    seen = _student_only(ctx, request, "loaders_seen", data, batch_size=request.batch_size)
    if not seen["pair"] or not all(seen[which]["is_loader"] for which in ("train", "test")):
        compare.fail(f"{request.call} must return a pair of DataLoaders", data.note())
    batch_size = 64 if request.batch_size is None else request.batch_size
    for which in ("train", "test"):
        got, samples = seen[which]["batch_sizes"], seen[which]["size"]
        want = _expected_runs(samples, batch_size)
        if got != want:
            size = "the default batch_size=64" if request.batch_size is None else f"batch_size={batch_size}"
            compare.fail(f"with {size} the {LOADER_NAMES[which]} over {samples} samples should give "
                         f"{_runs_text(want)}; yours gives {_runs_text(got)}",
                         "pass batch_size=batch_size to both DataLoaders and keep the last, smaller batch",
                         data.note())


@exercise.check("the training loader reshuffles every epoch", "invariant")
def training_loader_shuffles(ctx: Context) -> None:
    request = LoaderRequest(16)
    data = data_for(ctx)
    seen = _student_only(ctx, request, "loaders_seen", data, batch_size=16)
    loader = seen["train"] if seen["pair"] else None
    if loader is None or not loader["is_loader"]:
        compare.fail(f"{request.call} must return a pair of DataLoaders", data.note())
    if loader["in_order"]:
        compare.fail("your training loader gives the samples in their stored order "
                     f"({', '.join(map(str, loader['first_epoch']))}, ...): pass shuffle=True so that "
                     "every epoch sees them in a new random order", data.note())
    if not loader["reshuffled"]:
        compare.fail("your training loader gives the same order in every epoch (both start with samples "
                     f"{', '.join(map(str, loader['first_epoch']))}, ...): let the DataLoader shuffle "
                     "(shuffle=True), which draws a new order each epoch", data.note())


@exercise.check("the test loader keeps the data set's order", "invariant")
def test_loader_in_order(ctx: Context) -> None:
    request = LoaderRequest(16)
    data = data_for(ctx)
    seen = _student_only(ctx, request, "loaders_seen", data, batch_size=16)
    loader = seen["test"] if seen["pair"] else None
    if loader is None or not loader["is_loader"]:
        compare.fail(f"{request.call} must return a pair of DataLoaders", data.note())
    if not loader["in_order"] or loader["reshuffled"]:
        compare.fail("your test loader shuffles (its epochs start with samples "
                     f"{', '.join(map(str, loader['first_epoch']))}, ... and "
                     f"{', '.join(map(str, loader['second_epoch']))}, ...): evaluation goes through the test "
                     "set in its fixed order, so leave shuffle=False", data.note())


# --- train_epoch -----------------------------------------------------------------


def _train(ctx: Context, run: TrainingRun, data: Data, training: bool = True) -> tuple[dict, dict]:
    return _observe(ctx, run, "training_run", data, images=data.train_images,
                    state=models.initial_state(TRAIN_SPEC, run.seed), batch_size=run.batch_size, lr=run.lr,
                    training=training, leftovers=run.leftovers)


def _loss_hint(got: float, batches: list[list[float]]) -> str:
    """Name the usual wrong formula that gives ``got``, if one does."""
    losses = [loss for loss, _, _ in batches]
    samples = sum(n for _, n, _ in batches)
    if _close(got, sum(losses)):
        return "that is the sum of the batch losses; divide by the number of batches"
    if _close(got, sum(loss * n for loss, n, _ in batches) / samples):
        return "that is the mean loss per sample; the task asks for the mean of the batch losses"
    return ""


@exercise.property("train_epoch trains like the reference", "differential",
                   st.builds(TrainingRun, st.integers(8, 40), st.sampled_from([0.01, 0.1, 0.5]),
                             st.integers(0, 1000)),
                   examples=[TrainingRun(16, 0.1, 0), TrainingRun(16, 0.1, 0, leftovers=True)], max_examples=2)
def trains_like_reference(ctx: Context, run: TrainingRun) -> None:
    data = data_for(ctx)
    seen, expected = _train(ctx, run, data)
    found = compare.difference(seen["state"], expected["state"])
    if found:
        compare.fail(f"after one epoch the model's weights differ from the reference's: {found}",
                     "each batch needs loss = loss_fn(model(X), y), optimizer.zero_grad(), loss.backward() "
                     "and optimizer.step(); without zero_grad the gradients of earlier batches add up",
                     "the model came with gradients left over from an earlier backward: zero_grad() after step() "
                     "leaves them in the first batch's step; clear the gradients before backward()"
                     if run.leftovers else "",
                     data.note(subset=True))
    got, want = _number(seen["returned"]), expected["returned"]
    if got is not None and not _close(got, want):
        compare.fail(f"train_epoch should return the mean of the {len(expected['losses'])} batch losses, "
                     f"{want!r}; you returned {got!r}", _loss_hint(got, expected["losses"]),
                     data.note(subset=True))


@exercise.check("train_epoch returns the mean batch loss as a Python float", "structure")
def train_epoch_returns_float(ctx: Context) -> None:
    run = TrainingRun()
    data = data_for(ctx)
    seen, _ = _train(ctx, run, data)
    returned = seen["returned"]
    if type(returned) is not float:
        tip = ": use .item() or float() to get a Python number out of a one-element tensor"
        tip = tip if isinstance(returned, TensorValue) else ""
        compare.fail(f"train_epoch must return a Python float; you returned {compare.kind_of(returned)} "
                     f"({compare.show(returned)}){tip}", data.note(subset=True))


@exercise.check("train_epoch puts the model in train mode", "invariant")
def train_epoch_train_mode(ctx: Context) -> None:
    run = TrainingRun()
    data = data_for(ctx)
    seen, _ = _train(ctx, run, data, training=False)
    if not seen["forwards"]:
        compare.fail("train_epoch never called the model", data.note(subset=True))
    if not all(training for training, _ in seen["forwards"]):
        compare.fail("given a model in eval mode, train_epoch ran it in eval mode: call model.train() first "
                     "(the caller may have evaluated just before, and Dropout or BatchNorm layers behave "
                     "differently in the two modes)", data.note(subset=True))


DEVICE_ADVICE = ("move both tensors of every batch to the device you are given, X, y = X.to(device), "
                 "y.to(device), before the model and the loss see them: the caller put the model there, and a "
                 "GPU, like the meta device, refuses CPU tensors")


def _expect_on_device(ctx: Context, request: TrainingRun | EvaluationRun) -> None:
    """The model's output and the labels reach ``loss_fn`` on ``device``, whether it is a str or a torch.device."""
    function = request.function
    data = data_for(ctx)
    images = data.train_images if function == "train_epoch" else data.test_images
    for as_object in (False, True):
        device_text = f"torch.device({ELSEWHERE!r})" if as_object else repr(ELSEWHERE)
        setting = (f"the grader called {function} with its model on PyTorch's {ELSEWHERE!r} device (a device "
                   f"without values, standing in for a GPU), device={device_text} and batches on the CPU")
        outcome = ctx.student.probe("devices_seen", root=data.root, function=function, images=images,
                                    as_object=as_object)
        if outcome.raised:
            compare.reraise_student(request, outcome.raised, f"{setting}: {DEVICE_ADVICE}")
        devices = outcome.observed["devices"]
        if not devices:
            compare.fail(f"{setting}; {function} never called loss_fn", data.note(subset=True))
        wrong = [f"{what} reached loss_fn on {where}"
                 for what, where in zip(("the model's output", "the labels y"), devices) if where != ELSEWHERE]
        if wrong:
            compare.fail(f"{setting}; {' and '.join(wrong)}, not on {ELSEWHERE}", DEVICE_ADVICE,
                         data.note(subset=True))


@exercise.check("train_epoch moves X and y to device", "invariant")
def train_epoch_moves_batches(ctx: Context) -> None:
    _expect_on_device(ctx, TrainingRun())


# --- evaluate --------------------------------------------------------------------


def _evaluate(ctx: Context, run: EvaluationRun, data: Data) -> tuple[dict, dict]:
    return _observe(ctx, run, "evaluation_run", data, images=data.test_images, state=eval_state(run.seed),
                    batch_size=run.batch_size, training=True)


evaluation_runs = st.builds(EvaluationRun, st.integers(6, 30), st.integers(0, 1000))


@exercise.property("evaluate returns the mean batch loss", "differential", evaluation_runs,
                   examples=[EvaluationRun(16, 0)], max_examples=2)
def evaluate_loss(ctx: Context, run: EvaluationRun) -> None:
    data = data_for(ctx)
    seen, expected = _evaluate(ctx, run, data)
    loss, _ = _pair(seen["returned"], "evaluate", "(loss, accuracy)")
    got, want = _number(loss), expected["returned"][0]
    if got is None:
        compare.fail(f"the loss evaluate returns must be a number; you returned {compare.show(loss)}",
                     data.note(subset=True))
    if not _close(got, want):
        compare.fail(f"evaluate's loss should be the mean of the {len(expected['losses'])} batch losses, "
                     f"{want!r}; you returned {got!r}", _loss_hint(got, expected["losses"]),
                     data.note(subset=True))


def _accuracy_hint(got: float, batches: list[list[float]]) -> str:
    per_batch = [correct / n for _, n, correct in batches]
    correct = sum(c for _, _, c in batches)
    samples = sum(n for _, n, _ in batches)
    if _close(got, 100 * correct / samples):
        return "that is a percentage; accuracy is a fraction in [0, 1]"
    if _close(got, sum(per_batch) / len(per_batch)):
        sizes = ", ".join(str(n) for _, n, _ in batches)
        return (f"that is the mean of the per-batch accuracies: with batches of {sizes} samples the last, "
                "smaller batch counts as much as a full one; add up the correct predictions of all batches "
                "and divide by len(loader.dataset)")
    return ""


@exercise.property("accuracy is correct predictions / number of samples", "differential", evaluation_runs,
                   examples=[EvaluationRun(16, 0)], max_examples=2)
def evaluate_accuracy(ctx: Context, run: EvaluationRun) -> None:
    data = data_for(ctx)
    seen, expected = _evaluate(ctx, run, data)
    _, accuracy = _pair(seen["returned"], "evaluate", "(loss, accuracy)")
    got, want = _number(accuracy), expected["returned"][1]
    correct = sum(c for _, _, c in expected["losses"])
    if got is None or not _close(got, want):
        compare.fail(f"the model is right on {correct} of the {expected['samples']} test images, so the "
                     f"accuracy is {correct}/{expected['samples']} = {want!r}; you returned {compare.show(accuracy)}",
                     "" if got is None else _accuracy_hint(got, expected["losses"]), data.note(subset=True))


@exercise.check("evaluate returns (loss, accuracy) as Python floats", "structure")
def evaluate_returns_floats(ctx: Context) -> None:
    data = data_for(ctx)
    seen, _ = _evaluate(ctx, EvaluationRun(), data)
    for name, value in zip(("loss", "accuracy"), _pair(seen["returned"], "evaluate", "(loss, accuracy)")):
        if type(value) is not float:
            tip = ": use .item() to get a Python number out of a tensor" if isinstance(value, TensorValue) else ""
            compare.fail(f"evaluate must return the {name} as a Python float; you returned "
                         f"{compare.kind_of(value)} ({compare.show(value)}){tip}", data.note(subset=True))


@exercise.check("evaluate puts the model in eval mode", "invariant")
def evaluate_eval_mode(ctx: Context) -> None:
    data = data_for(ctx)
    seen, _ = _evaluate(ctx, EvaluationRun(), data)
    if not seen["forwards"]:
        compare.fail("evaluate never called the model", data.note(subset=True))
    if any(training for training, _ in seen["forwards"]):
        compare.fail("given a model in train mode, evaluate ran it in train mode: call model.eval() first "
                     "(Dropout and BatchNorm layers must switch to their evaluation behaviour)",
                     data.note(subset=True))


@exercise.check("evaluate moves X and y to device", "invariant")
def evaluate_moves_batches(ctx: Context) -> None:
    _expect_on_device(ctx, EvaluationRun())


@exercise.check("evaluate does not track gradients", "hygiene")
def evaluate_no_grad(ctx: Context) -> None:
    data = data_for(ctx)
    seen, _ = _evaluate(ctx, EvaluationRun(), data)
    if any(grad for _, grad in seen["forwards"]):
        compare.fail("evaluate ran the model with gradient tracking on: wrap the loop in `with torch.no_grad():` "
                     "(evaluation needs no gradients, and recording the graph costs memory and time)",
                     data.note(subset=True))
