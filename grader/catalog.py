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

What the instant commands (``grade list``, ``show``, ``hint``, the check
names that ``--check`` and a grading policy may name) and the worker
forkserver's preloads need is read from ``catalog.json`` (:func:`info`): a
record of every checks module's declaration, written by ``python -m
grader.catalog`` from the modules themselves, so the modules stay the one
source of truth. Each record carries its module's SHA-256: a module edited
since the file was written is imported instead, which is slower (torch) but
never wrong.
"""

from __future__ import annotations

import hashlib
import difflib
import importlib
import json
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
METADATA = CHECKS_DIR.parent / "catalog.json"
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

    @property
    def filename(self) -> str:
        return f"{self.stem}.py"


@dataclass(frozen=True)
class Info:
    """An exercise as the instant commands show it, known without importing its checks module."""

    entry: Entry
    title: str
    functions: tuple[str, ...]
    forbidden: tuple[str, ...]
    hints: tuple[str, ...]
    checks: tuple[str, ...]  # every check's name, in the order they run
    imports: tuple[str, ...]  # what the worker forkserver preloads for it (Exercise.imports)

    @property
    def id(self) -> str:
        return self.entry.id

    @property
    def slug(self) -> str:
        return self.entry.slug

    @property
    def filename(self) -> str:
        return self.entry.filename


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
    close = _closest(wanted)
    guess = f"Did you mean {close.slug} ({close.id})? " if close else ""
    raise UnknownExercise(f"unknown exercise '{name}'. {guess}Valid: {valid} (or a number, or a slug like one-hot)")


def _closest(wanted: str) -> Entry | None:
    """The exercise a mistyped name most resembles (``onehot`` -> ``one-hot``), or the one
    exercise whose slug contains it (``sgd`` -> ``sgd-step``), if any."""
    containing = [e for e in entries() if len(wanted) >= 3 and wanted in e.slug]
    if len(containing) == 1:
        return containing[0]
    spellings = {}
    for entry in entries():
        for spelling in (entry.slug, entry.slug.replace("-", ""), entry.slug.replace("-", "_"), entry.stem):
            spellings[spelling] = entry
    found = difflib.get_close_matches(wanted, list(spellings), n=1, cutoff=0.75)
    return spellings[found[0]] if found else None


def describe(exercise: Exercise) -> dict:
    """An imported exercise's record for ``catalog.json`` (without the module's digest)."""
    from grader.runner import check_names

    return {"title": exercise.title, "functions": list(exercise.functions), "forbidden": list(exercise.forbidden),
            "hints": list(exercise.hints), "checks": check_names(exercise), "imports": list(exercise.imports)}


def _digest(entry: Entry) -> str:
    return hashlib.sha256((CHECKS_DIR / f"{entry.stem}.py").read_bytes()).hexdigest()


@lru_cache(maxsize=None)
def _recorded() -> dict:
    try:
        return json.loads(METADATA.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}


def stale() -> list[Entry]:
    """The exercises whose checks module changed since ``catalog.json`` was written."""
    return [e for e in entries() if _recorded().get(e.stem, {}).get("sha256") != _digest(e)]


@lru_cache(maxsize=None)
def info(entry: Entry) -> Info:
    """``entry`` as recorded in ``catalog.json``; imported when its record is missing or stale."""
    record = _recorded().get(entry.stem)
    if record is None or record.get("sha256") != _digest(entry):
        record = describe(load(entry))
    return Info(entry, record["title"],
                *(tuple(record[key]) for key in ("functions", "forbidden", "hints", "checks", "imports")))


def infos() -> tuple[Info, ...]:
    """Every exercise's :class:`Info`, in course order."""
    return tuple(info(entry) for entry in entries())


def write_metadata(path: Path = METADATA) -> None:
    """Write ``catalog.json`` (or ``path``) from the checks modules (imports every one of them)."""
    records = {e.stem: {"sha256": _digest(e), **describe(load(e))} for e in entries()}
    path.write_text(json.dumps(records, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")


def find(name: str) -> Exercise:
    """The exercise ``name`` refers to (see :func:`find_entry`)."""
    return load(find_entry(name))


def select_entries(names: tuple[str, ...] | list[str]) -> list[Entry]:
    """Resolve several names, keeping course order and dropping repeats."""
    chosen = {find_entry(name) for name in names}
    return [e for e in entries() if e in chosen]


if __name__ == "__main__":
    write_metadata()
    print(f"wrote {METADATA} ({len(entries())} exercises)")
