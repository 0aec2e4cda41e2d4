"""The council's information-return answers and answers to document requests are
searchable (text, link and file names)."""

from __future__ import annotations

from django.urls import reverse

import policy
from returns.models import RequestResponse, ReturnAnswer, ReturnFile, SelfAssessmentSection
from search.registry import Document, SearchKind, file_name_words, register


def _answer(answer: ReturnAnswer) -> Document | None:
    parts = [answer.text, answer.link, answer.not_held_reason]
    parts += [file_name_words(file.original_name) for file in answer.files.all()]
    body = "\n".join(part for part in parts if part)
    if not body:
        return None
    assessment = answer.information_return.assessment
    return Document(
        object_id=answer.pk,
        assessment_id=assessment.pk,
        council_id=assessment.council_id,
        statement_ids=tuple(statement.pk for statement in answer.item.statements.all()),
        date=answer.updated_at.date(),
        title=f"Information return: {answer.item.title}",
        body=body,
        url=reverse("returns:answer", kwargs={"pk": assessment.pk, "answer_pk": answer.pk}),
    )


def _response(response: RequestResponse) -> Document | None:
    parts = [response.text, response.link]
    parts += [file_name_words(file.original_name) for file in response.files.all()]
    body = "\n".join(part for part in parts if part)
    if not body:
        return None
    request = response.request
    return Document(
        object_id=response.pk,
        assessment_id=request.assessment_id,
        council_id=request.assessment.council_id,
        statement_ids=tuple(statement.pk for statement in request.statements.all()),
        date=response.created_at.date(),
        title=f"Answer to a document request: {request.title}",
        body=body,
        url=reverse("returns:request_detail", kwargs={"pk": request.pk}),
    )


def _self_assessment(section: SelfAssessmentSection) -> Document | None:
    if not section.text:
        return None
    assessment = section.assessment
    if section.statement_id:
        about = str(section.statement)
        url = reverse(
            "returns:self_assessment_statement",
            kwargs={"pk": assessment.pk, "number": section.statement.number},
        )
        statements = (section.statement_id,)
    else:
        about = str(section.theme)
        url = reverse("returns:self_assessment", kwargs={"pk": assessment.pk})
        statements = ()
    return Document(
        object_id=section.pk,
        assessment_id=assessment.pk,
        council_id=assessment.council_id,
        statement_ids=statements,
        date=section.updated_at.date(),
        title=f"Self-assessment: {about}",
        body=section.text,
        url=url,
    )


register(
    SearchKind(
        name="self_assessment",
        label="Self-assessment",
        model=SelfAssessmentSection,
        queryset=lambda: SelfAssessmentSection.objects.select_related(
            "assessment", "theme", "statement"
        ),
        document=_self_assessment,
        visible_assessments=policy.visible_portal_assessments,
    )
)
register(
    SearchKind(
        name="return_answer",
        label="Information return",
        model=ReturnAnswer,
        queryset=lambda: ReturnAnswer.objects.select_related(
            "information_return__assessment", "item"
        ).prefetch_related("files", "item__statements"),
        document=_answer,
        visible_assessments=policy.visible_portal_assessments,
        watches=((ReturnFile, lambda file: file.answer_id),),
    )
)
register(
    SearchKind(
        name="request_response",
        label="Document request answer",
        model=RequestResponse,
        queryset=lambda: RequestResponse.objects.select_related(
            "request__assessment"
        ).prefetch_related("files", "request__statements"),
        document=_response,
        visible_assessments=policy.visible_portal_assessments,
        watches=((ReturnFile, lambda file: file.response_id),),
    )
)
