"""Grading by replay: draw a check's examples once, answer every submission from them.

At a fixed seed hypothesis draws the same examples for every submission that
passes a check, so drawing them again -- and computing the reference's
answers again -- for every student is wasted work. A check is therefore
first *recorded*: run under hypothesis exactly as live grading runs it, with
the reference answering on both sides, keeping each example and every
request each side made with the reference's reply and how long it took.
Grading a submission then *replays* the recording:

1. every student request of the check goes to the worker in one message,
   and the replies come back one by one (a call that runs far longer than
   the reference needed for it ends the exercise as a timeout early): the
   worker runs each next request of the traps when told, at once while its
   replies are the recording's, and from the first that is not only when
   the check asks for it, and the drawn examples' requests without waiting
   (:class:`_Conversation`);
2. the check's own function runs on each recorded example, the student's
   side answering with those replies and the reference's with the recorded
   ones; a request other than the recorded one (the check took another
   path because the student answered differently) ends the replay.

Step 2 is skipped when every reply is, byte for byte, the reference's reply
to the same request in the recording (every reference, and any student whose
code computes exactly as the reference's does): the recording's student side
read the reference's replies through the wire, as a worker's are read, so the
recording already was live grading of such a student, and it passed.

A check that passes every example under replay passes live: hypothesis would
have drawn the same examples, and the student's code received the same
requests in the same order. Anything else -- a failed example, a diverging
request, an error -- is graded by live hypothesis. Where the replay
stopped within the traps, live grading goes on from there
(:class:`_Resumed`): the worker paused there, having run exactly the
requests live grading sends up to that point, so the requests it ran are
answered with its replies (and the output it printed then) and the rest go
to it; no request is run twice. Otherwise (the worker may have run drawn
examples past the failing one), and should live grading ever ask for
anything else than the worker ran (it never should: the same seed draws the
same examples), a fresh worker, first sent everything the previous checks
sent, grades the check from scratch. Either way the student reads exactly
the message, the smallest counterexample and the output of live grading.

The checks after it are replayed again on that worker, which keeps every
request it ran, the live checks' ones included (``WorkerProcess.sent``).
That this is live grading, check for check, holds by induction: before each
check the worker has run exactly the requests live grading sends it before
that check. It holds for the first (none). A check replayed to the end sent
the very requests live grading sends for it (above). A check graded live
went on from a worker in live grading's state -- the paused one, or a fresh
one sent only the requests of the checks before -- so it sent what live
grading sends. Each check's verdict is then live grading's: a passing replay
proves it, and everything else is graded live from live grading's state.

Recordings live in memory for the process (a batch records each check once,
before it forks its graders) and in a cache folder across runs
(``$TORCHKATA_CACHE``, else ``$XDG_CACHE_HOME/torchkata/replay``, else
``~/.cache/torchkata/replay``; ``TORCHKATA_CACHE=off`` keeps none), keyed by
everything a recording depends on: the check, seed and number of examples,
the device, the torch, hypothesis and NumPy versions and the grader's and
the reference's sources. A cache file is :mod:`grader.wire` data, read as
data only and validated like a worker's reply; one that fails validation is
recorded again. A recording is of grading without ``--data-root``: with one,
the exercise that reads it (exercise 14) is graded live. Checks that read
files through the worker's folder are never replayed.
"""

from __future__ import annotations

import dataclasses
import hashlib
import os
import platform
import sys
import tempfile
import time
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable, Sequence

import hypothesis
import numpy
import torch
from hypothesis import HealthCheck, Phase, Verbosity

from grader import catalog, fashion_mnist, wire
from grader.exercise import Check, Context, Outcome
from grader.probes import ProbeSide, describe_request, materialize, outcome, run_probe
from grader.results import CheckResult
from grader.printed import Printed
from grader.worker import RUN, STEP, STOP, WorkerGone, batch_message, checked_reply

if TYPE_CHECKING:
    from grader.exercise import Exercise
    from grader.runner import ReferenceSide, Settings
    from grader.worker import WorkerProcess

FORMAT = 2
# A call still running this long after the previous reply, and this many
# times what the reference needed for the same input, is taken for a hang.
HANG_FLOOR_S = 3.0
HANG_FACTOR = 50.0
_PLAIN = object()  # the "example" of a plain check, which takes none


