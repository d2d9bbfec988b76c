"""torchkata's grader: ``grade`` on the command line, ``check`` in a notebook."""

import os
from pathlib import Path
from typing import Any

__all__ = ["check"]

# Hypothesis keeps a cache (its Unicode tables) in ./.hypothesis of whatever
# folder grading runs in: a student's repository, an instructor's CI checkout.
# Keep it in the user's cache folder instead; workers inherit the setting.
os.environ.setdefault("HYPOTHESIS_STORAGE_DIRECTORY", str(
    Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "torchkata" / "hypothesis"))


def __getattr__(name: str) -> Any:
    # Lazy, so that `grade --help` and usage errors never pay for importing torch.
    if name == "check":
        from grader.notebook import check

        return check
    raise AttributeError(f"module 'grader' has no attribute {name!r}")
