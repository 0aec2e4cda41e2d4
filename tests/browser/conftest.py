"""Browser journeys: a real server process and a real Celery worker on a seeded database,
driven by Debian's chromium through Playwright. Screenshots go to test-artifacts/screenshots/.

The app runs with local settings in its own var/ folder (APP_VAR_DIR) and its own database:
a SQLite file, or a fresh PostgreSQL database when DATABASE_URL points at PostgreSQL. The
worker uses the same broker as the test run (filesystem by default, Redis when set).
"""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "test-artifacts" / "screenshots"
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
# Flags a closed network needs: no background calls to Google's services.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
]

pytestmark = pytest.mark.browser


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _wait_for(url: str, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=2):  # noqa: S310 - loopback test server
                return
        except OSError:
            time.sleep(0.3)
    raise RuntimeError(f"The test server did not answer at {url}")


@pytest.fixture(scope="session")
def app_env(tmp_path_factory):
    """Environment of the server and worker processes, with a migrated, seeded database."""
    var_dir = tmp_path_factory.mktemp("browser-var")
    env = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    env.update(
        DJANGO_SETTINGS_MODULE="config.settings.local",
        APP_VAR_DIR=str(var_dir),
        PYTHONUNBUFFERED="1",
    )
    database_url = os.environ.get("DATABASE_URL", "")
    if database_url.startswith("postgres"):
        base, _, _ = database_url.rpartition("/")
        name = f"browser_{os.getpid()}"
        subprocess.run(["dropdb", "--if-exists", "-h", "127.0.0.1", "-U", "postgres", name])
        subprocess.run(["createdb", "-h", "127.0.0.1", "-U", "postgres", name], check=True)
        env["DATABASE_URL"] = f"{base}/{name}"
    else:
        env["DATABASE_URL"] = f"sqlite:///{var_dir / 'browser.sqlite3'}"
    manage = [sys.executable, "manage.py"]
    subprocess.run([*manage, "migrate", "--no-input", "-v", "0"], cwd=ROOT, env=env, check=True)
    subprocess.run([*manage, "seed_demo"], cwd=ROOT, env=env, check=True, capture_output=True)
    return env


@pytest.fixture(scope="session")
def live_url(app_env):
    """A gunicorn server and a Celery worker for the whole browser session."""
    port = _free_port()
    log_dir = Path(app_env["APP_VAR_DIR"])
    server_log = (log_dir / "server.log").open("wb")
    worker_log = (log_dir / "worker.log").open("wb")
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "gunicorn",
            "config.wsgi",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            "2",
            "--threads",
            "2",
            "--timeout",
            "60",
        ],
        cwd=ROOT,
        env=app_env,
        stdout=server_log,
        stderr=subprocess.STDOUT,
    )
    worker = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "celery",
            "-A",
            "config",
            "worker",
            "-Q",
            "default,reports",
            "--concurrency",
            "1",
            "--loglevel",
            "INFO",
        ],
        cwd=ROOT,
        env=app_env,
        stdout=worker_log,
        stderr=subprocess.STDOUT,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        _wait_for(url + "/")
        yield url
    finally:
        for process in (server, worker):
            process.terminate()
        for process in (server, worker):
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                process.kill()
        server_log.close()
        worker_log.close()


@pytest.fixture(scope="session")
def browser():
    if not Path(CHROMIUM).exists():
        pytest.fail("Debian's chromium is not installed (scripts/system-packages.sh installs it)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS
        )
        yield browser
        browser.close()


@pytest.fixture(scope="session")
def arrange(app_env):
    """Call a function of tests/browser/arrange.py in the app's database (through the
    services, in a `manage.py shell` process) and return its result."""

    def run(function: str, **kwargs):
        code = (
            "import json; from tests.browser import arrange; "
            f"result = arrange.{function}(**json.loads({json.dumps(kwargs)!r})); "
            "print('ARRANGED', json.dumps(result))"
        )
        done = subprocess.run(
            [sys.executable, "manage.py", "shell", "-c", code],
            cwd=ROOT,
            env=app_env,
            capture_output=True,
            text=True,
        )
        assert done.returncode == 0, done.stderr
        # Emails go to the console backend, so the result is found by its marker.
        lines = [line for line in done.stdout.splitlines() if line.startswith("ARRANGED ")]
        return json.loads(lines[-1].removeprefix("ARRANGED "))

    return run


def _page_key(url: str) -> str:
    return url.split("#", 1)[0]


@pytest.fixture
def page(browser, live_url, app_env, request):
    # bypass_csp lets the test inject axe-core; the app's own pages never need it.
    context = browser.new_context(base_url=live_url, bypass_csp=True, accept_downloads=True)
    page = context.new_page()
    page.set_default_timeout(15_000)
    visited: list[str] = []
    page.on("load", lambda loaded: visited.append(_page_key(loaded.url)))
    yield page
    call = getattr(request.node, "rep_call", None)
    if call is not None and call.failed:
        screenshot(page, f"FAILED-{request.node.name}")  # where the journey stood
        for log in ("server.log", "worker.log"):  # shown with the failure
            lines = (Path(app_env["APP_VAR_DIR"]) / log).read_text(errors="replace").splitlines()
            print(f"--- last lines of {log} ---", *lines[-40:], sep="\n")
    context.close()
    checked = _CHECKED.pop(id(page), set())
    if call is not None and call.passed:
        # Every page the journey loaded was checked with axe-core at least once.
        unchecked = sorted({url for url in visited if url not in checked})
        assert not unchecked, f"Pages loaded but not checked with axe-core: {unchecked}"