@dataclass(frozen=True)
class Event:
    """One request a check made of a side, with the reference's answer to it."""

    side: str  # "student" or "reference"
    request: dict  # {"probe": name, "data": encoded data}, as a worker receives it; replayed, the same bytes
    reply: dict  # the reference's reply, as a worker sends it
    seconds: float  # how long the reference took


@dataclass(frozen=True)
class Drawn:
    """One example of a check and the requests the check made for it."""

    example: Any
    events: tuple[Event, ...]


Recording = tuple[Drawn, ...]


def hypothesis_settings(check: Check, settings: Settings) -> hypothesis.settings:
    """The hypothesis settings of a check, the same for recording and live grading."""
    examples = settings.examples if check.max_examples is None else min(settings.examples, check.max_examples)
    return hypothesis.settings(
        max_examples=max(1, examples),
        deadline=None,
        database=None,
        derandomize=False,
        suppress_health_check=list(HealthCheck),
        verbosity=Verbosity.quiet,
        print_blob=False,
        report_multiple_bugs=False,
        phases=(Phase.explicit, Phase.generate, Phase.shrink),
    )


def hypothesis_test(check: Check, settings: Settings, property_test: Callable[[Any], None]) -> Callable[[], None]:
    """``property_test(example)`` under hypothesis: the check's traps first, then examples drawn at the seed."""
    test = hypothesis.given(example=check.strategy)(property_test)
    for explicit in reversed(check.examples):
        test = hypothesis.example(example=explicit)(test)
    return hypothesis.seed(settings.seed)(hypothesis_settings(check, settings)(test))


# --- recording ----------------------------------------------------------------


class _NotReplayable(BaseException):
    """The check reads files through the worker's folder: it is graded live."""


class _RecordingContext(Context):
    """A context without a data root, whose worker's folder ends the recording when read."""

    def __getattribute__(self, name: str) -> Any:
        if name == "workdir":
            raise _NotReplayable
        return super().__getattribute__(name)


class _RecordingSide(ProbeSide):
    """One side of a recording: the reference answers, and every request is kept."""

    def __init__(self, reference: ReferenceSide, side: str, events: list[Event]) -> None:
        self.reference, self.side, self.events = reference, side, events

    def probe(self, name: str, **data: Any) -> Outcome:
        request = {"probe": name, "data": wire.encode(data)}
        started = time.perf_counter()
        reply = run_probe(self.reference.probes[name], self.reference.module, self.reference.device,
                          wire.decode(request["data"]), self.reference.module.__file__)
        self.events.append(Event(self.side, request, reply, time.perf_counter() - started))
        # The student's side reads the reply as it comes from a worker, through the wire:
        # this run is then live grading of a student who answers with these very bytes.
        return outcome(wire.loads(wire.dumps(reply)) if self.side == "student" else reply)


def record(check: Check, reference: ReferenceSide, settings: Settings) -> Recording | None:
    """Run ``check`` as live grading does, the reference on both sides; None if it cannot be replayed."""
    drawn: list[Drawn] = []
    events: list[Event] = []
    ctx = _RecordingContext(_RecordingSide(reference, "student", events), _RecordingSide(reference, "reference", events),
                            settings.device)

    def body(example: Any) -> None:
        events.clear()
        check.fn(ctx) if example is _PLAIN else check.fn(ctx, example)
        drawn.append(Drawn(example, tuple(events)))

    test = (lambda: body(_PLAIN)) if check.strategy is None else hypothesis_test(check, settings, body)
    # On one thread, as in a worker: a sum split over threads rounds otherwise, and a student whose
    # code computes as the reference's does would then not answer with the recorded bytes.
    threads = torch.get_num_threads()
    torch.set_num_threads(1)
    try:
        test()
    except KeyboardInterrupt:
        raise
    except BaseException:  # it touched files, or fails even for the reference: graded live
        return None
    finally:
        torch.set_num_threads(threads)
    return tuple(drawn)


# --- the cache ------------------------------------------------------------------


def cache_folder() -> Path | None:
    """Where recordings are kept across runs, or None when the cache is off."""
    chosen = os.environ.get("TORCHKATA_CACHE")
    if chosen == "off":
        return None
    if chosen:
        return Path(chosen)
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "torchkata" / "replay"


