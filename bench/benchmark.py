"""Benchmark: grading time as a ratio to the cost of ``import torch, hypothesis``.

Run from the repository root:  python bench/benchmark.py [--repeat 3] [--class-size 20]

Everything is measured in one run on the same machine, so the ratios hold
even where absolute seconds do not travel:

* the floor: ``python -c "import torch, hypothesis"``;
* ``grade run exercise-03`` on the reference solution (a student's run);
* ``grade run --all --submission solutions`` (every exercise, every check);
* ``grade batch`` over a generated class (throughput in submissions/minute);
* a submission whose one function never returns: what it costs beyond the
  reference's run;
* the batch's peak memory, summed over its whole process tree (Linux).

The first grading run records every check's examples (:mod:`grader.replay`)
into a fresh cache folder, as a course's first run does; it is reported on
its own line ("cold"), and the medians are of the runs after it.

The class is generated deterministically: each student's file for each
exercise is the reference, the untouched stub, or one of the wrong
implementations under tests/submissions, as a real class would be.
"""

from __future__ import annotations

import argparse
import os
import platform
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent


def timed(command: list[str], repeat: int, ok: tuple[int, ...] = (0, 1)) -> float:
    """Median wall-clock seconds of ``command`` over ``repeat`` runs; other exit codes than ``ok`` stop."""
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        done = subprocess.run(command, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        times.append(time.perf_counter() - started)
        if done.returncode not in ok:
            raise SystemExit(f"{' '.join(command)} failed ({done.returncode}):\n{done.stderr}")
    return statistics.median(times)


def _tree_pss_mb(root: int) -> float:
    """The proportional set size of ``root`` and all its descendants, in MB (Linux /proc)."""
    children: dict[int, list[int]] = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        children.setdefault(int(fields[1]), []).append(int(stat.parent.name))
    total, todo = 0, [root]
    while todo:
        pid = todo.pop()
        todo += children.get(pid, [])
        try:
            rollup = Path(f"/proc/{pid}/smaps_rollup").read_text()
        except OSError:
            continue
        total += sum(int(line.split()[1]) for line in rollup.splitlines() if line.startswith("Pss:"))
    return total / 1024


def peak_memory(command: list[str]) -> tuple[float, float]:
    """(seconds, peak PSS in MB of the whole process tree) of one run of ``command``.

    PSS splits each shared page (torch's libraries, mapped by every process)
    among the processes that map it, so the sum is what the tree really uses.
    """
    started = time.perf_counter()
    process = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    peak = 0.0
    while process.poll() is None:
        peak = max(peak, _tree_pss_mb(process.pid))
        time.sleep(0.25)
    return time.perf_counter() - started, peak


def make_class(folder: Path, size: int) -> None:
    """``size`` submissions mixing references, stubs and wrong implementations."""
    stubs = sorted((ROOT / "exercises").glob("exercise_[0-9][0-9]_*.py"))
    for student in range(size):
        rng = random.Random(student)
        target = folder / f"student_{student:02d}"
        target.mkdir(parents=True)
        for stub in stubs:
            wrong = sorted((ROOT / "tests" / "submissions" / stub.name[:11]).glob("wrong_*.py"))
            choice = rng.random()
            if choice < 0.5:
                source = ROOT / "solutions" / stub.name
            elif choice < 0.75 or not wrong:
                source = stub
            else:
                source = rng.choice(wrong)
            shutil.copy(source, target / stub.name)


def instant_commands(grade: str, python: str, floor: float, repeat: int) -> None:
    """Print what the commands that grade nothing cost, against ``python -c pass`` and the floor.

    ``grade list``, ``show``, ``hint``, ``init``, ``--help`` and usage errors
    import no torch, so each should cost a few bare interpreter starts, a
    small fraction of the floor.
    """
    bare = timed([python, "-c", "pass"], repeat)
    with tempfile.TemporaryDirectory() as scratch:
        commands = [
            ("grade --help", [grade, "--help"]),
            ("grade list", [grade, "list"]),
            ("grade show exercise-03", [grade, "show", "exercise-03"]),
            ("grade hint exercise-03", [grade, "hint", "exercise-03", "--submission", scratch]),
            ("grade init DIR", [grade, "init", str(Path(scratch) / "course")]),
            ("grade run 03 (usage error: no folder)", [grade, "run", "03", "--submission", str(Path(scratch) / "x")]),
        ]
        rows = [(name, timed(command, repeat, ok=(0, 2))) for name, command in commands]
    print(f"{'instant command':<44} {'median s':>9} {'× pass':>8} {'× floor':>8}")
    print(f"{'python -c pass':<44} {bare:>9.3f} {1:>8.1f} {bare / floor:>8.3f}")
    print(f"{'import torch, hypothesis (the floor)':<44} {floor:>9.3f} {floor / bare:>8.1f} {1:>8.3f}")
    for name, seconds in rows:
        print(f"{name:<44} {seconds:>9.3f} {seconds / bare:>8.1f} {seconds / floor:>8.3f}")


HANGING = "def one_hot(labels, num_classes=None):\n    while True:\n        pass\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--class-size", type=int, default=20)
    parser.add_argument("--instant", action="store_true", help="Only the commands that grade nothing.")
    args = parser.parse_args()
    grade = str(BIN / "grade")
    python = sys.executable

    print(f"machine: {platform.node()} · {platform.processor() or platform.machine()} · "
          f"{os.cpu_count()} cores · Python {platform.python_version()}")
    floor = timed([python, "-c", "import torch, hypothesis"], args.repeat)
    instant_commands(grade, python, floor, args.repeat)
    if args.instant:
        return
    cache = tempfile.mkdtemp(prefix="torchkata-bench-cache-")
    os.environ["TORCHKATA_CACHE"] = cache  # a fresh cache: the first run records, as a course's does
    one_cold = timed([grade, "run", "exercise-03", "--submission", "solutions"], 1)
    one = timed([grade, "run", "exercise-03", "--submission", "solutions"], args.repeat)
    everything_cold = timed([grade, "run", "--all", "--submission", "solutions"], 1)
    everything = timed([grade, "run", "--all", "--submission", "solutions"], args.repeat)
    with tempfile.TemporaryDirectory() as scratch:
        hanging = Path(scratch) / "hanging"
        hanging.mkdir()
        (hanging / "exercise_03_one_hot.py").write_text(HANGING)
        hang = timed([grade, "run", "exercise-03", "--submission", str(hanging)], args.repeat)
        make_class(Path(scratch) / "class", args.class_size)
        batch = timed([grade, "batch", str(Path(scratch) / "class"), "--output", os.devnull],
                      max(1, args.repeat // 2))
        sampled, peak = (peak_memory([grade, "batch", str(Path(scratch) / "class"), "--output", os.devnull])
                         if Path("/proc/self/smaps_rollup").exists() else (0.0, 0.0))
    shutil.rmtree(cache, ignore_errors=True)
    rows = [
        ("import torch, hypothesis (the floor)", floor, ""),
        ("grade run exercise-03, cold cache", one_cold, ""),
        ("grade run exercise-03", one, ""),
        ("grade run --all --submission solutions, cold", everything_cold, ""),
        ("grade run --all --submission solutions", everything, ""),
        (f"grade batch, {args.class_size} submissions", batch,
         f"{args.class_size / batch * 60:.1f} submissions/minute"),
        ("exercise-03, a function that never returns", hang, f"+{hang - one:.1f} s over the reference"),
    ]
    if peak:
        rows.append(("grade batch again, sampling its memory", sampled, f"peak {peak / 1024:.1f} GB PSS"))
    print(f"{'what':<44} {'median s':>9} {'× floor':>8}")
    for name, seconds, extra in rows:
        print(f"{name:<44} {seconds:>9.2f} {seconds / floor:>8.2f}  {extra}")


if __name__ == "__main__":
    main()
