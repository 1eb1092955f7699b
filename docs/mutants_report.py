"""Write docs/mutants.md from mutmut's results (after `make mutants`): counts per module and every survivor."""

from __future__ import annotations

import re
import subprocess
import sys
from collections import Counter
from datetime import UTC, datetime
from pathlib import Path

PROJECT = Path(__file__).resolve().parent.parent
MUTMUT = [sys.executable, "-m", "mutmut"]
# Why a surviving mutant is left alive, by the shape of its change (checked by reading each one).
REASONS = (
    (re.compile(r"gap <= 0|< 1 else"), "equivalent at the values that reach it (a gap of exactly 0 is never worded)"),
    (re.compile(r"zip\([^\n]*(strict=(None|False)|, \)[\])])"),
     "equivalent: the zipped sequences come from the same frame, so their lengths are always equal"),
    (re.compile(r'float\("INF"\)'), "equivalent: float() reads 'INF' as infinity too"),
    (re.compile(r"article <= 1\b"), "equivalent: a positive figure of at most 1 is never a rounded one either"),
    (re.compile(r"step > 2\b"), "equivalent: the step is a power of ten, 1 or at least 10"),
    (re.compile(r'lang: str = "(XXenXX|EN)"'),
     "equivalent: a default language changed; an unknown language reads as English, the default"),
    (re.compile(r't\(None, "chain_step'), "equivalent: a chain step reads the same in both languages"),
    (re.compile(r"itertuples\(index=None\)"), "equivalent: None, like False, leaves the index out"),
    (re.compile(r'decode\("UTF-8-SIG"\)'), "equivalent: codec names are read without regard to case"),
    (re.compile(r"\bt\(None,|side\(None|found_text\([^)]*None\)|candidate\([^)]*None\)"),
     "language argument set to None: English is the fallback, and this path has no Spanish test"),
    (re.compile(r"XX|[A-Z_]{6,}\""), "a changed text key or string that no test renders on this path"),
)


def run(*args: str) -> str:
    return subprocess.run([*MUTMUT, *args], cwd=PROJECT, capture_output=True, text=True, check=False).stdout


def reason(diff: str) -> str:
    added = "\n".join(line for line in diff.splitlines() if line.startswith("+") and not line.startswith("+++"))
    return next((why for pattern, why in REASONS if pattern.search(added)), "not yet examined: a test to write")


def verdict(counts: Counter, modules: list[str]) -> str:
    """Whether the run meets the targets in the modules it ran: every survivor counts (equivalent or not), and so
    does every mutant not run."""
    def alive(module):
        return sum(counts[(module, state)] for state in ("survived", "no tests", "not checked"))
    missed = [m for m in modules if alive(m) and (
        m in ("claims", "validate") or alive(m) >= 0.05 * sum(n for (mod, _), n in counts.items() if mod == m))]
    return "met in every module run" if not missed else "not met (" + ", ".join(missed) + ")"


def runs() -> str:
    """How long each `make mutants` since mutants/ was made took (the Makefile appends one line per run): a run
    given no names runs every mutant without a result (all of them in a new mutants/), one given names runs those
    (mutmut keeps the other results)."""
    path = PROJECT / "mutants" / "runs"
    if not path.exists():
        return "The runs' times were not recorded."
    lines = [line.split(maxsplit=2) for line in path.read_text().splitlines() if line.strip()]
    told = [f"{int(seconds) / 60:.0f} min ({what if len(what) < 40 else f'{len(what.split())} names given'}, "
            f"{when[:16].replace('T', ' ')} UTC)" for seconds, when, what in lines]
    return ("Runs of `make mutants` since mutants/ was made, on this 2-core machine: " + "; ".join(told) + ". A run "
            "marked 'all' ran every mutant without a result (every mutant, in a new mutants/); one given names ran "
            "those mutants.")


def pragmas() -> list[str]:
    """Every line kept out of mutation with `# pragma: no mutate`, with the comment that says why."""
    lines = []
    for path in sorted((PROJECT / "dashboard").rglob("*.py")):
        source = path.read_text(encoding="utf-8").splitlines()
        for number, line in enumerate(source, 1):
            if "pragma: no mutate" in line:
                above = [s.strip() for s in source[max(0, number - 4):number - 1] if s.strip().startswith("#")]
                why = line.partition("no mutate")[2].strip() or (above[-1] if above else "")
                where = path.relative_to(PROJECT / "dashboard")
                lines.append(f"- `{where}:{number}` `{line.split('#')[0].strip()}` {why}".rstrip())
    return lines


def main() -> None:
    rows = [line.strip().rsplit(": ", 1) for line in run("results", "--all", "true").splitlines() if ": " in line]
    status = {name: state for name, state in rows}
    # a mutant's name: dashboard.<layer>.<module>.<function>__mutmut_<n>
    counts = Counter((name.split(".")[-2], state) for name, state in status.items())
    modules = sorted({module for module, state in counts if state != "not checked"})
    lines = [f"# Mutation testing: surviving mutants\n\nRegenerated by `python docs/mutants_report.py` after "
             f"`make mutants` (mutmut), {datetime.now(UTC):%Y-%m-%d}. Modules run: {', '.join(modules)}.\n",
             "Targets (issue #13): no survivor in claims and validate, under 5% elsewhere, every survivor counted: "
             f"{verdict(counts, modules)}. 'not run' counts mutants the last run did not reach. {runs()}\n",
             "| module | killed | survived | no tests | timeout | not run | alive of those run |",
             "| --- | --- | --- | --- | --- | --- | --- |"]
    for module in modules:
        killed, survived, untested, timeout, left = (counts[(module, s)] for s in (
            "killed", "survived", "no tests", "timeout", "not checked"))
        total = killed + survived + untested + timeout
        alive = (survived + untested) / total if total else 0
        lines.append(f"| {module} | {killed} | {survived} | {untested} | {timeout} | {left} | {alive:.1%} |")
    lines += ["\n## Lines not mutated\n", "Lines marked `# pragma: no mutate`, where every mutant mutmut would make is "
              "equivalent (the comment above each says why):\n", *pragmas()]
    lines.append("\n## Survivors\n")
    for name in sorted(n for n, s in status.items() if s in ("survived", "no tests")):
        diff = run("show", name)
        change = "\n".join(line for line in diff.splitlines()
                            if line[:1] in ("-", "+") and not line.startswith(("---", "+++")))
        lines += [f"### `{name}`\n", f"Left alive: {reason(diff)}.\n", "```diff", change, "```\n"]
    (PROJECT / "docs" / "mutants.md").write_text("\n".join(lines), encoding="utf-8")
    print(f"wrote docs/mutants.md ({sum(1 for s in status.values() if s == 'survived')} survivors)")


if __name__ == "__main__":
    main()
