"""The ``grade`` command: parse, dispatch, exit. The work lives elsewhere.

Exit codes: 0 when every selected exercise passed, 1 when one did not, 2 for
a usage error -- an unknown exercise, a missing folder, a bad option,
``--device cuda`` without CUDA -- which is always one line on stderr saying
what is wrong and what to do, never a traceback.

Nothing at module level imports torch, and neither do ``list``, ``show``,
``hint``, ``init``, ``--help`` or any usage error found before grading
starts: they read the catalog's record (:func:`grader.catalog.info`), so
they answer in a fraction of a second. Heavy modules are imported inside
the commands that grade.
"""

from __future__ import annotations

import atexit
import os
import sys
from pathlib import Path

import click

from grader import catalog, discovery, policy
from grader.progress import Progress

EXIT_USAGE = 2


class Usage(click.UsageError):
    """A usage error reported as one line (see :func:`main`)."""


def _entries(names: tuple[str, ...], run_all: bool) -> list[catalog.Entry]:
    if run_all and names:
        raise Usage("give exercise names or --all, not both")
    if not run_all and not names:
        raise Usage("name an exercise (e.g. grade run exercise-03) or pass --all")
    if run_all:
        return list(catalog.entries())
    try:
        return catalog.select_entries(names)
    except catalog.UnknownExercise as exc:
        raise Usage(str(exc)) from None


def _submission(path: str | None) -> Path:
    given = Path(path) if path else Path("exercises")
    if not given.is_dir():
        if path:
            raise Usage(f"no folder {given}: pass --submission a folder holding your exercise_NN_*.py files")
        raise Usage("no ./exercises folder here: run grade in your torchkata folder, "
                    "pass --submission PATH, or make one with grade init DIR")
    folder = discovery.resolve(given)
    if folder not in (given, given / "exercises"):
        click.echo(f"grading the files found in {folder}", err=True)
    return folder


def _device(choice: str) -> str:
    import torch

    if choice == "auto":
        return "cuda" if torch.cuda.is_available() else "cpu"
    if choice == "cuda" and not torch.cuda.is_available():
        raise Usage("--device cuda, but torch sees no CUDA device here: use --device cpu or auto")
    return choice


def _check_names(entries: list[catalog.Entry], names: tuple[str, ...]) -> None:
    """--check names one exercise's checks: any other name is a usage error listing the valid ones."""
    if len(entries) != 1:
        raise Usage("--check runs checks of one exercise: name exactly one exercise")
    valid = catalog.info(entries[0]).checks
    unknown = [name for name in names if name not in valid]
    if unknown:
        raise Usage(f"{entries[0].id} has no check named {unknown[0]!r}. Its checks: " + "; ".join(valid))


def _partial_run_note(exercise, ran: int) -> str:
    """What a ``--check`` run was: some checks of one exercise, not a verdict on the exercise."""
    from grader.runner import check_names

    total = len(check_names(exercise))
    return (f"ran {ran} of the {total} checks of {exercise.id} (--check): this is not a pass of the "
            f"exercise; grade run {exercise.id} runs them all")


