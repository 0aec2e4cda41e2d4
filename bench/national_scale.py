"""Benchmark: the product at national scale, on PostgreSQL, at two sizes in one run.

Builds (once; kept for later runs unless --rebuild) two databases of the same shape: 153
councils with two assessments each (one published, one in evidence gathering), evidence items
with realistic text spread over the nine statements and the categories (a fifth personal
data; 10% with an attachment whose extracted text is indexed), findings, summaries, scores,
challenges, and the search index. "full" holds about a million evidence items, "small" 1% of
that. Rows are generated inside PostgreSQL (INSERT ... SELECT over generate_series), never
one ORM object at a time; the GIN index is built after the load.

Then, for both sizes, it requests each page with Django's test Client in-process (signed in
as the role that uses it) and prints the median and p95 server time, the query count, the
ratio to a minimal view measured in the same run, and the full/small ratio; and writes the
EXPLAIN ANALYZE plans of the list and search queries at full size to
bench/output/national_scale_plans.txt, saying whether any reads the evidence table
sequentially.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres \
        .venv/bin/python bench/national_scale.py
    options: --items 1000000 (full size) --repeat 20 --rebuild --only small
"""

from __future__ import annotations

import argparse
import os
import re
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings")
if not os.environ.get("DATABASE_URL", "").startswith("postgres"):
    sys.exit("national_scale needs PostgreSQL: set DATABASE_URL=postgres://...")

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.urls import reverse  # noqa: E402

from bench import national_scale_data as data  # noqa: E402

OUTPUT = ROOT / "bench" / "output"


def use_database(name: str) -> None:
    """Point the default connection at `name` (created by the caller)."""
    connection.close()
    connection.settings_dict["NAME"] = name


def database_exists(name: str) -> bool:
    use_database("postgres")
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name])
        return cursor.fetchone() is not None


def create_database(name: str) -> None:
    use_database("postgres")
    with connection.cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        cursor.execute(f'CREATE DATABASE "{name}"')
    use_database(name)
    call_command("migrate", verbosity=0)


def measure(client: Client, url: str, repeat: int) -> tuple[float, float, int]:
    """(median ms, p95 ms, queries) of GET url."""
    for _ in range(3):
        response = client.get(url)
        assert response.status_code == 200, (url, response.status_code)
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        client.get(url)
        times.append((time.perf_counter() - start) * 1000)
    with CaptureQueriesContext(connection) as queries:
        client.get(url)
    times.sort()
    p95 = times[min(len(times) - 1, round(0.95 * (len(times) - 1)))]
    return statistics.median(times), p95, len(queries)


def pages(facts: data.Facts) -> list[tuple[str, str, str]]:
    """(name, role, url) of every page measured."""
    assessment = facts.open_assessment
    statement = reverse("evidence:statement", args=[assessment, 1])
    return [
        ("minimal view", "assessor", reverse("bench_minimal")),
        ("assessment page", "assessor", reverse("assessments:detail", args=[assessment])),
        (
            "its evidence panel (own page)",
            "assessor",
            reverse("assessments:panel", args=[assessment, "evidence"]),
        ),
        ("statement page", "assessor", statement),
        ("statement page, filtered", "assessor", statement + "?q=carers&route=held&page=2"),
        ("evidence item", "assessor", reverse("evidence:detail", args=[facts.evidence_item])),
        (
            "assessments list (filtered, sorted)",
            "admin",
            reverse("assessments:list") + "?status=evidence_gathering&sort=council",
        ),
        ("national ratings table", "admin", reverse("national:ratings")),
        ("council profile", "admin", reverse("national:council_profile", args=[facts.gss_code])),
        (
            "search within an assessment",
            "assessor",
            reverse("search:search") + f"?q=carers+assessment&assessment={assessment}",
        ),
        ("search everything (admin)", "admin", reverse("search:search") + "?q=reablement+capacity"),
        (
            "search everything (council lead)",
            "council_lead",
            reverse("search:search") + "?q=reablement+capacity",
        ),
    ]


