"""How far the plan got in the year: the summary, the charts, the activities under their
objectives and measures (status, progress, the year's planned cost, what implements them),
the indicators against the year's targets, and the budget executed against the planned cost
by funding source."""

import uuid
from collections import defaultdict
from collections.abc import Iterable
from decimal import ROUND_HALF_UP, Decimal

from django.utils.text import capfirst
from django.utils.translation import gettext as _

from kujdes.directory.models import FundingSource
from kujdes.documents.selectors import ReviewFacts
from kujdes.documents.social_plan.blocks import Chapter, DocumentBlock
from kujdes.documents.social_plan.plan import (
    NONE,
    indicator_owner,
    money,
    numbered_key,
    percent,
    quantity,
    strategic_title,
    text_cell,
)
from kujdes.lib.charts import Series, bar_chart, bar_label, number
from kujdes.monitoring.models import ActivityProgress, IndicatorActual
from kujdes.monitoring.selectors.rollup import planned_in
from kujdes.planning.assessment.report import Cell, ChartBlock, Paragraph, TableBlock
from kujdes.planning.models import Activity, Indicator

Status = ActivityProgress.Status
# The longest label a bar chart's row has room for; the tables give the full names.
BLANK = Cell("", numeric=False)


def status_name(status: str) -> str:
    return capfirst(str(Status(status).label))


def source_name(source: str) -> str:
    return capfirst(str(FundingSource(source).label))


def _whole_percent(value: int) -> str:
    return f"{number(value, 0)} %"


def _share(part: Decimal, whole: Decimal) -> Decimal | None:
    if not whole:
        return None
    return (part * 100 / whole).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


def _money_or_none(amount: Decimal) -> str:
    return money(amount) if amount else NONE


def _whole(amount: Decimal | None) -> Decimal | None:
    """An amount as a chart labels it: in whole units (the tables give the cents)."""
    return None if amount is None else amount.to_integral_value(rounding=ROUND_HALF_UP)


def _spent(facts: ReviewFacts) -> Decimal | None:
    amounts = [row.spent for row in facts.spending if row.spent is not None]
    return sum(amounts, Decimal(0)) if amounts else None


def _planned(facts: ReviewFacts) -> Decimal:
    return sum((row.planned for row in facts.spending), Decimal(0))


# ── 1 Summary ──────────────────────────────────────────────────────────────────────────────


def summary_chapter(facts: ReviewFacts) -> Chapter:
    review, plan, rollup = facts.review, facts.review.plan, facts.rollup
    year = {"year": review.year}
    blocks: list[DocumentBlock] = []
    if rollup.plan is None:
        blocks.append(
            Paragraph(_("The plan's progress cannot be worked out: it has no activity to weigh."))
        )
    else:
        blocks.append(
            Paragraph(
                _("Progress of the plan at the review of %(year)s: %(percent)s.")
                % {**year, "percent": percent(rollup.plan)}
            )
        )
    blocks.append(
        Paragraph(
            _(
                "Each activity weighs its planned cost over the whole plan (all alike if the "
                "plan is not costed); cancelled activities are left out, and an activity with "
                "no progress recorded for the year counts as not started."
            )
        )
    )
    blocks.append(
        TableBlock(
            _("Activities by status in %(year)s") % year,
            [_("Status"), _("Activities")],
            [
                [text_cell(status_name(status)), Cell(number(count))]
                for status, count in rollup.statuses.items()
            ],
            [[text_cell(_("Total")), Cell(number(sum(rollup.statuses.values())))]],
        )
    )
    spent, planned = _spent(facts), _planned(facts)
    amounts = {**year, "planned": money(planned), "currency": plan.currency}
    if spent is None:
        blocks.append(
            Paragraph(
                _(
                    "No spending is recorded for %(year)s; the plan's activities were to cost "
                    "%(planned)s %(currency)s in it."
                )
                % amounts
            )
        )
    else:
        blocks.append(
            Paragraph(
                _(
                    "In %(year)s, %(spent)s %(currency)s were spent of the %(planned)s "
                    "%(currency)s the plan's activities were to cost (%(share)s)."
                )
                % {**amounts, "spent": money(spent), "share": percent(_share(spent, planned))}
            )
        )
    return Chapter("summary", _("Summary"), blocks)


# ── 2 Charts ───────────────────────────────────────────────────────────────────────────────


def _indicator_shares(facts: ReviewFacts) -> list[tuple[str, Decimal]]:
    """(indicator, its actual as % of the year's target) where both are known."""
    shares = []
    for indicator in _indicators_in_order(facts):
        target = facts.target(indicator)
        actual = facts.actuals.get(indicator.pk)
        if actual is not None and target and indicator.pk not in facts.hidden:
            share = _share(actual.value, target)
            assert share is not None
            shares.append((indicator.name, share))
    return shares


