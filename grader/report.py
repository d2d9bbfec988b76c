"""Rendering a :class:`~grader.results.Report` for people and for machines.

``text`` is for a student at a terminal: one line per exercise with a mark,
the failed checks underneath with their counterexample, a summary line.
``json`` is the contract of GRADER.md. The same report and seed always
render the same, timings aside.
"""

from __future__ import annotations

import json
import textwrap

import click

from grader.results import ExerciseResult, Report

MARKS = {
    "passed": ("✔", "green"),
    "failed": ("✘", "red"),
    "not_started": ("·", "bright_black"),
    "missing": ("?", "yellow"),
    "error": ("!", "red"),
    "timeout": ("⏱", "red"),
    "crashed": ("☠", "red"),
}
STATUS_WORDS = {
    "passed": "passed",
    "failed": "failed",
    "not_started": "not started",
    "missing": "file missing",
    "error": "error",
    "timeout": "timed out",
    "crashed": "crashed",
}


def _indent(text: str, prefix: str) -> str:
    return textwrap.indent(text, prefix, lambda line: True)


def exercise_text(result: ExerciseResult, color: bool) -> list[str]:
    mark, colour = MARKS[result.status]
    passed = sum(c.status == "passed" for c in result.checks)
    counts = f"{passed}/{len(result.checks)} checks" if result.checks else ""
    head = f"{mark} {result.id}  {result.title:<34} {STATUS_WORDS[result.status]:<12} {counts:>11}"
    lines = [click.style(head, fg=colour, bold=result.status != "not_started") if color else head]
    if result.message and result.status != "passed":
        lines.append(_indent(result.message, "    "))
    for check in result.checks:
        if check.status in ("passed", "skipped"):
            continue
        title = f"    ✘ {check.name}" if check.status == "failed" else f"    ! {check.name} (grader error)"
        lines.append(click.style(title, fg="red") if color else title)
        if check.counterexample:
            lines.append(_indent(f"smallest failing input: {check.counterexample}", "        "))
        if check.message:
            lines.append(_indent(check.message, "        "))
    if result.status in ("failed", "error"):
        lines.append(f"    stuck? grade hint {result.id}")
    return lines


def to_text(report: Report, color: bool = False) -> str:
    """The human report: a line per exercise, failures underneath, a summary."""
    lines = []
    for result in report.exercises:
        lines += exercise_text(result, color)
    lines.append("")
    lines.append(click.style(summary_line(report), bold=True) if color else summary_line(report))
    return "\n".join(lines) + "\n"


def summary_line(report: Report) -> str:
    done = sum(r.passed for r in report.exercises)
    return (f"{done}/{len(report.exercises)} passed · score {report.score:g}/{report.max_score:g} "
            f"· {report.device} · seed {report.seed}")


def to_json(report: Report, timings: bool = True) -> str:
    """The JSON report of GRADER.md."""
    return json.dumps(report.to_dict(timings=timings), indent=2) + "\n"


FORMATS = {
    "text": lambda report, color=False: to_text(report, color),
    "json": lambda report, color=False: to_json(report),
}