def _cores() -> int:
    """The cores this process may use (its CPU affinity, where the platform has one)."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:
        return os.cpu_count() or 1


def _output_folder(output: str | None, is_folder: bool = False) -> None:
    """Make the folder that ``--output`` writes into now, before grading, so a
    bad path is a usage error at once rather than a report lost after the work."""
    if output is None:
        return
    if not is_folder and Path(output).is_dir():
        raise Usage(f"--output {output} is a folder: give the report's file name")
    folder = Path(output) if is_folder else Path(output).parent
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise Usage(f"--output {output}: cannot make the folder {folder} ({exc.strerror or exc})") from None
    if not os.access(folder, os.W_OK):
        raise Usage(f"--output {output}: the folder {folder} is not writable")


def _policy(path: str | None, places: list[Path]) -> policy.Policy:
    """The grading policy (:func:`grader.policy.find`); a bad file is a usage error naming what is wrong."""
    try:
        return policy.find(path, places)
    except policy.PolicyError as exc:
        raise Usage(f"--policy: {exc}" if path else str(exc)) from None


def _find(name: str) -> catalog.Info:
    try:
        return catalog.info(catalog.find_entry(name))
    except catalog.UnknownExercise as exc:
        raise Usage(str(exc)) from None


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="torchkata")
def cli() -> None:
    """torchkata: PyTorch torch.nn exercises, graded with property tests."""


@cli.command("list")
@click.option("--submission", type=str, default=None, help="Folder of the student's files.")
def list_command(submission: str | None) -> None:
    """Every exercise with the status of its last run here."""
    folder = Path(submission) if submission else Path("exercises")
    progress = Progress(folder) if folder.is_dir() else None
    done = 0
    for exercise in catalog.infos():
        status = progress.statuses.get(exercise.id, "") if progress else ""
        done += status == "passed"
        mark = {"passed": "✔", "not_started": "·", "": " "}.get(status, "✘")
        click.echo(f"{mark} {exercise.id}  {exercise.slug:<26} {exercise.title:<36} {status.replace('_', ' ')}")
    click.echo(f"\n{done}/{len(catalog.entries())} done")


@cli.command()
@click.argument("exercise")
def show(exercise: str) -> None:
    """The task, the worked example and the forbidden names of EXERCISE."""
    import ast

    found = _find(exercise)
    stub = catalog.STUBS_DIR / found.filename
    try:
        text = ast.get_docstring(ast.parse(stub.read_text(encoding="utf-8"))) or found.title
    except (OSError, SyntaxError, ValueError):
        raise Usage(f"{found.id}'s task {stub} is missing or unreadable: reinstall torchkata "
                    "(pip install --force-reinstall torchkata)") from None
    click.echo(f"{found.id} · {found.title} · exercises/{found.filename}\n")
    click.echo(_plain(text))
    if found.forbidden:
        click.echo("\nForbidden names (checked in your code): " + ", ".join(found.forbidden))
    click.echo("\nChecks (grade run --check NAME runs one):\n" + "\n".join(f"  {n}" for n in found.checks))
    click.echo(f"\nHints: {len(found.hints)} (grade hint {found.id})")


def _plain(text: str) -> str:
    """A stub's docstring for a terminal: reStructuredText's ``code`` as `code`, a literal
    block's "::" as ":" -- the markup a beginner would otherwise read as part of the code."""
    import re

    text = re.sub(r"``(.+?)``", r"`\1`", text, flags=re.DOTALL)
    return re.sub(r"(?<=\S)::$", ":", text, flags=re.MULTILINE)


@cli.command()
@click.argument("exercise")
@click.option("--all", "show_all", is_flag=True, help="Show every hint at once.")
@click.option("--submission", type=str, default=None, help="Folder of the student's files.")
def hint(exercise: str, show_all: bool, submission: str | None) -> None:
    """The next hint for EXERCISE; each call reveals one more.

    The new hint comes first, in full; the ones already read are folded to
    their first line below it (--all prints every hint in full), so the
    student reads what is new without scrolling past what they have seen.
    """
    found = _find(exercise)
    folder = Path(submission) if submission else Path("exercises")
    progress = Progress(folder)
    shown = progress.hints_shown.get(found.id, 0)
    total = len(found.hints)
    count = total if show_all else min(shown + 1, total)
    if show_all:
        for number, text in enumerate(found.hints, start=1):
            click.echo(f"Hint {number}/{total}: {text}\n")
    elif count:
        click.echo(f"Hint {count}/{total}: {found.hints[count - 1]}\n")
        if count == total:
            click.echo("That was the last hint.\n")
        if count > 1:
            click.echo(f"Earlier hints (grade hint {found.id} --all shows them in full):")
            for number, text in enumerate(found.hints[:count - 1], start=1):
                click.echo(f"  {number}. {_folded(text)}")
    if folder.is_dir():
        progress.hints_shown[found.id] = max(shown, count)
        progress.save()


def _folded(text: str, width: int = 72) -> str:
    """A hint cut to one line of ``width`` characters, at a word."""
    line = " ".join(text.split())
    return line if len(line) <= width else line[:width].rsplit(" ", 1)[0] + " …"


def grading_options(command):
    """The options every grading command shares (run, batch, watch)."""
    options = [
        click.option("--device", type=click.Choice(["auto", "cpu", "cuda"]), default="auto", show_default=True),
        click.option("--seed", type=int, default=0, show_default=True,
                     help="Hypothesis seed: same seed and code, same verdict."),
        click.option("--examples", type=click.IntRange(1, 10_000), default=None,
                     help="Generated examples per property. [15]"),
        click.option("--timeout", type=click.FloatRange(min=1), default=None,
                     help="Wall-clock limit per exercise, in seconds. [60]"),
        click.option("--memory-limit", type=click.IntRange(min=0), default=None,
                     help="Memory the student's code may use, in MB (0: no cap). [4096, less with many --jobs]"),
        click.option("--data-root", type=click.Path(file_okay=False), default=None,
                     help="A real FashionMNIST download for exercise-14."),
        click.option("--replay/--no-replay", default=True, show_default=True,
                     help="Grade passing checks from the examples recorded for this seed (the same "
                          "verdicts); --no-replay draws every example live, as hypothesis does."),
    ]
    for option in reversed(options):
        command = option(command)
    return command


