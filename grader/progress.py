"""A student's progress, kept beside their files in ``.torchkata/state.json``.

It remembers the status of each exercise's last run (for ``grade list``)
and how many hints were shown (so ``grade hint`` reveals the next one). The
folder carries its own ``.gitignore`` so the state never ends up in a
student's commits. Progress is a convenience: a read-only or unwritable
submission folder (an instructor's CI checkout) simply keeps none.
"""

from __future__ import annotations

import json
from pathlib import Path

STATE_DIR = ".torchkata"


class Progress:
    def __init__(self, folder: Path) -> None:
        self.path = folder / STATE_DIR / "state.json"
        try:
            data = json.loads(self.path.read_text())
        except (OSError, ValueError):
            data = {}
        self.statuses: dict[str, str] = dict(data.get("statuses", {}))
        self.hints_shown: dict[str, int] = dict(data.get("hints_shown", {}))

    def save(self) -> None:
        try:
            self.path.parent.mkdir(exist_ok=True)
            (self.path.parent / ".gitignore").write_text("*\n")
            self.path.write_text(json.dumps({"statuses": self.statuses, "hints_shown": self.hints_shown},
                                            indent=2, sort_keys=True))
        except OSError:
            pass
