"""The student's side: a worker process that imports and runs the submission.

The grading process never imports student code. For each exercise it starts
a fresh worker (forked from a *forkserver* that has already imported torch,
hypothesis and the grader, so starting costs milliseconds, not the two
seconds of ``import torch``), which

1. leaves the grader's process group (so it and its children can be killed
   together), silences stdin, sends stdout/stderr to a size-capped file,
   moves into its own scratch folder and caps its memory;
2. blocks ``import solutions``;
3. imports the student's file and says ``ready`` (or how the import failed);
4. answers probe requests until the pipe closes: one reply for each request,
   whether it came alone or in a message carrying many (which a replayed
   check may have it run one request at a time).

Messages are :mod:`grader.wire` data in both directions, read as data only,
never pickle.
"""

from __future__ import annotations

import importlib
import importlib.abc
import importlib.util
import operator
import os
import resource
import select
import signal
import struct
import sys
import tempfile
import time
from dataclasses import dataclass
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any, Callable, Mapping

from grader import deferred, forkserver, sandbox, wire
from grader.probes import BUILTIN_PROBES, describe_exception, raised_from, run_probe

# Before the checks modules and the student's file, in the worker and in the grading process that
# imports this module (it runs the reference on the meta device too): nothing either runs compiles
# or has symbolic sizes.
deferred.install()

OUTPUT_LIMIT_CHARS = 1024 * 1024
RAW_OUTPUT_LIMIT_BYTES = 8 * 1024 * 1024
# The scratch folder may hold this much (files of at most RAW_OUTPUT_LIMIT_BYTES
# each); a worker that writes more is stopped before it fills the disk.
WORKDIR_LIMIT_BYTES = 512 * 1024 * 1024
WORKDIR_LIMIT_ENTRIES = 20_000
_WATCH_INTERVAL_S = 0.25


@dataclass(frozen=True)
class WorkerConfig:
    """Everything a worker needs; sent to it by the trusted grading process."""

    student_path: str
    checks_module: str
    device: str
    workdir: str
    memory_limit_mb: int
    token: str
    hidden: tuple[str, ...] = ()
    readable: tuple[str, ...] = ()


class _BlockSolutions(importlib.abc.MetaPathFinder):
    """Refuses ``import solutions`` with a message a student understands."""

    def find_spec(self, fullname, path=None, target=None):
        if fullname == "solutions" or fullname.startswith("solutions."):
            raise ImportError("importing the reference solutions is not allowed while grading")
        return None


