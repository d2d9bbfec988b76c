"""torchkata's grader: ``grade`` on the command line, ``check`` in a notebook."""

from typing import Any

__all__ = ["check"]


def __getattr__(name: str) -> Any:
    # Lazy, so that `grade --help` and usage errors never pay for importing torch.
    if name == "check":
        from grader.notebook import check

        return check
    raise AttributeError(f"module 'grader' has no attribute {name!r}")
