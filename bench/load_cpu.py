"""Where the CPU went during a load test: the seconds used by each part of the test (the
server, the worker, locust, the PostgreSQL backends serving the test's database) and by the
whole machine, sampled every second, so the measured window can be cut out afterwards."""

from __future__ import annotations

import contextlib
import time

import psutil  # a dependency of locust


def _seconds(process: psutil.Process) -> float:
    times = process.cpu_times()
    return times.user + times.system


class CpuSampler:
    def __init__(self, trees: dict[str, int], database: str):
        """`trees`: name -> pid of a process whose descendants count with it; `database`: the
        database whose PostgreSQL backends (process title "postgres: ... <db> ...") count as
        "PostgreSQL"."""
        self.trees = {name: psutil.Process(pid) for name, pid in trees.items()}
        self.database = f" {database} "
        self.samples: list[tuple[float, dict[str, float]]] = []

    def _tree(self, root: psutil.Process) -> float:
        total = 0.0
        try:
            processes = [root, *root.children(recursive=True)]
        except psutil.Error:
            return 0.0
        for process in processes:
            with contextlib.suppress(psutil.Error):
                total += _seconds(process)
        return total

    def _postgres(self) -> float:
        total = 0.0
        for process in psutil.process_iter(["cmdline"]):
            command = " ".join(process.info["cmdline"] or [])
            if command.startswith("postgres: ") and self.database in command:
                with contextlib.suppress(psutil.Error):
                    total += _seconds(process)
        return total

    def sample(self) -> None:
        machine = psutil.cpu_times()
        idle = machine.idle + getattr(machine, "iowait", 0.0)
        busy = sum(
            getattr(machine, name, 0.0)
            for name in ("user", "nice", "system", "irq", "softirq", "steal")
        )
        parts = {name: self._tree(root) for name, root in self.trees.items()}
        parts["PostgreSQL (test database)"] = self._postgres()
        parts["_busy"], parts["_idle"] = busy, idle
        self.samples.append((time.time(), parts))

    def window(self, start: float, end: float) -> dict[str, float] | None:
        """CPU seconds used by each part between the samples nearest `start` and `end`."""
        if len(self.samples) < 2:
            return None
        first = min(self.samples, key=lambda sample: abs(sample[0] - start))
        last = min(self.samples, key=lambda sample: abs(sample[0] - end))
        used = {name: last[1][name] - first[1][name] for name in first[1]}
        used["_seconds"] = last[0] - first[0]
        return used


def describe(used: dict[str, float], cores: int, requests: int) -> list[str]:
    """Lines saying where the window's CPU went, in core-seconds and shares of the machine,
    and the server's and database's CPU per request (what an idle machine would have to
    spend: the load generator and the rest of the machine left out)."""
    seconds = used["_seconds"]
    capacity = seconds * cores
    parts = {k: v for k, v in used.items() if not k.startswith("_")}
    parts["everything else on the machine"] = max(0.0, used["_busy"] - sum(parts.values()))
    lines = [
        f"CPU in the measured window ({seconds:.0f} s x {cores} cores = {capacity:.0f} "
        f"core-seconds): busy {used['_busy']:.0f}, idle {used['_idle']:.0f}"
    ]
    for name, value in parts.items():
        lines.append(f"  {name:32} {value:6.1f} core-s  {100 * value / capacity:5.1f}%")
    serving = used.get("gunicorn", 0.0) + used.get("PostgreSQL (test database)", 0.0)
    if requests and serving:
        per_request = 1000 * serving / requests
        lines.append(
            f"  server + database CPU per request: {per_request:.0f} ms, so {cores} otherwise "
            f"idle cores could serve at most about {cores * 1000 / per_request:.0f} requests/s"
        )
    return lines
