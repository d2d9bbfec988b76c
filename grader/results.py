"""The verdicts: plain dataclasses that every report format renders."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field

EXERCISE_STATUSES = ("passed", "failed", "not_started", "missing", "error", "timeout", "crashed")
CHECK_STATUSES = ("passed", "failed", "error", "skipped")
# Points are rounded to this many decimals (grader.policy), so shares such as 1/3 add up in every format.
POINT_DIGITS = 4


@dataclass
class CheckResult:
    name: str
    status: str
    message: str = ""
    counterexample: str = ""
    kind: str = ""
    # What the student's code printed during the check (for a failed property: during the failing
    # example), capped; shown beside the message, never read to make a verdict.
    output: str = ""
    # Points under partial credit (grader.policy); None: the check has none of its own
    # (all-or-nothing: the exercise earns its points when every check passed).
    score: float | None = None
    max_score: float | None = None
    # Where the counterexample comes from: "shrunk" (drawn, then made smallest by hypothesis) or
    # "trap" (one of the check's known traps, tried as written); "" when there is none.
    counterexample_origin: str = ""


@dataclass
class ExerciseResult:
    id: str
    title: str
    status: str
    score: float = 0.0
    max_score: float = 1.0
    duration_s: float = 0.0
    message: str = ""
    checks: list[CheckResult] = field(default_factory=list)
    credit: str = "all-or-nothing"  # how score was earned (grader.policy.CREDITS)

    @property
    def passed(self) -> bool:
        return self.status == "passed"


@dataclass
class Report:
    device: str
    seed: int
    exercises: list[ExerciseResult]
    show_output: bool = False  # grade run --show-output: the JSON report carries each check's output
    submission: str = ""  # whose: the folder graded (grade run), the submission's name (grade batch)
    policy: str = ""  # the policy file the points come from ("": 1 point per exercise, all or nothing)

    @property
    def score(self) -> float:
        return sum(e.score for e in self.exercises)

    @property
    def max_score(self) -> float:
        return sum(e.max_score for e in self.exercises)

    @property
    def passed(self) -> bool:
        return all(e.passed for e in self.exercises)

    @classmethod
    def from_dict(cls, data: dict) -> "Report":
        """Rebuild a report from :meth:`to_dict` (how batch processes hand results back)."""
        exercises = []
        for item in data["exercises"]:
            checks = [CheckResult(**check) for check in item["checks"]]
            fields = {k: v for k, v in item.items() if k != "checks"}
            exercises.append(ExerciseResult(**fields, checks=checks))
        return cls(data["device"], data["seed"], exercises, submission=data.get("submission", ""),
                   policy=data.get("policy", ""))

    def to_dict(self, timings: bool = True, output: bool = True) -> dict:
        """The JSON report of GRADER.md; ``timings=False`` zeroes the durations.

        ``output``: keep what the student's code printed, under a check's
        ``output`` key where there is any (how results travel between
        processes); :func:`grader.report.to_json` keeps it only with
        ``--show-output``, and then on every check.
        """
        exercises = []
        for exercise in self.exercises:
            data = asdict(exercise)
            if not timings:
                data["duration_s"] = 0.0
            data["duration_s"] = round(data["duration_s"], 3)
            data["checks"] = [
                {key: check[key] for key in ("name", "status", "score", "max_score", "message", "counterexample",
                                             "counterexample_origin")}
                | ({"output": check["output"]} if output and (check["output"] or self.show_output) else {})
                for check in data["checks"]
            ]
            if not data["message"]:
                del data["message"]
            exercises.append(data)
        return {
            "submission": self.submission,
            "score": round(self.score, POINT_DIGITS),
            "max_score": round(self.max_score, POINT_DIGITS),
            "policy": self.policy,
            "device": self.device,
            "seed": self.seed,
            "exercises": exercises,
        }
