"""Every exercise as a notebook, generated from its stub (``grade init --notebooks``).

The stub in ``exercises/`` stays the one source of truth: its docstring
becomes the task, as Markdown; its code (imports, functions and classes,
their docstrings) the cell the student fills in. Around them: a first cell
that installs torchkata when the kernel lacks it, so the notebook runs in
Colab as is, and a last cell ``check("exercise-NN")``. The install and
check cells are calls, which the extraction rule drops, so grading the
notebook grades the stub cell alone (an untouched one is "not started").
"""

from __future__ import annotations

import ast
import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import nbformat

    from grader.catalog import Entry

PACKAGE = "torchkata"
# An indented %pip runs in IPython (Jupyter, Colab); where grader imports, it never runs.
INSTALL_CELL = f"""# Installs the grader when this kernel lacks it (Colab); does nothing where it is installed.
try:
    import grader
except ImportError:
    %pip install --quiet {PACKAGE}"""

_UNDERLINE = re.compile(r"^-{3,}\s*$")


def task_markdown(docstring: str, exercise_id: str) -> str:
    """The stub's docstring as Markdown: a title, ``##`` headings, doctest examples fenced."""
    lines = docstring.strip().splitlines()
    out = [f"# {lines[0]}"] if lines else []
    in_example = False
    for index, line in enumerate(lines[1:], start=1):
        if _UNDERLINE.match(line):
            continue
        following = lines[index + 1] if index + 1 < len(lines) else ""
        starts_example = line.startswith(">>>") and not in_example
        if in_example and not line.strip():
            out.append("```")
            in_example = False
        if starts_example:
            out.append("```python")
            in_example = True
        if _UNDERLINE.match(following):
            line = f"## {line}"
        out.append(line if in_example else line.replace("``", "`"))
    if in_example:
        out.append("```")
    out.append(f"\nWrite your code in the cell below, run it, then run the last cell: `check(\"{exercise_id}\")`.")
    return "\n".join(out)


def stub_code(text: str) -> str:
    """The stub without its module docstring: what the student edits."""
    tree = ast.parse(text)
    body = tree.body
    if body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant):
        text = "\n".join(text.splitlines()[body[0].end_lineno:])
    return text.strip() + "\n"


def exercise_notebook(exercise: Entry, stub: str) -> nbformat.NotebookNode:
    """The notebook for ``exercise`` from the text of its stub."""
    import nbformat

    docstring = ast.get_docstring(ast.parse(stub)) or exercise.id
    notebook = nbformat.v4.new_notebook(cells=[
        nbformat.v4.new_markdown_cell(task_markdown(docstring, exercise.id)),
        nbformat.v4.new_code_cell(INSTALL_CELL),
        nbformat.v4.new_code_cell(stub_code(stub)),
        nbformat.v4.new_code_cell(f'from grader import check\n\ncheck("{exercise.id}")'),
    ])
    notebook.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    notebook.metadata["language_info"] = {"name": "python"}
    return notebook


def notebook_name(exercise: Entry) -> str:
    return exercise.filename.removesuffix(".py") + ".ipynb"


def notebook_text(exercise: Entry, stub: str) -> str:
    """The ``.ipynb`` file's text for ``exercise``, from the text of its stub."""
    import nbformat

    return nbformat.writes(exercise_notebook(exercise, stub))