def run_size(name: str, items: int, repeat: int, rebuild: bool) -> dict:
    database = f"bench_national_{name}"
    if rebuild or not database_exists(database):
        create_database(database)
        started = time.perf_counter()
        data.build(items)
        print(f"{name}: built {items:,} evidence items in {time.perf_counter() - started:.0f}s")
    use_database(database)
    facts = data.facts()
    clients = {}
    for role, user in facts.users.items():
        clients[role] = Client()
        clients[role].force_login(user)
    results = {}
    for page, role, url in pages(facts):
        results[page] = measure(clients[role], url, repeat)
    results["_items"] = data.count_items()
    return results


def explain_plans(path: Path) -> list[str]:
    """EXPLAIN ANALYZE of every query of every page but the minimal view (full size) into
    `path`, and of each page's slowest query into `path` with the suffix "-slowest" (the
    plans the closing note quotes); the names of any page that reads the evidence table
    sequentially."""
    facts = data.facts()
    client = Client()
    lines, slowest, sequential = [], [], []
    for page, role, url in pages(facts)[1:]:
        client.force_login(facts.users[role])
        with CaptureQueriesContext(connection) as queries:
            client.get(url)
        worst: tuple[float, list[str]] = (-1.0, [])
        for query in queries.captured_queries:
            sql = query["sql"]
            if not sql.startswith("SELECT") or "django_session" in sql:
                continue
            with connection.cursor() as cursor:
                cursor.execute("EXPLAIN (ANALYZE, BUFFERS) " + sql)
                plan = "\n".join(row[0] for row in cursor.fetchall())
            if re.search(r"Seq Scan on evidence_evidenceitem\b(?!_)", plan):
                sequential.append(page)
            entry = [f"=== {page}: {url}", sql[:2000], plan, ""]
            lines += entry
            took = float(re.search(r"Execution Time: ([\d.]+) ms", plan).group(1))
            if took > worst[0]:
                worst = (took, entry)
        slowest += worst[1]
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("\n".join(lines))
    path.with_name(path.stem + "-slowest" + path.suffix).write_text("\n".join(slowest))
    return sorted(set(sequential))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--items", type=int, default=1_000_000)
    parser.add_argument("--repeat", type=int, default=20)
    parser.add_argument("--rebuild", action="store_true")
    parser.add_argument("--only", choices=["small", "full"])
    args = parser.parse_args()
    sizes = [("small", max(3060, args.items // 100)), ("full", args.items)]
    if args.only:
        sizes = [size for size in sizes if size[0] == args.only]
    results = {name: run_size(name, items, args.repeat, args.rebuild) for name, items in sizes}

    header = f"{'page':<36}"
    for name, _ in sizes:
        header += f" | {name + ' median':>12} {'p95':>7} {'queries':>7} {'x min':>6}"
    if len(sizes) == 2:
        header += f" | {'full/small':>10}"
    print()
    print(", ".join(f"{n}: {results[n]['_items']:,} evidence items" for n, _ in sizes))
    print(header)
    for page, _, _ in pages(data.facts()):
        line = f"{page:<36}"
        for name, _ in sizes:
            median, p95, count = results[name][page]
            base = results[name]["minimal view"][0]
            line += f" | {median:>12.1f} {p95:>7.1f} {count:>7} {median / base:>6.1f}"
        if len(sizes) == 2:
            line += f" | {results['full'][page][0] / results['small'][page][0]:>10.2f}"
        print(line)
    if "full" in results:
        use_database("bench_national_full")
        sequential = explain_plans(OUTPUT / "national_scale_plans.txt")
        print(f"\nplans written to {OUTPUT / 'national_scale_plans.txt'}")
        print("sequential scans of the evidence table:", ", ".join(sequential) or "none")


if __name__ == "__main__":
    main()
