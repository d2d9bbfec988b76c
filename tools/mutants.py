"""Mutation testing of the reference solutions: find what the checks let through.

Each mutant is the reference solution of one exercise with one small edit --
an operator, a constant, a dim, ``keepdim``, ``mean`` for ``sum``, a deleted
statement such as ``zero_grad()`` or a ``raise``, a dropped ``.clone()`` --
graded as a student file by the real grader. A mutant that passes every
check *survives*: either the checks have a blind spot (sharpen them) or the
edit changes nothing a caller can observe (list it, with the reason, in
``tests/mutants-equivalent.txt``).

    python tools/mutants.py --exercise 03              # grade every mutant of exercise 03
    python tools/mutants.py --exercise 03 --list       # only list the mutants and their ids
    python tools/mutants.py --jobs 2 --output /tmp/mutants.txt

A mutant's id (``function:kind:detail#n``) names the function it edits, the
edit and its ordinal among the same edits in that function, so ids survive
edits elsewhere in the file and the equivalents file stays usable. Mutants
that unparse to the same code as the reference or as an earlier mutant are
dropped. Grading stops at a mutant's first failed check (each check runs
alone, in order); the forbidden-names check is not run, since no edit here
adds a name.
"""

from __future__ import annotations

import argparse
import ast
import copy
import sys
import tempfile
from collections import Counter
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from multiprocessing import get_context
from pathlib import Path
from typing import Callable, Iterator, Union

ROOT = Path(__file__).resolve().parent.parent
EQUIVALENTS = ROOT / "tests" / "mutants-equivalent.txt"

BINOPS = {ast.Add: ast.Sub, ast.Sub: ast.Add, ast.Mult: ast.Div, ast.Div: ast.Mult, ast.Pow: ast.Mult,
          ast.MatMult: ast.Mult, ast.FloorDiv: ast.Div, ast.Mod: ast.FloorDiv}
COMPARES = {ast.Lt: ast.LtE, ast.LtE: ast.Lt, ast.Gt: ast.GtE, ast.GtE: ast.Gt, ast.Eq: ast.NotEq,
            ast.NotEq: ast.Eq, ast.Is: ast.IsNot, ast.IsNot: ast.Is, ast.In: ast.NotIn, ast.NotIn: ast.In}
METHOD_SWAPS = {"mean": "sum", "sum": "mean", "max": "min", "min": "max", "amax": "amin", "amin": "amax",
                "argmax": "argmin", "argmin": "argmax", "zeros": "ones", "ones": "zeros", "train": "eval",
                "eval": "train", "any": "all", "all": "any", "add_": "sub_", "sub_": "add_"}
# Calls that return (nearly) their receiver: dropping one is the classic forgotten copy/move/convert.
DROPPABLE = {"clone", "to", "detach", "contiguous", "float", "double", "item", "cpu", "squeeze", "unsqueeze"}
DIM_KEYWORDS = {"dim", "start_dim", "end_dim"}

# What a mutation does to the node it is found at: a replacement node, or statements spliced in its place.
Change = Callable[[ast.AST], Union[ast.AST, list]]


@dataclass(frozen=True)
class Mutant:
    """One single-edit variant of a reference solution."""

    id: str
    line: int
    description: str
    source: str


def _symbol(op: type) -> str:
    return {ast.Add: "+", ast.Sub: "-", ast.Mult: "*", ast.Div: "/", ast.Pow: "**", ast.MatMult: "@",
            ast.FloorDiv: "//", ast.Mod: "%", ast.Lt: "<", ast.LtE: "<=", ast.Gt: ">", ast.GtE: ">=",
            ast.Eq: "==", ast.NotEq: "!=", ast.Is: "is", ast.IsNot: "is not", ast.In: "in",
            ast.NotIn: "not in", ast.And: "and", ast.Or: "or"}[op]


def _is_docstring(node: ast.AST) -> bool:
    return isinstance(node, ast.Expr) and isinstance(node.value, ast.Constant) and isinstance(node.value.value, str)


def _sites(node: ast.AST, path: tuple = (), function: str = "<module>") -> Iterator[tuple[tuple, ast.AST, str]]:
    """Every node worth mutating with its path from the root and the function it is in.

    Skipped: imports, docstrings, annotations, f-strings and the arguments of
    ``raise`` (messages, not behaviour).
    """
    if isinstance(node, (ast.Import, ast.ImportFrom, ast.JoinedStr)) or _is_docstring(node):
        return
    yield path, node, function
    if isinstance(node, (ast.FunctionDef, ast.ClassDef)):
        function = node.name if function == "<module>" else f"{function}.{node.name}"
    for field, value in ast.iter_fields(node):
        if field in ("annotation", "returns", "decorator_list") or (isinstance(node, ast.Raise) and field == "exc"):
            continue
        if isinstance(value, list):
            for index, item in enumerate(value):
                if isinstance(item, ast.AST):
                    yield from _sites(item, path + ((field, index),), function)
        elif isinstance(value, ast.AST):
            yield from _sites(value, path + ((field, None),), function)


