"""Load scenario at national scale: assessors working on their assessment (overview, statement
pages plain and filtered, evidence items, saving evidence, searching within it), council
leads reading their own council's pages and searching everything they may see, admins
searching everything and reading the assessments list and the national table, and the public
reading the national ratings and council profiles.

Run by bench/load_test.py, which copies the national-scale database and writes the plan of
users, assessments and items (bench/load_plan.py) to the file named by LOAD_PLAN. Each
simulated user signs in once, as a real bench user, through the real form while the users are
being started; each sign-in's time is written to LOAD_SIGN_IN_LOG, since the run's statistics
are reset once every user is running.

Every request checks its answer: a status other than 200 (after redirects), or a page without
the marker it should show (the council's name, the item's title, search results), counts as
an error.

FastHttpUser (geventhttpclient) rather than HttpUser: the load generator shares the 2 cores
with the server, and it costs several times less CPU per request.
"""

import html
import json
import os
import random
import re
import time
from pathlib import Path
from urllib.parse import urlencode

import gevent
from locust import FastHttpUser, between, events, task

PLAN = json.loads(Path(os.environ["LOAD_PLAN"]).read_text()) if "LOAD_PLAN" in os.environ else {}
HIDDEN = re.compile(r'<input type="hidden" name="([^"]+)" value="([^"]*)"')
CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')

# Words of the generated text (bench/national_scale_data.py SENTENCES and TITLES): each
# search finds evidence, findings and challenges in every council's assessments.
SEARCHES = [
    "reablement capacity",
    "carers assessment",
    "hospital discharge",
    "safeguarding enquiries",
    "direct payments",
    "waiting lists",
    "occupational therapy",
    '"care market"',
    "advocacy",
    "supervision caseloads",
]
# Within one assessment: words of several sentences each, found in any assessment's evidence
# (even at --database small, about 30 items an assessment).
WITHIN_SEARCHES = ["carers", "hospital", "waiting", "staff", "people", "council"]
STATEMENT_WORDS = ["carers", "reablement", "discharge", "safeguarding", "waiting", "advocacy"]
ROUTES = ["held", "requested", "collected"]
SORTS = ["council", "-council", "region", "status", "lead", "deadline"]

SIGN_IN_TIMES: list[float] = []
# The measured window: LOAD_SECONDS from the moment the last user has signed in.
MEASURED_SECONDS = float(os.environ.get("LOAD_SECONDS") or 0)
WINDOW = {"users_ready": 0, "start": None, "end": None}


def _csrf(response) -> str:
    match = CSRF.search(response.text or "")
    return match.group(1) if match else ""


def _marker(text: str) -> str:
    """`text` as Django's autoescape writes it into a page."""
    return html.escape(text, quote=True)


@events.request.add_listener
def _record_sign_in(name, response_time, exception, **kwargs):
    if name == "sign in":
        SIGN_IN_TIMES.append(response_time if exception is None else -1.0)


def _user_ready(environment) -> None:
    """Once every user is running (and signed in), reset the statistics and stop
    MEASURED_SECONDS later: the ramp and the sign-ins are left out of the figures."""
    WINDOW["users_ready"] += 1
    runner = environment.runner
    if WINDOW["users_ready"] == runner.target_user_count and MEASURED_SECONDS:
        environment.stats.reset_all()
        WINDOW["start"] = time.time()
        gevent.spawn_later(MEASURED_SECONDS, _end_window, runner)


def _end_window(runner) -> None:
    WINDOW["end"] = time.time()
    runner.quit()


@events.quitting.add_listener
def _write_sign_in_times(environment, **kwargs):
    log = os.environ.get("LOAD_SIGN_IN_LOG")
    if log:
        Path(log).write_text(json.dumps({"sign_ins": SIGN_IN_TIMES, "window": WINDOW}))


class CheckedUser(FastHttpUser):
    abstract = True
    wait_time = between(0.5, 2.0)

    def on_start(self):
        _user_ready(self.environment)

    def page(self, url: str, *, name: str, marker: str = ""):
        """GET a page; anything but a 200 showing `marker` is a failure."""
        with self.client.get(url, name=name, catch_response=True) as response:
            if response.status_code != 200:
                response.failure(f"HTTP {response.status_code}")
            elif marker and marker not in (response.text or ""):
                response.failure(f"page without {marker!r}")
            return response


class SignedInUser(CheckedUser):
    abstract = True
    username = ""

    def on_start(self):
        self.choose()
        sign_in = PLAN["urls"]["sign_in"]
        form = self.page(sign_in, name="sign-in page")
        self.post_form(
            sign_in,
            {
                "username": self.username,
                "password": PLAN["password"],
                "csrfmiddlewaretoken": _csrf(form),
            },
            referer=sign_in,
            name="sign in",
            must_leave=sign_in,
        )
        super().on_start()

    def choose(self) -> None:
        """Pick the bench user this simulated user is (and what they work on)."""

    def post_form(self, url: str, fields: dict, *, referer: str, name: str, must_leave=""):
        """POST a form as a browser would; a page that comes back with a GOV.UK error summary
        (the form was refused), or still at `must_leave`, counts as a failure."""
        with self.client.post(
            url,
            data=urlencode(fields, doseq=True),
            headers={
                "Content-Type": "application/x-www-form-urlencoded",
                "Referer": self.host + referer,
            },
            name=name,
            catch_response=True,
        ) as response:
            if response.status_code != 200:
                response.failure(f"HTTP {response.status_code}")
            elif "govuk-error-summary" in (response.text or ""):
                response.failure("the form was refused (error summary shown)")
            elif must_leave and (response.url or "").endswith(must_leave):
                response.failure(f"still at {must_leave}")

    def search(self, query: str, *, name: str, **filters):
        params = urlencode({"q": query, **filters})
        self.page(f"{PLAN['urls']['search']}?{params}", name=name, marker=' app-search-results"')


