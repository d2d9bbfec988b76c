"""From notebook cells to one student file, and from that file's lines back to cells.

A notebook is not a file: its cells ran in some order, some more than once,
some failed, and many only did work (trained a model, printed, plotted,
downloaded). The grader rebuilds the one module the exercise needs from the
cells' sources -- the history of a live kernel for ``check()``, the code
cells of an ``.ipynb`` for ``grade run`` -- with one rule for both
(:data:`RULE`):

* magics (``%``, ``%%`` cells), ``!shell`` lines and ``name?`` help are not
  Python and are dropped first;
* of the top-level statements, imports, ``def`` and ``class`` (decorators
  included) and assignments whose right-hand side calls nothing (constants,
  lambdas, aliases) are kept; ``if``/``try`` blocks made only of those are
  kept too; everything else does work and is dropped;
* of what is kept, only what the exercise's names need survives: starting
  from the exercise's functions and classes, a statement stays when a kept
  statement refers to a name it binds. A later definition wins, as in the
  kernel; an earlier one stays only when something between used it (a base
  class, a decorator, a constant).

Nothing here runs student code: the sources are parsed (``ast``) and
their scopes read (``symtable``) in the grading process. The rebuilt file
keeps a map from each of its lines to (cell, line in cell), so that
:func:`relabel` can make every message speak of "your notebook, cell [3],
line 2" instead of a temporary file.
"""

from __future__ import annotations

import ast
import bisect
import re
import symtable
from dataclasses import dataclass, field
from typing import Iterable

from grader import source

# The extraction rule in one sentence: the README and the messages quote it.
RULE = ("the grader keeps a notebook's imports, def and class statements and assignments that call "
        "nothing (constants, lambdas, aliases), in cell order, and drops every other top-level "
        "statement (calls such as training or print, loops, with blocks), magics and !shell lines")

_MAGIC = re.compile(r"^(\s*)(?:[%!]|[\w\s,]+=\s*[%!]|[\w.]*\?\??\s*$|\?)")
_DEFINES = re.compile(r"^(?:async\s+def|def|class)\s+(\w+)|^(\w+)\s*(?::[^=]*)?=[^=]", re.MULTILINE)
# Comprehensions run where they stand; every other function scope runs when called.
_EAGER_SCOPES = {"listcomp", "setcomp", "dictcomp"}


@dataclass(frozen=True)
class Cell:
    """One code cell: ``label`` is how the student finds it (``cell [3]`` or ``cell 5``)."""

    label: str
    source: str


@dataclass(frozen=True)
class Dropped:
    """A top-level statement left out that bound names; said when graded code needs one."""

    where: str
    text: str
    reason: str

    def explain(self, name: str) -> str:
        return (f"your notebook: {self.where} ({self.text}) defines {name}, but was not kept: {self.reason}.\n"
                f"Rule: {RULE}.\n"
                f"Define {name} inside the function that needs it, or make it an assignment that calls nothing.")


@dataclass
class _Statement:
    cell: Cell
    first: int  # first and last line in the cell, 1-based
    last: int
    lines: list[str]
    binds: set[str]
    eager: set[str]  # names read when the statement runs
    lazy: set[str]  # names read later, when a function it defines is called
    star: bool = False
    future: bool = False


@dataclass
class Rebuilt:
    """The rebuilt module and where each of its lines came from."""

    text: str = ""
    origins: list[tuple[str, int]] = field(default_factory=list)  # rebuilt line - 1 -> (cell label, line)
    defined: set[str] = field(default_factory=set)  # every name a kept statement binds
    dropped: dict[str, Dropped] = field(default_factory=dict)  # needed names only a dropped statement binds
    error: str = ""  # a syntax error in the cell holding the last definition of a needed name

    def where(self, line: int) -> str | None:
        """``cell [3], line 2`` for line ``line`` of the rebuilt file."""
        if 1 <= line <= len(self.origins):
            label, in_cell = self.origins[line - 1]
            return f"{label}, line {in_cell}"
        return None