def _numbers(value: int | float) -> list[int | float]:
    return [v for v in dict.fromkeys([value + 1, value - 1, 0]) if v != value]


def _mutations(node: ast.AST, in_body: bool) -> Iterator[tuple[str, str, Change]]:
    """(kind, detail, change) for each single edit of ``node``."""
    if isinstance(node, (ast.BinOp, ast.AugAssign)) and type(node.op) in BINOPS:
        new = BINOPS[type(node.op)]
        yield "op", f"{_symbol(type(node.op))}->{_symbol(new)}", lambda n, new=new: _replace(n, op=new())
    if isinstance(node, ast.Compare):
        for i, op in enumerate(node.ops):
            new = COMPARES[type(op)]

            def flip(n, i=i, new=new):
                ops = list(n.ops)
                ops[i] = new()
                return _replace(n, ops=ops)
            yield "compare", f"{_symbol(type(op))}->{_symbol(new)}", flip
    if isinstance(node, ast.BoolOp):
        new = ast.Or if isinstance(node.op, ast.And) else ast.And
        yield "boolop", f"{_symbol(type(node.op))}->{_symbol(new)}", lambda n, new=new: _replace(n, op=new())
    if isinstance(node, ast.UnaryOp) and isinstance(node.op, (ast.Not, ast.USub)):
        yield "unary", f"drop-{type(node.op).__name__.lower()}", lambda n: n.operand
    if isinstance(node, ast.Constant) and type(node.value) is bool:
        yield "const", f"{node.value}->{not node.value}", lambda n: ast.Constant(not n.value)
    elif isinstance(node, ast.Constant) and type(node.value) in (int, float):
        for number in _numbers(node.value):
            yield "const", f"{node.value!r}->{number!r}", lambda n, number=number: ast.Constant(number)
    if isinstance(node, ast.keyword) and node.arg in DIM_KEYWORDS:
        for dim in (0, 1):
            yield "dim", f"{node.arg}->{dim}", lambda n, dim=dim: _replace(n, value=ast.Constant(dim))
    if isinstance(node, ast.Call):
        yield from _call_mutations(node)
    if isinstance(node, ast.Attribute) and node.attr == "T" and isinstance(node.ctx, ast.Load):
        yield "drop", ".T", lambda n: n.value
    if in_body and isinstance(node, (ast.Expr, ast.Raise, ast.If, ast.AugAssign, ast.Assert)):
        what = ast.unparse(node.value.func) + "()" if isinstance(node, ast.Expr) and isinstance(
            node.value, ast.Call) else type(node).__name__.lower()
        yield "delete", what, lambda n: ast.Pass()
    if in_body and isinstance(node, ast.Return) and node.value is not None:
        yield "return", "None", lambda n: ast.Return(ast.Constant(None))
    if in_body and isinstance(node, ast.With):
        yield "unwrap", ast.unparse(node.items[0].context_expr), lambda n: list(n.body)


def _call_mutations(node: ast.Call) -> Iterator[tuple[str, str, Change]]:
    func = node.func
    if isinstance(func, ast.Attribute) and func.attr in METHOD_SWAPS:
        new = METHOD_SWAPS[func.attr]
        yield "method", f"{func.attr}->{new}", lambda n, new=new: _replace(n, func=_replace(n.func, attr=new))
    if isinstance(func, ast.Attribute) and func.attr in DROPPABLE:
        yield "drop", f".{func.attr}()", lambda n: n.func.value
    for index, keyword in enumerate(node.keywords):
        if keyword.arg is not None:
            def drop(n, index=index):
                return _replace(n, keywords=[k for i, k in enumerate(n.keywords) if i != index])
            yield "drop-keyword", keyword.arg, drop


def _replace(node: ast.AST, **fields) -> ast.AST:
    new = copy.copy(node)
    for name, value in fields.items():
        setattr(new, name, value)
    return new


def _locate(tree: ast.AST, path: tuple) -> tuple[ast.AST, str, int | None]:
    parent = tree
    for field, index in path[:-1]:
        value = getattr(parent, field)
        parent = value[index] if index is not None else value
    field, index = path[-1]
    return parent, field, index


def _apply(source: str, path: tuple, change: Change) -> str:
    tree = ast.parse(source)
    parent, field, index = _locate(tree, path)
    current = getattr(parent, field)
    node = current[index] if index is not None else current
    new = change(node)
    if index is None:
        setattr(parent, field, new)
    else:
        current[index:index + 1] = new if isinstance(new, list) else [new]
    return ast.unparse(ast.fix_missing_locations(tree))


