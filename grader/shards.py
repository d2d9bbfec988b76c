"""Joining the slices of a class graded on several machines (``grade batch --shard I/N``).

Each shard grades every N-th submission and writes its own gradebook (or
folder of JSON reports). :func:`merge` joins them into exactly what one run
over the whole class writes: the gradebooks' rows in the one run's order
(by submission name) under their common header, or every shard's reports in
one folder. Whatever columns the gradebook has, the shards must agree on
them; a submission found in two shards is an error, never a silent pick.
"""

from __future__ import annotations

import csv
import io
import shutil
from pathlib import Path


class MergeError(ValueError):
    """The parts cannot be joined; the message says which and why."""


def _rows(path: Path) -> tuple[list[str], list[list[str]]]:
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise MergeError(f"{path}: cannot be read ({exc})") from None
    rows = list(csv.reader(io.StringIO(text)))
    if not rows:
        raise MergeError(f"{path}: an empty file, not a gradebook")
    return rows[0], rows[1:]


def merge_gradebooks(parts: list[Path]) -> str:
    """The gradebook of one run over every part's submissions."""
    header: list[str] | None = None
    rows: dict[str, list[str]] = {}
    for path in parts:
        found, body = _rows(path)
        if header is not None and found != header:
            raise MergeError(f"{path}: its columns differ from {parts[0]}'s (graded by another version or policy?)")
        header = found
        for row in body:
            if row[0] in rows:
                raise MergeError(f"{path}: submission {row[0]!r} is in two parts")
            rows[row[0]] = row
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(rows[name] for name in sorted(rows))
    return out.getvalue()


def merge_report_folders(parts: list[Path], output: Path) -> int:
    """Copy every part's reports into ``output``; the number of reports."""
    sources: dict[str, Path] = {}
    for folder in parts:
        for path in sorted(folder.iterdir()):
            if path.is_file():
                if path.name in sources:
                    raise MergeError(f"{path.name} is in both {sources[path.name].parent} and {folder}")
                sources[path.name] = path
    output.mkdir(parents=True, exist_ok=True)
    for name, path in sources.items():
        shutil.copyfile(path, output / name)
    return len(sources)


def merge(parts: list[Path], output: Path) -> int:
    """Merge gradebooks (files) into the file ``output``, or report folders into the folder ``output``.

    Returns how many submissions the result holds.
    """
    if all(p.is_dir() for p in parts):
        return merge_report_folders(parts, output)
    if not all(p.is_file() for p in parts):
        raise MergeError("give either gradebook files or report folders, not both")
    if output.is_dir():
        raise MergeError(f"--output {output} is a folder: merged gradebooks go to a file")
    text = merge_gradebooks(parts)
    output.parent.mkdir(parents=True, exist_ok=True)
    output.write_text(text, encoding="utf-8")
    return text.count("\n") - 1