@lru_cache(maxsize=None)
def _sources_digest() -> str:
    """The grader's own sources and every reference: any edit records again."""
    digest = hashlib.sha256()
    grader_dir = Path(__file__).resolve().parent
    for path in sorted([*grader_dir.rglob("*.py"), *catalog.SOLUTIONS_DIR.glob("*.py")]):
        digest.update(str(path.relative_to(catalog.PACKAGE_ROOT)).encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


def cache_key(exercise: Exercise, check: Check, settings: Settings) -> str:
    """Everything a recording depends on, as one line."""
    parts = [f"format {FORMAT}", exercise.id, check.name, f"seed {settings.seed}",
             f"examples {settings.examples}", settings.device, f"torch {torch.__version__}",
             f"hypothesis {hypothesis.__version__}", f"numpy {numpy.__version__}",
             f"python {platform.python_version()}", _sources_digest()]
    return "\n".join(parts)


def _example_data(value: Any, depth: int = 0) -> Any:
    """An example as wire data: plain values, tensors, dtypes and the grader's dataclasses."""
    if depth > 20:
        raise TypeError("example nested too deeply")
    cls = type(value)
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        if not cls.__module__.startswith("grader.") or "<" in cls.__qualname__:
            raise TypeError(f"{cls.__qualname__} is not a grader dataclass")
        fields = [[f.name, _example_data(getattr(value, f.name), depth + 1)] for f in dataclasses.fields(value)]
        return {"kind": "dataclass", "type": f"{cls.__module__}:{cls.__qualname__}", "fields": fields}
    if isinstance(value, torch.dtype):
        return {"kind": "dtype", "name": str(value).removeprefix("torch.")}
    if cls in (list, tuple):
        return {"kind": cls.__name__, "items": [_example_data(item, depth + 1) for item in value]}
    if cls is dict and all(type(key) in (str, int) for key in value):
        return {"kind": "dict", "items": [[key, _example_data(item, depth + 1)] for key, item in value.items()]}
    encoded = wire.encode(value)
    if type(encoded) is dict and encoded.get("kind") != "tensor":
        raise TypeError(f"{cls.__qualname__} is not plain data")
    return encoded


def _grader_class(name: Any) -> type:
    if type(name) is not str or name.count(":") != 1:
        raise wire.ProtocolError("malformed class name")
    module_name, qualname = name.split(":")
    module = sys.modules.get(module_name) if module_name.startswith("grader.") else None
    found: Any = module
    for part in qualname.split("."):
        found = getattr(found, part, None) if part.isidentifier() else None
    if not (isinstance(found, type) and dataclasses.is_dataclass(found)):
        raise wire.ProtocolError(f"{name} is not a grader dataclass")
    return found


def _example_value(data: Any, depth: int = 0) -> Any:
    """Inverse of :func:`_example_data`, refusing anything else."""
    if depth > 20:
        raise wire.ProtocolError("example nested too deeply")
    kind = data.get("kind") if type(data) is dict else None
    if kind in ("list", "tuple", "dict", "dataclass"):
        pairs = data.get("fields" if kind == "dataclass" else "items")
        if type(pairs) is not list:
            raise wire.ProtocolError("malformed example")
        if kind in ("list", "tuple"):
            items = [_example_value(item, depth + 1) for item in pairs]
            return items if kind == "list" else tuple(items)
        if any(type(pair) is not list or len(pair) != 2 or type(pair[0]) not in (str, int) for pair in pairs):
            raise wire.ProtocolError("malformed example")
        values = {key: _example_value(item, depth + 1) for key, item in pairs}
        return values if kind == "dict" else _grader_class(data.get("type"))(**values)
    if kind == "dtype":
        if data.get("name") not in wire.DTYPES:
            raise wire.ProtocolError("unknown dtype")
        return wire.DTYPES[data["name"]]
    value = wire.decode(data)
    if isinstance(value, wire.Opaque):
        raise wire.ProtocolError("an example holds an opaque value")
    return materialize(value, "cpu")


def _to_data(recording: Recording | None, key: str) -> dict:
    if recording is None:
        return {"format": FORMAT, "key": key, "drawn": None}
    drawn = [{"example": None if d.example is _PLAIN else _example_data(d.example),
              "plain": d.example is _PLAIN,
              "events": [{"side": e.side, "request": e.request, "reply": e.reply, "seconds": e.seconds}
                         for e in d.events]}
             for d in recording]
    return {"format": FORMAT, "key": key, "drawn": drawn}


def _event(data: Any) -> Event:
    if type(data) is not dict or set(data) != {"side", "request", "reply", "seconds"}:
        raise wire.ProtocolError("malformed event")
    request, reply, seconds = data["request"], data["reply"], data["seconds"]
    if data["side"] not in ("student", "reference") or type(seconds) is not float or not seconds >= 0:
        raise wire.ProtocolError("malformed event")
    if type(request) is not dict or set(request) != {"probe", "data"} or type(request["probe"]) is not str:
        raise wire.ProtocolError("malformed request")
    if type(wire.decode(request["data"])) is not dict or type(reply) is not dict or len(reply) != 1:
        raise wire.ProtocolError("malformed request")
    outcome(reply)  # validated as a worker's reply is
    return Event(data["side"], request, reply, seconds)


def _from_data(data: Any, key: str) -> Recording | None:
    """A recording read back, every field checked; ProtocolError when it is not one."""
    if type(data) is not dict or set(data) != {"format", "key", "drawn"} or data["key"] != key:
        raise wire.ProtocolError("not this recording")
    if data["drawn"] is None:
        return None
    if type(data["drawn"]) is not list:
        raise wire.ProtocolError("malformed recording")
    recording = []
    for item in data["drawn"]:
        if type(item) is not dict or set(item) != {"example", "plain", "events"} or type(item["events"]) is not list:
            raise wire.ProtocolError("malformed example")
        example = _PLAIN if item["plain"] is True else _example_value(item["example"])
        recording.append(Drawn(example, tuple(map(_event, item["events"]))))
    return tuple(recording)


def _cache_path(key: str) -> Path | None:
    folder = cache_folder()
    return folder / f"{hashlib.sha256(key.encode()).hexdigest()}.tkr" if folder else None


def _load(key: str) -> tuple[bool, Recording | None]:
    path = _cache_path(key)
    try:
        if path is None or path.stat().st_size > wire.MAX_MESSAGE_BYTES:
            return False, None
        return True, _from_data(wire.loads(path.read_bytes()), key)
    except (OSError, wire.ProtocolError, TypeError, ValueError, KeyError, RuntimeError):
        return False, None  # absent, or not a valid recording: record again


def _save(key: str, recording: Recording | None) -> None:
    path = _cache_path(key)
    if path is None:
        return
    try:
        blob = wire.dumps(_to_data(recording, key))
        # Only what reads back as the very same data is kept (an example of a
        # type the cache cannot hold is recorded again in the next run).
        if wire.dumps(_to_data(_from_data(wire.loads(blob), key), key)) != blob:
            return
        path.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=path.parent, delete=False, suffix=".tmp") as handle:
            handle.write(blob)
        os.replace(handle.name, path)
    except (OSError, TypeError, ValueError, wire.ProtocolError):
        pass  # an unwritable cache only costs time