def screenshot(page, name: str) -> Path:
    """Save a full-page screenshot as a test artefact and return its path."""
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    path = ARTIFACTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path


AXE_RESULTS: list[dict] = []
_CHECKED: dict[int, set[str]] = {}  # id(page) -> the URLs checked with axe-core


def check_accessibility(page, name: str) -> list[dict]:
    """Run axe-core (WCAG 2.2 A/AA rules) on the page; fail on serious or critical issues."""
    page.add_script_tag(path=str(AXE))
    result = page.evaluate(
        """async () => await axe.run(document, {runOnly: {type: 'tag',
            values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']}})"""
    )
    violations = result["violations"]
    _CHECKED.setdefault(id(page), set()).add(_page_key(page.url))
    AXE_RESULTS.append(
        {
            "page": name,
            "url": page.url,
            "passes": len(result["passes"]),
            "violations": [(v["id"], v["impact"], len(v["nodes"])) for v in violations],
        }
    )
    serious = [v for v in violations if v["impact"] in ("serious", "critical")]
    assert not serious, f"{name}: " + json.dumps(
        [
            (v["id"], v["impact"], v["help"])
            + tuple((n["target"], n["html"][:200], n["failureSummary"]) for n in v["nodes"][:3])
            for v in serious
        ],
        indent=1,
    )
    return violations


def click_through(locator) -> None:
    """Click a link or button and wait for the page it leads to."""
    with locator.page.expect_navigation():
        locator.click()


def sign_in(page, username: str, password: str = "demo-pass-2026") -> None:
    page.goto("/sign-in/")
    check_accessibility(page, "sign-in")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url("**/")
    check_accessibility(page, f"home-{username}")


def date_group(page, legend: str):
    """A GOV.UK date input (a fieldset named by its legend) holding Day, Month, Year boxes."""
    return page.get_by_role("group", name=legend)


def fill_date(page, legend: str, typed: str) -> None:
    """Type a date such as 31/2/2025 into the day, month and year boxes of a date input."""
    day, month, year = typed.split("/")
    group = date_group(page, legend)
    group.get_by_label("Day").fill(day)
    group.get_by_label("Month").fill(month)
    group.get_by_label("Year").fill(year)


def date_value(page, legend: str) -> str:
    """What a date input's boxes hold, as day/month/year."""
    group = date_group(page, legend)
    return "/".join(group.get_by_label(part).input_value() for part in ("Day", "Month", "Year"))


def check_error_summary(page, name: str, *errors: str, follow_first: bool = True) -> None:
    """The GOV.UK error summary after bad input: shown once, focused by GOV.UK Frontend,
    listing `errors`, each link pointing at a form control that exists on the page; then
    axe-core and a screenshot. With `follow_first`, the first link is followed with the
    keyboard (Tab, Enter) and must move focus to its field."""
    summary = page.locator(".govuk-error-summary")
    summary.first.wait_for()  # the page with the errors has arrived
    page.wait_for_load_state()
    page.wait_for_function(
        "document.activeElement && document.activeElement.matches('.govuk-error-summary')"
    )
    assert summary.count() == 1, "one error summary per page"
    assert summary.is_visible()
    text = summary.inner_text()
    for error in errors:
        assert error in text, f"{error!r} not in the error summary: {text!r}"
    targets = summary.locator("a").evaluate_all(
        """links => links.map(link => {
            const href = link.getAttribute('href') || '';
            const target = href.length > 1 ? document.getElementById(href.slice(1)) : null;
            return {href, text: link.textContent.trim(),
                    tag: target ? target.tagName.toLowerCase() : null};
        })"""
    )
    assert targets, "the error summary links to the fields"
    for target in targets:
        assert target["tag"] in ("input", "select", "textarea"), (
            f"{name}: error summary link {target['href']} ({target['text']!r}) does not "
            "point at a form control on the page"
        )
    check_accessibility(page, name)
    screenshot(page, name)
    if follow_first:
        page.keyboard.press("Tab")
        assert page.evaluate("document.activeElement.closest('.govuk-error-summary') !== null")
        page.keyboard.press("Enter")
        assert page.evaluate("'#' + document.activeElement.id") == targets[0]["href"]


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
    report = yield
    if report.when == "call":
        item.rep_call = report  # the page fixture checks its pages only after a passing test
    return report


def pytest_sessionfinish(session, exitstatus):
    if AXE_RESULTS:
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        rules: dict[str, int] = {}
        nodes: dict[str, int] = {}
        for result in AXE_RESULTS:
            for _rule, impact, count in result["violations"]:
                rules[impact] = rules.get(impact, 0) + 1
                nodes[impact] = nodes.get(impact, 0) + count
        summary = {
            "pages_checked": len(AXE_RESULTS),
            "distinct_urls": len({_page_key(result["url"]) for result in AXE_RESULTS}),
            "violations_by_impact": rules,  # a rule failing on one page counts once
            "elements_by_impact": nodes,
            "results": AXE_RESULTS,
        }
        (ARTIFACTS.parent / "axe-summary.json").write_text(json.dumps(summary, indent=2))
