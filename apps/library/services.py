"""Every change to the knowledge library (P5, X7). Keyword-only; each checks permission, writes
in one transaction (with its audit entry for decisions) and tells the people concerned.
Errors are translated `ValidationError`s with a code, or `PermissionDenied`."""

from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import IntegrityError, transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from apps.audit.services import audit_record
from apps.core.money import format_money
from apps.core.permissions import require
from apps.hubs.models import Hub
from apps.hubs.selectors import hub_leads
from apps.initiatives.models import Initiative
from apps.library import feed
from apps.library.fetch import FeedError, check_url, fetch_json
from apps.library.models import (
    BODY_MAX,
    SUMMARY_MAX,
    TITLE_MAX,
    Course,
    CourseProgress,
    Entry,
    Kind,
    Lesson,
    LessonDone,
    Licence,
    Status,
    Subscription,
)
from apps.notifications.services import notify

EDITABLE = ("kind", "title", "summary", "body", "link", "tags", "language", "licence")


def _error(field: str, message: str, code: str) -> ValidationError:
    return ValidationError({field: ValidationError(message, code=code)})


def _clean(values: dict[str, Any], *, case_study: bool = False) -> dict[str, Any]:
    """Check an entry's fields; every problem at once."""
    errors: dict[str, list[ValidationError]] = {}

    def add(field: str, message: str, code: str) -> None:
        errors.setdefault(field, []).append(ValidationError(message, code=code))

    out = {key: (value.strip() if isinstance(value, str) else value) for key, value in values.items()}
    kind = out.get("kind", Kind.CASE_STUDY if case_study else Kind.METHOD)
    if case_study:
        out["kind"] = Kind.CASE_STUDY
    elif kind not in Kind.values or kind == Kind.CASE_STUDY:
        add("kind", _("Choose a method, guide, template or lesson learned."), "invalid_choice")
    if not out.get("title"):
        add("title", _("Give the entry a title."), "required")
    elif len(out["title"]) > TITLE_MAX:
        add("title", _("The title can be at most %(n)s characters.") % {"n": TITLE_MAX}, "max_length")
    if len(out.get("summary", "")) > SUMMARY_MAX:
        add("summary", _("The summary can be at most %(n)s characters.") % {"n": SUMMARY_MAX}, "max_length")
    if len(out.get("body", "")) > BODY_MAX:
        add("body", _("The text can be at most %(n)s characters.") % {"n": BODY_MAX}, "max_length")
    if not out.get("licence"):
        add("licence", _("Choose an open licence: everything in the library is shared openly."), "required")
    elif out["licence"] not in Licence.values:
        add("licence", _("Choose one of the open licences in the list."), "invalid_choice")
    if out.get("language", "nb") not in dict(settings.LANGUAGES):
        add("language", _("Choose one of the languages in the list."), "invalid_choice")
    if out.get("link"):
        try:
            URLValidator(schemes=["http", "https"])(out["link"])
        except ValidationError:
            add("link", _("Enter a web address starting with http:// or https://."), "invalid")
    if len(out.get("tags", "")) > 200:
        add("tags", _("The tags can be at most 200 characters."), "max_length")
    if errors:
        raise ValidationError(errors)
    return out


# Entries -----------------------------------------------------------------------------------


def entry_create(
    *,
    actor: Any,
    hub: Hub,
    kind: str,
    title: str,
    licence: str,
    summary: str = "",
    body: str = "",
    link: str = "",
    tags: str = "",
    language: str = "nb",
    publish: bool = False,
) -> Entry:
    """A lead publishes at once (`publish`) or keeps a draft; a member keeps a draft or proposes
    it (`publish`) to the leads, who are told."""
    require(actor, "library.add_entry", hub)
    values = _clean(
        {
            "kind": kind,
            "title": title,
            "licence": licence,
            "summary": summary,
            "body": body,
            "link": link,
            "tags": tags,
            "language": language,
        }
    )
    is_lead = actor.has_perm("library.publish_entry", hub)
    status = Status.DRAFT
    if publish:
        status = Status.PUBLISHED if is_lead else Status.PROPOSED
    now = timezone.now()
    with transaction.atomic():
        entry = Entry.objects.create(
            hub=hub,
            author=actor,
            status=status,
            updated_at=now,
            published_at=now if status == Status.PUBLISHED else None,
            **values,
        )
        if status == Status.PROPOSED:
            _tell_leads_proposed(entry, actor)
    return entry


def _tell_leads_proposed(entry: Entry, actor: Any) -> None:
    notify(
        hub_leads(entry.hub),
        template="library/email/entry_proposed.txt",
        context={"hub": entry.hub, "entry": entry, "actor": actor},
        url=entry.get_absolute_url(),
        kind="library",
    )