@dataclass(frozen=True)
class _Written:
    """A recording as replay uses it: its events by side, the message sending the student's
    requests and the bytes of the reference's reply to each. The same for every submission, so
    made once, when the recording is loaded (a batch's forked graders share it)."""

    recording: Recording
    students: tuple[Event, ...]
    references: tuple[Event, ...]
    requests: list[dict]
    message: bytes
    replies: tuple[bytes, ...]
    traps: int  # the student requests of the traps (or of a plain check): those run one at a time

    @classmethod
    def of(cls, found: Recording, check: Check) -> _Written:
        students = tuple(e for d in found for e in d.events if e.side == "student")
        requests = [e.request for e in students]
        # hypothesis runs the traps first, each once, in order
        traps = found[:len(check.examples)] if check.strategy is not None else found
        return cls(found, students, tuple(e for d in found for e in d.events if e.side == "reference"),
                   requests, batch_message(requests, paced=True), tuple(wire.dumps(e.reply) for e in students),
                   sum(e.side == "student" for d in traps for e in d.events))


_MEMORY: dict[str, _Written | None] = {}


def kept(exercise: Exercise, check: Check, settings: Settings) -> bool:
    """Whether the recording of ``check`` is in memory or in the cache folder (valid or not)."""
    key = cache_key(exercise, check, settings)
    path = _cache_path(key)
    return key in _MEMORY or (path is not None and path.is_file())