def mutants(source: str) -> list[Mutant]:
    """Every distinct single-edit mutant of ``source``, in file order, with stable ids."""
    tree = ast.parse(source)
    seen = {ast.unparse(tree)}
    counts: Counter = Counter()
    found = []
    for path, node, function in _sites(tree):
        in_body = function != "<module>" and bool(path) and path[-1][0] in ("body", "orelse", "finalbody")
        for kind, detail, change in _mutations(node, in_body):
            counts[(function, kind, detail)] += 1
            mutant_id = f"{function}:{kind}:{detail}#{counts[(function, kind, detail)]}"
            mutated = _apply(source, path, change)
            if mutated in seen:
                continue
            seen.add(mutated)
            line = getattr(node, "lineno", 0) or getattr(getattr(node, "value", None), "lineno", 0)
            found.append(Mutant(mutant_id, line, f"line {line}: {kind} {detail}", mutated))
    return found


def read_equivalents(path: Path = EQUIVALENTS) -> dict[tuple[str, str], str]:
    """``(exercise id, mutant id) -> reason`` from lines ``exercise | mutant id | reason``."""
    entries = {}
    for number, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        parts = [part.strip() for part in line.split("|")]
        if len(parts) != 3 or not all(parts):
            raise ValueError(f"{path.name}:{number}: expected 'exercise | mutant id | reason'")
        entries[(parts[0], parts[1])] = parts[2]
    return entries


def grade_mutant(exercise_id: str, mutant: Mutant, seed: int, examples: int, timeout: float) -> tuple[str, str]:
    """``(mutant id, killer)``: the first check the mutant fails (with its status), or "" if none."""
    from grader import catalog, runner

    exercise = catalog.find(exercise_id)
    with tempfile.TemporaryDirectory(prefix="torchkata-mutant-") as folder:
        (Path(folder) / exercise.filename).write_text(mutant.source, encoding="utf-8")
        for name in runner.check_names(exercise):
            if name == runner.FORBIDDEN_CHECK:
                continue
            settings = runner.Settings(seed=seed, examples=examples, timeout=timeout, only=(name,))
            result = runner.grade_exercise(exercise, Path(folder), settings)
            if result.status != "passed":
                return mutant.id, f"{name} ({result.status})" if result.checks else f"({result.status})"
    return mutant.id, ""


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--exercise", action="append", default=[], help="exercise id, number or slug (repeatable)")
    parser.add_argument("--list", action="store_true", help="list the mutants without grading them")
    parser.add_argument("--jobs", type=int, default=1, help="mutants graded at once")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--examples", type=int, default=None, help="examples per property (the grader's default)")
    parser.add_argument("--timeout", type=float, default=30.0, help="seconds per check of one mutant")
    parser.add_argument("--output", type=Path, help="also write the report to this file")
    args = parser.parse_args(argv)
    sys.path.insert(0, str(ROOT))
    from grader import catalog, runner

    try:
        exercises = [catalog.find(e) for e in args.exercise] if args.exercise else catalog.exercises()
    except (KeyError, ValueError, LookupError) as exc:
        print(f"mutants: {exc}", file=sys.stderr)
        return 2
    equivalents = read_equivalents()
    examples = args.examples or runner.DEFAULT_EXAMPLES
    lines: list[str] = []

    def say(text: str) -> None:
        print(text, flush=True)
        lines.append(text)

    with ProcessPoolExecutor(max(1, args.jobs), mp_context=get_context("spawn")) as pool:
        for exercise in exercises:
            found = mutants((catalog.SOLUTIONS_DIR / exercise.filename).read_text(encoding="utf-8"))
            if args.list:
                for mutant in found:
                    say(f"{exercise.id} | {mutant.id} | {mutant.description}")
                continue
            killers = {}
            for mutant_id, killer in pool.map(grade_mutant, [exercise.id] * len(found), found,
                                              [args.seed] * len(found), [examples] * len(found),
                                              [args.timeout] * len(found)):
                killers[mutant_id] = killer  # progress as it comes: a run cut short still shows its part
                print(f"  {len(killers)}/{len(found)} {mutant_id}: {killer or 'SURVIVED'}", flush=True)
            equivalent = [m for m in found if (exercise.id, m.id) in equivalents]
            survivors = [m for m in found if not killers[m.id] and (exercise.id, m.id) not in equivalents]
            counted = len(found) - len(equivalent)
            rate = 100.0 * (counted - len(survivors)) / counted if counted else 100.0
            say(f"{exercise.id}: {len(found)} mutants, {len(equivalent)} equivalent, "
                f"{counted - len(survivors)}/{counted} killed ({rate:.1f}%)")
            for mutant in equivalent:
                if killers[mutant.id]:
                    say(f"  listed as equivalent but killed by {killers[mutant.id]}: {mutant.id}")
            for mutant in survivors:
                say(f"  survived: {mutant.id} ({mutant.description})")
    if args.output:
        args.output.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
