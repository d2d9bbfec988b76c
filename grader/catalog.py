"""The one registry of exercises: discovered from ``grader/checks``.

An exercise exists because ``grader/checks/exercise_NN_<slug>.py`` exists:
its number, slug, id and file name come from that module's name, its title,
functions, forbidden names and hints from the :class:`Exercise` it declares.
Adding an exercise therefore means a stub, a reference and one checks
module, and nothing else edited by hand.
"""

from __future__ import annotations

import importlib
import pkgutil
import re
from functools import lru_cache
from pathlib import Path

import grader.checks
from grader.exercise import Exercise

_MODULE = re.compile(r"^exercise_(\d\d)_(\w+)$")
PACKAGE_ROOT = Path(grader.checks.__file__).resolve().parent.parent.parent
SOLUTIONS_DIR = PACKAGE_ROOT / "solutions"
STUBS_DIR = PACKAGE_ROOT / "exercises"
# What student code may never read: the grader, the references, and (in a
# checkout) the grader's tests with their correct implementations.
PRIVATE_PATHS = tuple(p for p in (PACKAGE_ROOT / "grader", SOLUTIONS_DIR, PACKAGE_ROOT / "tests") if p.exists())


class UnknownExercise(LookupError):
    """A name that matches no exercise; the message lists the valid ids."""


def checks_module_name(exercise: Exercise) -> str:
    return f"grader.checks.{exercise.filename[:-3]}"


@lru_cache(maxsize=None)
def exercises() -> tuple[Exercise, ...]:
    """Every exercise, in course order."""
    found = []
    for info in pkgutil.iter_modules(grader.checks.__path__):
        match = _MODULE.match(info.name)
        if not match:
            continue
        module = importlib.import_module(f"grader.checks.{info.name}")
        exercise: Exercise = module.exercise
        exercise.number = int(match.group(1))
        exercise.slug = match.group(2).replace("_", "-")
        found.append(exercise)
    return tuple(sorted(found, key=lambda e: e.number))


def find(name: str) -> Exercise:
    """Resolve ``exercise-03``, ``03``, ``3``, ``one-hot`` or ``exercise_03_one_hot``."""
    wanted = name.strip().lower().removesuffix(".py")
    for exercise in exercises():
        names = {exercise.id, exercise.slug, exercise.filename[:-3], exercise.slug.replace("-", "_")}
        if wanted in names or (wanted.isdigit() and int(wanted) == exercise.number):
            return exercise
    valid = ", ".join(e.id for e in exercises())
    raise UnknownExercise(f"unknown exercise '{name}'. Valid: {valid} (or a number, or a slug like one-hot)")


def select(names: tuple[str, ...] | list[str]) -> list[Exercise]:
    """Resolve several names, keeping course order and dropping repeats."""
    chosen = {find(name).number for name in names}
    return [e for e in exercises() if e.number in chosen]
