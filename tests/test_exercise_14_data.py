"""Exercise 14's data: generated FashionMNIST files, and grading against a download (``--data-root``).

There is no real FashionMNIST download here, so the ``--data-root`` path is
proved with a generated set laid out as a download is: ``DIR/FashionMNIST/raw``.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

import numpy as np
import pytest
import torch
from torchvision import datasets, transforms
from torchvision.datasets.mnist import read_image_file, read_label_file

from grader import catalog, fashion_mnist
from tests.conftest import SUBMISSIONS, describe


def test_idx_files_read_back_by_torchvision(tmp_path):
    images = (np.arange(3 * 28 * 28) % 256).astype(np.uint8).reshape(3, 28, 28)
    labels = np.array([9, 0, 4], dtype=np.uint8)
    (tmp_path / "images").write_bytes(fashion_mnist.idx_bytes(images))
    (tmp_path / "labels").write_bytes(fashion_mnist.idx_bytes(labels))
    assert torch.equal(read_image_file(str(tmp_path / "images")), torch.from_numpy(images))
    assert read_label_file(str(tmp_path / "labels")).tolist() == [9, 0, 4]


def test_torchvision_reads_the_generated_data_set(tmp_path):
    fashion_mnist.write(tmp_path, n_train=10, n_test=7, hard=2, seed=3)
    train_set = datasets.FashionMNIST(tmp_path, train=True, transform=transforms.ToTensor())
    test_set = datasets.FashionMNIST(tmp_path, train=False, transform=transforms.ToTensor())
    assert (len(train_set), len(test_set)) == (10, 7)
    image, label = test_set[6]
    assert torch.equal(image, test_set.data[6].float().div(255).unsqueeze(0))
    assert image.min() == 0 and image.max() == 1 and 0 <= label < 10


def _rewritten(raw: Path) -> None:
    (raw / "t10k-labels-idx1-ubyte").write_bytes(b"\0")


def _processed_added(raw: Path) -> None:
    (raw.parent / "processed").mkdir()  # torchvision would read its files instead of raw's


def _replaced_by_a_link(raw: Path) -> None:
    image_file = raw / "train-images-idx3-ubyte"
    image_file.rename(raw.parent / "elsewhere")
    image_file.symlink_to(raw.parent / "elsewhere")


@pytest.mark.parametrize("change", [_rewritten, _processed_added, _replaced_by_a_link])
def test_every_use_of_the_kept_data_set_starts_from_the_files_as_written(tmp_path, monkeypatch, change):
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    monkeypatch.setattr(fashion_mnist, "_KEPT", {})
    root = fashion_mnist.kept(n_train=10, n_test=7)
    assert fashion_mnist.kept(n_train=10, n_test=7) == root  # untouched: read, not written again
    change(Path(root) / "FashionMNIST" / "raw")
    fresh = fashion_mnist.kept(n_train=10, n_test=7)
    assert fresh != root and not Path(root).exists()
    assert sorted(p.name for p in (Path(fresh) / "FashionMNIST").iterdir()) == ["raw"]
    assert len(datasets.FashionMNIST(fresh, train=False)) == 7


def test_find_download_takes_the_root_or_the_fashion_mnist_folder(tmp_path):
    fashion_mnist.write(tmp_path / "data", n_train=3, n_test=2)
    assert fashion_mnist.find_download(tmp_path / "data") == str((tmp_path / "data").resolve())
    assert fashion_mnist.find_download(tmp_path / "data" / "FashionMNIST") == str((tmp_path / "data").resolve())
    with pytest.raises(FileNotFoundError, match="train-images-idx3-ubyte"):
        fashion_mnist.find_download(tmp_path)


@pytest.fixture
def download(tmp_path):
    """A stand-in for a real download; its test images 96-99 form a last batch of 4 a classifier misses."""
    return str(fashion_mnist.write(tmp_path / "download", n_train=400, n_test=100, hard=4, seed=5))


def test_reference_passes_on_a_download(grade, download):
    exercise = catalog.find("exercise-14")
    result = grade("exercise-14", catalog.SOLUTIONS_DIR / exercise.filename, data_root=download)
    assert result.status == "passed", describe(result)


@pytest.mark.parametrize("name", ["wrong_accuracy_per_batch", "wrong_train_not_shuffled"])
def test_failures_on_a_download_say_real_data_was_used(grade, download, name):
    result = grade("exercise-14", SUBMISSIONS / "exercise_14" / f"{name}.py", data_root=download)
    failed = [c for c in result.checks if c.status == "failed"]
    assert failed, describe(result)
    assert all(f"real FashionMNIST download in {download}" in c.message for c in failed), describe(result)


def test_find_download_takes_the_raw_folder_too(tmp_path):
    fashion_mnist.write(tmp_path / "data", n_train=3, n_test=2)
    raw = tmp_path / "data" / "FashionMNIST" / "raw"
    assert fashion_mnist.find_download(raw) == str((tmp_path / "data").resolve())


def test_find_download_says_when_only_the_archives_are_there(tmp_path):
    raw = tmp_path / "FashionMNIST" / "raw"
    raw.mkdir(parents=True)
    for names in fashion_mnist.RAW_FILES.values():
        for name in names:
            (raw / f"{name}.gz").write_bytes(b"\x1f\x8b")
    with pytest.raises(FileNotFoundError, match="not extracted"):
        fashion_mnist.find_download(tmp_path)


def test_find_download_rejects_a_broken_file(tmp_path):
    fashion_mnist.write(tmp_path, n_train=4, n_test=2)
    images = tmp_path / "FashionMNIST" / "raw" / "t10k-images-idx3-ubyte"
    images.write_bytes(images.read_bytes()[:-10])
    with pytest.raises(ValueError, match="incomplete"):
        fashion_mnist.find_download(tmp_path)
    (tmp_path / "FashionMNIST" / "raw" / "train-labels-idx1-ubyte").write_bytes(b"\x1f\x8b\x08\x00")
    with pytest.raises(ValueError, match="not an IDX file"):
        fashion_mnist.split_sizes(tmp_path)


def test_download_notice_names_the_folder_and_its_sizes(download):
    notice = fashion_mnist.download_notice(download)
    assert download in notice and "400 training and 100 test images" in notice
    assert "instead of the grader's generated data" in notice


def test_grading_against_a_folder_without_a_download_says_what_is_missing(grade, tmp_path):
    empty = tmp_path / "empty"
    empty.mkdir()
    exercise = catalog.find("exercise-14")
    result = grade("exercise-14", catalog.SOLUTIONS_DIR / exercise.filename, data_root=str(empty))
    assert result.status == "failed" and result.checks, describe(result)
    for check in result.checks:  # not the student's fault: a grader error, never a failed check
        assert check.status == "error", describe(result)
        assert f"no FashionMNIST download in {empty}" in check.message
        assert "train-images-idx3-ubyte" in check.message
