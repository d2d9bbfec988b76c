"""What the student's code printed during one check, read back by file offset.

Beginners debug with ``print``. The worker sends everything the student's
code writes (stdout, stderr, and C-level writes alike) to one file in its
scratch folder, ``output.txt``, flushing each write; the grading process
notes the file's size before a check (before each example of a property)
and reads what was added after. Nothing crosses the worker's pipe for
this, so it needs no message of the worker protocol, and nothing read here
ever decides a verdict: it is only shown beside the check's message.
"""

from __future__ import annotations

from pathlib import Path
from typing import Callable

SHOWN_LINES = 12  # the last lines printed are shown, those nearest the failure
SHOWN_CHARS = 1500
CUT = "…\n"  # starts an output whose earlier lines were left out


class Printed:
    """The growing ``output.txt`` of one worker (nothing, without a scratch folder)."""

    def __init__(self, workdir: str | None, position: Callable[[], int | None] | None = None) -> None:
        self.path = Path(workdir) / "output.txt" if workdir else None
        self.position = position  # where the output stands, when not at the file's end (None)

    def offset(self) -> int:
        """How much has been written so far: where the next check's output starts."""
        position = self.position() if self.position else None
        if position is not None:
            return position
        try:
            return self.path.stat().st_size if self.path else 0
        except OSError:
            return 0

    def since(self, start: int) -> str:
        """What was printed from ``start`` on: its last :data:`SHOWN_LINES` lines, at most
        :data:`SHOWN_CHARS` characters, starting with :data:`CUT` if earlier lines were left out."""
        if self.path is None:
            return ""
        try:
            with self.path.open("rb") as handle:
                end = handle.seek(0, 2)
                begin = max(start, end - 4 * SHOWN_CHARS)  # enough bytes for the last lines
                handle.seek(begin)
                text = handle.read(end - begin).decode("utf-8", "replace")
        except OSError:
            return ""
        if not text.strip():
            return ""
        if begin > start:  # cut mid-line: drop the partial first line
            text = text.partition("\n")[2]
        lines = text.rstrip("\n").split("\n")
        kept = lines[-SHOWN_LINES:]
        while len("\n".join(kept)) > SHOWN_CHARS and len(kept) > 1:
            kept = kept[1:]
        shown = "\n".join(kept)[-SHOWN_CHARS:]
        return (CUT if begin > start or len(kept) < len(lines) else "") + shown
