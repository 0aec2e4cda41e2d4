"""Evidence pages. Thin: forms parse, services write, selectors read, the policy decides."""

from __future__ import annotations

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods

import policy
from assessments import selectors as assessment_selectors
from assessments.models import QualityStatement
from core import idempotency, uploads
from core.conflicts import conflict_rows, display_value
from core.downloads import private_file_response
from core.forms import as_typed_date
from evidence import previews, selectors, services
from evidence.forms import EvidenceForm, StatementFilterForm, WithdrawForm
from evidence.models import EvidenceDirection, EvidenceItem, Route, SourceType
from evidence.services import EvidenceError, StaleEvidenceError

FIELD_LABELS = {
    "statements": "Quality statements",
    "category": "Evidence category",
    "route": "Route",
    "source_type": "Source",
    "title": "Title",
    "narrative": "What the evidence shows",
    "direction": "Strength or shortfall",
    "effective_date": "Date of the evidence",
    "contains_personal_data": "Contains personal data",
    "attachments": "Attachments",
    "withdrawn": "Withdrawn",
    "withdrawn_reason": "Reason for withdrawal",
}


def _assessment_for(request, pk: int):
    assessment = get_object_or_404(selectors.assessment_for_evidence_pages(), pk=pk)
    policy.require_view_assessment(request.user, assessment)
    return assessment


def _item_for(request, pk: int) -> EvidenceItem:
    """The item, or 404 when the user may not see it (its existence is not disclosed)."""
    item = get_object_or_404(selectors.evidence_item_queryset(), pk=pk)
    policy.require(policy.can_view_assessment(request.user, item.assessment), hide=True)
    policy.require(policy.can_view_evidence_item(request.user, item), hide=True)
    return item


# ---- create and edit --------------------------------------------------------------------


def _collect_uploads(request) -> tuple[list, list[str]]:
    """Uploads kept from earlier attempts plus this request's files, checked one by one."""
    tokens = [t for t in request.POST.get("upload_tokens", "").split(",") if t]
    removed = set(request.POST.getlist("remove_upload"))
    kept = services.pending_uploads_for(
        actor=request.user, tokens=[t for t in tokens if t not in removed]
    )
    errors: list[str] = []
    for upload in request.FILES.getlist("attachments"):
        try:
            kept.append(services.pending_upload_create(actor=request.user, upload=upload))
        except EvidenceError as exc:
            errors.append(str(exc))
    return kept, errors


def _bound_form(request, assessment, kept) -> EvidenceForm:
    data = request.POST.copy()
    data["upload_tokens"] = ",".join(upload.token for upload in kept)
    return EvidenceForm(
        data,
        request.FILES,
        assessment=assessment,
        size_limit_text=uploads.size_limit_text(),
    )


def _service_fields(cleaned: dict) -> dict:
    return {
        name: cleaned[name]
        for name in (
            "statements",
            "category",
            "route",
            "source_type",
            "title",
            "narrative",
            "direction",
            "effective_date",
            "contains_personal_data",
        )
    }


def _form_page(request, *, assessment, form, kept, item=None, status=200):
    return render(
        request,
        "evidence/evidence_form.html",
        {
            "assessment": assessment,
            "form": form,
            "item": item,
            "pending_uploads": kept,
            "category_url": reverse("evidence:category_options", args=[assessment.pk]),
        },
        status=status,
    )


def _add_service_error(form, exc: EvidenceError) -> None:
    form.add_error(exc.field if exc.field in form.fields else None, str(exc))


@require_http_methods(["GET", "POST"])
def evidence_create(request, pk: int):
    assessment = _assessment_for(request, pk)
    policy.require(
        policy.can_edit_evidence(request.user, assessment),
        message="Only the assessment team can add evidence while evidence can be changed.",
    )
    if request.method == "GET":
        initial = {}
        number = request.GET.get("statement", "")
        if number.isdigit():
            initial["statements"] = selectors.statements_by_number(
                assessment=assessment, numbers=[int(number)]
            )
        form = EvidenceForm(
            initial=initial, assessment=assessment, size_limit_text=uploads.size_limit_text()
        )
        return _form_page(request, assessment=assessment, form=form, kept=[])

    kept, upload_errors = _collect_uploads(request)
    form = _bound_form(request, assessment, kept)
    valid = form.is_valid()
    for message in upload_errors:
        form.add_error("attachments", message)
    if valid and not upload_errors:
        try:
            item, created = idempotency.run_once(
                user=request.user,
                scope=f"evidence.create:{assessment.pk}",
                key=form.cleaned_data["idempotency_key"],
                create=lambda: services.evidence_create(
                    actor=request.user,
                    assessment=assessment,
                    uploads=kept,
                    **_service_fields(form.cleaned_data),
                ),
                find=lambda pk: selectors.evidence_item_queryset().get(pk=pk),
            )
        except EvidenceError as exc:
            _add_service_error(form, exc)
        else:
            if created:
                messages.success(request, f"Evidence “{item.title}” recorded.")
            else:
                messages.info(request, f"Evidence “{item.title}” was already recorded.")
            return redirect(item)
    return _form_page(request, assessment=assessment, form=form, kept=kept, status=400)


