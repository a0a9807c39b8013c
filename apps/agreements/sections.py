"""The agreement template: Pådriv's six sections, each written by one small function from the
hub's live data, in Markdown.

Each function takes a `Draft` (the hub, the initiative if any, the period and the chosen
parties with their partnerships) and returns the section's body. The list `SECTIONS` is the
template. Agreements sit above the apps whose data they gather, so they read it directly:
the partners' commitments (apps.partners), the budget (apps.funding) and the desired results
(apps.results) of the agreement's scope — the hub itself, or one initiative.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.utils import formats
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, override

from apps.core.money import format_money
from apps.funding import selectors as funding
from apps.goals.selectors import hub_goals
from apps.hubs.models import Hub, Partnership
from apps.hubs.selectors import approved_members, working_groups
from apps.partners.models import Commitment
from apps.results import selectors as results
from apps.visions.models import Vision


@dataclass
class Draft:
    hub: Hub
    title: str
    starts_on: date
    ends_on: date
    partnerships: list[Partnership]
    initiative: Any = None
    extra: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class Section:
    key: str
    heading: str | Promise
    build: Callable[[Draft], str]


def _plain(text: str) -> str:
    """One line of live data in Markdown: no line breaks, no leading heading/list markers."""
    return " ".join((text or "").split()).lstrip("#>*-+ ")


def _adopted_vision(draft: Draft) -> Vision | None:
    qs = Vision.objects.filter(hub=draft.hub, status=Vision.Status.ADOPTED, area=None)
    qs = qs.filter(initiative=draft.initiative) if draft.initiative else qs.filter(initiative=None)
    vision = qs.order_by("-updated_at").first()
    return vision


def vision_and_strategy(draft: Draft) -> str:
    vision = _adopted_vision(draft)
    if vision is None:
        return _("_No vision is adopted yet. Write the shared vision and the strategy here._")
    latest = vision.versions.order_by("-number").first()
    body = [_("The parties stand behind the adopted vision “%(title)s”:") % {"title": _plain(vision.title)}]
    if latest is not None:
        # The vision's headings move one level down, under this section's heading.
        quoted = "\n".join(
            ("#" + line if line.startswith("#") else line) for line in latest.text.splitlines()
        )
        body.append(quoted)
    return "\n\n".join(body)


def organisation(draft: Draft) -> str:
    hub = draft.hub
    where = _plain(draft.initiative.title) if draft.initiative else _plain(hub.name)
    lines = [
        _("The cooperation %(name)s is organised as a partnership in %(place)s. The parties are:")
        % {"name": where, "place": _plain(hub.place)}
    ]
    lines.append("")
    for p in draft.partnerships:
        org = p.organisation
        lines.append(
            f"- **{_plain(org.name)}** ({org.get_type_display()}, {_('org. no.')} {_plain(org.org_number)})"
        )
    groups = list(working_groups(hub=hub))
    if groups:
        lines += ["", _("The work is done in these working groups:"), ""]
        lines += [f"- {_plain(g.name)}" + (f" ({_plain(g.theme)})" if g.theme else "") for g in groups]
    return "\n".join(lines)


def leadership_and_board(draft: Draft) -> str:
    offices: dict[str, list[str]] = {"lead": [], "stewards": [], "board": []}
    for m in approved_members(hub=draft.hub):
        name = _plain(m.user.display_name)
        if m.is_network_lead:
            offices["lead"].append(name)
        if m.is_steward:
            offices["stewards"].append(name)
        if m.is_board:
            offices["board"].append(name)
    none = _("(not chosen yet)")
    return "\n".join(
        [
            f"- **{_('Network lead')}:** {', '.join(offices['lead']) or none}",
            f"- **{_('Stewardship team')}:** {', '.join(offices['stewards']) or none}",
            f"- **{_('Board')}:** {', '.join(offices['board']) or none}",
        ]
    )


def roles_and_responsibilities(draft: Draft) -> str:
    period = _("For the period %(start)s to %(end)s the parties take on:") % {
        "start": formats.date_format(draft.starts_on, "DATE_FORMAT"),
        "end": formats.date_format(draft.ends_on, "DATE_FORMAT"),
    }
    lines = [period, ""]
    commitments = _commitments(draft)
    for p in draft.partnerships:
        what = _plain(p.contribution) or _("(to be agreed)")
        lines.append(f"- **{_plain(p.organisation.name)}:** {what}")
        for commitment in commitments.get(p.organisation_id, []):
            lines.append(f"  - {_commitment_line(draft.hub, commitment)}")
    return "\n".join(lines)


def _commitments(draft: Draft) -> dict[int, list[Commitment]]:
    """The parties' commitments to the agreement's scope that still stand, by organisation."""
    rows = Commitment.objects.filter(
        partner__hub=draft.hub,
        partner__initiative=draft.initiative,
        partner__organisation_id__in=[p.organisation_id for p in draft.partnerships],
    ).exclude(status=Commitment.Status.WITHDRAWN)
    out: dict[int, list[Commitment]] = {}
    for commitment in rows.select_related("partner").order_by("pk"):
        out.setdefault(commitment.partner.organisation_id or 0, []).append(commitment)
    return out


def _commitment_line(hub: Hub, commitment: Commitment) -> str:
    value = commitment.value(hub.hourly_rate)
    amount = f" — {format_money(value, hub.currency)}" if value is not None else ""
    hours = (
        " " + _("(%(hours)s hours)") % {"hours": formats.number_format(commitment.hours)}
        if commitment.hours is not None
        else ""
    )
    status = commitment.get_status_display().lower()
    return f"{commitment.get_kind_display()}: {_plain(commitment.description)}{amount}{hours} ({status})"


def desired_results(draft: Draft) -> str:
    goals = list(hub_goals(hub=draft.hub))
    wanted = list(results.published_results(hub=draft.hub).filter(initiative=draft.initiative))
    if not goals and not wanted:
        return _("_Write the results the parties want to reach in the period._")
    lines: list[str] = []
    if wanted:
        lines += [_("The parties want to reach these results:"), ""]
        for result in wanted:
            measure = _plain(result.indicator.name if result.indicator_id else result.indicator_name)  # type: ignore[union-attr]
            aim = results.display_value(result.target)
            lines.append(
                f"- **{_plain(result.title)}**: {measure} {aim} {_plain(result.unit)}".rstrip()
                + " "
                + _("by %(date)s") % {"date": formats.date_format(result.target_date, "DATE_FORMAT")}
            )
        lines.append("")
    if not goals:
        return "\n".join(lines)
    lines += [_("The cooperation works towards the hub's goals:"), ""]
    for goal in goals:
        year = f" ({goal.target_year})" if goal.target_year else ""
        lines.append(f"- **{_plain(goal.title)}**{year}")
        for target in goal.local_targets.all():
            lines.append(f"  - {_plain(target.code)}: {_plain(target.title)}")
    return "\n".join(lines)


def financing(draft: Draft) -> str:
    hub = draft.hub
    summary = funding.budget_summary(funding.budget_for(hub=hub, initiative=draft.initiative))
    if not summary.lines and not summary.sources:
        return _(
            "_The financing plan and budget for the period, in %(currency)s. Each party's contribution "
            "is listed under roles and responsibilities._"
        ) % {"currency": hub.currency}
    money = lambda amount: format_money(amount, hub.currency)  # noqa: E731
    lines = [_("Costs:"), ""]
    lines += [f"- {_plain(line.description)}: {money(line.planned)}" for line in summary.lines]
    lines += [f"- **{_('Total costs')}: {money(summary.planned_costs)}**", "", _("Financing:"), ""]
    lines += [f"- {_plain(kind)}: {money(planned)}" for kind, planned, _received in summary.by_kind()]
    lines.append(f"- **{_('Total financing')}: {money(summary.planned_funding)}**")
    if summary.missing > 0:
        lines += ["", _("Still to be financed: %(amount)s.") % {"amount": money(summary.missing)}]
    return "\n".join(lines)


SECTIONS: list[Section] = [
    Section("vision", gettext_lazy("Vision and strategy"), vision_and_strategy),
    Section("organisation", gettext_lazy("Organisation"), organisation),
    Section("leadership", gettext_lazy("Network leadership and board"), leadership_and_board),
    Section("roles", gettext_lazy("Roles and responsibilities for the period"), roles_and_responsibilities),
    Section("results", gettext_lazy("Desired results"), desired_results),
    Section("financing", gettext_lazy("Financing plan and budget"), financing),
]


def replace_section(key: str, build: Callable[[Draft], str]) -> None:
    """Put `build` in the place of the section `key` (its heading and position stay)."""
    for index, section in enumerate(SECTIONS):
        if section.key == key:
            SECTIONS[index] = Section(key, section.heading, build)
            return
    raise KeyError(key)


def draft_text(draft: Draft) -> str:
    """Version 1 of a new agreement: the title, the period, and every section in the hub's
    first language."""
    language = (draft.hub.languages or ["en"])[0]
    with override(language):
        parts = [
            f"# {_plain(draft.title)}",
            _("Cooperation agreement for %(name)s, %(start)s – %(end)s.")
            % {
                "name": _plain(draft.initiative.title if draft.initiative else draft.hub.name),
                "start": formats.date_format(draft.starts_on, "DATE_FORMAT"),
                "end": formats.date_format(draft.ends_on, "DATE_FORMAT"),
            },
        ]
        for number, section in enumerate(SECTIONS, start=1):
            parts.append(f"## {number}. {section.heading}")
            parts.append(section.build(draft).strip())
    return "\n\n".join(parts) + "\n"