def charts_chapter(facts: ReviewFacts) -> Chapter:
    review, plan, rollup = facts.review, facts.review.plan, facts.rollup
    year = {"year": review.year}
    blocks: list[DocumentBlock] = []
    strategic = facts.tree.strategic
    if strategic:
        caption = _("Progress of each strategic objective in %(year)s (%%)") % year
        blocks.append(
            ChartBlock(
                caption,
                bar_chart(
                    chart_id="report-objectives",
                    title=caption,
                    categories=[bar_label(f"{o.number} {o.name}") for o in strategic],
                    series=[
                        Series(_("Progress (%)"), [rollup.objectives.get(o.pk) for o in strategic])
                    ],
                ),
            )
        )
    caption = _("Activities by status in %(year)s") % year
    blocks.append(
        ChartBlock(
            caption,
            bar_chart(
                chart_id="report-statuses",
                title=caption,
                categories=[status_name(status) for status in rollup.statuses],
                series=[Series(_("Activities"), list(rollup.statuses.values()))],
            ),
        )
    )
    shares = _indicator_shares(facts)
    caption = _("Indicators: the actual value as a share of the target for %(year)s (%%)") % year
    if shares:
        blocks.append(
            ChartBlock(
                caption,
                bar_chart(
                    chart_id="report-indicators",
                    title=caption,
                    categories=[bar_label(name) for name, _value in shares],
                    series=[
                        Series(
                            _("Actual as a share of the target (%)"),
                            [value for _name, value in shares],
                        )
                    ],
                ),
            )
        )
    else:
        blocks.append(
            Paragraph(_("No indicator has both a target and an actual value for %(year)s.") % year)
        )
    if facts.spending:
        caption = _("Budget planned and executed in %(year)s by funding source (%(currency)s)") % {
            **year,
            "currency": plan.currency,
        }
        blocks.append(
            ChartBlock(
                caption,
                bar_chart(
                    chart_id="report-budget",
                    title=caption,
                    categories=[bar_label(source_name(row.source)) for row in facts.spending],
                    series=[
                        Series(_("Planned"), [_whole(row.planned) for row in facts.spending]),
                        Series(_("Executed"), [_whole(row.spent) for row in facts.spending]),
                    ],
                ),
            )
        )
    return Chapter("charts", _("Progress in charts"), blocks)


# ── 3 Activities ───────────────────────────────────────────────────────────────────────────


def _implementers(facts: ReviewFacts) -> dict[uuid.UUID, list[str]]:
    """What implements each activity: its projects, then its service contracts."""
    lines: dict[uuid.UUID, list[str]] = defaultdict(list)
    for project in facts.projects:
        for activity in project.activities.all():
            lines[activity.pk].append(_("Project: %(name)s") % {"name": project.name})
    for contract in facts.contracts:
        if contract.activity_id is not None:
            lines[contract.activity_id].append(
                _("Contract %(number)s with %(provider)s")
                % {"number": contract.number, "provider": contract.provider.name}
            )
    return lines


def _group_row(label: str, progress: Decimal | None, planned: Decimal) -> list[Cell]:
    return [
        text_cell(label),
        BLANK,
        Cell(percent(progress)),
        Cell(_money_or_none(planned)),
        BLANK,
        BLANK,
    ]


def _activity_row(facts: ReviewFacts, activity: Activity, implementers: list[str]) -> list[Cell]:
    standing = facts.rollup.activities[activity.pk]
    recorded = facts.progress.get(activity.pk)
    note = recorded.note if recorded is not None else _("No progress recorded for the year.")
    return [
        text_cell(f"{activity.number} {activity.name}"),
        text_cell(status_name(standing.status)),
        Cell(_whole_percent(standing.percent)),
        Cell(_money_or_none(planned_in(activity, facts.review.year))),
        text_cell("\n".join(implementers)),
        text_cell(note),
    ]


def _sum_planned(activities: Iterable[Activity], year: int) -> Decimal:
    return sum((planned_in(activity, year) for activity in activities), Decimal(0))


