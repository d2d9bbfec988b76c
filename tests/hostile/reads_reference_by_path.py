"""Finds the reference file by path, reads it and runs its code; also tries to overwrite it.

Outcome: error
"""
import importlib.util
import pathlib

spec = importlib.util.find_spec("grader")
root = pathlib.Path(spec.origin).resolve().parent.parent
reference = root / "solutions" / "exercise_03_one_hot.py"
try:
    reference.write_text("# overwritten by a student\n" + reference.read_text())
except OSError:
    pass
exec(reference.read_text())
