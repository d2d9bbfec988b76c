"""A grading policy: how many points each exercise is worth and how they are earned.

An instructor sets it without editing the package, in a TOML file
(``grade run --policy FILE``, or ``torchkata.toml`` in the working folder or
the submission's root)::

    [grading]                 # the defaults for every exercise
    points = 1                # per exercise
    credit = "all-or-nothing" # or "partial": points shared among the checks

    [exercises.exercise-03]   # any name grade run accepts: 03, one-hot, ...
    points = 10
    credit = "partial"

    [exercises.exercise-03.weights]   # partial only; an unlisted check weighs 1
    "matches F.one_hot" = 3

Under ``all-or-nothing`` (the default, 1 point each) an exercise earns its
points when every check passed, and its checks carry no points of their
own. Under ``partial`` each check is worth ``points * weight / total
weight`` of its exercise and earns it when it passed, so a report, a
gradebook and Gradescope can say which check cost the student what. A check
that could not run (an exercise that timed out midway) earns nothing, and
neither does any check of a file that failed "uses no forbidden names":
its other checks passed because of the forbidden call.

Every name in the file is validated against the catalog's record (no
torch import): an unknown exercise, an unknown check, an unknown key or a
value of the wrong kind is a :class:`PolicyError` naming it.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass, field
from pathlib import Path

from grader import catalog
from grader.results import POINT_DIGITS, ExerciseResult, Report

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - Python 3.10
    import tomli as tomllib

FILENAME = "torchkata.toml"
CREDITS = ("all-or-nothing", "partial")


class PolicyError(ValueError):
    """A policy file that cannot be used; the message names the file and what is wrong."""


@dataclass(frozen=True)
class ExercisePolicy:
    points: float = 1.0
    credit: str = "all-or-nothing"
    weights: dict[str, float] = field(default_factory=dict)  # check name -> weight (partial credit)


@dataclass(frozen=True)
class Policy:
    """Per-exercise rules; ``source`` is the file they came from ("" for the built-in default)."""

    default: ExercisePolicy = ExercisePolicy()
    exercises: dict[str, ExercisePolicy] = field(default_factory=dict)
    source: str = ""

    def rule(self, exercise_id: str) -> ExercisePolicy:
        return self.exercises.get(exercise_id, self.default)


DEFAULT = Policy()


def _number(value: object, where: str) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)) or value < 0:
        raise PolicyError(f"{where} must be a number of 0 or more, not {value!r}")
    return float(value)


def _known_keys(table: dict, allowed: tuple[str, ...], where: str) -> None:
    unknown = [key for key in table if key not in allowed]
    if unknown:
        raise PolicyError(f"{where} has no setting {unknown[0]!r} (settings: {', '.join(allowed)})")


def _exercise_rule(table: object, base: ExercisePolicy, where: str, checks: tuple[str, ...] = ()) -> ExercisePolicy:
    """One ``[grading]`` or ``[exercises.X]`` table on top of ``base``; ``checks`` names X's checks."""
    if not isinstance(table, dict):
        raise PolicyError(f"{where} must be a table")
    _known_keys(table, ("points", "credit", "weights") if checks else ("points", "credit"), where)
    points = _number(table.get("points", base.points), f"{where}.points")
    credit = table.get("credit", base.credit)
    if credit not in CREDITS:
        raise PolicyError(f"{where}.credit must be one of {', '.join(CREDITS)}, not {credit!r}")
    weights = table.get("weights", {})
    if not isinstance(weights, dict):
        raise PolicyError(f"{where}.weights must be a table of check name = weight")
    unknown = [name for name in weights if name not in checks]
    if unknown:
        raise PolicyError(f"{where}.weights: no check named {unknown[0]!r}. Its checks: " + "; ".join(checks))
    weights = {name: _number(value, f"{where}.weights.{name!r}") for name, value in weights.items()}
    if weights and credit != "partial":
        raise PolicyError(f"{where}.weights apply to partial credit: set credit = \"partial\"")
    if credit == "partial" and checks and not any(weights.get(name, 1.0) for name in checks):
        raise PolicyError(f"{where}.weights: every check weighs 0, so no point can be earned")
    return ExercisePolicy(points, credit, weights)


