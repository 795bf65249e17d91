"""Measuring a command as a whole: wall time, CPU time, peak memory, machine load.

Every contestant of a speed benchmark runs as its own process, started by `run_measured`,
so imports and start-up count as a user waits for them, and nothing of one run stays in
memory for the next. Memory is read two ways: the kernel's peak RSS of the process
(`ru_maxrss`, the largest of the process and the children it waited for) and the peak sum
of PSS over the whole process tree, sampled from /proc (what a pool of worker processes
really costs together, shared pages counted once). CPU is user + system time of the
process and the children it waited for; with 2 cores, 200% of the wall time is the most.
"""

from __future__ import annotations

import json
import os
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

CLOCK_TICKS = os.sysconf("SC_CLK_TCK")
# The repository: commands run here, where scrapy.cfg gives Scrapy its project data folder.
ROOT = Path(__file__).resolve().parents[1]


def aggregator_command() -> list[str]:
    """The installed `aggregator` script beside this interpreter, else the module."""
    script = Path(sys.executable).with_name("aggregator")
    return [str(script)] if script.exists() else [sys.executable, "-m", "aggregator.cli"]


@dataclass
class Run:
    """One measured run of a command."""

    label: str
    wall_s: float
    user_s: float
    sys_s: float
    max_rss_mb: float  # kernel peak RSS of the largest single process
    peak_tree_pss_mb: float  # sampled peak of the process tree's summed PSS
    returncode: int
    stdout: str
    stderr: str
    machine_busy_s: float  # CPU time of every process on the machine during the run
    span_s: float  # wall time over which machine_busy_s was read (start-up of the wrapper too)
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def cpu_s(self) -> float:
        return self.user_s + self.sys_s

    @property
    def cpu_share(self) -> float:
        """CPU time over wall time: 1.0 is one core busy all along, 2.0 both."""
        return self.cpu_s / self.wall_s if self.wall_s else 0.0

    @property
    def others_share(self) -> float:
        """Cores kept busy by everything else (other users' tests, the web server, the
        benchmark itself) while this ran."""
        return max(self.machine_busy_s - self.cpu_s, 0.0) / self.span_s if self.span_s else 0.0

    def check(self) -> Run:
        if self.returncode != 0:
            raise RuntimeError(
                f"{self.label} exited with {self.returncode}:\n{self.stderr[-3000:]}"
            )
        return self


def machine_busy_ticks() -> int:
    """Busy CPU time of the whole machine so far (all cores), in clock ticks."""
    fields = Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]
    values = [int(v) for v in fields]
    idle = values[3] + (values[4] if len(values) > 4 else 0)  # idle + iowait
    return sum(values[:8]) - idle


def process_cpu_s(pids: Sequence[int]) -> float:
    """User + system time so far of the given processes (e.g. a web server's)."""
    total = 0
    for pid in pids:
        try:
            stat = Path(f"/proc/{pid}/stat").read_text()
        except OSError:
            continue
        after_name = stat.rsplit(")", 1)[1].split()
        total += int(after_name[11]) + int(after_name[12])  # utime, stime
    return total / CLOCK_TICKS


def _descendants(pid: int) -> list[int]:
    found, stack = [], [pid]
    while stack:
        current = stack.pop()
        found.append(current)
        try:
            tasks = os.listdir(f"/proc/{current}/task")
        except OSError:
            continue
        for task in tasks:
            try:
                children = Path(f"/proc/{current}/task/{task}/children").read_text().split()
            except OSError:
                continue
            stack.extend(int(c) for c in children)
    return found


def tree_pss_mb(pid: int, include_root: bool = True) -> float:
    """Summed PSS of a process and its descendants (shared pages divided among sharers)."""
    total_kb = 0
    for member in _descendants(pid)[0 if include_root else 1 :]:
        try:
            text = Path(f"/proc/{member}/smaps_rollup").read_text()
        except OSError:
            continue
        for line in text.splitlines():
            if line.startswith("Pss:"):
                total_kb += int(line.split()[1])
                break
    return total_kb / 1024