@require_http_methods(["GET", "POST"])
def evidence_edit(request, pk: int):
    item = _item_for(request, pk)
    assessment = item.assessment
    policy.require(
        policy.can_edit_evidence(request.user, assessment),
        message="Only the assessment team can change evidence while evidence can be changed.",
    )
    if request.method == "GET":
        if item.is_withdrawn:
            messages.info(request, "Withdrawn evidence cannot be changed.")
            return redirect(item)
        kept = services.pending_uploads_for(
            actor=request.user, tokens=request.GET.get("uploads", "").split(",")
        )
        form = EvidenceForm(
            initial={
                "statements": list(item.statements.all()),
                "category": item.category,
                "route": item.route,
                "source_type": item.source_type,
                "title": item.title,
                "narrative": item.narrative,
                "direction": item.direction,
                "effective_date": as_typed_date(item.effective_date),
                "contains_personal_data": item.contains_personal_data,
                "version": item.version,
                "upload_tokens": ",".join(upload.token for upload in kept),
            },
            assessment=assessment,
            size_limit_text=uploads.size_limit_text(),
        )
        return _form_page(request, assessment=assessment, form=form, kept=kept, item=item)

    kept, upload_errors = _collect_uploads(request)
    form = _bound_form(request, assessment, kept)
    valid = form.is_valid()
    for message in upload_errors:
        form.add_error("attachments", message)
    if valid and form.cleaned_data.get("version") is None:
        form.add_error(None, "The form is missing its version: open the evidence again.")
        valid = False
    if valid and not upload_errors:
        try:
            item = services.evidence_update(
                actor=request.user,
                item=item,
                version=form.cleaned_data["version"],
                uploads=kept,
                **_service_fields(form.cleaned_data),
            )
        except StaleEvidenceError as exc:
            return _conflict_page(request, form=form, current=exc.current, kept=kept)
        except EvidenceError as exc:
            _add_service_error(form, exc)
        else:
            messages.success(request, f"Evidence “{item.title}” updated.")
            return redirect(item)
    return _form_page(request, assessment=assessment, form=form, kept=kept, item=item, status=400)


def _display(name: str, value) -> str:
    if value in (None, ""):
        return display_value(value)
    if name == "route":
        return Route(value).label
    if name == "source_type":
        return SourceType(value).label
    if name == "direction":
        return EvidenceDirection(value).label
    return display_value(value)


def _conflict_page(request, *, form, current: EvidenceItem, kept):
    current = selectors.evidence_item_queryset().get(pk=current.pk)
    mine = _service_fields(form.cleaned_data)
    theirs = {
        "statements": list(current.statements.all()),
        "category": current.category,
        "route": current.route,
        "source_type": current.source_type,
        "title": current.title,
        "narrative": current.narrative,
        "direction": current.direction,
        "effective_date": current.effective_date,
        "contains_personal_data": current.contains_personal_data,
    }
    rows = conflict_rows(labels=FIELD_LABELS, yours=mine, now=theirs, show=_display)
    edit_url = reverse("evidence:edit", args=[current.pk])
    if kept:
        edit_url += "?uploads=" + ",".join(upload.token for upload in kept)
    return render(
        request,
        "evidence/evidence_conflict.html",
        {
            "item": current,
            "assessment": current.assessment,
            "rows": rows,
            "withdrawn": current.is_withdrawn,
            "pending_uploads": kept,
            "edit_url": edit_url,
            "history": selectors.object_history(current)[:5],
            "field_labels": FIELD_LABELS,
        },
        status=409,
    )


@require_GET
def category_options(request, pk: int):
    """The category select for the statements ticked so far (htmx fragment)."""
    assessment = _assessment_for(request, pk)
    policy.require(policy.can_edit_evidence(request.user, assessment))
    form = EvidenceForm(
        initial={
            "statements": request.GET.getlist("statements"),
            "category": request.GET.get("category") or None,
        },
        assessment=assessment,
        size_limit_text=uploads.size_limit_text(),
    )
    return render(request, "evidence/_category_field.html", {"form": form})


