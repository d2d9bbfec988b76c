"""Every exercise as a notebook (``grade init --notebooks``), generated from its stub."""

from __future__ import annotations

import ast

import nbformat
import pytest

from grader import catalog, cli, notebook_files, runner
from grader.notebook_source import Cell, rebuild
from tests.conftest import TEST_SETTINGS


def top_level_names(source: str) -> set[str]:
    return {node.name for node in ast.parse(source).body
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef))}


@pytest.mark.parametrize("entry", catalog.entries(), ids=lambda e: e.id)
def test_the_notebook_and_the_stub_define_the_same_names(entry):
    stub = (catalog.STUBS_DIR / entry.filename).read_text(encoding="utf-8")
    notebook = nbformat.reads(notebook_files.notebook_text(entry, stub), as_version=4)
    nbformat.validate(notebook)
    markdown, install, code, last = notebook.cells
    assert markdown.cell_type == "markdown" and markdown.source.startswith(f"# Exercise {entry.number:02d}")
    assert top_level_names(code.source) == top_level_names(stub)
    assert last.source.endswith(f'check("{entry.id}")')
    functions = catalog.load(entry).functions
    cells = [Cell(f"cell {n}", cell.source) for n, cell in enumerate(notebook.cells, 1) if cell.cell_type == "code"]
    assert rebuild(cells, functions).defined >= set(functions)


def test_worked_examples_become_python_blocks():
    markdown = notebook_files.task_markdown("Title\n\nTask\n----\nUse ``x``.\n\n>>> f(1)\n2\n\nDone.", "exercise-09")
    assert markdown.startswith("# Title\n\n## Task\nUse `x`.\n\n```python\n>>> f(1)\n2\n```\n\nDone.")


def test_grade_init_notebooks_writes_every_exercise_and_keeps_existing_work(tmp_path, capsys):
    target = tmp_path / "course" / "exercises"
    target.mkdir(parents=True)
    (target / "exercise_03_one_hot.ipynb").write_text("my work", encoding="utf-8")
    assert cli.main(["init", "--notebooks", str(tmp_path / "course")]) == 0
    out = capsys.readouterr().out
    assert f"wrote {len(catalog.entries()) - 1} exercise notebooks" in out
    assert "kept your existing 1 file(s): exercise_03_one_hot.ipynb" in out
    assert (target / "exercise_03_one_hot.ipynb").read_text(encoding="utf-8") == "my work"
    assert sorted(p.name for p in target.iterdir()) == sorted(
        notebook_files.notebook_name(e) for e in catalog.entries())
    assert not list(target.glob("*.py"))


def test_an_untouched_generated_notebook_is_not_started(tmp_path):
    entry = catalog.find_entry("exercise-12")
    stub = (catalog.STUBS_DIR / entry.filename).read_text(encoding="utf-8")
    (tmp_path / notebook_files.notebook_name(entry)).write_text(notebook_files.notebook_text(entry, stub))
    result = runner.grade_exercise(catalog.load(entry), tmp_path, TEST_SETTINGS)
    assert result.status == "not_started"
    assert result.message == "every function in your notebook still raises NotImplementedError"