def _written(exercise: Exercise, check: Check, settings: Settings, reference: ReferenceSide) -> _Written | None:
    """The recording of ``check`` as replay uses it: from memory, the cache folder, or recorded now."""
    key = cache_key(exercise, check, settings)
    if key not in _MEMORY:
        found, loaded = _load(key)
        if not found:
            loaded = record(check, reference, settings)
            _save(key, loaded)
        _MEMORY[key] = None if loaded is None else _Written.of(loaded, check)
    return _MEMORY[key]


def recording(exercise: Exercise, check: Check, settings: Settings, reference: ReferenceSide) -> Recording | None:
    """The recording of ``check``: from memory, the cache folder, or recorded now."""
    written = _written(exercise, check, settings, reference)
    return None if written is None else written.recording


# --- replaying -----------------------------------------------------------------


class _Diverged(BaseException):
    """The check asked for something other than what was recorded (a BaseException: checks must not catch it)."""


class _Script(ProbeSide):
    """One side's recorded requests of a check, answered in order by ``answer(index)``."""

    def __init__(self, events: Sequence[Event], answer: Callable[[int], dict]) -> None:
        self.events, self.answer = events, answer
        self.at = self.end = 0

    def probe(self, name: str, **data: Any) -> Outcome:
        if self.at >= self.end:
            raise _Diverged
        recorded = self.events[self.at].request  # the very request, byte for byte (without writing its bytes)
        if name != recorded["probe"] or not wire.same(wire.encode(data), recorded["data"]):
            raise _Diverged
        self.at += 1
        return outcome(self.answer(self.at - 1))


def hang_limit(exercise: Exercise, reference_seconds: float) -> tuple[float, float] | None:
    """(limit, the reference's seconds) for a replayed call: how long it may run before it is
    taken for a hang. None for exercises that train or have a time limit of their own: a
    student's slower training is legitimate work, given the exercise's whole time."""
    if exercise.timeout or exercise.trains:
        return None
    return max(HANG_FLOOR_S, HANG_FACTOR * reference_seconds), reference_seconds


class _Conversation:
    """The worker's replies to one check's recorded requests, sent in one paced message.

    The worker runs each request of the traps after the first only when told
    to (:func:`grader.worker.batch_message`): while its replies are the
    recording's, at once; from the first that is not, when the check asks for
    the next. Where a check fails on a trap -- most failures: the traps are
    the known mistakes -- it has then run exactly what live grading runs up to
    that point, and live grading goes on with it (:class:`_Resumed`). The
    examples hypothesis draws, whose failures are shrunk at many times the
    cost anyway, are run without waiting: one at a time, every request would
    cost a wake-up of both processes. (The worker is told, never given the
    expected replies to compare itself: their digests would let the student's
    code search for the reference's answers.)
    """

    def __init__(self, replayer: Replayer, written: _Written) -> None:
        self.replayer, self.written = replayer, written
        self.worker = replayer.worker
        self.printed = Printed(replayer.ctx.workdir)
        self.start = self.printed.offset()  # the student's output before the check
        self.received: list[bytes] = []
        self.offsets: list[int] = []  # the output's length after each reply run one at a time
        self.used = 0  # replies the check has read
        self.running = False  # told to run the rest without waiting
        if written.students:
            self.worker.send(written.requests, written.message)

    def receive(self) -> bytes:
        """The next reply, unread; a call that runs far longer than the reference's is a hang."""
        index = len(self.received)
        if index and not self.running:
            self.running = index >= self.written.traps
            self.worker.control(RUN if self.running else STEP)
        event = self.written.students[index]
        self.received.append(self.worker.receive_bytes(
            hang_limit(self.replayer.exercise, event.seconds),
            lambda: describe_request(event.request["probe"], wire.decode(event.request["data"]),
                                     self.replayer.exercise.probes)))
        if not self.running:  # the worker waits: nothing more is printed meanwhile
            self.offsets.append(self.printed.offset())
        return self.received[-1]

    def reply(self, index: int) -> dict:
        """The reply to request ``index``, read as data."""
        while len(self.received) <= index:
            self.receive()
        self.used = max(self.used, index + 1)
        return checked_reply(self.received[index])

    def stop(self) -> bool:
        """End the batch where the check stopped asking; False if the worker may have run more."""
        if self.running or self.used != len(self.received):
            return False
        if len(self.received) < len(self.written.students):
            self.worker.control(STOP)
        del self.worker.sent[len(self.worker.sent) - len(self.written.students) + len(self.received):]
        return True