class Assessor(SignedInUser):
    """A member of an assessment team, on an assessment in evidence gathering they lead."""

    weight = 4

    def choose(self):
        self.plan = random.choice(PLAN["assessors"])
        self.username = self.plan["username"]
        self.base = f"/assessments/{self.plan['assessment']}"
        self.council = _marker(self.plan["council"])

    @task(4)
    def overview(self):
        self.page(f"{self.base}/", name="assessment overview", marker=self.council)

    @task(3)
    def statement_page(self):
        number = random.randint(1, 9)
        self.page(
            f"{self.base}/statements/{number}/",
            name="statement page",
            marker=f'<h1 class="govuk-heading-l">{number}. ',
        )

    @task(2)
    def statement_page_filtered(self):
        number = random.randint(1, 9)
        params = urlencode(
            {
                "q": random.choice(STATEMENT_WORDS),
                "route": random.choice(ROUTES),
                "page": random.choice([1, 2]),
            }
        )
        self.page(
            f"{self.base}/statements/{number}/?{params}",
            name="statement page, filtered",
            marker=f'<h1 class="govuk-heading-l">{number}. ',
        )

    @task(3)
    def evidence_item(self):
        pk, title = random.choice(self.plan["items"])
        self.page(f"/evidence/{pk}/", name="evidence item", marker=_marker(title))

    @task(2)
    def search_within_assessment(self):
        self.search(
            random.choice(WITHIN_SEARCHES),
            name="search within an assessment",
            assessment=self.plan["assessment"],
        )

    @task(1)
    def save_evidence(self):
        url = f"{self.base}/evidence/new/"
        form = self.page(url, name="evidence form", marker="csrfmiddlewaretoken")
        number = random.randint(1, 9)
        fields = dict(HIDDEN.findall(form.text or ""))
        fields.update(
            {
                "title": f"Load test case file review {random.randint(1, 10**6)}",
                "statements": [str(self.plan["statements"][number - 1])],
                "category": str(PLAN["category"]),
                "route": "collected",
                "source_type": "case_tracking",
                "narrative": "Case tracking showed timely reviews with the person involved.",
                "direction": "positive",
                "effective_date": "3/11/2025",
            }
        )
        self.post_form(url, fields, referer=url, name="save evidence", must_leave=url)


class CouncilLead(SignedInUser):
    """A council lead, signed in as their own council's lead: the published assessment's
    page, findings and challenges; the open one's page, challenges and council portal; and
    the search box over everything they may see."""

    weight = 3

    def choose(self):
        self.plan = random.choice(PLAN["leads"])
        self.username = self.plan["username"]
        self.council = _marker(self.plan["council"])
        self.published = f"/assessments/{self.plan['published']}"
        self.open = self.plan["open"]

    @task(3)
    def assessment_page(self):
        url = random.choice([self.published, f"/assessments/{self.open}"])
        self.page(f"{url}/", name="council: assessment page", marker=self.council)

    @task(2)
    def findings(self):
        self.page(f"{self.published}/findings/", name="council: findings", marker=">Findings</h1>")

    @task(2)
    def challenges(self):
        url = random.choice([self.published, f"/assessments/{self.open}"])
        self.page(
            f"{url}/challenges/",
            name="council: challenges",
            marker=">Factual accuracy challenges</h1>",
        )

    @task(1)
    def portal(self):
        self.page("/returns/", name="council: returns portal", marker=self.council)

    @task(1)
    def task_list(self):
        self.page(
            f"/returns/assessments/{self.open}/",
            name="council: return task list",
            marker=">Information return</h1>",
        )

    @task(1)
    def requests(self):
        self.page(
            f"/returns/assessments/{self.open}/requests/",
            name="council: document requests",
            marker=">Document requests</h1>",
        )

    @task(3)
    def search_everything(self):
        self.search(random.choice(SEARCHES), name="search everything (council lead)")


class Admin(SignedInUser):
    weight = 1

    def choose(self):
        self.username = PLAN["admin"]

    @task(3)
    def search_everything(self):
        self.search(random.choice(SEARCHES), name="search everything (admin)")

    @task(2)
    def assessments_list(self):
        params = urlencode(
            {
                "status": random.choice(["evidence_gathering", "published"]),
                "sort": random.choice(SORTS),
            }
        )
        self.page(
            f"/assessments/?{params}",
            name="assessments list (filtered, sorted)",
            marker=">Assessments</h1>",
        )

    @task(1)
    def national_table(self):
        self.page("/national/ratings/", name="national ratings table (admin)", marker="</table>")


class Public(CheckedUser):
    weight = 2

    @task(3)
    def national_table(self):
        self.page("/national/ratings/", name="national ratings table", marker="</table>")

    @task(2)
    def profile(self):
        gss_code, name = random.choice(list(PLAN["councils"].items()))
        self.page(f"/national/councils/{gss_code}/", name="council profile", marker=_marker(name))
