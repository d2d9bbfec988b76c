"""A class graded in shards and merged gives exactly the gradebook (and reports) of one run."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from grader import batch, catalog, shards
from tests.conftest import ROOT, SUBMISSIONS

GRADE = str(Path(sys.executable).parent / "grade")
# Cheap submissions of every kind: only exercises 01 and 03 are present (the rest are missing).
CLASS = {
    "ada": {"exercise-01": ROOT / "solutions", "exercise-03": ROOT / "solutions"},
    "bob": {"exercise-01": SUBMISSIONS / "exercise_01" / "wrong_to_tensor_float64.py"},
    "cy": {"exercise-03": ROOT / "exercises"},
    "dee": {},
    "eve": {"exercise-03": SUBMISSIONS / "exercise_03" / "wrong_off_by_one_classes.py"},
}


@pytest.fixture
def klass(tmp_path: Path) -> Path:
    root = tmp_path / "class"
    for name, files in CLASS.items():
        folder = root / name
        folder.mkdir(parents=True)
        for exercise_id, source in files.items():
            exercise = catalog.find(exercise_id)
            shutil.copy(source / exercise.filename if source.is_dir() else source, folder / exercise.filename)
    return root


def _batch(root: Path, *args: str) -> None:
    done = subprocess.run([GRADE, "batch", str(root), "--device", "cpu", "--jobs", "2", *args],
                          capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr


def _reports(folder: Path) -> dict[str, dict]:
    reports = {}
    for path in sorted(folder.iterdir()):
        data = json.loads(path.read_text())
        for exercise in data.get("exercises", []):
            exercise.pop("duration_s", None)  # the one thing two runs may not share
        reports[path.name] = data
    return reports


@pytest.mark.slow
def test_three_shards_merge_into_the_one_run_gradebook(klass, tmp_path):
    _batch(klass, "--output", str(tmp_path / "whole.csv"))
    parts = []
    for index in (1, 2, 3):
        parts.append(tmp_path / f"s{index}.csv")
        _batch(klass, "--shard", f"{index}/3", "--output", str(parts[-1]))
    merged = tmp_path / "gradebook.csv"
    done = subprocess.run([GRADE, "merge", *map(str, parts), "--output", str(merged)],
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert merged.read_text() == (tmp_path / "whole.csv").read_text()
    assert sum(p.read_text().count("\n") - 1 for p in parts) == len(CLASS)


def test_report_folders_merge_into_one_and_a_report_in_two_is_refused(tmp_path):
    for part, names in (("s1", ["ada.json", "cy.json"]), ("s2", ["bob.json"])):
        (tmp_path / part).mkdir()
        for name in names:
            (tmp_path / part / name).write_text(json.dumps({"submission": name}))
    assert shards.merge([tmp_path / "s1", tmp_path / "s2"], tmp_path / "merged") == 3
    assert _reports(tmp_path / "merged") == {n: {"submission": n} for n in ("ada.json", "bob.json", "cy.json")}
    with pytest.raises(shards.MergeError, match="in both"):
        shards.merge([tmp_path / "s1", tmp_path / "merged"], tmp_path / "again")


def test_a_shard_is_every_nth_submission_and_the_shards_cover_the_class(klass):
    everyone = [p.name for p in batch.submissions(klass)]
    slices = [[p.name for p in batch.submissions(klass, (i, 3))] for i in (1, 2, 3)]
    assert slices == [["ada", "dee"], ["bob", "eve"], ["cy"]]
    assert sorted(sum(slices, [])) == everyone


def test_what_zip_tools_and_python_leave_beside_the_students_is_no_student(klass):
    """A class unpacked on a Mac has a __MACOSX folder beside the students' (a row of zeros, before)."""
    for leftover in ("__MACOSX", "__pycache__", ".git"):
        (klass / leftover / "ada").mkdir(parents=True)
    assert [p.name for p in batch.submissions(klass)] == sorted(CLASS)


def test_merge_refuses_parts_that_do_not_fit(tmp_path):
    one, other, twice = tmp_path / "a.csv", tmp_path / "b.csv", tmp_path / "c.csv"
    one.write_text("submission,score\nada,1\n")
    other.write_text("submission,points\nbob,1\n")
    twice.write_text("submission,score\nada,0\n")
    with pytest.raises(shards.MergeError, match="columns differ"):
        shards.merge([one, other], tmp_path / "out.csv")
    with pytest.raises(shards.MergeError, match="in two parts"):
        shards.merge([one, twice], tmp_path / "out.csv")
    with pytest.raises(shards.MergeError, match="not both"):
        shards.merge([one, tmp_path], tmp_path / "out.csv")


@pytest.mark.parametrize("shard", ["0/3", "4/3", "2", "a/b", "1/0"])
def test_a_bad_shard_is_a_usage_error(shard, tmp_path):
    from grader.cli import main

    assert main(["batch", str(tmp_path), "--shard", shard]) == 2


TEMPLATES = ROOT / "ci-templates" / "shards"


@pytest.mark.parametrize("name, count", [
    ("kubernetes-indexed-job.yaml", r"completions: (\d+)"),
    ("slurm-array.sh", r"--array=1-(\d+)"),
    ("github-actions-matrix.yml", r"shard: \[([\d, ]+)\]"),
])
def test_every_cluster_template_shards_as_many_as_it_runs_and_merges(name, count):
    import re

    text = (TEMPLATES / name).read_text()
    runs = re.search(count, text).group(1)
    runs = len(runs.split(",")) if "," in runs else int(runs)
    assert "grade batch" in text and "--shard" in text
    assert int(re.search(r"SHARDS(?:[:=] ?|, value: )\"?(\d+)", text).group(1)) == runs
    merge = text if name != "kubernetes-indexed-job.yaml" else (TEMPLATES / "kubernetes-merge-job.yaml").read_text()
    assert "grade merge" in merge
