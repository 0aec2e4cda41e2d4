"""Demo evidence: realistic items for every statement of every pilot assessment.

Deterministic (seeded random) and fast (bulk inserts, with one audit event per item so the
history pages show how each item was recorded).
"""

from __future__ import annotations

import datetime
import hashlib
import random
import uuid

from django.contrib.contenttypes.models import ContentType
from django.core.files.base import ContentFile
from django.core.files.storage import storages

from assessments.models import Assessment, EvidenceCategory, QualityStatement
from audit.actions import AuditAction
from audit.models import AuditEvent
from core import filetypes
from evidence import previews
from evidence.models import Attachment, EvidenceItem
from evidence.services import AUDITED_FIELDS

ITEMS_PER_STATEMENT = 6

# What the evidence is about, per statement: (topic, a strength, a shortfall).
TOPICS: dict[int, list[tuple[str, str, str]]] = {
    1: [
        (
            "waiting times for Care Act assessments",
            "Most people had their needs assessed within 28 days of first contact.",
            "People waited a median of 14 weeks for an assessment; 600 were waiting at year end.",
        ),
        (
            "strengths-based practice",
            "Assessments recorded what mattered to people and built on their own networks.",
            "Several assessments were task-focused and did not record people's own goals.",
        ),
        (
            "carers' assessments",
            "Carers said their assessment recognised their own wellbeing, not only the role.",
            "Carers' assessments were not routinely offered at the cared-for person's review.",
        ),
    ],
    2: [
        (
            "information and advice",
            "The online directory was up to date and available in easy read and six languages.",
            "People found it hard to get advice by phone; call abandonment was above 20%.",
        ),
        (
            "reablement",
            "Over 85% of people were still at home 91 days after leaving hospital into reablement.",
            "Reablement capacity meant people were placed in short-term beds instead.",
        ),
        (
            "prevention and early help",
            "Community connectors helped people find local groups before needs escalated.",
            "There was no clear prevention strategy agreed with health partners.",
        ),
    ],
    3: [
        (
            "unpaid carers from minority ethnic communities",
            "Targeted outreach doubled carers' assessments among South Asian families.",
            "The council did not analyse outcomes by ethnicity and could not show equity.",
        ),
        (
            "accessible communication",
            "Interpreters and British Sign Language support were arranged without delay.",
            "Letters were sent in English only, including to people who had asked otherwise.",
        ),
        (
            "people experiencing homelessness",
            "A multi-agency hub offered Care Act assessments at the day centre.",
            "People without a fixed address were often told to come back once housed.",
        ),
    ],
    4: [
        (
            "home care market capacity",
            "Home care hours were available within a week in most of the county.",
            "Rural areas had long waits for home care packages to start.",
        ),
        (
            "direct payments",
            "Take-up of direct payments was above the national average, with good support.",
            "People described direct payments paperwork as burdensome and audits as intrusive.",
        ),
        (
            "commissioning and quality",
            "A market position statement was co-produced with providers and people using services.",
            "Fee rates had not kept pace with costs and two providers had handed back contracts.",
        ),
    ],
    5: [
        (
            "integration with the NHS",
            "Joint commissioning with the integrated care board was well established.",
            "Partners described decisions about hospital discharge as taken without them.",
        ),
        (
            "voluntary and community sector",
            "Grants to community groups were agreed over three years, giving stability.",
            "Voluntary sector partners felt consulted late and only on finished plans.",
        ),
        (
            "housing partnerships",
            "Extra care housing schemes were planned with district councils.",
            "Adaptations took over a year because of delays between housing and social care.",
        ),
    ],
    6: [
        (
            "hospital discharge",
            "Discharge to assess meant most people went home on the day they were ready.",
            "Delayed discharges rose over winter with people waiting for packages of care.",
        ),
        (
            "transitions from children's services",
            "A preparing for adulthood team started planning at age 14.",
            "Young people and families said the move to adult services was abrupt.",
        ),
        (
            "provider failure and contingency",
            "A tested contingency plan kept people safe when a care home closed at short notice.",
            "There was no clear plan for continuity when a home care provider exited.",
        ),
    ],
    7: [
        (
            "safeguarding enquiries",
            "Section 42 enquiries were started promptly and people's desired outcomes recorded.",
            "There was a backlog of safeguarding concerns awaiting triage.",
        ),
        (
            "making safeguarding personal",
            "People said they were asked what being safe meant to them.",
            "Outcomes of enquiries were not always fed back to the person or their family.",
        ),
        (
            "the safeguarding adults board",
            "The board's annual report showed learning from reviews being acted on.",
            "Safeguarding adults reviews recommendations remained open beyond target dates.",
        ),
    ],
    8: [
        (
            "leadership and governance",
            "Leaders had a clear vision and staff knew the priorities.",
            "Frequent changes of director had slowed improvement work.",
        ),
        (
            "financial sustainability",
            "The medium-term financial plan protected adult social care prevention budgets.",
            "A forecast overspend led to a pause in non-statutory services.",
        ),
        (
            "performance information",
            "Dashboards were used at every level to track waiting lists and reviews.",
            "Data quality issues meant the council could not say how many reviews were overdue.",
        ),
    ],
    9: [
        (
            "learning from feedback and complaints",
            "Complaints were analysed quarterly and changes reported back to people.",
            "Lessons from complaints were not shared beyond the team involved.",
        ),
        (
            "innovation",
            "Technology-enabled care pilots were evaluated and scaled up.",
            "Improvement projects were started but rarely evaluated.",
        ),
        (
            "co-production",
            "A people's panel shaped the new carers' strategy.",
            "People who use services had no formal role in shaping improvement plans.",
        ),
    ],
}

