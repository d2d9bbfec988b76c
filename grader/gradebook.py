"""What ``grade batch`` tells an instructor: a gradebook that says why, and a summary to teach from.

The CSV has a row per submission: its score, each exercise's score, and each
exercise's status (passed, failed, not_started, missing, error, timeout,
crashed), so a missing file, a syntax error and a timeout are told apart
without opening a JSON report. The summary counts those statuses per
exercise and lists the checks that failed in most submissions: the
misconceptions worth teaching again.
"""

from __future__ import annotations

import csv
import io
import statistics
from collections import Counter
from typing import TYPE_CHECKING, Iterator

from grader import catalog
from grader.results import EXERCISE_STATUSES

if TYPE_CHECKING:
    from grader.batch import Graded

MOST_FAILED = 5  # checks listed in the summary


def status_column(exercise_id: str) -> str:
    return f"{exercise_id} status"


def gradebook_csv(graded: list[Graded]) -> str:
    """submission, score, max_score, each exercise's score, then each exercise's status."""
    ids = [e.id for e in catalog.entries()]
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["submission", "score", "max_score", *ids, *map(status_column, ids)])
    for item in graded:
        found = {e.id: e for e in item.report.exercises}
        writer.writerow([item.name, f"{item.report.score:g}", f"{item.report.max_score:g}",
                         *(f"{found[i].score:g}" if i in found else "0" for i in ids),
                         *(found[i].status if i in found else "" for i in ids)])
    return out.getvalue()


def status_counts(graded: list[Graded], exercise_id: str) -> Counter:
    """How many submissions ended in each status for one exercise."""
    return Counter(e.status for g in graded for e in g.report.exercises if e.id == exercise_id)


def most_failed_checks(graded: list[Graded], limit: int = MOST_FAILED) -> list[tuple[int, str, str]]:
    """(submissions, exercise id, check name) for the checks failed by most submissions, most first."""
    failed = Counter((e.id, c.name) for g in graded for e in g.report.exercises for c in e.checks
                     if c.status == "failed")
    order = {e.id: n for n, e in enumerate(catalog.entries())}
    ranked = sorted(failed.items(), key=lambda item: (-item[1], order.get(item[0][0], 0)))
    return [(count, exercise, check) for (exercise, check), count in ranked[:limit]]


def summary(graded: list[Graded]) -> Iterator[str]:
    """Mean score, statuses per exercise, the most-failed checks, the slowest submissions."""
    if not graded:
        yield "no submissions found"
        return
    scores = [g.report.score for g in graded]
    top = max(g.report.max_score for g in graded)
    yield f"{len(graded)} submissions · mean score {statistics.mean(scores):.2f}/{top:g}"
    for info in catalog.infos():
        counts = status_counts(graded, info.id)
        spread = " · ".join(f"{counts[s]} {s.replace('_', ' ')}" for s in EXERCISE_STATUSES if counts[s])
        yield f"  {info.id}  {info.title:<34} {spread}"
    failed = most_failed_checks(graded)
    if failed:
        yield "checks failed by most submissions (worth teaching again):"
        for count, exercise, check in failed:
            yield f"  {count}/{len(graded)}  {exercise} · {check}"
    slowest = sorted(graded, key=lambda g: g.seconds, reverse=True)[:3]
    yield "slowest: " + ", ".join(f"{g.name} ({g.seconds:.1f}s)" for g in slowest)