def _check_data_root(data_root: str, announce: bool) -> None:
    """Refuse a --data-root without a readable download before grading starts;
    with ``announce``, say on stderr which data exercise-14 will read, so a
    run that passes on real data says so."""
    from grader import fashion_mnist

    try:
        notice = fashion_mnist.download_notice(data_root)
    except (FileNotFoundError, ValueError) as exc:
        raise Usage(f"--data-root: {exc}") from None
    if announce:
        click.echo(notice, err=True)


def _settings(device: str, seed: int, examples: int | None, timeout: float | None,
              memory_limit: int | None, data_root: str | None, replay: bool = True, jobs: int = 1,
              reads_data: bool = True, only: tuple[str, ...] = (), show_output: bool = False):
    """Validate the shared options (starting the forkserver first, if not yet running).

    ``reads_data``: the exercises graded include the one that reads ``--data-root``.
    """
    if data_root and not Path(data_root).is_dir():
        raise Usage(f"--data-root {data_root} is not a folder")
    from grader import forkserver

    forkserver.start()  # its imports overlap with ours
    from grader import runner

    if data_root:
        _check_data_root(data_root, announce=reads_data)

    return runner.Settings(
        device=_device(device), seed=seed,
        examples=examples or runner.DEFAULT_EXAMPLES,
        timeout=timeout or runner.DEFAULT_TIMEOUT,
        memory_limit_mb=runner.default_memory_limit_mb(jobs) if memory_limit is None else memory_limit,
        data_root=data_root,
        only=only,
        show_output=show_output,
        replay=replay,
    )


@cli.command()
@click.argument("exercises", nargs=-1)
@click.option("--all", "run_all", is_flag=True, help="Grade every exercise.")
@click.option("--submission", type=str, default=None,
              help="Folder with the exercise_NN_*.py files, or one with exercises/ inside. [./exercises]")
@grading_options
@click.option("--format", "fmt", type=click.Choice(["text", "json", "junit", "gradescope", "classroom"]),
              default="text", show_default=True,
              help="classroom: GitHub Classroom's autograding result (see ci-templates/github-classroom.yml).")
@click.option("--output", type=click.Path(dir_okay=False, writable=True), default=None,
              help="Write the report to this file instead of stdout (its folder is made if missing).")
@click.option("--policy", "policy_file", type=str, default=None, metavar="FILE",
              help="Points and credit rule (TOML). [torchkata.toml here or in the submission, "
                   "else 1 point per exercise, all or nothing]")
@click.option("--no-progress", is_flag=True,
              help="Write nothing into the submission (no .torchkata/ progress); the default when CI is set.")
@click.option("--jobs", type=click.IntRange(min=1), default=None,
              help="Exercises graded at once (CPU grading). [number of cores]")
@click.option("--check", "only", multiple=True, metavar="NAME",
              help="Run only this check of the one exercise named (repeatable; not recorded as "
                   "progress); grade show lists them.")
@click.option("--show-output", is_flag=True,
              help="Show what your code printed under every check, passed ones too, and put it in the "
                   "json/junit reports (a failed check always shows it in text).")
