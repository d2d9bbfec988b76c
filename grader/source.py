"""Reading the student's file without running it.

Three questions are answered from the source alone, in the grading process,
before any student code runs: does it parse (a syntax error names its line),
is it still the untouched stub (every function body only raises
``NotImplementedError``), and does it use a forbidden name.

Forbidden names are matched on what the code *refers to*, after resolving
import aliases (``import torch.nn.functional as F`` makes ``F.one_hot`` mean
``torch.nn.functional.one_hot``) and simple assignments (``t = torch``).
Comments and docstrings are never read. Three spellings are understood:

* ``torch.nn.functional`` -- the name and everything under it;
* ``torch.nn.*Loss`` -- an ``fnmatch`` pattern over the resolved dotted name;
* ``.softmax`` -- a method or attribute of that name on anything (tensor
  methods), including ``getattr(x, "softmax")``.
"""

from __future__ import annotations

import ast
import fnmatch
from dataclasses import dataclass
from pathlib import Path
from typing import Sequence


class StudentSyntaxError(Exception):
    """The student's file does not parse; the message names the line."""


def parse(path: Path) -> ast.Module:
    """Parse the student's file, turning any failure into one clear line."""
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        raise StudentSyntaxError(f"{path.name} is not UTF-8 text") from None
    try:
        return ast.parse(text, filename=str(path))
    except SyntaxError as exc:
        where = f"line {exc.lineno}" if exc.lineno else "somewhere"
        raise StudentSyntaxError(f"syntax error in {path.name}, {where}: {exc.msg}" + _pointer(exc)) from None
    except ValueError as exc:  # e.g. null bytes in the source
        raise StudentSyntaxError(f"{path.name} cannot be read as Python: {exc}") from None


def _pointer(exc: SyntaxError) -> str:
    """The offending line with a caret under the spot, as Python prints it ("" without the text).

    A beginner looks for the mistake where the caret points, not by counting
    lines in an editor.
    """
    if not exc.text or not exc.offset:
        return ""
    line = exc.text.rstrip("\r\n")
    stripped = line.lstrip()
    shift = len(line) - len(stripped)
    start = max(0, exc.offset - 1 - shift)
    end = exc.end_offset if exc.end_offset and exc.end_offset > exc.offset and exc.end_lineno == exc.lineno \
        else exc.offset + 1
    width = max(1, min(end - exc.offset, len(stripped) - start))
    return f"\n    {stripped}\n    {' ' * start}{'^' * width}"


def _only_raises_not_implemented(body: list[ast.stmt]) -> bool:
    statements = [s for s in body if not (isinstance(s, ast.Expr) and isinstance(s.value, ast.Constant))]
    if len(statements) != 1 or not isinstance(statements[0], ast.Raise):
        return False
    exc = statements[0].exc
    if isinstance(exc, ast.Call):
        exc = exc.func
    return isinstance(exc, ast.Name) and exc.id == "NotImplementedError"


def is_untouched_stub(tree: ast.Module) -> bool:
    """True if the file defines functions and every one of them only raises NotImplementedError.

    Methods count too, so a class whose ``__init__`` and ``forward`` still
    raise is untouched; a file with any real function body is started.
    """
    functions = [node for node in ast.walk(tree) if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef))]
    return bool(functions) and all(_only_raises_not_implemented(f.body) for f in functions)


@dataclass(frozen=True)
class ForbiddenUse:
    name: str
    line: int
    rule: str

    def __str__(self) -> str:
        return f"line {self.line}: {self.name} (forbidden: {self.rule})"


def _dotted(node: ast.AST, aliases: dict[str, str]) -> str | None:
    """The dotted name an expression refers to, with import aliases resolved."""
    parts = []
    while isinstance(node, ast.Attribute):
        parts.append(node.attr)
        node = node.value
    if not isinstance(node, ast.Name):
        return None
    parts.append(aliases.get(node.id, node.id))
    return ".".join(reversed(parts))


def _matches(name: str, rule: str) -> bool:
    if any(ch in rule for ch in "*?["):
        return fnmatch.fnmatchcase(name, rule)
    return name == rule or name.startswith(rule + ".")