def entry_update(*, actor: Any, entry: Entry, propose: bool = False, **values: Any) -> Entry:
    """Change an entry's text. An imported entry is marked edited locally: the origin's next
    versions are then kept aside, never written over this one."""
    require(actor, "library.change_entry", entry)
    unknown = set(values) - set(EDITABLE)
    if unknown:
        raise TypeError(f"unknown fields {unknown}")
    current = {field: getattr(entry, field) for field in EDITABLE}
    cleaned = _clean({**current, **values}, case_study=entry.is_case_study)
    changed = [field for field in EDITABLE if cleaned[field] != current[field]]
    with transaction.atomic():
        entry = Entry.objects.select_for_update().get(pk=entry.pk)
        for field in changed:
            setattr(entry, field, cleaned[field])
        if changed:
            entry.updated_at = timezone.now()
            if entry.is_imported:
                entry.locally_edited = True
        became_proposed = propose and entry.status == Status.DRAFT and not entry.is_case_study
        if became_proposed:
            entry.status = Status.PROPOSED
        entry.save()
        if became_proposed:
            _tell_leads_proposed(entry, actor)
    return entry


def entry_publish(*, actor: Any, entry: Entry) -> Entry:
    """A lead publishes a draft or a proposed entry (not a case study: its team approves it)."""
    require(actor, "library.publish_entry", entry)
    if entry.is_case_study:
        raise _error("status", _("A case study is published when its team approves it."), "case_study")
    with transaction.atomic():
        entry = Entry.objects.select_for_update(of=("self",)).select_related("hub", "author").get(pk=entry.pk)
        if entry.status == Status.PUBLISHED:
            return entry
        now = timezone.now()
        entry.status = Status.PUBLISHED
        entry.published_at = now
        entry.updated_at = now
        entry.save(update_fields=["status", "published_at", "updated_at"])
        audit_record(hub=entry.hub, actor=actor, action="library.entry_publish", target=entry)
        if entry.author_id and entry.author_id != actor.pk:
            notify(
                [entry.author],
                template="library/email/entry_published.txt",
                context={"hub": entry.hub, "entry": entry, "actor": actor},
                url=entry.get_absolute_url(),
                kind="library",
            )
    return entry


def entry_accept_origin(*, actor: Any, entry: Entry) -> Entry:
    """Take the origin's newest version over the local edit (the notice's "use theirs")."""
    require(actor, "library.change_entry", entry)
    if not entry.is_imported:
        raise _error("origin", _("This entry was not imported from another library."), "not_imported")
    with transaction.atomic():
        entry = Entry.objects.select_for_update().get(pk=entry.pk)
        entry.title, entry.summary, entry.body = entry.origin_title, entry.origin_summary, entry.origin_body
        entry.locally_edited = False
        entry.origin_changed = False
        entry.updated_at = entry.origin_updated or timezone.now()
        entry.save()
    return entry


# Case studies ------------------------------------------------------------------------------


