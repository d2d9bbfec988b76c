"""Finding a student's files in the folder they were handed in as.

Uploads are rarely where the grader expects them: Gradescope unpacks a zip
of the course folder as ``submission/my-course/exercises/``, a student hands
in their repository rather than its ``exercises/`` folder, an instructor
points ``grade batch`` at one student instead of the class. The grader
looks one level deeper than asked, takes the one folder it finds there,
and where it finds several (or none where a file is expected) says where
the files are, so that nothing is silently graded as missing.

Nothing here imports torch: the command line resolves folders before it
pays for grading.
"""

from __future__ import annotations

from pathlib import Path

PATTERNS = ("exercise_[0-9][0-9]_*.py", "*.ipynb")  # a student's files: modules or notebooks
SKIPPED = ("__MACOSX", "__pycache__")  # what zip tools and Python leave beside the files


def holds_exercises(folder: Path) -> bool:
    """True if ``folder`` itself holds exercise files (or notebooks)."""
    return any(any(folder.glob(pattern)) for pattern in PATTERNS)


def is_one_submission(folder: Path) -> bool:
    """True if ``folder`` is one student's submission (its files in it or in its ``exercises/``),
    not a class of submission folders."""
    return holds_exercises(folder) or holds_exercises(folder / "exercises")


def subfolders(folder: Path) -> list[Path]:
    """The folders directly in ``folder``, in name order, without hidden ones and what zip tools
    and Python leave (:data:`SKIPPED`): a class unpacked on a Mac has a ``__MACOSX`` beside the
    students' folders, which is no student."""
    return sorted(p for p in folder.iterdir()
                  if p.is_dir() and not p.name.startswith(".") and p.name not in SKIPPED)


def _nested(path: Path) -> list[Path]:
    """Folders one level below ``path`` (or their ``exercises/``) that hold exercise files."""
    found = []
    for sub in subfolders(path):
        found += [c for c in (sub, sub / "exercises") if c.is_dir() and holds_exercises(c)]
    return found


def resolve(path: Path) -> Path:
    """The folder with the student's files: ``path``, ``path/exercises``, or the one folder
    one level deeper that holds them. Several such folders: ``path`` itself, and a missing
    file's message (:func:`missing`) names them. Raises FileNotFoundError if ``path`` is no folder."""
    if not path.is_dir():
        raise FileNotFoundError(path)
    inner = path / "exercises"
    if holds_exercises(path):
        return path
    if inner.is_dir() and holds_exercises(inner):
        return inner
    nested = _nested(path)
    if len(nested) == 1:
        return nested[0]
    return inner if inner.is_dir() and not nested else path


def missing(filename: str, folder: Path) -> str:
    """Why ``filename`` is not graded, naming where it is if it lies up to two levels below ``folder``."""
    found = sorted(p.parent for pattern in (f"*/{filename}", f"*/*/{filename}")
                   for p in folder.glob(pattern) if not set(p.relative_to(folder).parts) & set(SKIPPED))
    if not found:
        return f"{filename} is not in {folder}"
    places = ", ".join(str(p) for p in found[:3]) + (" ..." if len(found) > 3 else "")
    return (f"{filename} is not in {folder} but in {places}: "
            f"grade the folder that holds all your files (--submission FOLDER)")