def _python(source: str) -> str:
    """The cell as Python: magic, shell and help lines become ``pass`` (same line numbers)."""
    try:
        ast.parse(source)
        return source
    except (SyntaxError, ValueError):
        pass
    return "\n".join(_MAGIC.sub(r"\1pass  # ", line, count=1) if _MAGIC.match(line) else line
                     for line in source.split("\n"))


def _calls(node: ast.AST) -> bool:
    """True if evaluating ``node`` calls or awaits something (a lambda's body is not evaluated)."""
    if isinstance(node, ast.Lambda):
        return any(_calls(d) for d in node.args.defaults + [d for d in node.args.kw_defaults if d])
    if isinstance(node, (ast.Call, ast.Await, ast.Yield, ast.YieldFrom)):
        return True
    return any(_calls(child) for child in ast.iter_child_nodes(node))


def _plain_target(node: ast.AST) -> bool:
    if isinstance(node, (ast.Tuple, ast.List)):
        return all(_plain_target(e) for e in node.elts)
    if isinstance(node, ast.Starred):
        return _plain_target(node.value)
    return isinstance(node, ast.Name)


def _why_dropped(node: ast.stmt) -> str | None:
    """None if the rule keeps ``node``, else the reason it is dropped."""
    if isinstance(node, (ast.Import, ast.ImportFrom, ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef, ast.Pass)):
        return None
    if isinstance(node, (ast.Assign, ast.AnnAssign, ast.AugAssign)):
        targets = node.targets if isinstance(node, ast.Assign) else [node.target]
        if not all(_plain_target(t) for t in targets):
            return "it changes an object (an attribute or an item) instead of defining a name"
        if node.value is not None and _calls(node.value):
            return "its right-hand side calls a function, and the grader reruns no work"
        return None
    if isinstance(node, ast.If):
        if _calls(node.test):
            return "its condition calls a function"
        return _first_reason(node.body + node.orelse)
    if isinstance(node, ast.Try):
        return _first_reason(node.body + node.orelse + node.finalbody
                             + [s for handler in node.handlers for s in handler.body])
    if isinstance(node, (ast.For, ast.AsyncFor, ast.While)):
        return "it is a loop, which does work (training, printing) that the grader does not rerun"
    if isinstance(node, (ast.With, ast.AsyncWith)):
        return "it is a with block, which does work the grader does not rerun"
    if isinstance(node, ast.Expr):
        return "it is a call or an expression (training, print, a plot), which the grader does not rerun"
    return f"a top-level {type(node).__name__.lower()} statement does work the grader does not rerun"


def _first_reason(body: list[ast.stmt]) -> str | None:
    return next((why for why in map(_why_dropped, body) if why), None)


def _names(text: str) -> tuple[set[str], set[str], set[str]]:
    """(bound, read now, read later) global names of a top-level statement's source."""
    table = symtable.symtable(text, "<cell>", "exec")
    symbols = table.get_symbols()
    binds = {s.get_name() for s in symbols if s.is_assigned() or s.is_imported()}
    eager = {s.get_name() for s in symbols if s.is_referenced()}
    lazy: set[str] = set()

    def walk(parent: symtable.SymbolTable, later: bool) -> None:
        for child in parent.get_children():
            runs_later = later or (child.get_type() == "function" and child.get_name() not in _EAGER_SCOPES)
            used = {s.get_name() for s in child.get_symbols() if s.is_referenced() and s.is_global()}
            (lazy if runs_later else eager).update(used)
            walk(child, runs_later)

    walk(table, False)
    return binds, eager, lazy


def _one_line(lines: list[str]) -> str:
    text = lines[0].strip()
    return text if len(lines) == 1 and len(text) <= 60 else text[:57].rstrip() + " ..."


