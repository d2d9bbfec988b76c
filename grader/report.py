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
from grader.results import POINT_DIGITS, ExerciseResult, Report

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


def points(score: float | None, max_score: float | None) -> str:
    """``2.5/5 pts``, or "" for what carries no points of its own."""
    return "" if max_score is None else f"{score:g}/{max_score:g} pts"


def _exercise_points(result: ExerciseResult) -> str:
    """The exercise's points, shown only where a policy makes them more than 1 for a pass."""
    default = result.credit == "all-or-nothing" and result.max_score == 1
    return "" if default else "  " + points(result.score, result.max_score)


def exercise_text(result: ExerciseResult, color: bool) -> list[str]:
    mark, colour = MARKS[result.status]
    passed = sum(c.status == "passed" for c in result.checks)
    # An exercise whose file did not load ran no check of the student's code: no count to show.
    counts = f"{passed}/{len(result.checks)} checks" if result.checks and result.status != "error" else ""
    head = f"{mark} {result.id}  {result.title:<34} {STATUS_WORDS[result.status]:<12} {counts:>11}"
    head += _exercise_points(result)
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
        if check.max_score is not None:
            title += f"  [{points(check.score, check.max_score)}]"
        lines.append(click.style(title, fg="red") if color else title)
        if check.counterexample:
            lines.append(_indent(example_text(check), "        "))
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
            f"· {report.device} · seed {report.seed}" + (f" · policy {report.policy}" if report.policy else ""))


def to_json(report: Report, timings: bool = True) -> str:
    """The JSON report of GRADER.md; each check's ``output`` only with ``--show-output``."""
    return json.dumps(report.to_dict(timings=timings, output=report.show_output), indent=2) + "\n"


EXAMPLE_LABELS = {"shrunk": "smallest failing input", "trap": "failing input (a known trap)"}


def example_text(check) -> str:
    """The failing input under a label that says what it is.

    "smallest" only for an input hypothesis drew and shrank; a trap is tried
    as written. A counterexample of several lines is code that builds the
    input (a seed, a model, then the call), so it is labelled as code, not
    as an input whose first line is a setup line.
    """
    label = EXAMPLE_LABELS.get(check.counterexample_origin, "failing input")
    if "\n" in check.counterexample:
        return f"{label}, as the code that builds it:\n" + _indent(check.counterexample, "  ")
    return f"{label}: {check.counterexample}"


def _failure_text(check) -> str:
    lines = [check.message]
    if check.counterexample:
        lines.insert(0, example_text(check))
    return "\n".join(line for line in lines if line)


def _junit_properties(parent, **values: str) -> None:
    """Points as JUnit ``<property>`` elements: where CI test reports keep extra data."""
    import xml.etree.ElementTree as ET

    properties = ET.SubElement(parent, "properties")
    for name, value in values.items():
        ET.SubElement(properties, "property", name=name, value=value)


def to_junit(report: Report) -> str:
    """JUnit XML: a testsuite per exercise, a testcase per check.

    A failed check is a ``<failure>`` carrying the student's message; an
    exercise that errored, timed out or crashed gets an ``<error>`` testcase;
    one not started or missing a ``<failure>``, so CI shows it red. Points
    are ``<property>`` s: each suite's score, max_score and credit rule, and
    under partial credit each testcase's score and max_score.
    """
    import xml.etree.ElementTree as ET

    root = ET.Element("testsuites", name="torchkata")
    totals = {"tests": 0, "failures": 0, "errors": 0, "skipped": 0}
    for result in report.exercises:
        suite = ET.SubElement(root, "testsuite", name=f"{result.id} {result.title}",
                              time=f"{result.duration_s:.3f}")
        _junit_properties(suite, score=f"{result.score:g}", max_score=f"{result.max_score:g}", credit=result.credit)
        counts = {"tests": 0, "failures": 0, "errors": 0, "skipped": 0}
        for check in result.checks:
            case = ET.SubElement(suite, "testcase", classname=result.id, name=check.name, time="0")
            if check.max_score is not None:
                _junit_properties(case, score=f"{check.score:g}", max_score=f"{check.max_score:g}")
            counts["tests"] += 1
            if check.status == "failed":
                counts["failures"] += 1
                # the explanation's first line: the last one may be a traceback's
                summary = check.message.strip().splitlines()[0] if check.message.strip() else "failed"
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


