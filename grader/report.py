"""Rendering a :class:`~grader.results.Report` for people and for machines.

``text`` is for a student at a terminal: one line per exercise with a mark,
the failed checks underneath with their counterexample, a summary line.
``json`` is the contract of GRADER.md. The same report and seed always
render the same, timings aside.
"""

from __future__ import annotations

import json
import os
import textwrap

import click

from grader.printed import CUT
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
    # An exercise whose file did not load ran no check of the student's code: no count to show.
    counts = f"{passed}/{len(result.checks)} checks" if result.checks and result.status != "error" else ""
    head = f"{mark} {result.id}  {result.title:<34} {STATUS_WORDS[result.status]:<12} {counts:>11}"
    lines = [click.style(head, fg=colour, bold=result.status != "not_started") if color else head]
    if result.message and result.status != "passed":
        lines.append(_indent(result.message, "    "))
    shown: dict[str, str] = {}  # a traceback already printed -> the check that printed it
    for check in result.checks:
        if check.status == "skipped" or (check.status == "passed" and not check.output):
            continue
        if check.status == "passed":  # listed only to show its output (--show-output)
            lines.append(f"    ✔ {check.name}")
            lines.append(_indent(printed(check.output), "        "))
            continue
        title = f"    ✘ {check.name}" if check.status == "failed" else f"    ! {check.name} (grader error)"
        lines.append(click.style(title, fg="red") if color else title)
        if check.counterexample:
            lines.append(_indent(f"smallest failing input: {check.counterexample}", "        "))
        if check.message:
            lines.append(_indent(_once(check, shown), "        "))
        if check.output:
            lines.append(_indent(printed(check.output), "        "))
    if result.status == "failed":  # a hint helps with a failing check, not with a file that does not load
        lines.append(f"    stuck? grade hint {result.id}")
    return lines


def printed_parts(output: str) -> tuple[str, str]:
    """The label for the student's own output (saying if earlier lines were cut) and the text."""
    if output.startswith(CUT):
        return "your code printed (its last lines):", output[len(CUT):].rstrip("\n")
    return "your code printed:", output.rstrip("\n")


def printed(output: str) -> str:
    """The student's own output under a label, each line behind a bar.

    The bar keeps a line their code printed (``expected 3``, ``Traceback``)
    from passing for one of the grader's own; the text is already capped by
    the runner.
    """
    label, text = printed_parts(output)
    return label + "\n" + _indent(text, "  │ ")


def _once(check, shown: dict[str, str]) -> str:
    """``check.message``, with a traceback that an earlier check already showed cut to one line.

    When the student's function raises, every check that calls it fails with
    the same traceback; printing it once and pointing back to it keeps the
    report short enough to read.
    """
    message = check.message
    head, _, traceback = message.partition("\n  File ")
    if not traceback:
        return message
    traceback = "  File " + traceback
    if traceback in shown:
        return f"{head}\n(the same traceback as under \"{shown[traceback]}\" above)"
    shown[traceback] = check.name
    return message


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
    """The JSON report of GRADER.md; each check's ``output`` only with ``--show-output``."""
    return json.dumps(report.to_dict(timings=timings, output=report.show_output), indent=2) + "\n"


def _failure_text(check) -> str:
    lines = [check.message]
    if check.counterexample:
        lines.insert(0, f"smallest failing input: {check.counterexample}")
    return "\n".join(line for line in lines if line)


def to_junit(report: Report) -> str:
    """JUnit XML: a testsuite per exercise, a testcase per check.

    A failed check is a ``<failure>`` carrying the student's message; an
    exercise that errored, timed out or crashed gets an ``<error>`` testcase;
    one not started or missing a ``<failure>``, so CI shows it red.
    """
    import xml.etree.ElementTree as ET

    root = ET.Element("testsuites", name="torchkata")
    totals = {"tests": 0, "failures": 0, "errors": 0, "skipped": 0}
    for result in report.exercises:
        suite = ET.SubElement(root, "testsuite", name=f"{result.id} {result.title}",
                              time=f"{result.duration_s:.3f}")
        counts = {"tests": 0, "failures": 0, "errors": 0, "skipped": 0}
        for check in result.checks:
            case = ET.SubElement(suite, "testcase", classname=result.id, name=check.name, time="0")
            counts["tests"] += 1
            if check.status == "failed":
                counts["failures"] += 1
                summary = check.message.strip().splitlines()[-1] if check.message.strip() else "failed"
                ET.SubElement(case, "failure", message=summary).text = _failure_text(check)
            elif check.status == "error":
                counts["errors"] += 1
                ET.SubElement(case, "error", message="grader error").text = check.message
            elif check.status == "skipped":
                counts["skipped"] += 1
                ET.SubElement(case, "skipped", message=f"not run: the exercise {STATUS_WORDS[result.status]}")
            if report.show_output and check.output:  # JUnit's own place for what the test printed
                ET.SubElement(case, "system-out").text = check.output
        if result.status not in ("passed", "failed"):
            case = ET.SubElement(suite, "testcase", classname=result.id, name=STATUS_WORDS[result.status])
            counts["tests"] += 1
            tag = "error" if result.status in ("error", "timeout", "crashed") else "failure"
            counts["errors" if tag == "error" else "failures"] += 1
            ET.SubElement(case, tag, message=STATUS_WORDS[result.status]).text = result.message
        for key, value in counts.items():
            suite.set(key, str(value))
            totals[key] += value
    for key, value in totals.items():
        root.set(key, str(value))
    ET.indent(root)
    return '<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"


def to_gradescope(report: Report) -> str:
    """Gradescope's ``results.json``: one test per exercise, scores adding up to the report's."""
    tests = []
    for result in report.exercises:
        output = "\n".join(exercise_text(result, color=False))
        tests.append({
            "name": f"{result.id} · {result.title}",
            "score": result.score,
            "max_score": result.max_score,
            "status": "passed" if result.passed else "failed",
            "output": output,
        })
    results = {
        "score": report.score,
        "execution_time": round(sum(r.duration_s for r in report.exercises), 3),
        "output": summary_line(report),
        "stdout_visibility": "visible",
        "tests": tests,
    }
    return json.dumps(results, indent=2, ensure_ascii=False) + "\n"


def to_markdown(report: Report) -> str:
    """A Markdown table for ``$GITHUB_STEP_SUMMARY``."""
    lines = ["### torchkata", "", "| exercise | status | checks | score |", "| --- | --- | --- | --- |"]
    for result in report.exercises:
        mark = MARKS[result.status][0]
        passed = sum(c.status == "passed" for c in result.checks)
        lines.append(f"| {result.id} {result.title} | {mark} {STATUS_WORDS[result.status]} "
                     f"| {passed}/{len(result.checks)} | {result.score:g}/{result.max_score:g} |")
    lines += ["", f"**{summary_line(report)}**", ""]
    return "\n".join(lines)


FORMATS = {
    "text": lambda report: to_text(report),
    "json": to_json,
    "junit": to_junit,
    "gradescope": to_gradescope,
}


def append_step_summary(report: Report) -> None:
    """On GitHub Actions, add the results table to the job's summary page."""
    path = os.environ.get("GITHUB_STEP_SUMMARY")
    if path:
        with open(path, "a", encoding="utf-8") as handle:
            handle.write(to_markdown(report) + "\n")
