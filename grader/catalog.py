"""The one registry of exercises: discovered from ``grader/checks``.

An exercise exists because ``grader/checks/exercise_NN_<slug>.py`` exists:
its number, slug, id and file name come from that module's name, its title,
functions, forbidden names and hints from the :class:`Exercise` it declares.
Adding an exercise therefore means a stub, a reference and one checks
module, and nothing else edited by hand.

Names resolve from file names alone (:func:`find_entry`), without importing
anything heavy, so the command line can start the worker forkserver before
it pays for ``import torch``; a checks module is imported only when its
exercise is needed (:func:`load`).
"""

from __future__ import annotations

import importlib
import pkgutil
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from grader.exercise import Exercise

_MODULE = re.compile(r"^exercise_(\d\d)_(\w+)$")
CHECKS_DIR = Path(__file__).resolve().parent / "checks"
PACKAGE_ROOT = CHECKS_DIR.parent.parent
SOLUTIONS_DIR = PACKAGE_ROOT / "solutions"
STUBS_DIR = PACKAGE_ROOT / "exercises"
# What student code may never read: the grader, the references, and (in a
# checkout) the grader's tests with their correct implementations.
PRIVATE_PATHS = tuple(p for p in (PACKAGE_ROOT / "grader", SOLUTIONS_DIR, PACKAGE_ROOT / "tests") if p.exists())


class UnknownExercise(LookupError):
    """A name that matches no exercise; the message lists the valid ids."""


@dataclass(frozen=True)
class Entry:
    """An exercise known by its checks module's name, not yet imported."""

    number: int
    slug: str

    @property
    def id(self) -> str:
        return f"exercise-{self.number:02d}"

    @property
    def stem(self) -> str:
        return f"exercise_{self.number:02d}_{self.slug.replace('-', '_')}"

    @property
    def module(self) -> str:
        return f"grader.checks.{self.stem}"


@lru_cache(maxsize=None)
def entries() -> tuple[Entry, ...]:
    """Every exercise in course order, from file names alone."""
    found = []
    for info in pkgutil.iter_modules([str(CHECKS_DIR)]):
        match = _MODULE.match(info.name)
        if match:
            found.append(Entry(int(match.group(1)), match.group(2).replace("_", "-")))
    return tuple(sorted(found, key=lambda e: e.number))


def checks_module_name(exercise: Exercise) -> str:
    return f"grader.checks.{exercise.filename[:-3]}"


@lru_cache(maxsize=None)
def load(entry: Entry) -> Exercise:
    """Import an exercise's checks module and give its Exercise its identity."""
    exercise = importlib.import_module(entry.module).exercise
    exercise.number = entry.number
    exercise.slug = entry.slug
    return exercise


def exercises() -> tuple[Exercise, ...]:
    """Every exercise, in course order (imports every checks module)."""
    return tuple(load(entry) for entry in entries())


def find_entry(name: str) -> Entry:
    """Resolve ``exercise-03``, ``03``, ``3``, ``one-hot`` or ``exercise_03_one_hot`` without importing."""
    wanted = name.strip().lower().removesuffix(".py")
    for entry in entries():
        names = {entry.id, entry.slug, entry.stem, entry.slug.replace("-", "_")}
        if wanted in names or (wanted.isdigit() and int(wanted) == entry.number):
            return entry
    valid = ", ".join(e.id for e in entries())
    raise UnknownExercise(f"unknown exercise '{name}'. Valid: {valid} (or a number, or a slug like one-hot)")


def find(name: str) -> Exercise:
    """The exercise ``name`` refers to (see :func:`find_entry`)."""
    return load(find_entry(name))


def select_entries(names: tuple[str, ...] | list[str]) -> list[Entry]:
    """Resolve several names, keeping course order and dropping repeats."""
    chosen = {find_entry(name) for name in names}
    return [e for e in entries() if e in chosen]