class _Unresumable(WorkerGone):
    """Live grading asked for something other than what the worker ran: it cannot go on from there."""


class _Resumed(ProbeSide):
    """The student's side for live grading that goes on from a replay.

    Live hypothesis draws the same examples and the check asks for the same
    requests, so the ones the worker already ran are answered with its
    replies (and the output it printed then), and the rest go to the worker.
    """

    def __init__(self, conversation: _Conversation, student: ProbeSide) -> None:
        self.conversation, self.student = conversation, student
        self.at = 0

    def probe(self, name: str, **data: Any) -> Outcome:
        talk = self.conversation
        if self.at == len(talk.received):
            return self.student.probe(name, **data)
        ran = talk.written.students[self.at].request
        if name != ran["probe"] or not wire.same(wire.encode(data), ran["data"]):
            raise _Unresumable("live grading diverged from the replay")
        self.at += 1
        return outcome(checked_reply(talk.received[self.at - 1]))

    def output_position(self) -> int | None:
        talk = self.conversation
        if self.at == len(talk.received):
            return None
        return talk.offsets[self.at - 1] if self.at else talk.start


class Replayer:
    """Runs each of an exercise's checks by replay where it passes, live where it does not.

    ``live(check, ctx)`` grades a check live with ``ctx``; ``restart()``
    replaces the worker with a fresh one and returns it.
    """

    def __init__(self, exercise: Exercise, settings: Settings, ctx: Context, worker: WorkerProcess,
                 live: Callable[[Check, Context], CheckResult], restart: Callable[[], WorkerProcess]) -> None:
        self.exercise, self.settings, self.ctx, self.worker = exercise, settings, ctx, worker
        self.live, self.restart = live, restart
        # --show-output shows each passing check's output: a batch's output is not split by check.
        # A recording is of grading without --data-root: the exercise that reads one is graded live.
        self.replaying = (settings.replay and not settings.show_output
                          and not (settings.data_root and exercise.id == fashion_mnist.EXERCISE))

    def run(self, check: Check) -> CheckResult:
        """Grade ``check``: by replay if it can be replayed and passes, live otherwise."""
        started = time.monotonic()
        written = _written(self.exercise, check, self.settings, self.ctx.reference) if self.replaying else None
        self.worker.deadline += time.monotonic() - started  # recording is the grader's time, not the student's
        if written is None:
            return self.live(check, self.ctx)
        before = len(self.worker.sent)
        conversation = _Conversation(self, written)
        if self._replay(check, written, conversation):
            return CheckResult(check.name, "passed", kind=check.kind)
        if conversation.stop():
            # Live grading goes on from where the replay stopped: the worker ran what it would have.
            try:
                return self.live(check, dataclasses.replace(self.ctx, student=_Resumed(conversation, self.ctx.student)))
            except _Unresumable:
                pass
        # Live grading for this check, on a fresh worker sent what the checks before it sent (live ones too).
        history = self.worker.sent[:before]
        self.worker = self.restart()
        if history:
            self.worker.send(history)
            for _ in history:
                self.worker.receive_bytes()  # unread: only the state they leave matters
        return self.live(check, self.ctx)

    def _replay(self, check: Check, written: _Written, conversation: _Conversation) -> bool:
        """True when every example passes under replay; WorkerGone when the worker is gone first.

        A student whose every reply is, byte for byte, the reference's reply in the
        recording passes without running the check again: the recording ran it as live
        grading runs it for such a student (its student side read those very bytes).
        """
        if all(conversation.receive() == expected for expected in written.replies):
            return True
        students, references = written.students, written.references
        student = _Script(students, conversation.reply)
        reference = _Script(references, lambda index: references[index].reply)
        ctx = dataclasses.replace(self.ctx, student=student, reference=reference)
        for drawn in written.recording:
            student.end = student.at + sum(e.side == "student" for e in drawn.events)
            reference.end = reference.at + sum(e.side == "reference" for e in drawn.events)
            try:
                check.fn(ctx) if drawn.example is _PLAIN else check.fn(ctx, drawn.example)
            except (WorkerGone, KeyboardInterrupt):
                raise
            except BaseException:  # failed, diverged, or a check's error: live grading says which
                return False
            if student.at != student.end or reference.at != reference.end:
                return False
        return True