def run(exercises: tuple[str, ...], run_all: bool, submission: str | None, fmt: str, output: str | None,
        policy_file: str | None, no_progress: bool, jobs: int | None, only: tuple[str, ...], show_output: bool, **options) -> None:
    """Grade EXERCISES (e.g. exercise-03, 03, 3 or one-hot), or --all."""
    entries = _entries(exercises, run_all)
    if only:
        _check_names(entries, only)
    rules = _policy(policy_file, [Path.cwd(), Path(submission) if submission else Path.cwd()])
    folder = _submission(submission)
    _output_folder(output)  # made only once nothing else is wrong
    from grader import forkserver

    # Its imports overlap with ours; one worker per exercise here, so none waits for torchvision.
    forkserver.start([e.module for e in entries], imports=False)
    jobs = min(jobs or _cores(), len(entries))
    from grader.fashion_mnist import EXERCISE as DATA_EXERCISE

    settings = _settings(**options, jobs=jobs, reads_data=any(e.id == DATA_EXERCISE for e in entries), only=only,
                         show_output=show_output)
    from grader import pool, report

    selected = [catalog.load(entry) for entry in entries]

    stream = fmt == "text" and output is None
    def scored(result) -> None:
        policy.score(rules, result)
        if stream:
            click.echo("\n".join(report.exercise_text(result, color=True)))

    graded = pool.grade(selected, folder, settings, on_result=scored, jobs=jobs)
    graded.policy = rules.source
    graded.submission = str(folder)
    # A run of some checks says nothing about the exercise as a whole; in CI the
    # submission is an instructor's checkout, not the student's working folder.
    if not only and not no_progress and not os.environ.get("CI"):
        progress = Progress(folder)
        progress.statuses.update({r.id: r.status for r in graded.exercises})
        progress.save()
    report.append_step_summary(graded)
    if stream:
        click.echo("\n" + click.style(report.summary_line(graded), bold=True))
    if only:
        click.echo(_partial_run_note(selected[0], len(set(only))), err=not stream)
    if not stream:
        rendered = report.FORMATS[fmt](graded)
        if output:
            Path(output).write_text(rendered, encoding="utf-8")
            click.echo(report.summary_line(graded), err=True)
        else:
            click.echo(rendered, nl=False)
    raise click.exceptions.Exit(0 if graded.passed else 1)


@cli.command()
@click.argument("exercise", required=False)
@click.option("--submission", type=str, default=None, help="Folder of the student's files. [./exercises]")
@grading_options
def watch(exercise: str | None, submission: str | None, **options) -> None:
    """Re-grade on every save; move on to the next unfinished exercise when green."""
    folder = _submission(submission)
    entry = _find(exercise).entry if exercise else None
    settings = _settings(**options)
    first = catalog.load(entry) if entry else None
    from grader.watch import watch as watch_loop

    try:
        code = watch_loop(folder, settings, first, clear=sys.stdout.isatty())
    except KeyboardInterrupt:
        click.echo("\nbye")
        code = 0
    raise click.exceptions.Exit(code)


@cli.command()
@click.argument("directory", type=click.Path(file_okay=False))
@click.option("--notebooks", is_flag=True,
              help="Write one Jupyter/Colab notebook per exercise (exercise_NN_*.ipynb) instead of .py stubs.")
def init(directory: str, notebooks: bool) -> None:
    """Write a fresh copy of the exercise stubs (or notebooks) into DIRECTORY/exercises."""
    from grader import notebook_files

    target = Path(directory) / "exercises"
    target.mkdir(parents=True, exist_ok=True)
    written, kept = 0, []
    for exercise in catalog.entries():
        name = notebook_files.notebook_name(exercise) if notebooks else exercise.filename
        destination = target / name
        if destination.exists():
            kept.append(name)  # never overwrite a student's work
            continue
        stub = (catalog.STUBS_DIR / exercise.filename).read_text(encoding="utf-8")
        destination.write_text(notebook_files.notebook_text(exercise, stub) if notebooks else stub, encoding="utf-8")
        written += 1
    gitignore = Path(directory) / ".gitignore"
    if not gitignore.exists():
        gitignore.write_text(".torchkata/\n__pycache__/\n.hypothesis/\n.ipynb_checkpoints/\n")
    click.echo(f"wrote {written} exercise {'notebooks' if notebooks else 'stubs'} to {target}")
    if kept:
        click.echo(f"kept your existing {len(kept)} file(s): " + ", ".join(kept))
    if notebooks:
        click.echo("next: open them in Jupyter (or upload one to Colab), solve, run the last cell: check(...)")
    else:
        click.echo(f"next: cd {directory} && grade show exercise-01 && grade watch")


@cli.command()
@click.argument("root", type=click.Path(exists=True, file_okay=False))
@grading_options
@click.option("--jobs", type=click.IntRange(min=1), default=None, help="Parallel graders. [number of cores]")
@click.option("--format", "fmt", type=click.Choice(["csv", "json"]), default="csv", show_default=True,
              help="csv: one gradebook; json: one report per submission (needs --output DIR).")
@click.option("--output", type=click.Path(), default=None,
              help="The gradebook file (csv) or the folder for the reports (json). [stdout, csv only]")
@click.option("--policy", "policy_file", type=str, default=None, metavar="FILE",
              help="Points and credit rule (TOML). [torchkata.toml here or in ROOT (never a student's), "
                   "else 1 point per exercise, all or nothing]")
