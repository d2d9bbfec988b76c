"""What an exercise's checks module declares, and the vocabulary its checks use.

Each ``grader/checks/exercise_NN_<slug>.py`` creates one :class:`Exercise` and
registers on it, in the order a student should fix them:

* checks -- plain functions ``fn(ctx)`` or hypothesis properties
  ``fn(ctx, example)`` that decide a verdict in the grading process;
* probes -- functions ``fn(module, **data)`` that run *inside the worker*
  beside the student's code (and, for the reference, in the grading
  process), call the student's functions and return what they observed as
  plain data.

A check calls a probe on both sides through ``ctx.student`` and
``ctx.reference`` and compares the two :class:`Outcome` s; it fails by
raising :class:`CheckFailure` with a message written for a beginner.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Callable, Protocol, Sequence

from hypothesis import strategies as st

KINDS = ("differential", "invariant", "errors", "structure", "hygiene")


class CheckFailure(Exception):
    """A property did not hold; ``message`` is what the student reads."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


@dataclass(frozen=True)
class Call:
    """One call of a student function: its name and arguments.

    Strategies generate ``Call`` s so that a failing example can be shown to
    the student exactly as the call they would type.
    """

    function: str
    args: tuple = ()
    kwargs: dict = field(default_factory=dict)

    def __str__(self) -> str:
        from grader.compare import show

        parts = [show(arg) for arg in self.args]
        parts += [f"{key}={show(value)}" for key, value in self.kwargs.items()]
        return f"{self.function}({', '.join(parts)})"


def calls(function: str, *args: st.SearchStrategy, **kwargs: st.SearchStrategy) -> st.SearchStrategy[Call]:
    """A strategy of :class:`Call` s of ``function`` with arguments drawn from the given strategies."""

    def build(*drawn_args: Any, **drawn_kwargs: Any) -> Call:
        return Call(function, tuple(drawn_args), dict(drawn_kwargs))

    return st.builds(build, *args, **kwargs)


@dataclass(frozen=True)
class Raised:
    """An exception that escaped the student's (or the reference's) code."""

    type_name: str
    bases: tuple[str, ...]
    message: str
    traceback: str

    def is_a(self, name: str) -> bool:
        """True if the exception is ``name`` or a subclass of it."""
        return name in self.bases

    def describe(self) -> str:
        """The exception as Python prints its last line, then the advice for a known torch
        error (:mod:`grader.advice`), then the student's frames of the traceback."""
        from grader.advice import advise

        text = f"{self.type_name}: {self.message}" if self.message else self.type_name
        advice = advise(self.message)
        if advice:
            text += "\n" + advice
        return f"{text}\n{self.traceback}".rstrip() if self.traceback else text


@dataclass(frozen=True)
class Outcome:
    """What a probe observed: either ``raised`` or the observations dict."""

    observed: dict[str, Any]
    raised: Raised | None = None

    def __getitem__(self, key: str) -> Any:
        return self.observed[key]

    @property
    def returned(self) -> Any:
        return self.observed.get("returned")


class Side(Protocol):
    """One side of a comparison: the student's worker or the local reference."""

    def probe(self, name: str, **data: Any) -> Outcome: ...

    def run(self, call: Call) -> Outcome: ...

    def output_position(self) -> int | None: ...


@dataclass
class Context:
    """What a check receives: both sides and the grading settings."""

    student: Side
    reference: Side
    device: str
    data_root: str | None = None  # a real FashionMNIST download (``--data-root``), if given
    workdir: str | None = None  # the worker's scratch folder: files a check writes here, the worker can read


@dataclass(frozen=True)
class Check:
    """One named check; ``strategy`` is set for hypothesis properties."""

    name: str
    kind: str
    fn: Callable[..., None]
    strategy: st.SearchStrategy | None = None
    examples: tuple = ()
    max_examples: int | None = None


Probe = Callable[..., dict]


class Exercise:
    """The declaration of one exercise; the catalog fills in its identity."""

    def __init__(
        self,
        title: str,
        functions: Sequence[str],
        forbidden: Sequence[str] = (),
        hints: Sequence[str] = (),
        timeout: float | None = None,
        tripwires: Sequence[str] = (),
        trains: bool = False,
        imports: Sequence[str] = (),
    ) -> None:
        self.title = title
        self.functions = tuple(functions)
        self.forbidden = tuple(forbidden)
        # Callables that are not forbidden names to write, but must not run from the student's code
        # either ("by hand" exercises: a layer class's own forward); see grader.tripwires.
        self.tripwires = tuple(tripwires)
        self.hints = tuple(hints)
        self.timeout = timeout
        # Its functions do real work (training): a slow call is never taken for a hang
        # before the exercise's time runs out (grader.replay.hang_limit).
        self.trains = trains
        # Modules a submission imports beyond torch (torchvision): the worker forkserver imports them
        # when this exercise is graded, so importing the student's file costs no time. The checks module
        # itself leaves them out: the grading process imports it, and needs them only to run the reference.
        self.imports = tuple(imports)
        self.checks: list[Check] = []
        self.probes: dict[str, Probe] = {}
        # Filled in by the catalog from the checks module's name.
        self.number = 0
        self.slug = ""

    @property
    def id(self) -> str:
        return f"exercise-{self.number:02d}"

    @property
    def filename(self) -> str:
        return f"exercise_{self.number:02d}_{self.slug.replace('-', '_')}.py"

    def check(self, name: str, kind: str) -> Callable[[Callable], Callable]:
        """Register a plain check ``fn(ctx)``."""
        return self._register(name, kind, None, ())

    def property(
        self,
        name: str,
        kind: str,
        strategy: st.SearchStrategy,
        examples: Sequence[Any] = (),
        max_examples: int | None = None,
    ) -> Callable[[Callable], Callable]:
        """Register a hypothesis property ``fn(ctx, example)``.

        ``examples`` are always tried first: they hold the known traps.
        ``max_examples`` caps this property below the run's ``--examples``
        when each example is expensive (training runs).
        """
        return self._register(name, kind, strategy, tuple(examples), max_examples)

    def _register(self, name, kind, strategy, examples, max_examples=None):
        if kind not in KINDS:
            raise ValueError(f"check kind must be one of {KINDS}, not {kind!r}")

        def decorate(fn: Callable) -> Callable:
            self.checks.append(Check(name, kind, fn, strategy, examples, max_examples))
            return fn

        return decorate

    def probe(self, fn: Probe) -> Probe:
        """Register a worker-side probe under its function name."""
        self.probes[fn.__name__] = fn
        return fn
