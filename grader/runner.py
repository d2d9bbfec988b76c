"""Grading one exercise: from a student's file to an :class:`ExerciseResult`.

The order is the order of cost and of trust: the file's presence, its syntax
and whether it is still the stub are read statically; forbidden names are
scanned statically; only then is a worker started to import the file, and
the exercise's checks run here, in the grading process, calling probes in
the worker for the student's side and locally for the reference's.
"""

from __future__ import annotations

import dataclasses
import importlib.util
import os
import secrets
import shutil
import sys
import tempfile
import time
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from types import ModuleType
from typing import Any, Callable

from grader import catalog, discovery, notebook_submission, replay, source, wire
from grader.exercise import Check, CheckFailure, Context, Exercise, Outcome
from grader.probes import BUILTIN_PROBES, ProbeSide, describe_request, outcome, raised_from, run_probe
from grader.printed import Printed
from grader.results import CheckResult, ExerciseResult
from grader.worker import WorkerConfig, WorkerCrashed, WorkerGone, WorkerProcess

# Generated examples per property, beside the @example traps that always
# run. The test suite grades at this number, so every wrong implementation
# under tests/submissions is proved caught at the default.
DEFAULT_EXAMPLES = 15
DEFAULT_TIMEOUT = 60.0
DEFAULT_MEMORY_LIMIT_MB = 4096


