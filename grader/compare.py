"""Comparing what the student returned with what the reference returned.

"Matches X" in the catalog means: same kind of value, same shape, dtype and
device, values within ``torch.testing.assert_close``'s default tolerances
for the dtype. When something differs the message says, in words, the first
thing that differs -- the kind, the shape, the dtype, the device, then the
first differing index and the largest absolute difference -- because a
beginner fixes one thing at a time.
"""

from __future__ import annotations

import math
import re
from typing import Any

import torch

from grader.exercise import Call, CheckFailure, Outcome, Raised
from grader.wire import Opaque, TensorValue, dense_strides

# torch.testing.assert_close's defaults, by dtype: (rtol, atol)
TOLERANCES = {
    torch.float16: (1e-3, 1e-5),
    torch.bfloat16: (1.6e-2, 1e-5),
    torch.float32: (1.3e-6, 1e-5),
    torch.float64: (1e-7, 1e-7),
}
PYTHON_FLOAT_TOLERANCE = (1.3e-6, 1e-5)


_NOT_A_LITERAL = re.compile(r"(?<![\w.'])(-?)(nan|inf)\b")


def _tensor_text(tensor: torch.Tensor, device: str | None = None) -> str:
    """``torch.tensor(...)`` as it can be pasted after ``import torch``.

    torch's own repr, which names the dtype only where it is not the
    default for the literal (float32 for ``1.5``, int64 for ``2``), so a
    beginner reads numbers, not ``dtype=torch.float32`` on every line.
    """
    with torch.no_grad():
        torch.set_printoptions(threshold=24, edgeitems=3, precision=4, linewidth=72)
        try:
            text = repr(tensor.detach())
        finally:
            torch.set_printoptions(profile="default")
    text = "torch." + text.replace("\n", "\n      ")  # continuation lines stay under the first bracket
    text = _NOT_A_LITERAL.sub(lambda m: f"float('{m.group(1)}{m.group(2)}')", text)
    extras = []
    if device is not None and device != "cpu" and "device=" not in text:
        extras.append(f"device='{device}'")
    if "..." in text:  # elided values: say the size the dots hide
        extras.append(f"shape={tuple(tensor.shape)}")
    if extras:
        text = text[:-1] + ", " + ", ".join(extras) + ")"
    return text


def show(value: Any) -> str:
    """A short, student-readable rendering of an argument or a result."""
    if isinstance(value, TensorValue):
        return _tensor_text(value.data, value.device)
    if isinstance(value, torch.Tensor):
        return _permuted_text(value) or _tensor_text(value, str(value.device))
    if isinstance(value, list):
        return "[" + ", ".join(show(v) for v in value) + "]"
    if isinstance(value, tuple):
        inner = ", ".join(show(v) for v in value)
        return f"({inner},)" if len(value) == 1 else f"({inner})"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{k!r}: {show(v)}" for k, v in value.items()) + "}"
    if isinstance(value, Opaque):
        return f"a {value.type_name} object ({value.text})"
    text = repr(value)
    return text if len(text) <= 200 else text[:200] + "..."


def _permuted_text(value: torch.Tensor) -> str | None:
    """A non-contiguous input shown as the call that makes it, e.g. ``tensor(...).t()``.

    Inputs are sometimes drawn as transposed views, for code that assumes
    ``.view()``-able memory; printed plainly they would look like any other
    tensor and the student could not reproduce the failure.
    """
    if value.dim() < 2 or value.is_contiguous() or dense_strides(tuple(value.shape), tuple(value.stride())) is None:
        return None
    order = sorted(range(value.dim()), key=lambda d: -value.stride(d))  # the layout in memory
    source = value.permute(order)
    if not source.is_contiguous():
        return None
    back = [order.index(d) for d in range(value.dim())]
    undo = ".t()" if value.dim() == 2 else f".permute({', '.join(map(str, back))})"
    return _tensor_text(source, str(value.device)) + undo


def kind_of(value: Any) -> str:
    """The kind of a value in words: 'a tensor', 'a Python int', ..."""
    if isinstance(value, TensorValue):
        return "a tensor"
    if isinstance(value, Opaque):
        return f"a {value.type_name}"
    if value is None:
        return "None"
    return f"a Python {type(value).__name__}"


def numbers(expected: float | int | bool, actual: float | int | bool) -> tuple[str, str]:
    """Two numbers with as few significant digits as show where they differ (at least 4).

    ``0.30000001192092896`` against ``0.30000301192092896`` reads as
    ``0.3`` against ``0.300003``: the digits that matter, not float noise.
    """
    if not (isinstance(expected, float) and isinstance(actual, float)):
        return repr(expected), repr(actual)
    for digits in range(4, 18):
        wanted, got = _float_text(expected, digits), _float_text(actual, digits)
        if wanted != got:
            return wanted, got
    return repr(expected), repr(actual)


