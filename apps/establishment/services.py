"""Every change a hub's establishment makes (H2) goes through here.

Each function is keyword-only, checks `establishment.lead`, writes in one transaction with an
audit entry, and sends e-mail only after commit. Errors are `ValidationError`s with translated
messages (and a `code`), or `PermissionDenied`.
"""

import json
import re
from dataclasses import dataclass, field
from datetime import timedelta
from functools import partial
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from apps.audit.services import audit_record
from apps.core.permissions import require
from apps.core.tasks import send_email
from apps.establishment import texts
from apps.establishment.models import TEXT_MAX, Invitation, MeetingText
from apps.establishment.selectors import HUB_AREA_CODE
from apps.events.models import Event
from apps.hubs.models import Hub
from apps.places.models import Area
from apps.places.services import area_level_ensure, areas_upsert
from apps.places.upload import AreaFileError, read_area

HUB_AREA_LEVEL = "hub"
MAX_PER_SEND = 50  # addresses in one send
MAX_PER_HOUR = 200  # invitations a hub sends in an hour
MAX_ADDRESS_TEXT = 20_000
LANGUAGE_CODES = ("nb", "sv", "en")


def _field_error(field_name: str, message: str, code: str) -> ValidationError:
    return ValidationError({field_name: ValidationError(message, code=code)})


# The area -------------------------------------------------------------------------------


@transaction.atomic
def hub_area_save(*, hub: Hub, actor: Any, geometry: Any, name: str = "") -> Area:
    """Save the hub's area (drawn or uploaded, checked again here: the preview's form may have been
    changed) as an Area of the hub; drawing it again replaces it."""
    require(actor, "establishment.lead", hub)
    text = geometry if isinstance(geometry, str) else json.dumps(geometry)
    try:
        area = read_area(text, country=hub.country)
    except AreaFileError as exc:
        raise _field_error("geometry", exc.message, exc.code) from exc
    name = (name or "").strip()[:200] or hub.place or hub.name
    level = area_level_ensure(
        hub=hub, slug=HUB_AREA_LEVEL, name=_("The hub's area"), name_plural=_("The hub's areas")
    )
    existed = Area.objects.filter(hub=hub, code=HUB_AREA_CODE).exists()
    areas_upsert(
        hub=hub,
        level=level,
        rows=[{"code": HUB_AREA_CODE, "name": name, "geometry": area.geometry}],
    )
    saved = Area.objects.get(hub=hub, code=HUB_AREA_CODE)
    audit_record(
        hub=hub,
        actor=actor,
        action="establishment.area_save",
        target=saved,
        label=saved.name,
        data={"replaced": existed, "vertices": area.vertices, "type": area.geometry["type"]},
    )
    return saved


# Invitation and programme ----------------------------------------------------------------


@transaction.atomic
def meeting_text_save(*, hub: Hub, actor: Any, kind: str, language: str, body: str) -> MeetingText:
    """Save the hub's wording of the invitation or programme in one language; an empty text goes
    back to the default."""
    require(actor, "establishment.lead", hub)
    if kind not in MeetingText.Kind.values:
        raise _field_error("kind", _("Choose the invitation or the programme."), "kind")
    if language not in LANGUAGE_CODES:
        raise _field_error("language", _("Choose a language."), "language")
    body = (body or "").replace("\r\n", "\n").strip()
    if len(body) > TEXT_MAX:
        raise _field_error(
            "body",
            _("The text is too long (at most %(count)d characters).") % {"count": TEXT_MAX},
            "too_long",
        )
    if not body:
        body = texts.default_text(kind, language)
    text, _created = MeetingText.objects.update_or_create(
        hub=hub, kind=kind, language=language, defaults={"body": body, "updated_by": actor}
    )
    audit_record(
        hub=hub,
        actor=actor,
        action="establishment.text_edit",
        target=text,
        label=f"{text.get_kind_display()} ({language})",
        data={"kind": kind, "language": language},
    )
    return text


def meeting_text(*, hub: Hub, kind: str, language: str) -> str:
    stored = (
        MeetingText.objects.filter(hub=hub, kind=kind, language=language)
        .values_list("body", flat=True)
        .first()
    )
    return stored or texts.default_text(kind, language)


def registration_link(event: Event) -> str:
    return f"{settings.SITE_URL.rstrip('/')}{event.get_absolute_url()}"