def _statements(cell: Cell, dropped: dict[str, Dropped]) -> Iterable[_Statement]:
    """The kept top-level statements of ``cell``, in order (raises SyntaxError)."""
    text = _python(cell.source)
    tree = ast.parse(text)
    lines = text.split("\n")
    groups: list[list[ast.stmt]] = []  # statements sharing a line (a; b) go together
    for node in tree.body:
        if groups and node.lineno <= groups[-1][-1].end_lineno:
            groups[-1].append(node)
        else:
            groups.append([node])
    for group in groups:
        first = min([group[0].lineno] + [d.lineno for d in getattr(group[0], "decorator_list", [])])
        last = group[-1].end_lineno
        own = lines[first - 1:last]
        reason = _first_reason(group)
        try:
            binds, eager, lazy = _names("\n".join(own))
        except SyntaxError as exc:  # e.g. await outside a function: fine in IPython, not in a file
            binds, eager, lazy = set(), set(), set()
            reason = reason or f"Python rejects it outside a notebook ({exc.msg})"
        if reason:
            for name in binds:
                dropped[name] = Dropped(f"{cell.label}, line {first}", _one_line(own), reason)
            continue
        for name in binds:
            dropped.pop(name, None)
        yield _Statement(cell, first, last, own, binds, eager, lazy,
                         star=any(isinstance(n, ast.ImportFrom) and any(a.name == "*" for a in n.names)
                                  for n in group),
                         future=any(isinstance(n, ast.ImportFrom) and n.module == "__future__" for n in group))


def rebuild(cells: Iterable[Cell], roots: Iterable[str]) -> Rebuilt:
    """The module that defines ``roots`` as the cells, run in order, left them.

    Cells that do not parse are skipped, as the kernel skipped them; but if
    one of them holds the last definition of a needed name, ``error`` says
    so (the student thinks they changed that name and they did not).
    """
    statements: list[_Statement] = []
    dropped: dict[str, Dropped] = {}
    broken: list[tuple[int, Cell, SyntaxError]] = []  # (position among statements, cell, error)
    for cell in cells:
        if cell.source.lstrip().startswith("%%"):
            continue  # a cell magic: the cell is not Python
        try:
            statements.extend(_statements(cell, dropped))
        except (SyntaxError, ValueError, RecursionError, MemoryError) as exc:
            # ValueError: a null byte; RecursionError, MemoryError: nesting too deep to parse.
            error = exc if isinstance(exc, SyntaxError) else SyntaxError(str(exc) or "nested too deeply to read")
            broken.append((len(statements), cell, error))

    binders: dict[str, list[int]] = {}  # name -> the statements binding it, in order
    for index, statement in enumerate(statements):
        for name in statement.binds:
            binders.setdefault(name, []).append(index)

    def binder(name: str, before: int) -> int | None:
        """The last statement before ``before`` that binds ``name``."""
        indices = binders.get(name, [])
        position = bisect.bisect_left(indices, before)
        return indices[position - 1] if position else None

    needed: set[str] = set(roots)
    work = [i for i, s in enumerate(statements) if s.star or s.future]
    work += [i for i in (binder(name, len(statements)) for name in needed) if i is not None]
    live: set[int] = set()
    while work:
        index = work.pop()
        if index in live:
            continue
        live.add(index)
        statement = statements[index]
        needed |= statement.eager | statement.lazy
        work += [i for i in (binder(name, index) for name in statement.eager) if i is not None]
        work += [i for i in (binder(name, len(statements)) for name in statement.lazy) if i is not None]

    rebuilt = Rebuilt()
    kept = [statements[i] for i in sorted(live, key=lambda i: (not statements[i].future, i))]
    for statement in kept:
        rebuilt.defined |= statement.binds
        rebuilt.origins += [(statement.cell.label, statement.first + k) for k in range(len(statement.lines))]
    rebuilt.text = "".join("\n".join(statement.lines) + "\n" for statement in kept)
    rebuilt.dropped = {name: why for name, why in dropped.items() if name in needed and name not in rebuilt.defined}
    for position, cell, error in broken:
        names = {a or b for a, b in _DEFINES.findall(cell.source)} & needed
        late = sorted(name for name in names
                      if max((i for i in binders.get(name, []) if i in live), default=-1) < position)
        if late:
            where = f"line {error.lineno}" if error.lineno else "somewhere"
            rebuilt.error = (f"your notebook: {cell.label}, {where}: syntax error: {error.msg}. That cell "
                             f"defines {', '.join(late)}; the kernel could not run it, so fix it and run it again"
                             + source._pointer(error))  # the caret under the spot, as for a file
    return rebuilt