def _virtual_memory_bytes() -> int:
    with open("/proc/self/statm") as statm:
        return int(statm.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")


def _isolate(config: WorkerConfig) -> None:
    """Everything that must hold before the student's first line runs."""
    os.setsid()
    sandbox.mark_environment(config.token)
    os.environ["TMPDIR"] = config.workdir
    # tempfile reads TMPDIR once: a module the forkserver preloaded (torchvision) may have read it already.
    tempfile.tempdir = config.workdir
    devnull = os.open(os.devnull, os.O_RDONLY)
    os.dup2(devnull, 0)
    output = os.open(os.path.join(config.workdir, "output.txt"), os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    os.dup2(output, 1)
    os.dup2(output, 2)
    stream = open(1, "w", closefd=False, encoding="utf-8", errors="replace")
    sys.stdout = sys.stderr = sandbox.CappedWriter(stream, OUTPUT_LIMIT_CHARS)
    # Raw writes past the cap fail with EFBIG instead of killing the worker.
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
    resource.setrlimit(resource.RLIMIT_FSIZE, (RAW_OUTPUT_LIMIT_BYTES, RAW_OUTPUT_LIMIT_BYTES))
    os.chdir(config.workdir)
    if config.memory_limit_mb > 0 and not config.device.startswith("cuda"):
        # CUDA reserves far more address space than it uses, so the cap
        # applies to CPU grading only. The forked worker already maps torch;
        # the cap is what the student may add on top of that.
        try:
            limit = _virtual_memory_bytes() + config.memory_limit_mb * 1024 * 1024
            resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
        except (OSError, ValueError):
            pass  # macOS has no /proc and ignores RLIMIT_AS: the timeout still holds
    sys.meta_path.insert(0, _BlockSolutions())
    # Modules of the package loaded before the block, which import would hand out. Its submodules
    # are only ever loaded under it, so the package's name is looked up first: reading every name
    # touches (and copies, in a forked worker) a page of the forkserver's memory for each, ~8 ms.
    if "solutions" in sys.modules:
        for name in [n for n in sys.modules if n == "solutions" or n.startswith("solutions.")]:
            del sys.modules[name]


class _Pristine:
    """Undoes monkeypatching of builtins and torch between the student's calls.

    The worker's own code (encoding results, watching arguments) runs in the
    same process as the student's, so a student who replaces
    ``builtins.isinstance`` or ``torch.equal`` could bend it. The names are
    snapshotted before the student's file is imported and put back after the
    import and after every probe. (Verdicts never depend on this: they are
    made in the grading process; this keeps the worker's reports honest.)
    """

    def __init__(self, *namespaces) -> None:
        self.snapshots = [(ns, dict(vars(ns))) for ns in namespaces]
        self.names = [(_lookup(tuple(saved)), tuple(saved.values())) for _, saved in self.snapshots]

    def restore(self) -> None:
        for (namespace, saved), (lookup, values) in zip(self.snapshots, self.names):
            current = vars(namespace)
            # The common case, nothing touched, is checked at C speed and by
            # identity only (a planted object's __eq__ could lie): as many
            # names as saved, each bound to the very object it was.
            try:
                untouched = len(current) == len(saved) and all(map(operator.is_, lookup(current), values))
            except KeyError:  # a saved name is gone
                untouched = False
            if untouched:
                continue
            for name in [n for n in current if n not in saved]:
                try:
                    delattr(namespace, name)
                except (AttributeError, TypeError):
                    pass
            for name, value in saved.items():
                if current.get(name, _MISSING) is not value:
                    try:
                        setattr(namespace, name, value)
                    except (AttributeError, TypeError):
                        pass


_MISSING = object()


def _lookup(names: tuple[str, ...]) -> Callable[[Mapping[str, Any]], tuple]:
    """The objects bound to ``names`` in a namespace, as a tuple, looked up in one C call
    (a KeyError for a missing one): after every probe, for some 1,900 names."""
    if len(names) == 1:  # itemgetter of one name returns its object, not a tuple
        return lambda namespace: (namespace[names[0]],)
    return operator.itemgetter(*names) if names else lambda namespace: ()


def _load_student(path: str):
    name = Path(path).stem
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


def serve(conn: Connection, config: WorkerConfig) -> None:
    """The worker's main loop (runs in the child process)."""
    _isolate(config)
    sandbox.enter_pid_namespace()
    sandbox.drop_capabilities()  # after the namespace, which needs them when root
    import torch

    from grader import tripwires

    torch.set_num_threads(1)
    if config.device.startswith("cuda"):
        # CUDA's start-up (up to seconds) is charged to the import, within the
        # exercise's time, not to the first call, whose early hang stop is tight.
        torch.zeros(1, device=config.device)
    probes = dict(BUILTIN_PROBES)
    exercise = importlib.import_module(config.checks_module).exercise
    probes.update(exercise.probes)
    # Before the student's file runs, and before the snapshot that _Pristine restores.
    tripwires.install(exercise.forbidden, exercise.tripwires)
    probes[tripwires.PROBE] = tripwires.forbidden_calls
    sandbox.restrict_filesystem(
        hidden=[Path(p) for p in config.hidden],
        readable=[Path(config.student_path), *map(Path, config.readable)],
        writable=[Path(config.workdir)],
    )
    import builtins

    import torch.testing

    pristine = _Pristine(builtins, torch, torch.Tensor, torch.testing, torch.nn.functional)
    try:
        module = _load_student(config.student_path)
    except BaseException as exc:  # import-time SystemExit, KeyboardInterrupt, ...
        pristine.restore()
        conn.send_bytes(wire.dumps({"import_error": describe_exception(exc, config.student_path)}))
        return
    pristine.restore()
    conn.send_bytes(wire.dumps({"ready": True}))
    while True:
        try:
            message = wire.loads(conn.recv_bytes())
        except EOFError:
            return
        # One message may carry a whole check's requests (grader.replay): a reply for each, in order.
        requests = message["batch"] if "batch" in message else [message]
        paced = message.get("paced") is True  # each request after the first only when told (grader.replay)
        for index, request in enumerate(requests):
            if paced and index:
                try:
                    control = wire.loads(conn.recv_bytes())["control"]
                except EOFError:
                    return
                if control == STOP:
                    break
                paced = control == STEP
            data = wire.decode(request["data"])
            reply = run_probe(probes[request["probe"]], module, config.device, data, config.student_path,
                              after=pristine.restore)
            conn.send_bytes(wire.dumps(reply))


def prepare_forkserver() -> None:
    """Do once, in the forkserver (:mod:`grader.warm`), what every worker forked from it would do again.

    The tripwire plans of the exercises it preloaded, and a PID namespace
    born with each worker instead of entered by a second fork of it. The
    plans are inert until a worker applies them; the forkserver itself runs
    no student code.
    """
    from grader import tripwires

    for name, module in list(sys.modules.items()):
        exercise = getattr(module, "exercise", None) if name.startswith("grader.checks.") else None
        if exercise is not None:
            tripwires.prepare(exercise.forbidden, exercise.tripwires)
    sandbox.fork_into_pid_namespaces()


# --- the grading process's end ---------------------------------------------


_MALFORMED = "the worker sent a malformed message (did your code write to the grader's pipe?)"
_FRAME = struct.Struct("!i")  # multiprocessing's length prefix of a message (all of ours are under 2 GB)
# At most this much per write: a socket that select() finds writable has room for it, so no write blocks.
_WRITE_CHUNK = 32 * 1024


def _message(blob: bytes) -> dict:
    """A worker's message read as data: a malformed one ends the exercise as crashed."""
    try:
        message = wire.loads(blob)
    except wire.ProtocolError:
        raise WorkerCrashed(_MALFORMED) from None
    if type(message) is not dict:
        raise WorkerCrashed(_MALFORMED)
    return message


def checked_reply(blob: bytes) -> dict:
    """A probe's reply read from a worker's bytes, checked to be exactly what :func:`run_probe` sends.

    Student code owns the worker and can write any bytes to the pipe, so a
    reply that is not a ``raised`` description or ``observed`` plain data
    ends the exercise as crashed instead of reaching the checks.
    """
    reply = _message(blob)
    try:
        if set(reply) == {"raised"}:
            raised_from(reply["raised"])
        elif set(reply) == {"observed"}:
            wire.decode(reply["observed"])
        else:
            raise wire.ProtocolError("unknown reply")
    except wire.ProtocolError:
        raise WorkerCrashed(_MALFORMED) from None
    return reply


def batch_message(requests: list[dict], paced: bool = False) -> bytes:
    """The message carrying ``requests`` to a worker, which answers each in order (see :func:`serve`).

    ``paced``: the worker runs each request after the first only when told to: the next
    one (:data:`STEP`), all the rest (:data:`RUN`), or none (:data:`STOP`), so
    :mod:`grader.replay` can stop it exactly where live grading would stop sending.
    """
    if paced:
        return wire.dumps({"batch": requests, "paced": True})
    return wire.dumps(requests[0] if len(requests) == 1 else {"batch": requests})


STEP, RUN, STOP = "step", "run", "stop"  # what a worker answering a paced batch is told before each next request
_CONTROLS = {control: wire.dumps({"control": control}) for control in (STEP, RUN, STOP)}


def _disk_usage(folder: str, max_entries: int) -> tuple[int, int]:
    """Bytes allocated under ``folder`` and entries seen, stopping after ``max_entries``."""
    used, entries, stack = 0, 0, [folder]
    while stack and entries <= max_entries:
        try:
            with os.scandir(stack.pop()) as listing:
                for entry in listing:
                    entries += 1
                    try:
                        info = entry.stat(follow_symlinks=False)
                    except OSError:
                        continue
                    used += getattr(info, "st_blocks", 0) * 512 or info.st_size
                    if entry.is_dir(follow_symlinks=False):
                        stack.append(entry.path)
                    if entries > max_entries:
                        break
        except OSError:
            continue
    return used, entries


class WorkerGone(BaseException):
    """The worker can answer no more. A BaseException so hypothesis does not
    treat it as one failing example and try to shrink it."""

    status = "crashed"


class WorkerTimeout(WorkerGone):
    status = "timeout"


class WorkerCrashed(WorkerGone):
    status = "crashed"


class WorkerProcess:
    """The grading process's handle on one worker: requests out, data back."""

    def __init__(self, config: WorkerConfig, deadline: float) -> None:
        context = forkserver.context()
        self.config = config
        self.deadline = deadline
        self.conn, child = context.Pipe(duplex=True)
        self.process = context.Process(target=serve, args=(child, config), daemon=True)
        started = time.monotonic()
        with forkserver.main_module_hidden():
            self.process.start()
        # Known before any student code runs (a process never leaves its PID namespace).
        self._contained = sandbox.leads_pid_namespace(self.process.pid)
        # The first start of a run waits for the forkserver's own imports
        # (seconds, more on a busy machine): that is not the student's time.
        self.deadline = deadline + (time.monotonic() - started)
        self._since = time.monotonic()  # when the call now running was sent (or the last reply read)
        # Every request sent, in order: grader.replay brings a fresh worker to this one's state with them.
        self.sent: list[dict] = []
        child.close()

    def _check_workdir(self) -> None:
        used, entries = _disk_usage(self.config.workdir, WORKDIR_LIMIT_ENTRIES)
        if used > WORKDIR_LIMIT_BYTES or entries > WORKDIR_LIMIT_ENTRIES:
            raise WorkerCrashed(f"your code wrote more than {WORKDIR_LIMIT_BYTES // 2**20} MB "
                                f"(or {WORKDIR_LIMIT_ENTRIES} files) to disk, and was stopped")

    def receive_bytes(self, hang: tuple[float, float] | None = None, running: Callable[[], str] | None = None) -> bytes:
        """The next message, unread; ``hang`` = (limit in seconds, the reference's seconds) stops a call early.

        :mod:`grader.replay` compares a reply's bytes with the reference's before reading them
        (:func:`checked_reply` reads one)."""
        until = self.deadline if hang is None else min(self.deadline, self._since + hang[0])
        # The folder is watched while the worker runs and looked at once a message has come
        # (a reply that is already there costs one look, not two).
        while True:
            remaining = until - time.monotonic()
            if remaining > 0 and self.conn.poll(min(remaining, _WATCH_INTERVAL_S)):
                break
            self._check_workdir()
            if remaining <= 0:
                self._timed_out(until < self.deadline, hang, running)
        self._since = time.monotonic()
        try:
            blob = self.conn.recv_bytes(wire.MAX_MESSAGE_BYTES)
        except OSError:
            raise WorkerCrashed("your code sent back more than 64 MB of data") from None
        except EOFError:
            raise WorkerCrashed(self.exit_reason()) from None
        self._check_workdir()
        return blob

    def _receive(self, hang: tuple[float, float] | None = None, running: Callable[[], str] | None = None) -> dict:
        return _message(self.receive_bytes(hang, running))

    def handshake(self) -> dict | None:
        """Wait for the import of the student's file; return the import error, if any."""
        message = self._receive()
        if message.get("ready") is True and len(message) == 1:
            return None
        if set(message) != {"import_error"}:
            raise WorkerCrashed(_MALFORMED)
        try:
            raised_from(message["import_error"])
        except wire.ProtocolError:
            raise WorkerCrashed(_MALFORMED) from None
        return message["import_error"]

    def _timed_out(self, early: bool, hang: tuple[float, float] | None, running: Callable[[], str] | None) -> None:
        call = running() if running else ""
        if early:
            limit, reference = hang
            needs = f"{reference:.2f} s" if reference >= 0.01 else "under 0.01 s"
            raise WorkerTimeout(f"{call or 'your code'} was still running after {limit:.0f} s, where the "
                                f"reference needs {needs} for the same input: an endless loop? "
                                "(grading stopped there)")
        raise WorkerTimeout("the time limit for this exercise ran out" + (f" while {call} was running" if call else ""))

    def request(self, probe: str, data: dict, running: Callable[[], str] | None = None) -> dict:
        """Run ``probe`` in the worker; the reply is checked to be well-formed data.

        ``running`` describes the call for a timeout message.
        """
        self.send([{"probe": probe, "data": wire.encode(data)}])
        return self.reply(running=running)

    def send(self, requests: list[dict], written: bytes | None = None) -> None:
        """Send ``requests`` (``{"probe": name, "data": encoded data}``) in one message;
        :meth:`reply` reads their replies, one for each, in order. ``written`` is their
        :func:`batch_message` where the caller has it already (grader.replay writes each check's once)."""
        self._write(written if written is not None else batch_message(requests))
        self.sent += requests
        self._since = time.monotonic()

    def _write(self, blob: bytes) -> None:
        """Send one message (framed as ``Connection.send_bytes`` frames it), by the deadline.

        A plain blocking write would wait for the worker to read, forever if it never does: code
        that forges replies from a thread while the worker's own loop sleeps would fill the pipe
        with the grader's messages and hang the grader, whose time limit is kept only while it
        waits to read. So each part is written once the pipe has room, waiting for room no later
        than the deadline.
        """
        fd = self.conn.fileno()
        for part in (_FRAME.pack(len(blob)), blob):
            view = memoryview(part)
            while view:
                # Past the deadline, a pipe with room is still written to: the reply's wait says why it ended.
                if not select.select([], [fd], [], max(0.0, self.deadline - time.monotonic()))[1]:
                    raise WorkerTimeout("the time limit for this exercise ran out while your code did not read "
                                        "what the grader sent it")
                try:
                    view = view[os.write(fd, view[:_WRITE_CHUNK]):]
                except OSError:
                    raise WorkerCrashed(self.exit_reason()) from None

    def control(self, control: str) -> None:
        """Tell a worker answering a paced batch (:func:`batch_message`): :data:`STEP`, :data:`RUN` or :data:`STOP`."""
        self._write(_CONTROLS[control])
        self._since = time.monotonic()

    def reply(self, hang: tuple[float, float] | None = None, running: Callable[[], str] | None = None) -> dict:
        """The next reply, checked to be well-formed data (:func:`checked_reply`).

        ``hang`` = (limit, the reference's seconds): a call still running
        ``limit`` seconds after the previous reply ends the exercise as a
        timeout then, not at the exercise's limit.
        """
        return checked_reply(self.receive_bytes(hang, running))

    def exit_reason(self) -> str:
        self.process.join(timeout=2)
        code = self.process.exitcode
        if code is None:
            return "the worker stopped answering"
        if code < 0:
            try:
                name = signal.Signals(-code).name
            except ValueError:
                name = f"signal {-code}"
            return f"the worker died from {name}" + (" (a segmentation fault)" if name == "SIGSEGV" else "")
        return f"the worker exited with code {code} (sys.exit or os._exit in your code?)"

    def close(self) -> None:
        """Kill the worker, its process group, and every process it started."""
        self.conn.close()
        pid = self.process.pid
        if pid is not None:
            try:
                os.killpg(pid, signal.SIGKILL)
            except (ProcessLookupError, PermissionError):
                pass
            try:
                self.process.kill()
            except Exception:
                pass
        if not self._contained:
            sandbox.kill_marked(self.config.token)
        self.process.join(timeout=5)