@click.option("--shard", type=str, default=None, metavar="I/N", callback=lambda ctx, param, value: _shard(value),
              help="Grade only slice I of N (every N-th submission in name order); grade merge joins the slices.")
def batch(root: str, jobs: int | None, fmt: str, output: str | None, policy_file: str | None,
          shard: tuple[int, int], **options) -> None:
    """Grade every submission folder directly under ROOT; a gradebook out."""
    if fmt == "json" and not output:
        raise Usage("--format json writes one report per submission: give --output DIR")
    _output_folder(output, is_folder=fmt == "json")
    rules = _policy(policy_file, [Path.cwd(), Path(root)])
    if discovery.is_one_submission(Path(root)):
        click.echo(f"{root} is one submission (it holds exercise files itself): grading it alone; "
                   "give the folder of submission folders to grade a class", err=True)
    elif not discovery.subfolders(Path(root)):
        raise Usage(f"{root} holds no submission folders and no exercise files: give the folder "
                    "holding one folder per student")
    jobs = jobs or _cores()
    settings = _settings(**options, jobs=jobs)
    from grader import batch as batch_grading
    from grader import gradebook, report

    interactive = sys.stderr.isatty()

    def progress(graded, done: int, total: int) -> None:
        policy.apply(rules, graded.report)
        graded.report.submission = graded.name
        line = f"[{done}/{total}] {graded.name}: {graded.report.score:g}/{graded.report.max_score:g} " \
               f"({graded.seconds:.1f}s)"
        click.echo(("\r\033[K" + line) if interactive else line, err=True, nl=not interactive or done == total)

    graded = batch_grading.grade_all(Path(root), settings, jobs, on_graded=progress, shard=shard)
    if fmt == "json":
        folder = Path(output)
        for item in graded:
            (folder / f"{item.name}.json").write_text(report.to_json(item.report), encoding="utf-8")
    elif output:
        Path(output).write_text(gradebook.gradebook_csv(graded), encoding="utf-8")
    else:
        click.echo(gradebook.gradebook_csv(graded), nl=False)
    for line in gradebook.summary(graded):
        click.echo(line, err=True)


def _shard(value: str | None) -> tuple[int, int]:
    """``--shard I/N`` as (I, N), 1 <= I <= N; the whole class when not given."""
    if value is None:
        return 1, 1
    index, _, count = value.partition("/")
    if not (index.isdigit() and count.isdigit() and 1 <= int(index) <= int(count)):
        raise Usage(f"--shard {value}: give I/N with 1 <= I <= N, e.g. --shard 2/3")
    return int(index), int(count)


@cli.command()
@click.argument("parts", nargs=-1, required=True, type=click.Path(exists=True))
@click.option("--output", type=click.Path(), required=True,
              help="The merged gradebook (when PARTS are CSV files) or report folder (when they are folders).")
def merge(parts: tuple[str, ...], output: str) -> None:
    """Join the gradebooks (or JSON report folders) of grade batch --shard runs into one."""
    from grader import shards

    try:
        written = shards.merge([Path(p) for p in parts], Path(output))
    except shards.MergeError as exc:
        raise Usage(str(exc)) from None
    click.echo(f"merged {len(parts)} parts: {written} submissions in {output}", err=True)


def main(argv: list[str] | None = None) -> int:
    """Run ``grade``; usage errors become one line and exit code 2."""
    try:
        result = cli.main(args=argv, prog_name="grade", standalone_mode=False)
    except click.UsageError as exc:
        command = exc.ctx.command_path if exc.ctx else "grade"
        click.echo(f"{command}: error: {exc.format_message()}", err=True)
        return EXIT_USAGE
    except click.ClickException as exc:
        click.echo(f"grade: error: {exc.format_message()}", err=True)
        return exc.exit_code
    except click.exceptions.Abort:
        click.echo("grade: aborted", err=True)
        return 1
    return result if isinstance(result, int) else 0


def console() -> None:
    """The ``grade`` console script: :func:`main`, then a quick exit.

    Once torch is imported, finalising the interpreter (tearing down torch's
    modules and its native libraries) costs a second or two, as much as the
    grading of one exercise. By the time :func:`main` returns, every report
    and state file is written and closed and every worker is gone, so the
    exit handlers run and the process ends without that teardown.
    """
    code = main()
    atexit._run_exitfuncs()
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (OSError, ValueError):  # a closed pipe: nothing more to say
            pass
    os._exit(code)


if __name__ == "__main__":
    console()
