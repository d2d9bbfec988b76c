"""Exercise 13 on a GPU: the model, the images and the result live on CUDA.

On a machine without CUDA every test here is skipped. Without a GPU the
same code path is covered by the check "predict computes on the model's
device and leaves the result there", which puts the model on PyTorch's meta
device; these tests prove that with ``--device cuda`` the grader builds the
model on the GPU, hands ``predict`` CPU images, and expects the classes back
on the GPU, so a predict that forgets the move, or moves the result back,
fails the differential check too.
"""

from __future__ import annotations

import pytest
import torch

from grader import catalog, runner
from tests.conftest import SUBMISSIONS, describe

pytestmark = [pytest.mark.cuda, pytest.mark.skipif(not torch.cuda.is_available(), reason="needs CUDA")]

EXERCISE = "exercise-13"
FOLDER = SUBMISSIONS / "exercise_13"
MATCHES = "predict matches softmax then argmax of the logits"
ON_MODELS_DEVICE = "predict computes on the model's device and leaves the result there"


def _check(result, name: str):
    return next(c for c in result.checks if c.name == name)


def test_reference_passes_on_cuda(grade):
    exercise = catalog.find(EXERCISE)
    result = grade(EXERCISE, catalog.SOLUTIONS_DIR / exercise.filename, device="cuda")
    assert result.status == "passed", describe(result)


def test_grader_puts_model_images_and_result_on_the_gpu():
    from grader.checks import exercise_13_fashion_mnist_model as checks

    reference = runner.ReferenceSide(catalog.find(EXERCISE), "cuda")
    case = checks.predict_case(3, True, 0)  # images start on the CPU
    observed = reference.probe("predict_run", **case.data())
    assert observed.raised is None, observed.raised
    assert observed.returned.device.startswith("cuda"), observed.returned.device
    assert observed["changes"] == []  # the model stayed on the GPU
    network = reference.probe("network_run", **checks.network_case(2, False, 1).data())
    assert network.returned.device.startswith("cuda"), network.returned.device


@pytest.mark.parametrize("name", ["wrong_predict_forgets_to_move_images", "wrong_predict_returns_cpu"])
def test_device_mistakes_fail_the_differential_check_on_cuda(grade, name):
    result = grade(EXERCISE, FOLDER / f"{name}.py", device="cuda")
    assert _check(result, MATCHES).status == "failed", describe(result)
    assert _check(result, ON_MODELS_DEVICE).status == "failed", describe(result)


@pytest.mark.parametrize("name", ["right_notes", "right_inference_mode", "right_no_grad_decorator"])
def test_correct_alternatives_pass_on_cuda(grade, name):
    result = grade(EXERCISE, FOLDER / f"{name}.py", device="cuda")
    assert result.status == "passed", describe(result)