# How evidence reaches the team: (route, source, category code, title pattern, personal?).
KINDS = [
    ("collected", "case_tracking", "peoples-experience", "Case tracking: {topic}", True),
    (
        "collected",
        "focus_group",
        "peoples-experience",
        "Focus group with people and carers on {topic}",
        False,
    ),
    (
        "collected",
        "interview",
        "staff-leaders-feedback",
        "Interview with frontline staff: {topic}",
        False,
    ),
    (
        "collected",
        "interview",
        "staff-leaders-feedback",
        "Interview with senior leaders: {topic}",
        False,
    ),
    ("collected", "interview", "partners-feedback", "Partner interview: {topic}", False),
    ("collected", "survey", "partners-feedback", "Partner survey: {topic}", False),
    ("requested", "information_return", "processes", "Information return: {topic}", False),
    ("requested", "self_assessment", "processes", "Council self-assessment on {topic}", False),
    ("requested", "policy_document", "processes", "Policy and procedure: {topic}", False),
    ("held", "national_data", "peoples-experience", "Adult social care survey: {topic}", False),
    ("held", "national_data", "processes", "National data (ASCOF and SALT): {topic}", False),
    ("collected", "other", "peoples-experience", "Feedback from Healthwatch on {topic}", False),
]
PERSONAL_DETAIL = [
    "Mr B (82) waited 11 weeks; his daughter provided care meanwhile.",
    "Ms K, a carer aged 54, described the support plan in detail, including her health.",
    "Mrs D's file records a fall at home and the response of the reablement team.",
    "Mr S, a young man moving from children's services, and his mother were interviewed.",
]
# How each pilot council's evidence leans (share of items pointing to a strength).
LEAN = {"Birmingham": 0.4, "Lincolnshire": 0.7, "North Lincolnshire": 0.75, "Nottingham": 0.55}