def default_memory_limit_mb(jobs: int) -> int:
    """The per-worker memory cap when ``jobs`` workers may run at once.

    4 GB each, but never more than half of the machine's memory shared
    among them, so that ``--jobs`` on a many-core, little-memory machine
    cannot add up to more memory than there is.
    """
    try:
        total_mb = os.sysconf("SC_PHYS_PAGES") * os.sysconf("SC_PAGE_SIZE") // (1024 * 1024)
    except (AttributeError, ValueError, OSError):
        return DEFAULT_MEMORY_LIMIT_MB
    return max(256, min(DEFAULT_MEMORY_LIMIT_MB, total_mb // (2 * max(1, jobs))))


FORBIDDEN_CHECK = "uses no forbidden names"


@dataclass(frozen=True)
class Settings:
    device: str = "cpu"
    seed: int = 0
    examples: int = DEFAULT_EXAMPLES
    timeout: float = DEFAULT_TIMEOUT
    memory_limit_mb: int = DEFAULT_MEMORY_LIMIT_MB
    data_root: str | None = None
    only: tuple[str, ...] = ()  # run just the checks of these names (all when empty)
    show_output: bool = False  # keep what the student's code printed for passing checks too
    replay: bool = True  # grade from recorded examples where a check passes (grader.replay)


class ReferenceSide(ProbeSide):
    """The reference solution, run in this (trusted) process through the same probes.

    The reference is imported when first run: grading by replay answers from
    recordings and never runs it (exercise 14's imports torchvision).
    """

    def __init__(self, exercise: Exercise, device: str) -> None:
        self.filename = exercise.filename
        self.probes = {**BUILTIN_PROBES, **exercise.probes}
        self.device = device

    @property
    def module(self) -> ModuleType:
        return load_reference(self.filename)

    def probe(self, name: str, **data: Any) -> Outcome:
        decoded = wire.decode(wire.encode(data))
        return outcome(run_probe(self.probes[name], self.module, self.device, decoded, self.module.__file__))


class StudentSide(ProbeSide):
    """The student's code, reached through the worker process."""

    def __init__(self, worker: WorkerProcess, probes: dict[str, Callable] | None = None) -> None:
        self.worker = worker
        self.probes = probes or {}  # the exercise's probes, whose docstrings say what a timed-out step ran

    def probe(self, name: str, **data: Any) -> Outcome:
        return outcome(self.worker.request(name, data, running=lambda: describe_request(name, data, self.probes)))

    def restart(self) -> WorkerProcess:
        """A fresh worker for the same file, within the same time limit (for :mod:`grader.replay`)."""
        self.worker.close()
        self.worker = WorkerProcess(self.worker.config, self.worker.deadline)
        if self.worker.handshake() is not None:
            raise WorkerCrashed("importing your file failed when it was imported again: "
                                "does it depend on the time or on chance?")
        return self.worker


@lru_cache(maxsize=None)
def load_reference(filename: str) -> ModuleType:
    """Import a reference solution by path, under a private module name."""
    path = catalog.SOLUTIONS_DIR / filename
    name = f"_torchkata_reference_{path.stem}"
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


def _first_failure(error: BaseException) -> CheckFailure | None:
    if isinstance(error, CheckFailure):
        return error
    if isinstance(error, BaseExceptionGroup):
        for inner in error.exceptions:
            found = _first_failure(inner)
            if found:
                return found
    return None


def run_check(check: Check, ctx: Context, settings: Settings) -> CheckResult:
    """Run one check; a failure carries the smallest example hypothesis found, and what the
    student's code printed while running it (hypothesis runs the failing example last)."""
    # Live grading going on from a replay reads the output as it stood then (replay._Resumed).
    printed = Printed(ctx.workdir, getattr(ctx.student, "output_position", None))
    started = printed.offset()
    last: dict[str, Any] = {"printed_from": started}
    if check.strategy is None:
        test = lambda: check.fn(ctx)  # noqa: E731
    else:
        def property_test(example: Any) -> None:
            last["example"] = example
            last["printed_from"] = printed.offset()
            check.fn(ctx, example)

        test = replay.hypothesis_test(check, settings, property_test)
    try:
        test()
    except (WorkerGone, KeyboardInterrupt):  # the worker is gone, or the user pressed Ctrl-C
        raise
    except BaseException as error:  # CheckFailure, a flaky group, or a bug in a check
        failure = _first_failure(error)
        counterexample = str(last["example"]) if "example" in last else ""
        # hypothesis hands a trap (an explicit example) over as the very object and never shrinks it
        origin = "" if not counterexample else (
            "trap" if any(last["example"] is trap for trap in check.examples) else "shrunk")
        output = printed.since(last["printed_from"])
        if failure is None:
            message = f"the grader could not run this check ({type(error).__name__}: {error})"
            return CheckResult(check.name, "error", message, counterexample, check.kind, output,
                               counterexample_origin=origin)
        message = failure.message
        if isinstance(error, BaseExceptionGroup):
            message = "your function gave different results for the same input\n" + message
        return CheckResult(check.name, "failed", message, counterexample, check.kind, output,
                           counterexample_origin=origin)
    output = printed.since(started) if settings.show_output else ""
    return CheckResult(check.name, "passed", kind=check.kind, output=output)


def selected_checks(exercise: Exercise, settings: Settings) -> list[Check]:
    """The checks of ``exercise`` that ``settings`` asks for (``--check``), in order: all by default."""
    return [c for c in exercise.checks if not settings.only or c.name in settings.only]


def check_names(exercise: Exercise) -> list[str]:
    """Every check of ``exercise`` by name, in the order they run."""
    return ([FORBIDDEN_CHECK] if exercise.forbidden else []) + [c.name for c in exercise.checks]


def _forbidden_check(exercise: Exercise, tree, calls: list[tuple[str, str]] = ()) -> CheckResult | None:
    """The static scan's verdict, with ``calls`` -- ``(name, rule)`` the worker's tripwires saw
    the student's code call (:mod:`grader.tripwires`) -- added where the scan did not name them."""
    if not exercise.forbidden:
        return None
    uses = source.forbidden_uses(tree, exercise.forbidden)
    spelled = {use.name for use in uses}
    unspelled = [(name, rule) for name, rule in calls if name not in spelled]
    if not uses and not unspelled:
        return CheckResult(FORBIDDEN_CHECK, "passed", kind="hygiene")
    names = list(dict.fromkeys([use.name for use in uses] + [name for name, _ in unspelled]))
    lines = [f"this exercise asks you to write it yourself, without {', '.join(names)}"]
    lines += [str(use) for use in uses]
    lines += [f"your code called {name} at run time (forbidden: {rule}), reached without writing its name: "
              "through getattr, importlib or a reference saved earlier" for name, rule in unspelled]
    return CheckResult(FORBIDDEN_CHECK, "failed", "\n".join(lines), kind="hygiene")


def _forbidden_calls(student: StudentSide) -> list[tuple[str, str]]:
    """What the worker's tripwires recorded, checked to be the plain data they send."""
    from grader import tripwires

    try:
        outcome = student.probe(tripwires.PROBE)
    except CheckFailure:  # the reply was not the plain data the probe sends: tampered with
        outcome = None
    calls = None if outcome is None or outcome.raised else outcome.observed.get("calls")
    if type(calls) is not list or not all(type(c) is list and len(c) == 2 and all(type(p) is str for p in c)
                                          for c in calls):
        return [("(unknown)", "the record of forbidden calls was tampered with")]
    return [(name[:200], rule[:200]) for name, rule in calls[:tripwires.MAX_RECORDED]]


def _report_missing(result: ExerciseResult, exercise: Exercise, missing: list[str]) -> None:
    """Say once that the file does not define a function of the task.

    Every check that calls it fails the same way; such a check never tested
    its property, so it is marked skipped (with why) instead of repeating
    the same error under names that have nothing to do with it.
    """
    if not missing:
        return
    result.message = (f"your file does not define {', '.join(missing)} (the task asks for "
                      f"{', '.join(exercise.functions)}): the checks that need it did not run")
    for index, check in enumerate(result.checks):
        lacks = [name for name in missing if f"does not define `{name}`" in check.message
                 or f"has no attribute '{name}'" in check.message]
        if check.status == "failed" and lacks:
            result.checks[index] = dataclasses.replace(
                check, status="skipped", message=f"not run: it needs {lacks[0]}, which your file does not define",
                counterexample="", counterexample_origin="")


def _output_tail(workdir: Path, limit: int = 2000) -> str:
    path = workdir / "output.txt"
    try:
        with path.open("rb") as handle:
            size = handle.seek(0, 2)
            handle.seek(max(0, size - limit))
            tail = handle.read().decode("utf-8", "replace")
    except OSError:
        return ""
    return ("..." if size > limit else "") + tail


def _finish(result: ExerciseResult, started: float) -> ExerciseResult:
    result.duration_s = time.monotonic() - started
    if result.status == "passed":
        result.score = result.max_score
    return result


def grade_exercise(exercise: Exercise, folder: Path, settings: Settings) -> ExerciseResult:
    """Grade one exercise of the submission in ``folder`` (its ``.py`` file, else a notebook)."""
    notebook = notebook_submission.find(exercise, folder)
    if notebook is not None:
        return notebook_submission.grade(exercise, notebook, settings)
    started = time.monotonic()
    result = ExerciseResult(exercise.id, exercise.title, "failed")
    path = folder / exercise.filename
    if not path.is_file():
        result.status, result.message = "missing", discovery.missing(exercise.filename, folder)
        return _finish(result, started)
    try:
        tree = source.parse(path)
    except source.StudentSyntaxError as exc:
        result.status, result.message = "error", str(exc)
        return _finish(result, started)
    if source.is_untouched_stub(tree):
        result.status = "not_started"
        result.message = f"every function in {exercise.filename} still raises NotImplementedError"
        return _finish(result, started)
    forbidden = _forbidden_check(exercise, tree)
    if forbidden and (not settings.only or FORBIDDEN_CHECK in settings.only):
        result.checks.append(forbidden)
    checks = selected_checks(exercise, settings)
    if settings.only and not checks and not result.checks:
        raise ValueError(f"{exercise.id} has no check named {', '.join(settings.only)}")

    workdir = Path(tempfile.mkdtemp(prefix="torchkata-"))
    timeout = exercise.timeout or settings.timeout
    config = WorkerConfig(
        student_path=str(path.resolve()),
        checks_module=catalog.checks_module_name(exercise),
        device=settings.device,
        workdir=str(workdir),
        memory_limit_mb=settings.memory_limit_mb,
        token=secrets.token_hex(16),
        hidden=tuple(str(p) for p in catalog.PRIVATE_PATHS),
        readable=(settings.data_root,) if settings.data_root else (),
    )
    student = StudentSide(WorkerProcess(config, time.monotonic() + timeout), exercise.probes)
    try:
        import_error = student.worker.handshake()
        if import_error:
            raised = raised_from(import_error)
            result.status = "error"
            result.message = f"importing {exercise.filename} failed: {raised.describe()}"
            return _finish(result, started)
        ctx = Context(student, ReferenceSide(exercise, settings.device), settings.device,
                      settings.data_root, str(workdir))
        checker = replay.Replayer(exercise, settings, ctx, student.worker,
                                  lambda check, on: run_check(check, on, settings), student.restart)
        # Run alone, the forbidden-names check still runs the code (results unshown) where the
        # scan found nothing: a forbidden call reached at run time trips only when the code runs.
        alone = forbidden is not None and result.checks == [forbidden] and not checks and forbidden.status == "passed"
        for check in exercise.checks if alone else checks:
            outcome = checker.run(check)
            if not alone:
                result.checks.append(outcome)
        # Forbidden calls are known only now that the code has run: the check keeps its place, first.
        at = next((i for i, c in enumerate(result.checks) if c.name == FORBIDDEN_CHECK), None)
        if at is not None:
            result.checks[at] = _forbidden_check(exercise, tree, _forbidden_calls(ctx.student))
        _report_missing(result, exercise, source.undefined(tree, exercise.functions))
    except WorkerGone as gone:
        result.status = gone.status
        output = _output_tail(workdir)
        result.message = str(gone) + (f"\nlast output of your code:\n{output}" if output.strip() else "")
        done = {c.name for c in result.checks}
        result.checks += [CheckResult(c.name, "skipped", kind=c.kind) for c in checks if c.name not in done]
        return _finish(result, started)
    finally:
        student.worker.close()
        shutil.rmtree(workdir, ignore_errors=True)
    result.status = "passed" if all(c.status == "passed" for c in result.checks) else "failed"
    return _finish(result, started)
