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

import atexit
import os
import shutil
import tempfile
from functools import lru_cache
from pathlib import Path

import numpy as np
import torch

EXERCISE = "exercise-14"  # the exercise that reads a real download given by --data-root
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


@lru_cache(maxsize=8)
def _files(n_train: int, n_test: int, hard: int, seed: int) -> tuple[tuple[str, bytes], ...]:
    """The data set's raw files as (name, contents), made once per process: :func:`kept` compares with them."""
    files = []
    for offset, (split, n) in enumerate((("train", n_train), ("test", n_test))):
        images, labels = make_split(n, seed * 2 + offset, hard)
        image_file, label_file = RAW_FILES[split]
        files += [(image_file, idx_bytes(images)), (label_file, idx_bytes(labels))]
    return tuple(files)


def write(root: str | Path, n_train: int = 100, n_test: int = 37, hard: int = 5, seed: int = 0) -> Path:
    """Write a data set under ``root/FashionMNIST/raw``; returns ``root``."""
    raw = Path(root) / FOLDER / "raw"
    raw.mkdir(parents=True, exist_ok=True)
    for name, contents in _files(n_train, n_test, hard, seed):
        (raw / name).write_bytes(contents)
    return Path(root)


_KEPT: dict[tuple[int, int, int, int], Path] = {}  # this process's copy of each generated data set


def kept(n_train: int = 100, n_test: int = 37, hard: int = 5, seed: int = 0) -> str:
    """The root of this process's copy of a generated data set, just checked to hold the files as written.

    The copy is written once, in a new folder of ``tempfile``'s (in a
    student's worker, its scratch folder), and looked at before every use: a
    folder that holds anything else -- a file changed, missing or added (a
    ``processed`` folder would be read instead of ``raw``), a link -- is
    replaced by a fresh copy. So each use starts from the files as written,
    whatever graded code did to them before, for the cost of reading them:
    writing a fresh copy for every use costs many times more, and exercise
    14 reads the data in every probe call.
    """
    key = (n_train, n_test, hard, seed)
    root = _KEPT.get(key)
    if root is None or not _holds_exactly(root, _files(*key)):
        if root is not None:
            shutil.rmtree(root, ignore_errors=True)
        root = _KEPT[key] = write(tempfile.mkdtemp(prefix="fashion-mnist-"), *key)
        atexit.register(shutil.rmtree, root, True)
    return str(root)


def _holds_exactly(root: Path, files: tuple[tuple[str, bytes], ...]) -> bool:
    """Whether ``root`` holds ``FashionMNIST/raw`` with these files and nothing else, all plain, no link."""
    raw = root / FOLDER / "raw"
    try:
        if any(folder.is_symlink() or not folder.is_dir() for folder in (root, raw.parent, raw)):
            return False
        if os.listdir(root) != [FOLDER] or os.listdir(raw.parent) != ["raw"]:
            return False
        if sorted(os.listdir(raw)) != sorted(name for name, _ in files):
            return False
        return all(not (raw / name).is_symlink() and (raw / name).is_file() and (raw / name).read_bytes() == contents
                   for name, contents in files)
    except OSError:
        return False


def idx_shape(path: str | Path) -> tuple[int, ...]:
    """The shape an IDX file of unsigned bytes declares in its header, checked against its size.

    Reads the header only (plus the file's size), so it costs nothing on a
    real download. Raises ValueError, in words, for a file torchvision could
    not read as this data set: not IDX, not bytes, or cut short.
    """
    path = Path(path)
    with path.open("rb") as handle:
        head = handle.read(4)
        if len(head) < 4 or head[0] or head[1] or head[2] != _UBYTE or not 1 <= head[3] <= 3:
            raise ValueError(f"{path} is not an IDX file of unsigned bytes (its first bytes are {head.hex() or 'empty'}; "
                             "a .gz archive must be extracted first)")
        sizes = handle.read(4 * head[3])
    if len(sizes) < 4 * head[3]:
        raise ValueError(f"{path} is cut short inside its header")
    shape = tuple(int(n) for n in np.frombuffer(sizes, dtype=">u4"))
    expected = 4 + 4 * len(shape) + int(np.prod(shape))
    if path.stat().st_size != expected:
        raise ValueError(f"{path} declares shape {shape}, which takes {expected} bytes, but it has "
                         f"{path.stat().st_size}: the file is incomplete or not FashionMNIST's")
    return shape


def split_sizes(root: str | Path) -> dict[str, int]:
    """``{"train": n, "test": m}``: the images of each split under ``root/FashionMNIST/raw``.

    Raises ValueError when a file is unreadable (see :func:`idx_shape`), the
    images are not 28x28, or a split's labels and images differ in number.
    """
    raw = Path(root) / FOLDER / "raw"
    sizes = {}
    for split, (image_file, label_file) in RAW_FILES.items():
        images, labels = idx_shape(raw / image_file), idx_shape(raw / label_file)
        if len(images) != 3 or images[1:] != (SIDE, SIDE):
            raise ValueError(f"{raw / image_file} holds images of shape {images[1:]}, not ({SIDE}, {SIDE})")
        if labels != images[:1]:
            raise ValueError(f"{raw / label_file} holds {labels} labels for the {images[0]} images of "
                             f"{raw / image_file}")
        sizes[split] = images[0]
    return sizes


def find_download(path: str | Path) -> str:
    """The ``root`` to give torchvision for a real download in ``path`` (the ``--data-root`` folder).

    Accepts the folder that holds ``FashionMNIST/`` (torchvision's ``root``),
    the ``FashionMNIST`` folder itself, or its ``raw`` folder: people point
    at any of the three. Raises FileNotFoundError naming the files that are
    missing (and saying so when only the ``.gz`` archives are there), and
    ValueError when a file is there but unreadable, so a broken download is
    reported as such instead of as torchvision's assertion deep in a check.
    """
    path = Path(path).expanduser().resolve()
    candidates = [path]
    if path.name == FOLDER:
        candidates.append(path.parent)
    if path.name == "raw" and path.parent.name == FOLDER:
        candidates.append(path.parent.parent)
    names = [name for pair in RAW_FILES.values() for name in pair]
    for root in candidates:
        raw = root / FOLDER / "raw"
        if all((raw / name).is_file() for name in names):
            split_sizes(root)
            return str(root)
    raw = candidates[-1] / FOLDER / "raw"
    missing = [name for name in names if not (raw / name).is_file()]
    archives = [name for name in missing if (raw / f"{name}.gz").is_file()]
    why = (f"; the .gz archives of {', '.join(archives)} are there but not extracted: gunzip them, or run "
           "torchvision.datasets.FashionMNIST(root, download=True) once") if archives else \
        f" (torchvision.datasets.FashionMNIST({str(candidates[-1])!r}, download=True) puts them there)"
    raise FileNotFoundError(f"no FashionMNIST download in {path}: expected {', '.join(names)} in {raw}; "
                            f"missing {', '.join(missing)}{why}")


def download_notice(path: str | Path) -> str:
    """One line telling the user which data exercise-14 will read for ``--data-root path``.

    For the command line to print before grading (and to fail on, with the
    exception's message, when ``path`` holds no readable download): without
    it a run that passes never says that the real data was used.
    """
    root = find_download(path)
    sizes = split_sizes(root)
    return (f"exercise-14 reads the real FashionMNIST download in {root} ({sizes['train']} training and "
            f"{sizes['test']} test images) instead of the grader's generated data")
