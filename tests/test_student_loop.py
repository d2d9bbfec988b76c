"""The student's loop: ``grade init`` and ``grade watch`` driven by real file writes."""

from __future__ import annotations

import shutil
import subprocess
import sys
import threading
import time
from pathlib import Path

from grader import catalog
from grader.cli import main
from tests.conftest import ROOT

GRADE = str(Path(sys.executable).parent / "grade")


class Output:
    """Collects a process's output in the background so a test can wait for text."""

    def __init__(self, process: subprocess.Popen) -> None:
        self.text = ""
        self.thread = threading.Thread(target=self._read, args=(process,), daemon=True)
        self.thread.start()

    def _read(self, process: subprocess.Popen) -> None:
        for line in process.stdout:
            self.text += line

    def wait_for(self, needle: str, timeout: float = 60) -> None:
        deadline = time.monotonic() + timeout
        while needle not in self.text:
            assert time.monotonic() < deadline, f"never saw {needle!r} in:\n{self.text}"
            time.sleep(0.1)


def test_init_writes_every_stub_and_keeps_existing_work(tmp_path, capsys):
    assert main(["init", str(tmp_path / "course")]) == 0
    exercises = tmp_path / "course" / "exercises"
    assert sorted(p.name for p in exercises.glob("exercise_*.py")) == sorted(e.filename for e in catalog.exercises())
    assert ".torchkata/" in (tmp_path / "course" / ".gitignore").read_text()
    mine = exercises / "exercise_03_one_hot.py"
    mine.write_text("# my work\n")
    assert main(["init", str(tmp_path / "course")]) == 0
    assert mine.read_text() == "# my work\n"
    assert f"kept your existing {len(catalog.exercises())} file(s)" in capsys.readouterr().out


def test_watch_regrades_on_save_moves_on_when_green_and_quits_on_q(tmp_path):
    folder = tmp_path / "exercises"
    folder.mkdir()
    target = folder / "exercise_03_one_hot.py"
    shutil.copy(ROOT / "exercises" / target.name, target)
    process = subprocess.Popen([GRADE, "watch", "3", "--submission", str(folder), "--examples", "10"],
                               stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                               text=True, cwd=tmp_path)
    output = Output(process)
    try:
        output.wait_for("not started")
        time.sleep(1)  # let the watcher settle before the save
        target.write_text((ROOT / "solutions" / target.name).read_text())
        output.wait_for("exercise-03 passes. Next:")
        process.stdin.write("q\n")
        process.stdin.flush()
        assert process.wait(timeout=30) == 0
    finally:
        process.kill()
    output.thread.join(timeout=5)
    assert "bye" in output.text
    assert "Traceback" not in output.text
