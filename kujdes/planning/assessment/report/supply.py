"""A3 the existing services, and A4 their distribution across the territory with the
coverage map."""

from collections.abc import Sequence
from decimal import Decimal

from django.urls import reverse
from django.utils import timezone
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from kujdes.lib.charts import (
    MapPoint,
    Shape,
    area_map,
)
from kujdes.planning.assessment.compute import (
    Assessment,
    GroupNeed,
)
from kujdes.planning.assessment.report.blocks import (
    COVERAGE_CLASSES,
    ILLUSTRATIVE_MARK,
    OSM_CREDIT,
    Block,
    Cell,
    ChartBlock,
    Paragraph,
    Section,
    TableBlock,
    _figure,
    _group_name,
    _label,
    _Notes,
    _percent,
    _text,
)
from kujdes.territory.models import Source

# ── A3 ────────────────────────────────────────────────────────────────────────────────────


def _a3(assessment: Assessment, group: str) -> Section:
    inventory = assessment.inventory
    services = [f for f in inventory.services if not group or group in f.target_groups]
    public = sum(1 for f in services if f.is_public)
    blocks: list[Block] = [
        Paragraph(
            ngettext(
                "%(count)s service works in the municipality: %(public)s public and "
                "%(other)s non-public.",
                "%(count)s services work in the municipality: %(public)s public and "
                "%(other)s non-public.",
                len(services),
            )
            % {"count": len(services), "public": public, "other": len(services) - public}
        )
    ]
    blocks.append(
        TableBlock(
            caption=_("Services by type"),
            header=[_("Type of service"), _("Public"), _("Non-public"), _("Places")],
            rows=[
                [_label(name), Cell(str(pub)), Cell(str(other)), Cell(_text(places))]
                for name, pub, other, places in inventory.by_type
            ],
        )
    )
    blocks.append(
        TableBlock(
            caption=_("Services by target group"),
            header=[_("Target group"), _("Services"), _("Places")],
            rows=[
                [_label(_group_name(code)), Cell(str(count)), Cell(_text(places))]
                for code, (count, places) in sorted(
                    inventory.by_target_group.items(), key=lambda item: _group_name(item[0])
                )
            ],
        )
    )
    blocks.append(
        TableBlock(
            caption=_("Inventory of services"),
            header=[
                _("Service"),
                _("Provider"),
                _("Public or non-public"),
                _("Target groups"),
                _("Places"),
                _("Licence"),
            ],
            rows=[
                [
                    Cell(
                        f.service.name,
                        marks=ILLUSTRATIVE_MARK if f.service.is_illustrative else "",
                        numeric=False,
                        href=reverse("directory:service_detail", args=[f.service.pk]),
                    ),
                    _label(f.service.organization.name),
                    _label(_("public") if f.is_public else _("non-public")),
                    _label(", ".join(sorted(_group_name(code) for code in f.target_groups))),
                    Cell(_text(f.service.capacity)),
                    _licence(
                        f.service.organization.licence_state(timezone.localdate()), f.is_public
                    ),
                ]
                for f in services
            ],
        )
    )
    return Section("A3", _("Existing services"), blocks)


def _licence(state: str, is_public: bool) -> Cell:
    if state == "valid":
        return _label(_("valid"))
    if state == "lapsed":
        return Cell(_("lapsed"), numeric=False, flagged=True)
    return _label(_("not needed") if is_public else _("none recorded"))


# ── A4 ────────────────────────────────────────────────────────────────────────────────────


def coverage_colour(percent: Decimal | None) -> str:
    colour = COVERAGE_CLASSES[0][1]
    if percent is None:
        return colour
    for lower, class_colour in COVERAGE_CLASSES[1:]:
        if lower is not None and percent >= lower:
            colour = class_colour
    return colour


def coverage_legend() -> list[tuple[str, str]]:
    return [
        (COVERAGE_CLASSES[0][1], _("no figure (hidden or unknown)")),
        (COVERAGE_CLASSES[1][1], _("under 10 places per 100 in need")),
        (COVERAGE_CLASSES[2][1], _("10 to 24")),
        (COVERAGE_CLASSES[3][1], _("25 to 49")),
        (COVERAGE_CLASSES[4][1], _("50 to 99")),
        (COVERAGE_CLASSES[5][1], _("100 or more")),
    ]


