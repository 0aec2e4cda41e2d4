"""The national-scale benchmark's data: every row synthetic (the bench databases are
throwaway and never shown to anyone), generated in bulk inside PostgreSQL."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db import connection, transaction

# Synthetic sentences about adult social care, combined to make narratives and file text.
SENTENCES = [
    "People waited longer than the council's target for a Care Act assessment.",
    "Carers said their assessment recognised their own needs and wellbeing.",
    "Reablement capacity fell over the winter and fewer people were offered it.",
    "Direct payments were taken up by more people than the year before.",
    "Staff described good joint working with the hospital discharge team.",
    "The safeguarding board audited section 42 enquiries and found delays.",
    "Providers reported difficulty recruiting care workers in rural areas.",
    "The council's strategy sets out how it will shape the local care market.",
    "People who use services felt listened to when plans were reviewed.",
    "Unpaid carers found it hard to get a break when they needed one.",
    "Occupational therapy waiting lists were reduced by a third.",
    "Advocacy was offered to people who had substantial difficulty being involved.",
    "Partners described the council as open and willing to share data.",
    "Transitions from children's services were planned from the age of fourteen.",
    "Home care hours delivered rose while the number of people waiting fell.",
    "Equipment was delivered within seven days for most people.",
    "Leaders had a clear view of the risks in the waiting lists.",
    "Feedback from the survey shows mixed experiences of information and advice.",
    "Mental health social work was integrated with the NHS trust's teams.",
    "Reviews of care packages after a hospital stay were not always timely.",
    "Quality assurance of case files found good recording of people's views.",
    "The council commissioned extra capacity for people with complex needs.",
    "Digital care technology helped people stay independent at home.",
    "Staff told us supervision was regular and caseloads were manageable.",
    "People from minority ethnic communities were under-represented among service users.",
    "The principal social worker led practice improvement across the teams.",
    "Homelessness and housing partners joined multi-agency meetings.",
    "Charging policies were explained clearly before care started.",
    "The market position statement was refreshed with providers.",
    "Hospital discharge to assess pathways worked well most of the week.",
]
TITLES = [
    "Case file audit", "Carers' survey", "Staff focus group", "Partner interview",
    "Waiting list report", "Safeguarding audit", "Provider forum notes", "Strategy document",
    "Performance dashboard", "Complaints analysis", "Reablement outcomes", "Direct payments review",
    "Hospital discharge data", "Advocacy contract review", "Transitions protocol",
]  # fmt: skip
N_ASSESSORS = 20
PASSWORD = "bench-pass-123"  # noqa: S105 - throwaway users in a throwaway database


@dataclass
class Facts:
    users: dict
    open_assessment: int
    evidence_item: int
    gss_code: str


def _users():
    from django.contrib.auth.hashers import make_password
    from django.contrib.auth.models import Group

    from accounts.models import User
    from accounts.roles import GROUP_NAMES, Role
    from councils.models import Council, CouncilMembership

    password = make_password(PASSWORD)
    councils = list(Council.objects.order_by("pk"))
    admin = User.objects.create(
        username="bench.admin", password=password, is_staff=True, is_superuser=True
    )
    admin.groups.add(Group.objects.get(name=GROUP_NAMES[Role.ADMIN]))
    assessors = User.objects.bulk_create(
        User(username=f"bench.assessor{n}", password=password, full_name=f"Assessor {n}")
        for n in range(N_ASSESSORS)
    )
    leads = User.objects.bulk_create(
        User(username=f"bench.lead.{c.gss_code}", password=password, full_name=f"Lead {c.name}")
        for c in councils
    )
    through = User.groups.through
    assessor_group = Group.objects.get(name=GROUP_NAMES[Role.ASSESSOR])
    lead_group = Group.objects.get(name=GROUP_NAMES[Role.COUNCIL_LEAD])
    through.objects.bulk_create(
        [through(user_id=u.pk, group_id=assessor_group.pk) for u in assessors]
        + [through(user_id=u.pk, group_id=lead_group.pk) for u in leads]
    )
    CouncilMembership.objects.bulk_create(
        CouncilMembership(user=lead, council=council)
        for lead, council in zip(leads, councils, strict=True)
    )
    return admin, assessors, leads, councils


def _assessments(assessors, councils):
    from assessments.models import Assessment, AssessmentKind, AssessmentStatus, Framework

    framework = Framework.objects.get(is_current=True)
    rows = []
    for index, council in enumerate(councils):
        lead = assessors[index % N_ASSESSORS]
        rows.append(
            Assessment(
                council=council,
                framework=framework,
                kind=AssessmentKind.FORMAL,
                status=AssessmentStatus.PUBLISHED,
                notified_on=datetime.date(2024, 3, 4),
                published_on=datetime.date(2024, 9, 2),
                published_rating="good",
                published_percentage=66.7,
                lead_assessor=lead,
            )  # fmt: skip
        )
        rows.append(
            Assessment(
                council=council,
                framework=framework,
                kind=AssessmentKind.FORMAL,
                status=AssessmentStatus.EVIDENCE_GATHERING,
                notified_on=datetime.date(2026, 9, 7),
                lead_assessor=lead,
            )  # fmt: skip
        )
    assessments = Assessment.objects.bulk_create(rows)
    through = Assessment.assessors.through
    through.objects.bulk_create(
        through(assessment_id=a.pk, user_id=assessors[(i + 1) % N_ASSESSORS].pk)
        for i, a in enumerate(assessments)
    )
    return assessments


def _sql_array(values) -> str:
    return "ARRAY[" + ", ".join("'" + v.replace("'", "''") + "'" for v in values) + "]"


def _evidence(items: int) -> None:
    sentences, titles = _sql_array(SENTENCES), _sql_array(TITLES)
    ns, nt = len(SENTENCES), len(TITLES)
    with connection.cursor() as cursor:
        cursor.execute(
            f"""
            INSERT INTO evidence_evidenceitem (assessment_id, category_id, route, source_type,
                title, narrative, direction, effective_date, recorded_at,
                contains_personal_data, author_id, withdrawn_reason, version, updated_at)
            SELECT a.ids[1 + g %% a.n], c.ids[1 + (g / a.n / 7) %% c.n],
                (ARRAY['held','requested','collected'])[1 + (g / a.n / 9) %% 3],
                (ARRAY['survey','interview','case_tracking','information_return'])
                    [1 + (g / a.n / 27) %% 4],
                ({titles})[1 + (g * 7) %% {nt}] || ' ' || g,
                s[1 + (g * 3) %% {ns}] || ' ' || s[1 + (g * 7 + 1) %% {ns}] || ' '
                  || s[1 + (g * 11 + 2) %% {ns}] || ' ' || s[1 + (g * 13 + 5) %% {ns}],
                (ARRAY['positive','negative','neutral'])[1 + (g / a.n / 5) %% 3],
                DATE '2024-01-01' + (g %% 900), now(), g %% 5 = 0,
                a.leads[1 + g %% a.n], '', 1, now()
            FROM generate_series(1, %s) AS g,
                (SELECT array_agg(id ORDER BY id) ids, count(*) n,
                        array_agg(lead_assessor_id ORDER BY id) leads
                 FROM assessments_assessment) a,
                (SELECT array_agg(id ORDER BY id) ids, count(*) n FROM assessments_evidencecategory
                 WHERE in_use) c,
                (SELECT {sentences} s) t
            """,  # noqa: S608 - only our own constants are formatted in
            [items],
        )
        cursor.execute(
            """
            INSERT INTO evidence_evidenceitem_statements
                (evidenceitem_id, qualitystatement_id, assessment_id)
            SELECT e.id, q.ids[1 + e.k % 9], e.assessment_id
            FROM (SELECT id, assessment_id,
                         row_number() OVER (PARTITION BY assessment_id ORDER BY id) - 1 k
                  FROM evidence_evidenceitem) e,
                (SELECT array_agg(id ORDER BY number) ids FROM assessments_qualitystatement) q
            """
        )
        cursor.execute(
            """
            INSERT INTO evidence_attachment (evidence_item_id, original_name, stored_name,
                content_type, size, sha256, uploaded_by_id, uploaded_at)
            SELECT id, 'evidence-' || id || '.pdf', 'evidence/bench-' || id || '.pdf',
                'application/pdf', 120000, repeat('0', 64), author_id, now()
            FROM evidence_evidenceitem WHERE (id / 7) % 10 = 0
            """
        )
        cursor.execute(
            """
            INSERT INTO evidence_attachmentpreview (attachment_id, status, thumbnail_name, text,
                text_truncated, note, made_at)
            SELECT a.id, 'ready', '', repeat(e.narrative || ' ', 6), false, '', now()
            FROM evidence_attachment a JOIN evidence_evidenceitem e ON e.id = a.evidence_item_id
            """
        )


def _reviews(assessments, leads_by_council) -> None:
    from assessments.models import QualityStatement, StatementScore
    from reviews.models import AssessmentSummary, Challenge, StatementFinding

    statements = list(QualityStatement.objects.filter(framework__is_current=True))
    StatementScore.objects.bulk_create(
        StatementScore(assessment=a, statement=s, score=3, rationale=SENTENCES[s.number])
        for a in assessments
        for s in statements
    )
    StatementFinding.objects.bulk_create(
        StatementFinding(
            assessment=a,
            statement=s,
            people_told_us=SENTENCES[(a.pk + s.number) % 30],
            strengths=SENTENCES[(a.pk * 3 + s.number) % 30],
            areas_for_development=SENTENCES[(a.pk * 7 + s.number) % 30],
        )  # fmt: skip
        for a in assessments
        for s in statements
    )
    AssessmentSummary.objects.bulk_create(
        AssessmentSummary(assessment=a, summary=" ".join(SENTENCES[a.pk % 20 : a.pk % 20 + 5]))
        for a in assessments
    )
    Challenge.objects.bulk_create(
        Challenge(
            assessment=a,
            statement=statements[n],
            kind="factual",
            text_challenged=SENTENCES[(a.pk + n) % 30],
            proposed_correction=SENTENCES[n],
            raised_by=leads_by_council[a.council_id],
        )  # fmt: skip
        for a in assessments
        if a.status == "published"
        for n in range(3)
    )


def _search_index() -> None:
    from search import services

    with connection.cursor() as cursor:
        cursor.execute("DROP INDEX IF EXISTS search_vector_gin")
        cursor.execute(
            """
            INSERT INTO search_searchdocument (kind, object_id, assessment_id, council_id,
                category, date, title, body, url, contains_personal_data, note, indexed_at,
                vector)
            SELECT 'evidence', e.id, e.assessment_id, a.council_id, c.name, e.effective_date,
                e.title, e.narrative || coalesce(' ' || at.original_name || ' ' || p.text, ''),
                '/evidence/' || e.id || '/', e.contains_personal_data, '', now(),
                setweight(to_tsvector('english', e.title), 'A') || setweight(to_tsvector(
                    'english', e.narrative || coalesce(' ' || at.original_name || ' ' || p.text,
                    '')), 'B')
            FROM evidence_evidenceitem e
            JOIN assessments_assessment a ON a.id = e.assessment_id
            JOIN assessments_evidencecategory c ON c.id = e.category_id
            LEFT JOIN evidence_attachment at ON at.evidence_item_id = e.id
            LEFT JOIN evidence_attachmentpreview p ON p.attachment_id = at.id
            """
        )
        cursor.execute(
            """
            INSERT INTO search_searchdocument_statements (searchdocument_id, qualitystatement_id)
            SELECT d.id, s.qualitystatement_id FROM search_searchdocument d
            JOIN evidence_evidenceitem_statements s ON s.evidenceitem_id = d.object_id
            WHERE d.kind = 'evidence'
            """
        )
    services.reindex_all([k for k in services.registry.kinds() if k.name != "evidence"])
    with connection.cursor() as cursor:
        cursor.execute("CREATE INDEX search_vector_gin ON search_searchdocument USING gin (vector)")
        # What autovacuum does on a live database: statistics, and the visibility map that
        # lets the count indexes answer without reading the table.
        cursor.execute("VACUUM ANALYZE")


def build(items: int) -> None:
    with transaction.atomic():
        admin, assessors, leads, councils = _users()
        assessments = _assessments(assessors, councils)
        _evidence(items)
        leads_by_council = {c.pk: lead for c, lead in zip(councils, leads, strict=True)}
        _reviews(assessments, leads_by_council)
    _search_index()


def facts() -> Facts:
    from accounts.models import User
    from assessments.models import Assessment
    from evidence.models import EvidenceItem

    assessment = (
        Assessment.objects.filter(status="evidence_gathering", council__name="Suffolk")
        .select_related("council", "lead_assessor")
        .get()
    )
    item = (
        EvidenceItem.objects.filter(assessment=assessment, attachments__isnull=False)
        .order_by("pk")
        .first()
    )
    return Facts(
        users={
            "admin": User.objects.get(username="bench.admin"),
            "assessor": assessment.lead_assessor,
            "council_lead": User.objects.get(username=f"bench.lead.{assessment.council.gss_code}"),
        },
        open_assessment=assessment.pk,
        evidence_item=item.pk,
        gss_code=assessment.council.gss_code,
    )


def count_items() -> int:
    from evidence.models import EvidenceItem

    return EvidenceItem.objects.count()
