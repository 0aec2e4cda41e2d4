"""Where the CPU went during a load test: the seconds used by each part of the test (the
server, the worker, locust, the PostgreSQL backends serving the test's database), by the
busiest other processes on the (shared) machine and by the whole machine, sampled every
second, so the measured window can be cut out afterwards."""

from __future__ import annotations

import contextlib
import time

import psutil  # a dependency of locust

POSTGRES = "PostgreSQL (test database)"


def _seconds(times) -> float:
    return times.user + times.system


class CpuSampler:
    def __init__(self, trees: dict[str, int], database: str):
        """`trees`: name -> pid of a process whose descendants count with it; `database`: the
        database whose PostgreSQL backends (process title "postgres: ... <db> ...") count as
        "PostgreSQL (test database)"."""
        self.trees = {name: psutil.Process(pid) for name, pid in trees.items()}
        self.database = f" {database} "
        # (time, machine busy and idle, {pid: (part or "", command, CPU seconds)})
        self.samples: list[tuple[float, dict[str, float], dict[int, tuple[str, str, float]]]] = []

    def _owners(self) -> dict[int, str]:
        owners = {}
        for name, root in self.trees.items():
            with contextlib.suppress(psutil.Error):
                for process in [root, *root.children(recursive=True)]:
                    owners[process.pid] = name
        return owners

    def sample(self) -> None:
        machine = psutil.cpu_times()
        idle = machine.idle + getattr(machine, "iowait", 0.0)
        busy = sum(
            getattr(machine, name, 0.0)
            for name in ("user", "nice", "system", "irq", "softirq", "steal")
        )
        owners = self._owners()
        me = psutil.Process().pid
        processes: dict[int, tuple[str, str, float]] = {}
        for process in psutil.process_iter(["cmdline", "name", "cpu_times"]):
            info = process.info
            if info["cpu_times"] is None or process.pid == me:
                continue
            command = (" ".join(info["cmdline"] or []) or info["name"] or "?")[:90].rstrip()
            if process.pid in owners:
                group = owners[process.pid]
            elif command.startswith("postgres: ") and self.database in command:
                group = POSTGRES
            else:
                group = ""
            processes[process.pid] = (group, command, _seconds(info["cpu_times"]))
        self.samples.append((time.time(), {"_busy": busy, "_idle": idle}, processes))

    def window(self, start: float, end: float) -> dict | None:
        """CPU seconds used by each part between the samples nearest `start` and `end`, and
        ("_others") the busiest other commands, [(command, seconds)]. Each process counts from
        its first to its last sample in the window: one started in it from zero, one that
        ended in it (a recycled database connection, a test run's helper) up to its last."""
        if len(self.samples) < 2:
            return None
        first = min(self.samples, key=lambda sample: abs(sample[0] - start))
        last = min(self.samples, key=lambda sample: abs(sample[0] - end))
        used: dict = {name: last[1][name] - first[1][name] for name in first[1]}
        used["_seconds"] = last[0] - first[0]
        seen: dict[int, tuple[str, str, float, float]] = {}
        for _, _, processes in (s for s in self.samples if first[0] <= s[0] <= last[0]):
            for pid, (group, command, seconds) in processes.items():
                begin = first[2][pid][2] if pid in first[2] else 0.0
                seen[pid] = (group, command, begin, seconds)
        used.update(dict.fromkeys([*self.trees, POSTGRES], 0.0))
        others: dict[str, float] = {}
        for group, command, begin, seconds in seen.values():
            if group:
                used[group] += seconds - begin
            else:
                others[command] = others.get(command, 0.0) + seconds - begin
        used["_others"] = sorted(others.items(), key=lambda other: -other[1])[:3]
        return used


def describe(used: dict, cores: int, requests: int) -> list[str]:
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
    for command, value in used["_others"]:
        if value >= 1:
            lines.append(f"    of which {value:5.1f} core-s: {command}")
    serving = used.get("gunicorn", 0.0) + used.get(POSTGRES, 0.0)
    if requests and serving:
        per_request = 1000 * serving / requests
        lines.append(
            f"  server + database CPU per request: {per_request:.0f} ms, so {cores} otherwise "
            f"idle cores could serve at most about {cores * 1000 / per_request:.0f} requests/s"
        )
    return lines
