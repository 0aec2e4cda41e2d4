"""Load scenario: assessors browsing and saving evidence, council leads reading drafts, the
public reading the national pictures, admins requesting reports.

Run by bench/load_test.py, which seeds the database and passes the ids below in the
environment (LOAD_IDS, JSON). Each simulated user signs in once through the real form.
"""

import json
import os
import random
import re

from locust import HttpUser, between, task

IDS = json.loads(os.environ.get("LOAD_IDS", "{}"))
PASSWORD = "demo-pass-2026"  # noqa: S105 - the demo data's published password
CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


def _csrf(response) -> str:
    match = CSRF.search(response.text)
    return match.group(1) if match else ""


class SignedInUser(HttpUser):
    abstract = True
    username = ""
    wait_time = between(0.5, 2.0)

    def on_start(self):
        page = self.client.get("/sign-in/", name="sign-in page")
        self.client.post(
            "/sign-in/",
            {"username": self.username, "password": PASSWORD, "csrfmiddlewaretoken": _csrf(page)},
            headers={"Referer": self.host + "/sign-in/"},
            name="sign in",
        )


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
        self.client.post(
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
            headers={"Referer": self.host + url},
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


class Public(HttpUser):
    weight = 3
    wait_time = between(0.5, 2.0)

    @task(3)
    def national_table(self):
        self.client.get("/assessments/national-ratings/", name="national ratings table")

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
        self.client.post(
            IDS["report_request_url"],
            {"csrfmiddlewaretoken": _csrf(page), "kind": "draft"},
            headers={"Referer": self.host + url},
            name="request report",
        )