def _float_text(value: float, digits: int) -> str:
    """``value`` to ``digits`` significant digits, still looking like a float (``1.0``, not ``1``)."""
    text = f"{value:.{digits}g}"
    return text if any(c in text for c in ".einf") else text + ".0"


def _magnitude(value: float) -> str:
    """A small positive amount the way people write it: ``3e-4``, ``1e-5``, ``0.25``."""
    if value == 0 or 1e-3 <= value < 1e4:
        return f"{value:.2g}"
    mantissa, exponent = f"{value:.1e}".split("e")
    return f"{mantissa.rstrip('0').rstrip('.')}e{int(exponent)}"


def _tiny(differs: float, allowed: float, scale: float) -> str:
    """For a difference too small to be a wrong formula: by how much, what was allowed, and why.

    ``differs``: the largest difference; ``allowed``: the tolerance where it
    is; ``scale``: the largest expected magnitude. A result off by 3e-4 on
    values near 1 is the right computation done in a way that loses
    precision (exp() before log(), a long float32 sum); the student needs the
    tolerance to see that, not a bare "values differ".
    """
    if differs > 1e-3 * max(1.0, scale):
        return ""
    return (f"; it differs by {_magnitude(differs)}, more than the {_magnitude(allowed)} allowed; a difference this small "
            "comes from how the value is computed: computing it in a numerically stable way fixes this")


def _where(path: str) -> str:
    return f" at {path}" if path else ""


def _tensor_difference(actual: TensorValue, expected: TensorValue, path: str,
                       tolerance: tuple[float, float] | None) -> str | None:
    if actual.shape != expected.shape:
        return f"the shape differs{_where(path)}: expected {expected.shape}, you returned {actual.shape}"
    if actual.dtype != expected.dtype:
        return f"the dtype differs{_where(path)}: expected {expected.dtype}, you returned {actual.dtype}"
    if actual.device != expected.device:
        return (f"the device differs{_where(path)}: expected the result on {expected.device}, "
                f"yours is on {actual.device}")
    a, e = actual.data, expected.data
    if a.numel() == 0 or torch.equal(a, e):  # equal values are close at any tolerance (the usual case, and cheap)
        return None
    if e.is_floating_point() or e.is_complex():
        rtol, atol = tolerance or TOLERANCES.get(e.dtype, (1e-7, 1e-7))
        close = torch.isclose(a, e, rtol=rtol, atol=atol, equal_nan=True)
    else:
        close = a == e
    if bool(close.all()):
        return None
    flat = int((~close).flatten().nonzero()[0])
    index = tuple(int(i) for i in torch.unravel_index(torch.tensor(flat), e.shape)) if e.dim() else ()
    wanted, got = numbers(e[index].item(), a[index].item())
    if e.numel() == 1:
        # A single number (a loss, a 0-D result): no element counts or indices to read through.
        at = f" at index {list(index)}" if index else ""
        message = f"the value differs{_where(path)}{at}: expected {wanted}, you returned {got}"
    else:
        first = f"index {list(index)}" if index else "the value"
        message = (f"the values differ{_where(path)}: {(~close).sum().item()} of {e.numel()} elements; "
                   f"first at {first}: expected {wanted}, you returned {got}")
    if e.is_floating_point():
        finite = torch.isfinite(a) & torch.isfinite(e)
        if not bool(torch.isfinite(a).all()) and bool(torch.isfinite(e).all()):
            message += "; your result has nan or inf where the expected one is finite"
        if bool(finite.all()):
            gaps = (a.double() - e.double()).abs().flatten()
            worst = int(gaps.argmax())
            diff = gaps[worst].item()
            message += _tiny(diff, atol + rtol * abs(e.flatten()[worst].item()), e.abs().max().item()) or (
                f"; a difference of {diff:.3g}" if e.numel() == 1 else f"; largest absolute difference {diff:.3g}")
        elif bool(finite.any()):
            diff = (a.double() - e.double()).abs()[finite].max().item()
            message += f"; where both are finite, the largest absolute difference is {diff:.3g}"
    return message