def case_study_text(initiative: Initiative, *, user: Any) -> tuple[str, str]:
    """The summary and Markdown of a case study, gathered from the initiative's own record:
    place, process and phases, partners and their commitments, budget totals, published results
    and the final report, and a section for the lessons, in the hub's language."""
    from apps.funding.selectors import budget_for, budget_summary
    from apps.partners import selectors as partner_selectors
    from apps.processes.selectors import run_for
    from apps.results.models import Result
    from apps.results.selectors import display_value, final_report

    hub = initiative.hub
    language = (hub.languages or ["nb"])[0]
    with translation.override(language):
        parts: list[str] = [initiative.summary or "", ""]
        place = initiative.area.name if initiative.area_id and initiative.area else hub.place
        parts += [f"## {_('Place')}", "", place or _("Not given."), ""]
        run = run_for(initiative)
        parts += [f"## {_('Process and phases')}", ""]
        if run is not None:
            parts.append(f"{run.title}:")
            parts.append("")
            for phase in run.phases.order_by("position"):
                dates = f"{phase.starts_on:%Y-%m-%d} – {phase.due_on:%Y-%m-%d}"
                parts.append(f"- **{phase.name}** ({dates})")
        else:
            parts.append(_("No process was recorded."))
        parts.append("")
        partners = list(partner_selectors.initiative_partners(initiative=initiative))
        parts += [f"## {_('Partners and commitments')}", ""]
        for partner in partners:
            line = f"- **{partner.public_name}** — {partner.get_role_display()}"
            if partner.role_text:
                line += f": {partner.role_text}"
            parts.append(line)
            for commitment in partner.commitments.all():
                value = commitment.value(hub.hourly_rate)
                money = f" ({format_money(value, hub.currency)})" if value is not None else ""
                parts.append(f"  - {commitment.get_kind_display()}: {commitment.description}{money}")
        if not partners:
            parts.append(_("No partners were recorded."))
        parts.append("")
        summary = budget_summary(budget_for(hub=hub, initiative=initiative))
        parts += [f"## {_('Budget')}", ""]
        if summary.lines or summary.sources:
            parts += [
                f"| {_('Budget')} | {_('Planned')} | {_('Actual')} |",
                "|---|---|---|",
                f"| {_('Costs')} | {format_money(summary.planned_costs, hub.currency)} | "
                f"{format_money(summary.actual_costs, hub.currency)} |",
                f"| {_('Funding')} | {format_money(summary.planned_funding, hub.currency)} | "
                f"{format_money(summary.received_funding, hub.currency)} |",
            ]
        else:
            parts.append(_("No budget was recorded."))
        parts.append("")
        results = list(Result.objects.filter(initiative=initiative, status=Result.Status.PUBLISHED))
        parts += [f"## {_('Results')}", ""]
        for result in results:
            change = f"{display_value(result.baseline)} → {display_value(result.target)} {result.unit_label}"
            parts.append(f"- **{result.title}**: {change.rstrip()}")
        if not results:
            parts.append(_("No results were published."))
        report = final_report(initiative=initiative)
        if report is not None:
            parts += ["", f"### {report.title}", "", report.text]
        parts += [
            "",
            f"## {_('Lessons learned')}",
            "",
            _("What would you do again, and what differently?"),
            "",
        ]
        summary_text = initiative.summary or initiative.title
    return summary_text[:SUMMARY_MAX], "\n".join(parts)[:BODY_MAX]


def case_study_draft(*, actor: Any, initiative: Initiative) -> Entry:
    """A draft case study from a completed initiative's record (one per initiative)."""
    require(actor, "library.draft_case_study", initiative)
    if initiative.status != Initiative.Status.COMPLETED:
        raise _error("initiative", _("Only a completed initiative can become a case study."), "not_completed")
    if Entry.objects.filter(initiative=initiative).exists():
        raise _error("initiative", _("This initiative already has a case study."), "exists")
    summary, body = case_study_text(initiative, user=actor)
    hub = initiative.hub
    try:
        with transaction.atomic():
            return Entry.objects.create(
                hub=hub,
                initiative=initiative,
                kind=Kind.CASE_STUDY,
                title=initiative.title,
                summary=summary,
                body=body,
                language=(hub.languages or ["nb"])[0],
                licence=Licence.CC_BY,
                status=Status.DRAFT,
                author=actor,
                updated_at=timezone.now(),
            )
    except IntegrityError:
        raise _error("initiative", _("This initiative already has a case study."), "exists") from None


def case_study_approve(*, actor: Any, entry: Entry) -> Entry:
    """The initiative's owner or a project lead approves the case study: it is published."""
    if not entry.is_case_study:
        raise _error("status", _("Only a case study is approved by its team."), "not_case_study")
    require(actor, "library.approve_case_study", entry)
    with transaction.atomic():
        entry = Entry.objects.select_for_update(of=("self",)).select_related("hub").get(pk=entry.pk)
        if entry.status == Status.PUBLISHED:
            return entry
        now = timezone.now()
        entry.status = Status.PUBLISHED
        entry.approved_by = actor
        entry.published_at = now
        entry.updated_at = now
        entry.save(update_fields=["status", "approved_by", "published_at", "updated_at"])
        audit_record(hub=entry.hub, actor=actor, action="library.case_study_approve", target=entry)
        notify(
            [person for person in hub_leads(entry.hub) if person.pk != actor.pk],
            template="library/email/entry_published.txt",
            context={"hub": entry.hub, "entry": entry, "actor": actor},
            url=entry.get_absolute_url(),
            kind="library",
        )
    return entry


# Courses -----------------------------------------------------------------------------------


def course_create(
    *, actor: Any, hub: Hub, title: str, summary: str = "", language: str = "nb", licence: str = Licence.CC_BY
) -> Course:
    require(actor, "library.manage_course", hub)
    title = (title or "").strip()
    if not title or len(title) > TITLE_MAX:
        raise _error(
            "title", _("Give the course a title of at most %(n)s characters.") % {"n": TITLE_MAX}, "required"
        )
    if licence not in Licence.values:
        raise _error("licence", _("Choose one of the open licences in the list."), "invalid_choice")
    if language not in dict(settings.LANGUAGES):
        raise _error("language", _("Choose one of the languages in the list."), "invalid_choice")
    return Course.objects.create(
        hub=hub,
        title=title,
        summary=(summary or "").strip()[:2000],
        language=language,
        licence=licence,
        facilitator=actor,
    )