def seed_evidence(users: dict, assessments: list[Assessment]) -> list[EvidenceItem]:
    """At least ITEMS_PER_STATEMENT items per statement for each assessment (seeded random):
    the five 2023 pilots, and the open formal assessments so their pages have evidence too."""
    authors = [users["lead"], users["assessor"]]
    item_type = ContentType.objects.get_for_model(EvidenceItem)
    created: list[EvidenceItem] = []
    for assessment in assessments:
        # Seeded per assessment: the same council and kind always get the same evidence.
        rng = random.Random(f"{assessment.council.name}/{assessment.kind}")  # noqa: S311 - demo
        categories = {
            c.code: c for c in EvidenceCategory.objects.filter(framework=assessment.framework)
        }
        statements = list(
            QualityStatement.objects.filter(framework=assessment.framework).order_by("number")
        )
        lean = LEAN.get(assessment.council.name, 0.65)
        start = assessment.notified_on or datetime.date(2023, 4, 3)
        plans = []
        for statement in statements:
            kinds = rng.sample(KINDS, ITEMS_PER_STATEMENT)
            for index, (route, source, code, pattern, personal) in enumerate(kinds):
                topic, strength, shortfall = rng.choice(TOPICS[statement.number])
                roll = rng.random()
                direction = (
                    "positive" if roll < lean else "negative" if roll < lean + 0.25 else "neutral"
                )
                narrative = {"positive": strength, "negative": shortfall}.get(
                    direction,
                    f"Mixed picture on {topic}. {strength} However: {shortfall}",
                )
                if personal:
                    narrative = f"{narrative}\n\n{rng.choice(PERSONAL_DETAIL)}"
                # Another statement sometimes shares the item (e.g. carers and equity).
                linked = [statement]
                if index == 0 and statement.number < 9:
                    linked.append(statements[statement.number])
                plans.append(
                    (
                        EvidenceItem(
                            assessment=assessment,
                            category=categories[code],
                            route=route,
                            source_type=source,
                            title=pattern.format(topic=topic)[:200],
                            narrative=narrative,
                            direction=direction,
                            effective_date=start - datetime.timedelta(days=rng.randint(0, 300)),
                            contains_personal_data=personal,
                            author=rng.choice(authors),
                        ),
                        linked,
                    )
                )
        items = EvidenceItem.objects.bulk_create([item for item, _ in plans])
        through = EvidenceItem.statements.through
        through.objects.bulk_create(
            through(
                evidenceitem_id=item.pk,
                qualitystatement_id=statement.pk,
                assessment_id=item.assessment_id,
            )
            for item, (_, linked) in zip(items, plans, strict=True)
            for statement in linked
        )
        AuditEvent.objects.bulk_create(
            AuditEvent(
                actor=item.author,
                action=AuditAction.EVIDENCE_CREATE,
                target_type=item_type,
                target_id=str(item.pk),
                target_repr=str(item)[:255],
                assessment=assessment,
                changes={
                    name: [None, value]
                    for name, value in _values(item, linked, AUDITED_FIELDS).items()
                },
                note="Loaded as demo data.",
            )
            for item, (_, linked) in zip(items, plans, strict=True)
        )
        _attach_demo_files(assessment, items)
        created.extend(items)
    return created


def _attach_demo_files(assessment: Assessment, items: list[EvidenceItem]) -> None:
    """Small real files for data returns and policies, so downloads have something to serve."""
    rows = []
    for item in items:
        if item.source_type in ("information_return", "national_data"):
            kind, name = filetypes.CSV, "figures.csv"
            content = (
                "measure,value,period\n"
                f"{item.title.split(': ', 1)[-1]},{item.pk % 97 + 3},2022-23\n"
            ).encode()
        elif item.source_type == "policy_document":
            kind, name = filetypes.PDF, "policy-extract.pdf"
            content = _tiny_pdf(item.title)
        else:
            continue
        stored = storages["private"].save(
            f"evidence/{uuid.uuid4().hex}{kind.extension}", ContentFile(content)
        )
        rows.append(
            Attachment(
                evidence_item=item,
                original_name=f"{assessment.council.name.lower().replace(' ', '-')}-{name}",
                stored_name=stored,
                content_type=kind.content_type,
                size=len(content),
                sha256=hashlib.sha256(content).hexdigest(),
                uploaded_by=item.author,
            )
        )
    Attachment.objects.bulk_create(rows)
    # The demo worker makes their previews, as it does for uploads.
    previews.previews_request(
        attachment_ids=Attachment.objects.filter(
            stored_name__in=[row.stored_name for row in rows]
        ).values_list("pk", flat=True)
    )


def _tiny_pdf(title: str) -> bytes:
    """A valid one-page PDF showing the title (no PDF library needed for demo files)."""
    text = title.encode("latin-1", "replace").replace(b"(", b"[").replace(b")", b"]")
    stream = b"BT /F1 12 Tf 72 720 Td (" + text + b") Tj ET"
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length " + str(len(stream)).encode() + b" >>\nstream\n" + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    for offset in offsets:
        out += f"{offset:010d} 00000 n \n".encode()
    out += (
        f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n"
    ).encode()
    return bytes(out)


def _values(item: EvidenceItem, linked, fields) -> dict:
    values = {
        "statements": sorted(str(s) for s in linked),
        "category": str(item.category),
        "route": item.route,
        "source_type": item.source_type,
        "title": item.title,
        "narrative": item.narrative,
        "direction": item.direction,
        "effective_date": item.effective_date.isoformat(),
        "contains_personal_data": item.contains_personal_data,
        "attachments": [],
    }
    return {name: values[name] for name in fields}