# ---- withdraw ---------------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
def evidence_withdraw(request, pk: int):
    item = _item_for(request, pk)
    policy.require(
        policy.can_edit_evidence(request.user, item.assessment),
        message="Only the assessment team can withdraw evidence while evidence can be changed.",
    )
    if item.is_withdrawn:
        messages.info(request, "This evidence has already been withdrawn.")
        return redirect(item)
    status = 200
    if request.method == "POST":
        form = WithdrawForm(request.POST)
        if form.is_valid():
            try:
                services.evidence_withdraw(
                    actor=request.user,
                    item=item,
                    version=form.cleaned_data["version"],
                    reason=form.cleaned_data["reason"],
                )
            except StaleEvidenceError:
                # Show the item as it is now; the user confirms again against that version.
                item = selectors.evidence_item_queryset().get(pk=item.pk)
                form = WithdrawForm(
                    {"reason": form.cleaned_data["reason"], "version": item.version}
                )
                form.is_valid()
                form.add_error(
                    None,
                    "This evidence was changed by someone else since you opened it. "
                    "Check the current version below before withdrawing it.",
                )
            except EvidenceError as exc:
                form.add_error(exc.field if exc.field in form.fields else None, str(exc))
            else:
                messages.success(request, f"Evidence “{item.title}” withdrawn.")
                return redirect(item)
        status = 400
    else:
        form = WithdrawForm(initial={"version": item.version})
    return render(
        request,
        "evidence/evidence_withdraw.html",
        {"item": item, "assessment": item.assessment, "form": form},
        status=status,
    )


# ---- reading ----------------------------------------------------------------------------


def evidence_detail(request, pk: int):
    item = _item_for(request, pk)
    assessment = item.assessment
    can_history = policy.can_view_history(request.user, assessment)
    history = []
    if can_history:
        history = list(selectors.object_history(item))
    return render(
        request,
        "evidence/evidence_detail.html",
        {
            "item": item,
            "assessment": assessment,
            "can_edit": policy.can_edit_evidence(request.user, assessment)
            and not item.is_withdrawn,
            "can_view_history": can_history,
            "history": history,
            "field_labels": FIELD_LABELS,
            "attachments": previews.attachments_with_previews(item=item),
        },
    )


def assessment_evidence(request, pk: int):
    """The evidence overview on its own page: statements by theme, counts per category."""
    assessment = _assessment_for(request, pk)
    policy.require(
        policy.can_view_evidence(request.user, assessment),
        message="Evidence is seen only by the assessment team and the council.",
    )
    return render(
        request,
        "evidence/assessment_evidence.html",
        {
            "assessment": assessment,
            "evidence_overview": selectors.assessment_evidence_overview(
                assessment=assessment, user=request.user
            ),
            "can_add_evidence": policy.can_edit_evidence(request.user, assessment),
        },
    )


def statement_evidence(request, pk: int, number: int):
    assessment = _assessment_for(request, pk)
    policy.require(
        policy.can_view_evidence(request.user, assessment),
        message="Evidence is seen only by the assessment team and the council.",
    )
    try:
        statement = assessment_selectors.statement_for_assessment(
            assessment=assessment, number=number
        )
    except QualityStatement.DoesNotExist as exc:
        raise Http404 from exc
    categories = selectors.categories_for_statements(
        framework_id=assessment.framework_id, statement_ids=[statement.pk]
    )
    filters = StatementFilterForm(request.GET or None, categories=categories)
    cleaned = filters.cleaned_data if filters.is_valid() else {}
    items = selectors.statement_evidence(
        assessment=assessment,
        statement=statement,
        user=request.user,
        category_id=cleaned["category"].pk if cleaned.get("category") else None,
        route=cleaned.get("route", ""),
        source_type=cleaned.get("source_type", ""),
        direction=cleaned.get("direction", ""),
        search=(cleaned.get("q") or "").strip(),
        include_withdrawn=bool(cleaned.get("withdrawn")),
    )
    page = Paginator(items, selectors.STATEMENT_PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "evidence/statement_evidence.html",
        {
            "assessment": assessment,
            "statement": statement,
            "filters": filters,
            "filter_selects": filters.select_options(),
            "page_obj": page,
            "filtered": bool(cleaned) and any(cleaned.values()),
            "can_edit": policy.can_edit_evidence(request.user, assessment),
        },
    )


def attachment_download(request, pk: int):
    """Stream an attachment to someone allowed to see its evidence item, as a download."""
    attachment = get_object_or_404(selectors.attachment_queryset(), pk=pk)
    item = attachment.evidence_item
    policy.require(policy.can_view_assessment(request.user, item.assessment), hide=True)
    policy.require(policy.can_view_evidence_item(request.user, item), hide=True)
    try:
        handle = services.private_storage().open(attachment.stored_name, "rb")
    except FileNotFoundError as exc:
        raise Http404("The file is missing from storage.") from exc
    return private_file_response(
        handle, filename=attachment.original_name, content_type=attachment.content_type
    )