def course_publish(*, actor: Any, course: Course, published: bool = True) -> Course:
    require(actor, "library.manage_course", course)
    if published and not course.lessons.exists():
        raise _error("lessons", _("Add at least one lesson before publishing the course."), "no_lessons")
    Course.objects.filter(pk=course.pk).update(is_published=published)
    course.is_published = published
    return course


def lesson_add(*, actor: Any, course: Course, title: str, body: str) -> Lesson:
    """A lesson at the end of the course."""
    require(actor, "library.manage_course", course)
    title, body = (title or "").strip(), (body or "").strip()
    errors = {}
    if not title or len(title) > TITLE_MAX:
        errors["title"] = ValidationError(
            _("Give the lesson a title of at most %(n)s characters.") % {"n": TITLE_MAX}, code="required"
        )
    if not body or len(body) > BODY_MAX:
        errors["body"] = ValidationError(
            _("Write the lesson (at most %(n)s characters).") % {"n": BODY_MAX}, code="required"
        )
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        Course.objects.select_for_update().filter(pk=course.pk).first()
        last = course.lessons.order_by("-position").values_list("position", flat=True).first() or 0
        lesson = Lesson.objects.create(course=course, position=last + 1, title=title, body=body)
        # A new lesson means those who had finished have not finished any more.
        CourseProgress.objects.filter(course=course).update(finished_at=None)
    return lesson


def lesson_done(*, actor: Any, lesson: Lesson) -> CourseProgress:
    """Mark a lesson done for the person; when every lesson is done, the course is finished.
    Doing it twice changes nothing."""
    course = lesson.course
    require(actor, "library.take_course", course)
    with transaction.atomic():
        progress, _created = CourseProgress.objects.get_or_create(course=course, user=actor)
        progress = CourseProgress.objects.select_for_update().get(pk=progress.pk)
        LessonDone.objects.get_or_create(lesson=lesson, user=actor)
        total = Lesson.objects.filter(course=course).count()
        done = LessonDone.objects.filter(lesson__course=course, user=actor).count()
        if done >= total and progress.finished_at is None:
            progress.finished_at = timezone.now()
            progress.save(update_fields=["finished_at"])
    return progress


# Federation --------------------------------------------------------------------------------


@dataclass
class ImportResult:
    created: int = 0
    updated: int = 0
    kept_local: int = 0
    unchanged: int = 0
    skipped: int = 0

    @property
    def changed(self) -> int:
        return self.created + self.updated + self.kept_local


def subscription_add(*, actor: Any, hub: Hub, feed_url: str, fetch: bool = True) -> Subscription:
    """A lead follows a feed; it is fetched at once (the lead's explicit action). A feed that
    cannot be read is refused and nothing is saved."""
    require(actor, "library.manage_feeds", hub)
    feed_url = (feed_url or "").strip()
    try:
        URLValidator(schemes=["http", "https"])(feed_url)
    except ValidationError:
        raise FeedError(_("Only http and https addresses can be followed."), "scheme") from None
    if len(feed_url) > 500:
        raise FeedError(_("The address is too long."), "max_length")
    if Subscription.objects.filter(hub=hub, feed_url=feed_url).exists():
        raise FeedError(_("The hub already follows this feed."), "exists")
    items = read_feed(feed_url) if fetch else None
    try:
        with transaction.atomic():
            subscription = Subscription.objects.create(hub=hub, feed_url=feed_url, created_by=actor)
            audit_record(
                hub=hub, actor=actor, action="library.feed_subscribe", target=subscription, label=feed_url
            )
            if items is not None:
                _import(subscription, items)
    except IntegrityError:
        raise FeedError(_("The hub already follows this feed."), "exists") from None
    return subscription


def subscription_remove(*, actor: Any, subscription: Subscription) -> None:
    """Stop following; what was imported stays in the library."""
    require(actor, "library.manage_feeds", subscription.hub)
    with transaction.atomic():
        audit_record(
            hub=subscription.hub,
            actor=actor,
            action="library.feed_unsubscribe",
            target=None,
            label=subscription.feed_url,
        )
        subscription.delete()


def subscription_refresh(*, actor: Any, subscription: Subscription) -> ImportResult:
    """A lead fetches the feed now."""
    require(actor, "library.manage_feeds", subscription.hub)
    return refresh(subscription)


