"""Load scenario: assessors browsing and saving evidence, council leads reading drafts, the
public reading the national pictures, admins requesting reports.

Run by bench/load_test.py, which seeds the database and passes the ids below in the
environment (LOAD_IDS, JSON). Each simulated user signs in once through the real form while
the users are being started; each sign-in's time is written to LOAD_SIGN_IN_LOG, since the
run's statistics are reset once every user is running.

FastHttpUser (geventhttpclient) rather than HttpUser: the load generator shares the 2 cores
with the server, and it costs several times less CPU per request.
"""

import json
import os
import random
import re
from urllib.parse import urlencode

from locust import FastHttpUser, between, events, task

IDS = json.loads(os.environ.get("LOAD_IDS", "{}"))
PASSWORD = "demo-pass-2026"  # noqa: S105 - the demo data's published password
CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


SIGN_IN_TIMES: list[float] = []


def _csrf(response) -> str:
    match = CSRF.search(response.text or "")
    return match.group(1) if match else ""


@events.request.add_listener
def _record_sign_in(name, response_time, exception, **kwargs):
    if name == "sign in":
        SIGN_IN_TIMES.append(response_time if exception is None else -1.0)


@events.quitting.add_listener
def _write_sign_in_times(environment, **kwargs):
    log = os.environ.get("LOAD_SIGN_IN_LOG")
    if log:
        with open(log, "w") as handle:
            json.dump(SIGN_IN_TIMES, handle)


class SignedInUser(FastHttpUser):
    abstract = True
    username = ""
    wait_time = between(0.5, 2.0)

    def on_start(self):
        page = self.client.get("/sign-in/", name="sign-in page")
        self.post_form(
            "/sign-in/",
            {"username": self.username, "password": PASSWORD, "csrfmiddlewaretoken": _csrf(page)},
            referer="/sign-in/",
            name="sign in",
        )

    def post_form(self, url: str, fields: dict, *, referer: str, name: str):
        """POST a form as a browser would; a page that comes back with a GOV.UK error summary
        (the form was refused) counts as a failure, not a success."""
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
            if response.status_code >= 400:
                response.failure(f"HTTP {response.status_code}")
            elif "govuk-error-summary" in (response.text or ""):
                response.failure("the form was refused (error summary shown)")


class Assessor(SignedInUser):
    weight = 4
    username = "assessor"

    @task(4)
    def overview(self):
        self.client.get(f"/assessments/{IDS['scoring']}/", name="assessment overview")

    @task(4)
    def statement_page(self):
        number = random.randint(1, 9)
        self.client.get(
            f"/assessments/{IDS['scoring']}/statements/{number}/", name="statement evidence page"
        )

    @task(2)
    def evidence_detail(self):
        self.client.get(f"/evidence/{random.choice(IDS['evidence'])}/", name="evidence detail")

    @task(1)
    def save_evidence(self):
        url = f"/assessments/{IDS['scoring']}/evidence/new/"
        form = self.client.get(url, name="evidence form")
        number = random.randint(1, 9)
        self.post_form(
            url,
            {
                "csrfmiddlewaretoken": _csrf(form),
                "title": f"Load test case file review {random.randint(1, 10**6)}",
                "statements": [str(IDS["statements"][number - 1])],
                "category": str(IDS["category"]),
                "route": "collected",
                "source_type": "case_tracking",
                "narrative": "Case tracking showed timely reviews with the person involved.",
                "direction": "positive",
                "effective_date": "3/11/2025",
            },
            referer=url,
            name="save evidence",
        )


class CouncilLead(SignedInUser):
    weight = 2
    username = "council.lead"

    @task(3)
    def draft(self):
        self.client.get(f"/assessments/{IDS['factual_accuracy']}/", name="council draft")

    @task(2)
    def findings(self):
        self.client.get(
            f"/assessments/{IDS['factual_accuracy']}/findings/", name="council findings"
        )

    @task(1)
    def challenges(self):
        self.client.get(
            f"/assessments/{IDS['factual_accuracy']}/challenges/", name="council challenges"
        )


class Public(FastHttpUser):
    weight = 3
    wait_time = between(0.5, 2.0)

    @task(3)
    def national_table(self):
        self.client.get("/national/ratings/", name="national ratings table")

    @task(1)
    def councils(self):
        self.client.get("/councils/?region=E12000007", name="council list")

    @task(1)
    def outcomes(self):
        self.client.get("/national/", name="outcomes per pound")

    @task(1)
    def profile(self):
        self.client.get(f"/national/councils/{random.choice(IDS['gss_codes'])}/", name="profile")


class Admin(SignedInUser):
    weight = 1
    username = "admin"

    @task
    def request_report(self):
        url = f"/assessments/{IDS['published']}/"
        page = self.client.get(url, name="published assessment")
        self.post_form(
            IDS["report_request_url"],
            {"csrfmiddlewaretoken": _csrf(page), "kind": "draft"},
            referer=url,
            name="request report",
        )