class _Scanner(ast.NodeVisitor):
    def __init__(self, rules: tuple[str, ...]) -> None:
        self.names = tuple(r for r in rules if not r.startswith("."))
        self.methods = {r[1:] for r in rules if r.startswith(".")}
        self.aliases: dict[str, str] = {}
        self.found: list[ForbiddenUse] = []

    def _report(self, name: str, line: int) -> None:
        for rule in self.names:
            if _matches(name, rule):
                self.found.append(ForbiddenUse(name, line, rule))
                return

    def visit_Import(self, node: ast.Import) -> None:
        for alias in node.names:
            if alias.asname:
                self.aliases[alias.asname] = alias.name
            else:
                root = alias.name.split(".")[0]
                self.aliases[root] = root
            self._report(alias.name, node.lineno)

    def visit_ImportFrom(self, node: ast.ImportFrom) -> None:
        module = node.module or ""
        for alias in node.names:
            full = f"{module}.{alias.name}" if module else alias.name
            self.aliases[alias.asname or alias.name] = full
            self._report(full, node.lineno)

    def visit_Assign(self, node: ast.Assign) -> None:
        """``t = torch`` or ``F = torch.nn.functional`` make new aliases."""
        self.generic_visit(node)
        root = node.value
        while isinstance(root, ast.Attribute):
            root = root.value
        target = _dotted(node.value, self.aliases) if isinstance(root, ast.Name) and root.id in self.aliases else None
        for name in node.targets:
            if isinstance(name, ast.Name):
                if target:
                    self.aliases[name.id] = target
                else:
                    self.aliases.pop(name.id, None)

    def _report_attribute(self, name: str | None, attr: str, line: int) -> bool:
        """Report ``name`` (a dotted name ending in ``attr``) once: as the forbidden
        name if a rule names it (``torch.sigmoid``), else as a forbidden method
        (``x.sigmoid``). True if something was reported."""
        before = len(self.found)
        if name:
            self._report(name, line)
        if len(self.found) == before and attr in self.methods:
            self.found.append(ForbiddenUse(f".{attr}", line, f"the .{attr}() method"))
        return len(self.found) > before

    def visit_Attribute(self, node: ast.Attribute) -> None:
        if self._report_attribute(_dotted(node, self.aliases), node.attr, node.lineno):
            return  # report the longest name once, not each prefix
        self.generic_visit(node)

    def visit_Name(self, node: ast.Name) -> None:
        if node.id in self.aliases:
            self._report(self.aliases[node.id], node.lineno)

    def visit_Call(self, node: ast.Call) -> None:
        func = node.func
        if isinstance(func, ast.Name) and func.id == "getattr" and len(node.args) >= 2:
            attr = node.args[1]
            if isinstance(attr, ast.Constant) and isinstance(attr.value, str):
                base = _dotted(node.args[0], self.aliases)
                self._report_attribute(f"{base}.{attr.value}" if base else None, attr.value, node.lineno)
        self.generic_visit(node)


def forbidden_uses(tree: ast.Module, rules: tuple[str, ...]) -> list[ForbiddenUse]:
    """Every use of a forbidden name, in file order, one per line and name."""
    if not rules:
        return []
    scanner = _Scanner(rules)
    scanner.visit(tree)
    seen = set()
    unique = []
    for use in sorted(scanner.found, key=lambda u: u.line):
        if (use.name, use.line) not in seen:
            seen.add((use.name, use.line))
            unique.append(use)
    return unique


def undefined(tree: ast.Module, names: Sequence[str]) -> list[str]:
    """The names of ``names`` that the file's top level never binds, in the given order.

    Bound means defined by ``def`` or ``class``, assigned (also inside a
    module-level ``if``, ``for``, ``with`` or ``try``), or imported. A file
    that can bind names it does not spell -- ``from x import *``,
    ``globals()``, ``setattr`` -- is taken to define everything, so a
    missing function is only ever reported when it surely is missing.
    """
    bound: set[str] = set()
    stack: list[ast.AST] = list(tree.body)
    while stack:
        node = stack.pop()
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            bound.add(node.name)
            continue  # names bound inside belong to that scope
        if isinstance(node, (ast.Import, ast.ImportFrom)):
            if any(alias.name == "*" for alias in node.names):
                return []
            bound.update(alias.asname or alias.name.split(".")[0] for alias in node.names)
            continue
        if isinstance(node, ast.Name):
            if node.id in ("globals", "setattr", "vars", "exec"):
                return []
            if isinstance(node.ctx, ast.Store):
                bound.add(node.id)
        stack.extend(ast.iter_child_nodes(node))
    return [name for name in names if name not in bound]
