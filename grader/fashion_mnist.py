"""Small FashionMNIST data sets in the real on-disk format, and finding a real download.

Checks that grade data loading must run torchvision's own loader, not a
mock, so the grader writes files that ``torchvision.datasets.FashionMNIST(root,
train=..., download=False)`` reads exactly as it reads the real download.
That class (torchvision/datasets/mnist.py) needs only these four files, each
found by ``_check_exists`` as a plain file without any checksum:

    ROOT/FashionMNIST/raw/train-images-idx3-ubyte
    ROOT/FashionMNIST/raw/train-labels-idx1-ubyte
    ROOT/FashionMNIST/raw/t10k-images-idx3-ubyte
    ROOT/FashionMNIST/raw/t10k-labels-idx1-ubyte

The ``.gz`` archives matter only to ``download=True``. Each file is in IDX
format: a big-endian 4-byte magic number ``0x0000TTNN`` (type ``0x08`` for
unsigned bytes, ``NN`` dimensions), one big-endian 4-byte size per dimension,
then the values -- images as ``uint8`` of shape ``(N, 28, 28)``, labels as
``uint8`` of shape ``(N,)``.

The generated images are made so that checks can see the traps they look
for: every image holds a 0 and a 255 pixel (so ToTensor's scaling to exactly
[0, 1] is visible), a noisy background (so every image differs from every
other and orders can be told apart), and, for class ``k``, a bright band on
two rows that a linear model can detect (see :func:`class_templates`); the
last ``hard`` images of each split have no band, so a classifier that is
right on the rest is wrong there, and an accuracy averaged per batch differs
from the accuracy per sample when those images form a smaller last batch.
"""

from __future__ import annotations

import contextlib
import shutil
import tempfile
from pathlib import Path
from typing import Iterator

import numpy as np
import torch

SIDE = 28
CLASSES = 10
FOLDER = "FashionMNIST"
RAW_FILES = {
    "train": ("train-images-idx3-ubyte", "train-labels-idx1-ubyte"),
    "test": ("t10k-images-idx3-ubyte", "t10k-labels-idx1-ubyte"),
}
_FIRST_BAND_ROW = 4  # class k brightens rows 4 + 2k and 5 + 2k: rows 4..23
_UBYTE = 0x08


def idx_bytes(array: np.ndarray) -> bytes:
    """``array`` (uint8, 1 to 3 dims) encoded as an IDX file's contents."""
    if array.dtype != np.uint8 or not 1 <= array.ndim <= 3:
        raise ValueError(f"IDX files here hold uint8 arrays of 1 to 3 dims, not {array.dtype} with {array.ndim}")
    header = np.array([(_UBYTE << 8) | array.ndim, *array.shape], dtype=">u4")
    return header.tobytes() + np.ascontiguousarray(array).tobytes()


def class_templates() -> torch.Tensor:
    """``(10, 28, 28)`` float32 masks: 1 on the two rows that class ``k``'s images brighten."""
    templates = torch.zeros(CLASSES, SIDE, SIDE)
    for k in range(CLASSES):
        row = _FIRST_BAND_ROW + 2 * k
        templates[k, row:row + 2] = 1.0
    return templates


def make_split(n: int, seed: int, hard: int = 0) -> tuple[np.ndarray, np.ndarray]:
    """``n`` images ``(n, 28, 28)`` and labels ``(n,)``, both uint8, the same for the same seed.

    The last ``hard`` images carry no class band.
    """
    rng = np.random.default_rng(seed)
    labels = rng.integers(0, CLASSES, size=n).astype(np.uint8)
    images = rng.integers(0, 100, size=(n, SIDE, SIDE)).astype(np.uint8)
    for i, label in enumerate(labels[: max(0, n - hard)]):
        row = _FIRST_BAND_ROW + 2 * int(label)
        images[i, row:row + 2] = rng.integers(180, 255, size=(2, SIDE))
    images[:, 0, 0] = 0
    images[:, SIDE - 1, SIDE - 1] = 255
    return images, labels


def write(root: str | Path, n_train: int = 100, n_test: int = 37, hard: int = 5, seed: int = 0) -> Path:
    """Write a data set under ``root/FashionMNIST/raw``; returns ``root``."""
    raw = Path(root) / FOLDER / "raw"
    raw.mkdir(parents=True, exist_ok=True)
    for offset, (split, n) in enumerate((("train", n_train), ("test", n_test))):
        images, labels = make_split(n, seed * 2 + offset, hard)
        image_file, label_file = RAW_FILES[split]
        (raw / image_file).write_bytes(idx_bytes(images))
        (raw / label_file).write_bytes(idx_bytes(labels))
    return Path(root)


@contextlib.contextmanager
def generated(parent: str | Path | None = None, n_train: int = 100, n_test: int = 37, hard: int = 5,
              seed: int = 0) -> Iterator[str]:
    """A fresh data set in a new folder under ``parent``, removed afterwards; yields the root for torchvision.

    ``parent`` must be a folder the reader may read: for a student's worker,
    its scratch folder (``Context.workdir``). A fresh folder per use means
    nothing graded code does to the files reaches a later check.
    """
    root = tempfile.mkdtemp(prefix="fashion-mnist-", dir=parent)
    try:
        write(root, n_train, n_test, hard, seed)
        yield root
    finally:
        shutil.rmtree(root, ignore_errors=True)


def find_download(path: str | Path) -> str:
    """The ``root`` to give torchvision for a real download in ``path``.

    Accepts the folder that holds ``FashionMNIST/`` (torchvision's ``root``)
    or the ``FashionMNIST`` folder itself. Raises FileNotFoundError naming the
    files that are missing.
    """
    path = Path(path).expanduser().resolve()
    candidates = [path, path.parent] if path.name == FOLDER else [path]
    for root in candidates:
        raw = root / FOLDER / "raw"
        if all((raw / name).is_file() for names in RAW_FILES.values() for name in names):
            return str(root)
    raw = candidates[-1] / FOLDER / "raw"
    names = ", ".join(name for names in RAW_FILES.values() for name in names)
    raise FileNotFoundError(f"no FashionMNIST download in {path}: expected {names} in {raw} "
                            "(torchvision.datasets.FashionMNIST(root, download=True) puts them there)")
