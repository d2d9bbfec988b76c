"""Verdicts that do not depend on the seed.

``grade run --seed N`` changes the examples hypothesis draws, never the
verdict on a file under ``tests/submissions``: every wrong implementation is
rejected, by the check its docstring names, at every seed, and every correct
alternative passes at every seed.

A wrong file is proved rejected at *every* seed at once: its check is run
with hypothesis' draws replaced by the check's own explicit examples (the
traps, which run first at any seed), and it must fail there. A wrong file
that only a draw catches is a known trap left to chance -- the fix is an
``@example`` in its check -- and is graded at each of seeds 1 to 4 instead
(seed 0 is ``tests/test_verdicts.py``'s).

A right file passes whatever is drawn, so only grading at other seeds can
show a check too strict where seed 0 does not reach. Every seed for every
right file costs about 8 minutes on 2 busy cores, more than the suite's
budget; the suite grades each right file at one of seeds 1 to 4 (taken in
turn, so every seed is used) and ``TORCHKATA_ALL_SEEDS=1`` grades them all at
every one.
"""

from __future__ import annotations

import dataclasses
import os

import pytest
from hypothesis import strategies as st

from grader import catalog
from grader.exercise import Check
from tests.conftest import SUBMISSIONS, describe
from tests.test_verdicts import _exercise_of, _rejected_by, _submission_files

SEEDS = (1, 2, 3, 4)


def _traps_only(check: Check) -> Check:
    """``check`` with its draws replaced by its explicit examples: what it decides before drawing anything."""
    if check.strategy is None or not check.examples:
        return check
    return dataclasses.replace(check, strategy=st.sampled_from(check.examples))


def _rejects(result, check: str) -> bool:
    return [(c.name, c.status) for c in result.checks] == [(check, "failed")]


@pytest.mark.parametrize("path", _submission_files("wrong"))
def test_wrong_implementation_is_rejected_at_every_seed(path, grade, monkeypatch):
    name = _rejected_by(path)
    exercise = catalog.find(_exercise_of(path))
    check = next((c for c in exercise.checks if c.name == name), None)
    if check is None or check.strategy is None:
        # The forbidden-names scan, or a check that draws nothing: the seed cannot change its verdict.
        result = grade(exercise.id, path, only=(name,), seed=SEEDS[0])
        assert _rejects(result, name), describe(result)
        return
    if check.examples:
        monkeypatch.setattr(exercise, "checks", [_traps_only(c) for c in exercise.checks])
        # No replay: a recording holds the examples drawn with the check's real strategy.
        if _rejects(grade(exercise.id, path, only=(name,), replay=False), name):
            return  # the traps reject it before any draw, so at every seed
        monkeypatch.undo()
    for seed in SEEDS:  # a draw catches it: it must at every seed
        result = grade(exercise.id, path, only=(name,), seed=seed)
        assert _rejects(result, name), f"seed {seed}: {describe(result)}"


def _seeded_right_files() -> list:
    every = os.environ.get("TORCHKATA_ALL_SEEDS") == "1"
    params = []
    for i, param in enumerate(_submission_files("right")):
        (path,) = param.values
        for seed in SEEDS if every else (SEEDS[i % len(SEEDS)],):
            params.append(pytest.param(path, seed, id=f"{param.id}-seed{seed}"))
    return params


@pytest.mark.parametrize(("path", "seed"), _seeded_right_files())
def test_correct_alternative_passes_at_other_seeds(path, seed, grade):
    result = grade(_exercise_of(path), path, seed=seed)
    assert result.status == "passed", describe(result)


def test_traps_only_grading_draws_nothing(grade, monkeypatch):
    """The proof above holds only if the traps-only check really draws nothing: with the sigmoid traps
    taken out, exercise 07's overflowing sigmoid (which a draw of large outputs would catch) passes."""
    path = SUBMISSIONS / "exercise_07" / "wrong_sigmoid_exp_ratio.py"
    name = _rejected_by(path)
    exercise = catalog.find("exercise-07")
    def harmless(case) -> bool:  # no Sigmoid layer: the one this student got wrong
        return "Sigmoid" not in {entry[0] for entry in case.spec}

    checks = [_traps_only(dataclasses.replace(c, examples=tuple(filter(harmless, c.examples))))
              if c.name == name else c for c in exercise.checks]
    monkeypatch.setattr(exercise, "checks", checks)
    result = grade(exercise.id, path, only=(name,), replay=False, examples=200)
    assert result.status == "passed", describe(result)
