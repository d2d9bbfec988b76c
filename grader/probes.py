"""Running a probe: the code that sits between a check and the code it judges.

The same function runs a probe in the student's worker and, for the
reference, in the grading process, so both sides get their arguments rebuilt
the same way and report back the same shape of data. Whatever escapes the
judged code -- an exception, ``SystemExit``, ``KeyboardInterrupt`` -- becomes
a :class:`~grader.exercise.Raised` description showing only the frames of the
judged file, so a student reads their own traceback, not the grader's.
"""

from __future__ import annotations

import traceback
from types import ModuleType
from typing import Any, Callable

import torch

from grader import wire
from grader.exercise import Call, CheckFailure, Outcome, Raised


def materialize(value: Any, device: str) -> Any:
    """Turn decoded data into fresh live objects: tensors land on ``device``."""
    if isinstance(value, wire.TensorValue):
        if value.strides is None:
            tensor = value.data.clone()
        else:  # the same values in the original (e.g. transposed) memory layout
            tensor = torch.empty_strided(value.shape, value.strides, dtype=value.dtype).copy_(value.data)
        tensor = tensor.to(device)  # keeps a dense layout's strides
        if value.is_parameter:
            return torch.nn.Parameter(tensor, requires_grad=value.requires_grad)
        return tensor.requires_grad_(value.requires_grad)
    if isinstance(value, list):
        return [materialize(item, device) for item in value]
    if isinstance(value, tuple):
        return tuple(materialize(item, device) for item in value)
    if isinstance(value, dict):
        return {key: materialize(item, device) for key, item in value.items()}
    return value


def describe_exception(exc: BaseException, origin: str) -> dict:
    """The exception as plain data, with only the frames from ``origin``."""
    frames = [frame for frame in traceback.extract_tb(exc.__traceback__) if frame.filename == origin]
    try:
        message = str(exc)
    except BaseException:
        message = "<the exception's message could not be read>"
    bases = [cls.__name__ for cls in type(exc).__mro__]
    return {
        "type_name": type(exc).__name__,
        "bases": bases,
        "message": message[:2000],
        "traceback": "".join(traceback.format_list(frames))[-4000:],
    }


def raised_from(data: dict) -> Raised:
    """Rebuild an exception description, refusing anything but the plain data above.

    The description comes from a worker that student code controls, so its
    shape and sizes are checked here, in the grading process.
    """
    fields = ("type_name", "bases", "message", "traceback")
    if type(data) is not dict or set(data) != set(fields):
        raise wire.ProtocolError("malformed exception description")
    bases = data["bases"]
    if type(bases) not in (list, tuple) or len(bases) > 100 or any(type(b) is not str for b in bases):
        raise wire.ProtocolError("malformed exception description")
    if any(type(data[f]) is not str for f in ("type_name", "message", "traceback")):
        raise wire.ProtocolError("malformed exception description")
    return Raised(data["type_name"][:200], tuple(b[:200] for b in bases), data["message"][:2000],
                  data["traceback"][-4000:])


def _same(before: torch.Tensor, after: torch.Tensor) -> bool:
    if before.shape != after.shape or before.dtype != after.dtype:
        return False
    if torch.equal(before, after):
        return True
    if not before.is_floating_point():
        return False
    return torch.equal(before.isnan(), after.isnan()) and torch.equal(before.nan_to_num(), after.nan_to_num())


def call(module: ModuleType, device: str, function: str, args: list, kwargs: dict) -> dict:
    """The generic probe: call ``module.function`` and watch its tensor arguments.

    Returns the result and the positions/names of tensor arguments whose
    values changed (modified in place).
    """
    fn = getattr(module, function, None)
    if fn is None:
        raise AttributeError(f"your file does not define `{function}`")
    args = materialize(args, device)
    kwargs = materialize(kwargs, device)
    watched = [(i, a) for i, a in enumerate(args) if type(a) is torch.Tensor]
    watched += [(k, a) for k, a in kwargs.items() if type(a) is torch.Tensor]
    before = [(where, tensor.detach().clone()) for where, tensor in watched]
    result = fn(*args, **kwargs)
    mutated = [where for (where, copy), (_, tensor) in zip(before, watched) if not _same(copy, tensor.detach())]
    return {"returned": result, "mutated": mutated}


BUILTIN_PROBES: dict[str, Callable[..., dict]] = {"call": call}


def run_probe(probe: Callable[..., dict], module: ModuleType, device: str, data: dict, origin: str,
              after: Callable[[], None] | None = None) -> dict:
    """Run one probe and return its encoded outcome (never raises).

    ``after`` runs once the judged code is done and before its results are
    encoded: the worker uses it to undo monkeypatching.
    """
    # Every call starts from the same random state, so random initialisation
    # in judged code gives the same verdict on every run. Only the generator
    # of the device in use: torch.manual_seed would also queue a deferred
    # CUDA seeding (with a captured stack) on every call of a CPU run.
    torch.default_generator.manual_seed(0)
    if device.startswith("cuda"):
        torch.cuda.manual_seed_all(0)
    try:
        observed = probe(module, device, **data)
    except BaseException as exc:  # the judged code may raise anything, SystemExit too
        if after:
            after()
        return {"raised": describe_exception(exc, origin)}
    if after:
        after()
    return {"observed": wire.encode(observed)}


def outcome(reply: dict) -> Outcome:
    """A probe's reply (as :func:`run_probe` returns it) as the :class:`Outcome` a check reads."""
    if "raised" in reply:
        return Outcome({}, raised_from(reply["raised"]))
    observed = wire.decode(reply["observed"])
    if type(observed) is not dict:
        raise CheckFailure("the probe returned malformed data")
    return Outcome(observed)


class ProbeSide:
    """A side of a comparison that answers probes; running a call is the ``call`` probe."""

    def probe(self, name: str, **data: Any) -> Outcome:
        raise NotImplementedError

    def output_position(self) -> int | None:
        """Where the student's printed output stands for this side, or None: at the end of the
        worker's output file (:mod:`grader.printed`). Live grading that goes on from a replay
        answers from replies the worker gave earlier, and from the output it had printed then."""
        return None

    def run(self, call: Call) -> Outcome:
        return self.probe("call", function=call.function, args=list(call.args), kwargs=call.kwargs)


def describe_request(probe: str, data: dict, probes: dict[str, Callable] | None = None) -> str:
    """A request as the student reads it: the call they would type, or what the probe does and its data.

    A probe's docstring names the student's function it calls ("count it with the
    judged ``count_parameters``"), so a timeout inside it names that function too.
    """
    from grader.compare import show

    if probe == "call" and type(data.get("function")) is str:
        return str(Call(data["function"], tuple(data.get("args", ())), dict(data.get("kwargs", {}))))
    arguments = ", ".join(f"{key}={show(value)}" for key, value in data.items())
    doc = (getattr((probes or {}).get(probe), "__doc__", None) or "").strip().splitlines()
    if doc:
        what = doc[0].rstrip(".").replace("``", "")
        return f"your code (the check's step: {what[0].lower() + what[1:]}; input {arguments})"
    return f"the grader's {probe} probe ({arguments})"