def _scored_check(result: ExerciseResult, check) -> dict:
    """One check as a scored test with its points, so a student sees which check cost what."""
    lines = [f"{STATUS_WORDS[result.status]}: {result.message}"] if check.status == "skipped" else []
    lines += [_failure_text(check)] if check.status in ("failed", "error") else []
    lines += [printed(check.output)] if check.output else []
    return {
        "name": f"{result.id} · {check.name}",
        "score": check.score,
        "max_score": check.max_score,
        "status": "passed" if check.status == "passed" and check.score == check.max_score else "failed",
        "output": "\n".join(lines),
    }


def scored_tests(report: Report) -> list[dict]:
    """The report as scored tests (name, score, max_score, status, output), adding up to its score.

    Under partial credit one test per check, with its points; an exercise
    that ran no check (missing, not started, not importable) and one graded
    all or nothing are one test each, whose output lists the failed checks.
    """
    tests = []
    for result in report.exercises:
        if result.credit == "partial" and result.checks:
            tests += [_scored_check(result, check) for check in result.checks]
            continue
        output = "\n".join(exercise_text(result, color=False))
        tests.append({
            "name": f"{result.id} · {result.title}",
            "score": result.score,
            "max_score": result.max_score,
            "status": "passed" if result.passed else "failed",
            "output": output,
        })
    return tests


def to_gradescope(report: Report) -> str:
    """Gradescope's ``results.json``: :func:`scored_tests`, scores adding up to the report's."""
    results = {
        "score": round(report.score, POINT_DIGITS),
        "execution_time": round(sum(r.duration_s for r in report.exercises), 3),
        "output": summary_line(report),
        "stdout_visibility": "visible",
        "tests": scored_tests(report),
    }
    return json.dumps(results, indent=2, ensure_ascii=False) + "\n"


def to_classroom(report: Report) -> str:
    """GitHub Classroom's autograding result: :func:`scored_tests` as the payload that
    ``classroom-resources/autograding-grading-reporter`` reads (base64-encoded, from
    ``<RUNNER>_RESULTS``) and whose test scores it sends to Classroom as the points."""
    tests = [{"name": test["name"], "status": "pass" if test["status"] == "passed" else "fail",
              "score": test["score"], "max_score": test["max_score"], "message": test["output"]}
             for test in scored_tests(report)]
    payload = {"version": 1, "status": "pass" if report.passed else "fail",
               "max_score": round(report.max_score, POINT_DIGITS), "tests": tests}
    return json.dumps(payload, indent=2, ensure_ascii=False) + "\n"


def to_markdown(report: Report) -> str:
    """A Markdown table for ``$GITHUB_STEP_SUMMARY``."""
    lines = ["### torchkata", "", "| exercise | status | checks | score |", "| --- | --- | --- | --- |"]
    for result in report.exercises:
        mark = MARKS[result.status][0]
        passed = sum(c.status == "passed" for c in result.checks)
        lines.append(f"| {result.id} {result.title} | {mark} {STATUS_WORDS[result.status]} "
                     f"| {passed}/{len(result.checks)} | {result.score:g}/{result.max_score:g} |")
    lost = [f"- {result.id} · {check.name}: {points(check.score, check.max_score)}"
            for result in report.exercises for check in result.checks
            if check.max_score is not None and check.score != check.max_score]
    if lost:
        lines += ["", "Checks that cost points:", *lost]
    lines += ["", f"**{summary_line(report)}**", ""]
    return "\n".join(lines)


FORMATS = {
    "text": lambda report: to_text(report),
    "json": to_json,
    "junit": to_junit,
    "gradescope": to_gradescope,
    "classroom": to_classroom,
}


def append_step_summary(report: Report) -> None:
    """On GitHub Actions, add the results table to the job's summary page."""
    path = os.environ.get("GITHUB_STEP_SUMMARY")
    if path:
        with open(path, "a", encoding="utf-8") as handle:
            handle.write(to_markdown(report) + "\n")