def parse(text: str, source: str) -> Policy:
    """The policy in TOML ``text``; ``source`` names the file in error messages."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise PolicyError(f"{source}: not valid TOML ({exc})") from None
    try:
        _known_keys(data, ("grading", "exercises"), "the file")
        default = _exercise_rule(data.get("grading", {}), ExercisePolicy(), "[grading]")
        tables = data.get("exercises", {})
        if not isinstance(tables, dict):
            raise PolicyError("[exercises] must hold one table per exercise, e.g. [exercises.exercise-03]")
        rules = {}
        for name, table in tables.items():
            try:
                entry = catalog.find_entry(name)
            except catalog.UnknownExercise as exc:
                raise PolicyError(f"[exercises.{name}]: {exc}") from None
            if entry.id in rules:
                raise PolicyError(f"[exercises.{name}]: {entry.id} has a table already")
            rules[entry.id] = _exercise_rule(table, default, f"[exercises.{name}]", catalog.info(entry).checks)
    except PolicyError as exc:
        raise PolicyError(f"{source}: {exc}") from None
    return Policy(default, rules, source)


def load(path: Path) -> Policy:
    """The policy in the file at ``path``."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise PolicyError(f"{path}: cannot read it ({getattr(exc, 'strerror', None) or exc})") from None
    return parse(text, str(path))


def find(given: str | None, places: list[Path]) -> Policy:
    """``--policy FILE`` if given, else the first ``torchkata.toml`` in ``places``, else :data:`DEFAULT`."""
    if given:
        return load(Path(given))
    for place in places:
        candidate = place / FILENAME
        if candidate.is_file():
            return load(candidate)
    return DEFAULT


def shares(points: float, weights: list[float]) -> list[float]:
    """``points`` split in proportion to ``weights``, rounded, the last share taking the rounding
    so that the shares add up to exactly ``points`` (three checks of 10 points: 3.3333, 3.3333, 3.3334)."""
    total = sum(weights)
    if not total:
        return [0.0] * len(weights)
    split = [round(points * weight / total, POINT_DIGITS) for weight in weights]
    last = max(i for i, weight in enumerate(weights) if weight)  # never move points onto a 0-weight check
    split[last] = round(points - sum(split) + split[last], POINT_DIGITS)
    return split


def apply(policy: Policy, report: Report) -> None:
    """Score every exercise of ``report`` by ``policy``, in place; ``report.policy`` says where from."""
    report.policy = policy.source
    for result in report.exercises:
        score(policy, result)


def score(policy: Policy, result: ExerciseResult) -> None:
    """Score one exercise (and, under partial credit, each of its checks) in place."""
    from grader.runner import FORBIDDEN_CHECK

    rule = policy.rule(result.id)
    result.credit, result.max_score = rule.credit, rule.points
    if rule.credit == "all-or-nothing":
        result.score = rule.points if result.passed else 0.0
        for check in result.checks:
            check.score = check.max_score = None
        return
    weights = [rule.weights.get(check.name, 1.0) for check in result.checks]
    cheated = any(c.name == FORBIDDEN_CHECK and c.status != "passed" for c in result.checks)
    earned = [check.status == "passed" and not cheated for check in result.checks]
    for check, share, ok in zip(result.checks, shares(rule.points, weights), earned):
        check.max_score = share
        check.score = share if ok else 0.0
    # From the weights, not the rounded shares: 3 of 6 equal checks of 10 points earn 5, not 5.0001.
    total = sum(weights)
    passed = sum(weight for weight, ok in zip(weights, earned) if ok)
    result.score = round(rule.points * passed / total, POINT_DIGITS) if total else 0.0