def difference(actual: Any, expected: Any, path: str = "",
               tolerance: tuple[float, float] | None = None) -> str | None:
    """The first difference between two decoded values, in words, or None."""
    if isinstance(expected, TensorValue):
        if not isinstance(actual, TensorValue):
            return f"expected a tensor{_where(path)}, you returned {kind_of(actual)}"
        return _tensor_difference(actual, expected, path, tolerance)
    if isinstance(expected, (list, tuple)):
        if type(actual) is not type(expected):
            return f"expected {kind_of(expected)}{_where(path)}, you returned {kind_of(actual)}"
        if len(actual) != len(expected):
            return f"expected {len(expected)} items{_where(path)}, you returned {len(actual)}"
        for i, (a, e) in enumerate(zip(actual, expected)):
            found = difference(a, e, f"{path}[{i}]", tolerance)
            if found:
                return found
        return None
    if isinstance(expected, dict):
        if not isinstance(actual, dict):
            return f"expected {kind_of(expected)}{_where(path)}, you returned {kind_of(actual)}"
        if list(actual) != list(expected):
            return f"the keys differ{_where(path)}: expected {list(expected)}, you returned {list(actual)}"
        for key in expected:
            found = difference(actual[key], expected[key], f"{path}[{key!r}]", tolerance)
            if found:
                return found
        return None
    if type(actual) is not type(expected):
        return f"expected {kind_of(expected)}{_where(path)}, you returned {kind_of(actual)} ({show(actual)})"
    if isinstance(expected, float):
        rtol, atol = tolerance or PYTHON_FLOAT_TOLERANCE
        if expected != expected and actual != actual:
            return None
        # a nan on one side only differs: abs() of a difference with nan compares False
        if abs(actual - expected) > atol + rtol * abs(expected) or actual != actual or expected != expected:
            wanted, got = numbers(expected, actual)
            tiny = _tiny(abs(actual - expected), atol + rtol * abs(expected), abs(expected)) \
                if math.isfinite(actual) and math.isfinite(expected) else ""
            return f"the value differs{_where(path)}: expected {wanted}, you returned {got}{tiny}"
        return None
    if actual != expected:
        return f"the value differs{_where(path)}: expected {show(expected)}, you returned {show(actual)}"
    return None


def fail(*lines: str) -> None:
    """Fail the running check with these lines."""
    raise CheckFailure("\n".join(line for line in lines if line))


def not_implemented(raised: Raised) -> bool:
    return raised.is_a("NotImplementedError")


def reraise_student(call: Any, raised: Raised, expected: str = "") -> None:
    """Fail because the student's code raised where it should have returned."""
    if not_implemented(raised):
        fail(f"{getattr(call, 'function', 'this function')} still raises NotImplementedError: "
             "replace the stub's body with your implementation.")
    if raised.is_a("MemoryError") or "allocate memory" in raised.message:
        fail("your code ran out of memory: the grader caps what student code may allocate "
             "(grade run --memory-limit MB); this input should need very little",
             f"your code raised {raised.describe()}")
    # The check's own property was never reached: say what the code was doing, not what the check tests.
    fail(f"your {getattr(call, 'function', 'code')} raised an exception on this input, before this check "
         "could look at its result:", raised.describe(), expected)


def returned(call: Any, outcome: Outcome) -> Any:
    """The student's observations, failing the check if their code raised.

    A known torch error gets its line of advice from :mod:`grader.advice`
    (through :meth:`Raised.describe`), the same in every exercise.
    """
    if outcome.raised:
        reraise_student(call, outcome.raised)
    return outcome


def expect_match(call: Call, student: Outcome, reference: Outcome,
                 tolerance: tuple[float, float] | None = None) -> None:
    """The student's call must behave as the reference's: same value, or the same kind of error."""
    if reference.raised:
        expect_raises(call, student, reference.raised.type_name)
        return
    returned(call, student)
    found = difference(student.returned, reference.returned, tolerance=tolerance)
    if found:
        fail(f"expected: {show(reference.returned)}",
             f"you returned: {show(student.returned)}",
             found)


def expect_raises(call: Call, student: Outcome, error: str = "ValueError", why: str = "") -> None:
    """The student's call must raise ``error`` (or a subclass) with a message.

    ``why``, when given, says in words what is wrong with the input (``"the
    label -1 is negative"``), so the student sees which rule they missed.
    """
    if student.raised is None:
        if why:
            fail(f"expected {error} because {why}", f"but your function returned: {show(student.returned)}")
        fail(f"expected {error} for this input, but your function returned {show(student.returned)}")
    if not_implemented(student.raised):
        reraise_student(call, student.raised)
    if not student.raised.is_a(error):
        fail(f"expected {error}, but your code raised {student.raised.describe()}")
    if not student.raised.message.strip():
        fail(f"your {student.raised.type_name} has no message: say what was wrong with the input")