def refresh(subscription: Subscription) -> ImportResult:
    """Fetch and import one subscription (the scheduled task and the lead's button). A feed that
    cannot be read imports nothing; the error is kept on the subscription."""
    try:
        items = read_feed(subscription.feed_url)
    except FeedError as error:
        Subscription.objects.filter(pk=subscription.pk).update(
            fetched_at=timezone.now(), last_error=" ".join(error.messages)[:500]
        )
        raise
    try:
        with transaction.atomic():
            return _import(subscription, items)
    except IntegrityError:  # another import of the same feed got there first: it holds the items
        raise FeedError(_("This feed is being imported right now; try again in a moment."), "busy") from None


def import_all_feeds() -> tuple[int, int]:
    """Refresh every subscription (`import_library_feeds`, the Celery task): (imported or
    changed items, feeds that failed)."""
    changed = failed = 0
    for subscription in Subscription.objects.select_related("hub").order_by("pk"):
        try:
            changed += refresh(subscription).changed
        except FeedError:
            failed += 1
    return changed, failed


def read_feed(url: str) -> list[feed.FeedItem | None]:
    """Every item of a feed (following `first` and `next`, at most `feed.MAX_PAGES` pages),
    parsed. Raises FeedError before anything is written."""
    document = fetch_json(url)
    feed.check_collection(document)
    raw: list[Any] = []
    seen = {url}
    pages = 0
    next_url: str | None
    if document.get("type") in feed.COLLECTION_TYPES:
        raw += feed.page_items(document) if ("orderedItems" in document or "items" in document) else []
        next_url = feed.next_page(document, first=True)
    else:
        raw += feed.page_items(document)
        next_url = feed.next_page(document, first=False)
    while next_url and next_url not in seen:
        pages += 1
        if pages > feed.MAX_PAGES or len(raw) > feed.MAX_ITEMS:
            raise FeedError(_("The feed is too large to import."), "too_large")
        seen.add(next_url)
        document = fetch_json(next_url)
        feed.check_collection(document)
        raw += feed.page_items(document)
        next_url = feed.next_page(document, first=False)
    if len(raw) > feed.MAX_ITEMS:
        raise FeedError(_("The feed is too large to import."), "too_large")
    return [feed.parse_item(item) for item in raw]


def import_items(subscription: Subscription, items: list[Any]) -> ImportResult:
    """Import parsed or raw AS2 items into the subscription's hub (the demo calls this without
    HTTP). Idempotent: the same item twice changes nothing."""
    parsed = [
        item if isinstance(item, feed.FeedItem) or item is None else feed.parse_item(item) for item in items
    ]
    with transaction.atomic():
        return _import(subscription, parsed)


def _import(subscription: Subscription, items: list[feed.FeedItem | None]) -> ImportResult:
    result = ImportResult()
    hub = subscription.hub
    existing = {
        entry.origin_url: entry
        for entry in Entry.objects.select_for_update().filter(
            hub=hub, origin_url__in=[item.id for item in items if item is not None]
        )
    }
    for item in items:
        if item is None:
            result.skipped += 1
            continue
        entry = existing.get(item.id)
        if entry is None:
            existing[item.id] = Entry.objects.create(
                hub=hub,
                subscription=subscription,
                kind=item.kind,
                title=item.title,
                summary=item.summary,
                body=item.body,
                tags=item.tags,
                language=item.language,
                licence=item.licence,
                status=Status.PUBLISHED,
                published_at=item.updated,
                updated_at=item.updated,
                origin_url=item.id,
                origin_name=item.origin_name,
                origin_updated=item.updated,
                origin_title=item.title,
                origin_summary=item.summary,
                origin_body=item.body,
            )
            result.created += 1
            continue
        if entry.origin_updated is not None and item.updated <= entry.origin_updated:
            result.unchanged += 1
            continue
        entry.origin_updated = item.updated
        entry.origin_title, entry.origin_summary, entry.origin_body = item.title, item.summary, item.body
        entry.origin_name = item.origin_name or entry.origin_name
        if entry.locally_edited:
            entry.origin_changed = True
            result.kept_local += 1
        else:
            entry.title, entry.summary, entry.body = item.title, item.summary, item.body
            entry.kind, entry.language, entry.licence, entry.tags = (
                item.kind,
                item.language,
                item.licence,
                item.tags,
            )
            entry.updated_at = item.updated
            result.updated += 1
        entry.save()
    Subscription.objects.filter(pk=subscription.pk).update(
        fetched_at=timezone.now(), last_error="", last_imported=result.changed
    )
    return result


__all__ = ["FeedError", "check_url"]
