"""A8 gaps and priorities, ranked by their score, with the planner's notes."""

from django.urls import reverse
from django.utils.translation import gettext as _

from kujdes.planning.assessment.compute import (
    Assessment,
    Gap,
)
from kujdes.planning.assessment.report.blocks import (
    Block,
    Cell,
    Paragraph,
    Section,
    TableBlock,
    _label,
    _text,
)

# ── A8 ────────────────────────────────────────────────────────────────────────────────────


def _a8(
    assessment: Assessment, group: str, unit_code: str, limit: int | None, can_edit: bool
) -> Section:
    weights = assessment.weights
    gaps = [
        gap
        for gap in assessment.gaps
        if (not group or gap.need.group.target_group == group)
        and (not unit_code or gap.unit.code == unit_code)
        and not gap.need.municipality.missing
    ]
    blocks: list[Block] = [
        Paragraph(
            _(
                "Score = (%(need)s × need + %(coverage)s × missing coverage + %(distance)s × "
                "distance) ÷ %(total)s, each part from 0 to 100, plus the planner's adjustment. "
                "Need compares the unit's published rate with the highest in the municipality; "
                "a count shown as <5 enters as its even share of what the total leaves. "
                "Distance is measured to the nearest administrative unit where a service for "
                "the group is based; 30 km or more scores 100."
            )
            % {
                "need": weights.need,
                "coverage": weights.coverage,
                "distance": weights.distance,
                "total": weights.need + weights.coverage + weights.distance,
            }
        )
    ]
    if gaps:
        top = gaps[0]
        blocks.append(
            Paragraph(
                _("The largest gap is %(group)s in %(unit)s, with a score of %(score)s.")
                % {
                    "group": top.need.variable.name,
                    "unit": top.unit.name,
                    "score": _text(top.score),
                }
            )
        )
    shown = gaps[:limit] if limit else gaps
    blocks.append(
        TableBlock(
            caption=_("Gaps ranked by score"),
            header=[
                _("Rank"),
                _("Administrative unit"),
                _("Group"),
                _("Need"),
                _("Missing coverage"),
                _("Distance (km)"),
                _("Adjustment"),
                _("Score"),
                _("Note"),
            ],
            rows=[
                [
                    Cell(str(rank)),
                    _label(gap.unit.name),
                    _label(gap.need.variable.name),
                    Cell(_text(gap.need_score)),
                    Cell(_text(gap.coverage_score)),
                    Cell(_text(gap.distance_km, 1)),
                    Cell(("+" if gap.adjustment > 0 else "") + str(gap.adjustment)),
                    Cell(_text(gap.score)),
                    _note(assessment, gap, can_edit),
                ]
                for rank, gap in enumerate(shown, start=1)
            ],
        )
    )
    return Section("A8", _("Gaps and priorities"), blocks)


def _note(assessment: Assessment, gap: Gap, can_edit: bool) -> Cell:
    """The planner's note; for an editor a link to write or change it."""
    text = gap.note.note if gap.note and gap.note.note else ""
    if not can_edit:
        return _label(text)
    href = reverse(
        "planning:gap_note",
        args=[assessment.municipality.code, gap.unit.code, gap.need.group.target_group],
    )
    return _label(text or _("add a note"), href)