def unit_coverage(assessment: Assessment, groups: Sequence[GroupNeed]) -> dict[str, Decimal | None]:
    """Per unit, the mean over the groups of places per 100 in need (each capped at 100)."""
    result: dict[str, Decimal | None] = {}
    for unit in assessment.units:
        values = [
            min(cell.coverage_percent, Decimal(100))
            for need in groups
            if (cell := assessment.coverage[(unit.code, need.group.variable)]).coverage_percent
            is not None
        ]
        result[unit.code] = (
            (sum(values, Decimal(0)) / len(values)).quantize(Decimal(1)) if values else None
        )
    return result


def coverage_map(assessment: Assessment, groups: Sequence[GroupNeed], page: str = "") -> SafeString:
    values = unit_coverage(assessment, groups)
    shapes = [
        Shape(
            label=f"{unit.name}: {_percent(values[unit.code])}",
            geometry=assessment.data.boundaries[unit.code],
            fill=coverage_colour(values[unit.code]),
            href=f"{page}?unit={unit.code}" if page else "",
        )
        for unit in assessment.units
        if unit.code in assessment.data.boundaries
    ]
    markers: list[MapPoint] = []
    return area_map(
        chart_id="a4-coverage",
        title=_("Coverage per administrative unit"),
        shapes=shapes,
        labelled=True,
        markers=markers,
        legend=coverage_legend(),
    )


def _a4(assessment: Assessment, groups: Sequence[GroupNeed], unit_code: str, page: str) -> Section:
    blocks: list[Block] = []
    without = [
        (unit, need)
        for need in groups
        for unit in assessment.units
        if not assessment.coverage[(unit.code, need.group.variable)].has_service
        and (not unit_code or unit.code == unit_code)
    ]
    if without:
        blocks.append(
            Paragraph(
                ngettext(
                    "%(count)s combination of administrative unit and group has no service at all.",
                    "%(count)s combinations of administrative unit and group have no service "
                    "at all.",
                    len(without),
                )
                % {"count": len(without)}
            )
        )
    units = [unit for unit in assessment.units if not unit_code or unit.code == unit_code]
    rows = []
    for unit in units:
        for need in groups:
            cell = assessment.coverage[(unit.code, need.group.variable)]
            rows.append(
                [
                    _label(unit.name),
                    _label(need.variable.name),
                    _figure(cell.need, _NOTES_UNUSED),
                    Cell(_text(cell.places, 1)),
                    Cell(str(cell.services), flagged=not cell.has_service),
                    Cell(
                        _("no service")
                        if not cell.has_service
                        else _percent(cell.coverage_percent),
                        flagged=not cell.has_service,
                    ),
                ]
            )
    blocks.append(
        TableBlock(
            caption=_("People in need, places and coverage per administrative unit"),
            header=[
                _("Administrative unit"),
                _("Group"),
                _("People in need"),
                _("Places"),
                _("Services"),
                _("Places per 100 in need"),
            ],
            rows=rows,
        )
    )
    # No map where no administrative unit has an outline (a municipality's own is not enough).
    svg = coverage_map(assessment, groups, page) if assessment.data.boundaries else SafeString()
    if svg:
        names = ", ".join(need.variable.name for need in groups)
        blocks.append(
            ChartBlock(
                caption=_("Places per 100 people in need, mean over: %(groups)s")
                % {"groups": names},
                svg=svg,
                credit=OSM_CREDIT,
            )
        )
    blocks.append(
        Paragraph(
            _(
                "A service's places are shared among the administrative units it serves in "
                "proportion to their published need; a service for the whole municipality "
                "serves every unit."
            )
        )
    )
    return Section("A4", _("Distribution of services across the territory"), blocks)


class _NoNotes(_Notes):
    """For a figure already cited in A2: the same source, no second number."""

    def cite(self, source: Source | None, year: int | None, provisional: bool) -> int | None:
        return None


_NOTES_UNUSED = _NoNotes()
