"""The one table of advice for torch's error messages a beginner meets.

torch's messages are exact but written for people who already know what
went wrong: "mat1 and mat2 shapes cannot be multiplied (112x28 and 784x10)"
does not say that the images were never flattened. Every exercise shows a
student's exception through :meth:`grader.exercise.Raised.describe`, which
adds the line :func:`advise` finds here under torch's own message, so each
known mistake is explained the same way in every exercise and a new entry
helps all of them at once.

Plain ``re`` only: this module is imported where torch must not be.
"""

from __future__ import annotations

import re
from typing import Callable

PREFIX = "what this usually means: "


def _shapes(match: re.Match) -> str:
    """``mat1 and mat2 shapes cannot be multiplied (AxB and CxD)``: say which dimension is wrong."""
    rows, features, expected, _ = (int(n) for n in match.groups())
    if features == expected:  # not a linear layer's input: nothing more precise to say
        return ("the two matrices do not fit: the first one's columns must equal the second one's rows; "
                "print(x.shape) before the failing line")
    found = (f"each input row has {features} numbers but the layer takes {expected} (its in_features)")
    if features < expected and expected % features == 0:
        return (f"{found}: the input still has more than 2 dimensions ({rows} rows of {features}); "
                "flatten each sample first, nn.Flatten() or x.flatten(1), before the first nn.Linear")
    return (f"{found}: make in_features of this layer equal the size of what reaches it "
            "(the previous layer's out_features), or check the input's shape with print(x.shape)")


# (pattern searched in the exception's message, advice or a function of the match)
TABLE: tuple[tuple[str, str | Callable[[re.Match], str]], ...] = (
    (r"cannot assign module before Module\.__init__\(\) call",
     "call super().__init__() as the first line of your module's __init__, before creating any layer"),
    (r"cannot assign parameters? before Module\.__init__\(\) call",
     "call super().__init__() as the first line of your module's __init__, before creating any parameter"),
    (r"mat1 and mat2 shapes cannot be multiplied \((\d+)x(\d+) and (\d+)x(\d+)\)", _shapes),
    (r"expected scalar type Long|expected target dtype to be Long|Expected .*Long.* but (got|found) Float",
     "class labels must be integers (torch.long): convert them with labels.long(), "
     "not floats"),
    (r"must have the same dtype|expected scalar type (Float|Double) but found (Float|Double)|"
     r"expected m1 and m2 to have the same dtype|Input type \(.*\) and (weight|bias) type \(.*\) should be the same",
     "two tensors in one operation have different dtypes (e.g. float64 data into float32 weights): "
     "convert one, x.to(layer.weight.dtype), or x.float()"),
    (r"same device|is not on the expected device|Expected all tensors to be on the same device",
     "the tensors of one operation are on different devices: move the input to the model's device, "
     "x.to(next(model.parameters()).device)"),
    (r"element 0 of tensors does not require grad",
     "backward() found nothing to differentiate: the value was computed from tensors without "
     "requires_grad=True, or inside torch.no_grad(), or after .detach()/.item()"),
    (r"a leaf Variable that requires grad is being used in an in-place operation",
     "torch refuses to change a parameter in place while recording gradients: do the update "
     "inside `with torch.no_grad():`"),
    (r"cannot assign '[^']*' as parameter '[^']*' \(torch\.nn\.Parameter or None expected\)",
     "a registered parameter accepts only an nn.Parameter: wrap a copy, nn.Parameter(t.detach().clone()), "
     "or copy the values into the existing parameter under torch.no_grad()"),
)


def advise(message: str) -> str:
    """The advice line for an exception message, prefixed for the report, or "" if none is known."""
    for pattern, advice in TABLE:
        match = re.search(pattern, message)
        if match:
            return PREFIX + (advice if isinstance(advice, str) else advice(match))
    return ""