def parse_addresses(text: str) -> list[str]:
    """The addresses in `text` (separated by lines, commas, semicolons or spaces; "Name <a@b>"
    taken as a@b), lower-cased and without repeats, in order; ValidationError naming the bad ones."""
    if len(text or "") > MAX_ADDRESS_TEXT:
        raise _field_error(
            "addresses",
            ngettext(
                "Send to at most %(count)d address at a time.",
                "Send to at most %(count)d addresses at a time.",
                MAX_PER_SEND,
            )
            % {"count": MAX_PER_SEND},
            "too_many",
        )
    found: list[str] = []
    bad: list[str] = []
    for token in re.split(r"[\s,;]+", (text or "").strip()):
        token = token.strip().strip("<>").strip()
        if not token:
            continue
        try:
            validate_email(token)
        except ValidationError:
            bad.append(token)
            continue
        address = token.lower()
        if address not in found:
            found.append(address)
    if bad:
        raise _field_error(
            "addresses",
            ngettext(
                "This is not an e-mail address: %(list)s. Nothing was sent.",
                "These are not e-mail addresses: %(list)s. Nothing was sent.",
                len(bad),
            )
            % {"list": ", ".join(bad[:10]) + (" …" if len(bad) > 10 else "")},
            "invalid",
        )
    if not found:
        raise _field_error("addresses", _("Give at least one e-mail address."), "required")
    if len(found) > MAX_PER_SEND:
        raise _field_error(
            "addresses",
            ngettext(
                "Send to at most %(count)d address at a time.",
                "Send to at most %(count)d addresses at a time.",
                MAX_PER_SEND,
            )
            % {"count": MAX_PER_SEND},
            "too_many",
        )
    return found


@dataclass
class SendResult:
    sent: list[str] = field(default_factory=list)
    already: list[str] = field(default_factory=list)


def render_message(*, hub: Hub, event: Event | None, language: str) -> tuple[str, str]:
    """The e-mail's subject and body: the invitation, then the programme, placeholders filled."""
    link = registration_link(event) if event is not None else ""
    values = texts.meeting_values(hub=hub, event=event, link=link, language=language)
    invitation = texts.fill(meeting_text(hub=hub, kind="invitation", language=language), values)
    programme = texts.fill(meeting_text(hub=hub, kind="programme", language=language), values)
    subject, _sep, rest = invitation.partition("\n")
    return subject.strip().lstrip("#").strip(), f"{rest.strip()}\n\n{programme.strip()}\n"


@transaction.atomic
def invitations_send(*, hub: Hub, actor: Any, event: Event, addresses: str, language: str) -> SendResult:
    """E-mail the invitation and programme, with the registration link of `event` (a coming
    exploratory meeting of the hub), to each new address; record who was invited.

    All addresses are checked first: one bad address and nothing is sent. An address invited to
    this meeting before is not sent to again. At most MAX_PER_SEND addresses at a time and
    MAX_PER_HOUR per hub per hour (the hub's row is locked, so two sends at once count together).
    """
    require(actor, "establishment.lead", hub)
    if event.hub_id != hub.pk or event.kind != Event.Kind.EXPLORATORY:
        raise _field_error("event", _("Choose an exploratory meeting of this hub."), "event")
    if event.starts_at <= timezone.now():
        raise _field_error("event", _("This meeting has already begun. Choose a coming one."), "event_past")
    if language not in LANGUAGE_CODES:
        raise _field_error("language", _("Choose a language."), "language")
    wanted = parse_addresses(addresses)
    Hub.objects.select_for_update().filter(pk=hub.pk).first()
    already = set(Invitation.objects.filter(event=event, email__in=wanted).values_list("email", flat=True))
    new = [a for a in wanted if a not in already]
    now = timezone.now()
    recent = Invitation.objects.filter(hub=hub, invited_at__gt=now - timedelta(hours=1)).count()
    if recent + len(new) > MAX_PER_HOUR:
        raise _field_error(
            "addresses",
            _(
                "The hub may send at most %(limit)d invitations an hour; %(left)d more can go now. "
                "Send the rest later."
            )
            % {"limit": MAX_PER_HOUR, "left": max(MAX_PER_HOUR - recent, 0)},
            "rate_limited",
        )
    try:
        with transaction.atomic():
            Invitation.objects.bulk_create(
                Invitation(hub=hub, event=event, email=a, language=language, invited_by=actor, invited_at=now)
                for a in new
            )
    except IntegrityError as exc:  # the same addresses sent at the same moment by another steward
        raise _field_error(
            "addresses",
            _(
                "Someone is sending invitations to these addresses right now. "
                "Reload the page to see who was invited."
            ),
            "concurrent",
        ) from exc
    if new:
        with translation.override(language):
            subject, body = render_message(hub=hub, event=event, language=language)
        for address in new:
            transaction.on_commit(
                partial(send_email.delay, to=[address], subject=subject, body=body), robust=True
            )
        audit_record(
            hub=hub,
            actor=actor,
            action="establishment.invitations_send",
            target=event,
            label=event.title,
            data={"count": len(new), "language": language, "already": len(already)},
        )
    return SendResult(sent=new, already=sorted(already))