def activities_chapter(facts: ReviewFacts) -> Chapter:
    review, plan, rollup = facts.review, facts.review.plan, facts.rollup
    year = review.year
    header = [
        _("Objective, measure, activity"),
        _("Status"),
        _("Progress"),
        _("Planned cost %(year)s (%(currency)s)") % {"year": year, "currency": plan.currency},
        _("Projects and contracts"),
        _("Note"),
    ]
    implementers = _implementers(facts)
    blocks: list[DocumentBlock] = []
    for strategic in facts.tree.strategic:
        rows: list[list[Cell]] = []
        everything: list[Activity] = []
        for specific in strategic.children.all():
            measures = list(specific.measures.all())
            activities = [a for measure in measures for a in measure.activities.all()]
            everything += activities
            rows.append(
                _group_row(
                    _("Specific objective %(number)s: %(name)s")
                    % {"number": specific.number, "name": specific.name},
                    rollup.objectives.get(specific.pk),
                    _sum_planned(activities, year),
                )
            )
            for measure in measures:
                rows.append(
                    _group_row(
                        _("Measure %(number)s: %(name)s")
                        % {"number": measure.number, "name": measure.name},
                        rollup.measures.get(measure.pk),
                        _sum_planned(measure.activities.all(), year),
                    )
                )
                rows += [
                    _activity_row(facts, activity, implementers[activity.pk])
                    for activity in measure.activities.all()
                ]
        if not rows:
            continue
        footer = _group_row(
            _("Total"), rollup.objectives.get(strategic.pk), _sum_planned(everything, year)
        )
        blocks.append(
            TableBlock(strategic_title(strategic.number, strategic.name), header, rows, [footer])
        )
    if not blocks:
        blocks.append(Paragraph(_("No activity yet.")))
    return Chapter("activities", _("Activities"), blocks)


# ── 4 Indicators ───────────────────────────────────────────────────────────────────────────


def _indicators_in_order(facts: ReviewFacts) -> list[Indicator]:
    return sorted(
        facts.tree.indicators, key=lambda indicator: numbered_key(indicator_owner(indicator)[1])
    )


def _adjustment(actual: IndicatorActual | None) -> str:
    """Why the value differs from what Kujdes's data gave, if it does."""
    if actual is None or actual.computed_value is None or actual.value == actual.computed_value:
        return ""
    return _("Kujdes's data gave %(value)s. %(reason)s") % {
        "value": quantity(actual.computed_value),
        "reason": actual.reason,
    }


def indicators_chapter(facts: ReviewFacts) -> Chapter:
    year = facts.review.year
    header = [
        _("Indicator"),
        _("Baseline (year)"),
        _("Target %(year)s") % {"year": year},
        _("Actual %(year)s") % {"year": year},
        _("Source"),
        _("Adjusted: why"),
    ]
    rows = []
    for indicator in _indicators_in_order(facts):
        actual = facts.actuals.get(indicator.pk)
        baseline = quantity(indicator.baseline_value)
        if indicator.baseline_year:
            baseline += f" ({indicator.baseline_year})"
        of = f"{indicator_owner(indicator)[0]} · {indicator.unit}"
        rows.append(
            [
                text_cell(f"{indicator.name}\n{of}"),
                Cell(baseline),
                Cell(quantity(facts.target(indicator))),
                Cell(
                    facts.hidden.get(indicator.pk)
                    or quantity(actual.value if actual is not None else None)
                ),
                text_cell((actual.source if actual is not None else "") or indicator.source),
                text_cell(_adjustment(actual)),
            ]
        )
    blocks: list[DocumentBlock] = [
        TableBlock(_("Indicators against their target for %(year)s") % {"year": year}, header, rows)
        if rows
        else Paragraph(_("No indicator yet."))
    ]
    return Chapter("indicators", _("Indicators"), blocks)


# ── 5 Budget ───────────────────────────────────────────────────────────────────────────────


def budget_chapter(facts: ReviewFacts) -> Chapter:
    review, plan = facts.review, facts.review.plan
    values = {"year": review.year, "currency": plan.currency}
    if not facts.spending:
        return Chapter(
            "budget",
            _("Budget executed"),
            [Paragraph(_("Nothing was planned or spent in %(year)s.") % values)],
        )
    rows = [
        [
            text_cell(source_name(row.source)),
            Cell(money(row.planned)),
            Cell(NONE if row.spent is None else money(row.spent)),
            Cell(percent(row.share)),
        ]
        for row in facts.spending
    ]
    spent, planned = _spent(facts), _planned(facts)
    footer = [
        text_cell(_("Total")),
        Cell(money(planned)),
        Cell(NONE if spent is None else money(spent)),
        Cell(percent(None if spent is None else _share(spent, planned))),
    ]
    blocks: list[DocumentBlock] = [
        TableBlock(
            _("Planned and executed in %(year)s by funding source (%(currency)s)") % values,
            [_("Source"), _("Planned"), _("Executed"), _("Executed of planned")],
            rows,
            [footer],
        ),
        Paragraph(
            _(
                "Planned: what the plan's activities were to cost in the year from each source. "
                "Executed: what the review records as spent."
            )
        ),
    ]
    return Chapter("budget", _("Budget executed"), blocks)