# Started by `run_measured` (python -S: a few MB): forks and execs the command, waits for it
# and writes its wall time and rusage. Measured from this small process, the command's
# ru_maxrss is its own: a child forked from the benchmark itself would report the
# benchmark's memory as its peak (the kernel keeps the high-water mark across exec).
_WRAPPER = """
import json, os, sys, time
report, command = sys.argv[1], sys.argv[2:]
started = time.perf_counter()
pid = os.fork()
if pid == 0:
    try:
        os.execvp(command[0], command)
    finally:
        os._exit(127)
_pid, status, usage = os.wait4(pid, 0)
wall = time.perf_counter() - started
code = os.waitstatus_to_exitcode(status)
with open(report, "w") as handle:
    json.dump({"wall": wall, "user": usage.ru_utime, "sys": usage.ru_stime,
               "maxrss_kb": usage.ru_maxrss, "code": code}, handle)
sys.exit(code if code >= 0 else 1)
"""


def run_measured(
    label: str,
    cmd: Sequence[str],
    *,
    cwd: Path | None = None,
    env: Mapping[str, str] | None = None,
    sample_every: float = 0.2,
    timeout: float = 3600,
) -> Run:
    """Run a command to its end and measure it (stdout and stderr are kept)."""
    with (
        tempfile.TemporaryFile() as out,
        tempfile.TemporaryFile() as err,
        tempfile.NamedTemporaryFile(suffix=".json") as said,
    ):
        busy_before = machine_busy_ticks()
        span_started = time.perf_counter()
        wrapper = subprocess.Popen(
            [sys.executable, "-S", "-c", _WRAPPER, said.name, *cmd],
            cwd=cwd,
            env=dict(env) if env else None,
            stdout=out,
            stderr=err,
            start_new_session=True,  # a timeout ends the command and its children
        )
        peak = 0.0
        done = threading.Event()

        def sample() -> None:
            nonlocal peak
            while not done.wait(sample_every):
                peak = max(peak, tree_pss_mb(wrapper.pid, include_root=False))

        sampler = threading.Thread(target=sample, daemon=True)
        sampler.start()
        try:
            wrapper.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            os.killpg(wrapper.pid, signal.SIGKILL)
            wrapper.wait()
        finally:
            done.set()
        busy = (machine_busy_ticks() - busy_before) / CLOCK_TICKS
        span = time.perf_counter() - span_started
        sampler.join()
        out.seek(0)
        err.seek(0)
        stdout = out.read().decode("utf-8", "replace")
        stderr = err.read().decode("utf-8", "replace")
        text = Path(said.name).read_text()
        if not text:
            raise RuntimeError(f"{label}: no measurement (killed after {timeout} s?)\n{stderr}")
        measured = json.loads(text)
        return Run(
            label=label,
            wall_s=measured["wall"],
            user_s=measured["user"],
            sys_s=measured["sys"],
            max_rss_mb=measured["maxrss_kb"] / 1024,
            peak_tree_pss_mb=peak,
            returncode=measured["code"],
            stdout=stdout,
            stderr=stderr,
            machine_busy_s=busy,
            span_s=span,
        )


def interleave(
    contestants: Mapping[str, Callable[[], Run]], rounds: int, *, verbose: bool = True
) -> dict[str, list[Run]]:
    """Run each contestant once per round, alternating their order from round to round, so
    a change of load on the shared machine falls on all of them alike."""
    results: dict[str, list[Run]] = {name: [] for name in contestants}
    names = list(contestants)
    for number in range(rounds):
        order = names if number % 2 == 0 else names[::-1]
        for name in order:
            run = contestants[name]()
            results[name].append(run)
            if verbose:
                print(
                    f"  round {number + 1} {name}: {run.wall_s:.2f} s wall, "
                    f"CPU {run.cpu_share:.0%}, peak RSS {run.max_rss_mb:.0f} MB, "
                    f"others {run.others_share:.0%} of a core",
                    flush=True,
                )
    return results


def median(values: Sequence[float]) -> float:
    return statistics.median(values) if values else float("nan")


def paired_ratios(
    runs_a: Sequence[Run], runs_b: Sequence[Run], value: Callable[[Run], float]
) -> list[float]:
    """value(a) / value(b) round by round: the ratio each round measured."""
    return [value(a) / value(b) for a, b in zip(runs_a, runs_b, strict=True) if value(b)]


def load_line() -> str:
    """The machine's load when the benchmark ran: 1/5/15-minute load averages over cores."""
    one, five, fifteen = os.getloadavg()
    return f"load average {one:.2f}, {five:.2f}, {fifteen:.2f} on {os.cpu_count()} cores"


def spread(values: Sequence[float], fmt: str = "{:.2f}") -> str:
    """ "median (min–max)" of a few rounds."""
    if not values:
        return "-"
    return f"{fmt.format(median(values))} ({fmt.format(min(values))}–{fmt.format(max(values))})"
