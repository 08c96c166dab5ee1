"""Part B of the plan document: vision, mission and principles; the objectives and the
measures with the gaps they answer; the action plan; the indicators; the budget summed every
way and set against the social-care budget; the monitoring arrangements. In the active
language; the plan's own texts in it where written, else in Albanian."""

from collections.abc import Iterable
from decimal import Decimal

from django.db.models import Model
from django.utils.text import capfirst
from django.utils.translation import gettext as _

from kujdes.directory.models import FundingSource, translated
from kujdes.documents.social_plan.blocks import Chapter, DocumentBlock, Heading
from kujdes.lib.charts import number
from kujdes.planning.assessment.report import Cell, Paragraph, TableBlock
from kujdes.planning.models import Activity, Indicator, Plan
from kujdes.planning.selectors import (
    BudgetComparison,
    PlanBudget,
    PlanTree,
    plan_cost_against_budget,
)

NONE = "–"


def text_cell(text: str) -> Cell:
    return Cell(text or NONE, numeric=False)


def money(amount: Decimal) -> str:
    return number(amount, 2)


def percent(value: Decimal | None) -> str:
    return NONE if value is None else f"{number(value, 1)} %"


def quantity(value: Decimal | None) -> str:
    """A count or a rate as written: no decimals for whole numbers."""
    if value is None:
        return NONE
    if value == value.to_integral_value():
        return number(value, 0)
    return number(value.normalize())


def numbered_key(text: str) -> tuple[tuple[int, int | str], ...]:
    """ "1.10" after "1.9": numbers compared as numbers."""
    return tuple((0, int(part)) if part.isdigit() else (1, part) for part in text.split("."))


def written(instance: Model, field: str) -> list[Paragraph]:
    """A text the municipality wrote, a paragraph per line; a missing translation shows the
    Albanian original, saying so."""
    content = translated(instance, field)
    lines = [line.strip() for line in content.text.splitlines() if line.strip()]
    if not lines:
        return [Paragraph(_("Not written yet."))]
    if content.is_fallback:
        lines[-1] += " (" + _("not translated; in Albanian") + ")"
    return [Paragraph(line) for line in lines]


def _vision(plan: Plan) -> Chapter:
    blocks: list[DocumentBlock] = []
    for field, title in (
        ("vision", _("Vision")),
        ("mission", _("Mission")),
        ("principles", _("Values and principles")),
    ):
        blocks += [Heading(title), *written(plan, field)]
    return Chapter("B1", "B1 " + _("Vision, mission, values and principles"), blocks)


def strategic_title(number: str, name: str) -> str:
    return _("Strategic objective %(number)s: %(name)s") % {"number": number, "name": name}


def _objectives(tree: PlanTree) -> Chapter:
    blocks: list[DocumentBlock] = []
    header = [_("Measure"), _("Gaps of the needs assessment it answers (A8)")]
    for strategic in tree.strategic:
        blocks.append(Heading(strategic_title(strategic.number, strategic.name)))
        specifics = list(strategic.children.all())
        if not specifics:
            blocks.append(Paragraph(_("No specific objective yet.")))
        for specific in specifics:
            rows = [
                [
                    text_cell(f"{measure.number} {measure.name}"),
                    text_cell(
                        "; ".join(
                            f"{gap.unit.name} – {gap.get_target_group_display()}"
                            for gap in measure.gaps.all()
                        )
                    ),
                ]
                for measure in specific.measures.all()
            ]
            caption = _("Specific objective %(number)s: %(name)s") % {
                "number": specific.number,
                "name": specific.name,
            }
            if rows:
                blocks.append(TableBlock(caption, header, rows))
            else:
                blocks += [Heading(caption, level=2), Paragraph(_("No measure yet."))]
    if not tree.strategic:
        blocks.append(Paragraph(_("No objective yet.")))
    return Chapter("B2", "B2 " + _("Objectives and measures"), blocks)


def _costs(activity: Activity) -> str:
    """The activity's cost per funding source and year, a line each, and its total."""
    by_source: dict[str, list[str]] = {}
    order = FundingSource.values
    for cost in sorted(activity.costs.all(), key=lambda c: (order.index(c.source), c.year)):
        by_source.setdefault(cost.get_source_display(), []).append(
            f"{cost.year}: {money(cost.amount)}"
        )
    lines = [line for source, years in by_source.items() for line in (capfirst(source), *years)]
    if sum(len(years) for years in by_source.values()) > 1:
        lines.append(_("Total: %(amount)s") % {"amount": money(activity.total_cost)})
    return "\n".join(lines)


def _novelty(activity: Activity) -> str:
    parts = []
    if activity.creates_new_service:
        parts.append(_("new service"))
    if activity.contracted_to_ngo:
        parts.append(_("to be contracted to an NGO"))
    return capfirst("; ".join(parts))


def _names(items: Iterable[Model]) -> str:
    return "; ".join(str(item) for item in items)


def _activity_row(activity: Activity) -> list[Cell]:
    period = (
        str(activity.start_year)
        if activity.start_year == activity.end_year
        else f"{activity.start_year}–{activity.end_year}"
    )
    return [
        text_cell(f"{activity.number} {activity.name}"),
        text_cell(activity.responsible),
        text_cell(period),
        text_cell(_names(activity.partners.all())),
        text_cell(_names(activity.target_groups.all())),
        text_cell(_names(activity.units.all()) or _("whole municipality")),
        text_cell(_costs(activity)),
        text_cell(_novelty(activity)),
    ]


def _action_plan(plan: Plan, tree: PlanTree) -> Chapter:
    header = [
        _("Activity"),
        _("Responsible"),
        _("Timeframe"),
        _("Partners"),
        _("Target groups"),
        _("Administrative units"),
        _("Cost per year and funding source (%(currency)s)") % {"currency": plan.currency},
        _("New service or contracted to an NGO"),
    ]
    blocks: list[DocumentBlock] = []
    for strategic in tree.strategic:
        activities = [
            activity
            for specific in strategic.children.all()
            for measure in specific.measures.all()
            for activity in measure.activities.all()
        ]
        if not activities:
            continue
        total = sum((activity.total_cost for activity in activities), Decimal(0))
        blank = Cell("", numeric=False)
        footer = [
            text_cell(_("Total")),
            *[blank] * (len(header) - 3),
            text_cell(money(total)),
            blank,
        ]
        blocks.append(
            TableBlock(
                strategic_title(strategic.number, strategic.name),
                header,
                [_activity_row(activity) for activity in activities],
                [footer],
            )
        )
    if not blocks:
        blocks.append(Paragraph(_("No activity yet.")))
    return Chapter("B3", "B3 " + _("Action plan"), blocks, landscape=True)


def indicator_owner(indicator: Indicator) -> tuple[str, str]:
    """What the indicator measures: ("Objective 1.1", "1.1") or ("Measure 1.1.1", "1.1.1")."""
    if indicator.objective is not None:
        number = indicator.objective.number
        return _("Objective %(number)s") % {"number": number}, number
    assert indicator.measure is not None
    number = indicator.measure.number
    return _("Measure %(number)s") % {"number": number}, number


def indicators_in_order(indicators: list[Indicator]) -> list[Indicator]:
    """In the order of the objectives and measures they measure."""
    return sorted(indicators, key=lambda indicator: numbered_key(indicator_owner(indicator)[1]))


def _indicators(plan: Plan, tree: PlanTree) -> Chapter:
    years = list(plan.years)
    header = [
        _("Indicator"),
        _("Of"),
        _("Unit of measure"),
        _("Source"),
        _("Baseline (year)"),
        *(str(year) for year in years),
    ]
    indicators = sorted(
        tree.indicators, key=lambda indicator: numbered_key(indicator_owner(indicator)[1])
    )
    rows = []
    for indicator in indicators:
        targets = {target.year: target.value for target in indicator.targets.all()}
        baseline = quantity(indicator.baseline_value)
        if indicator.baseline_year:
            baseline += f" ({indicator.baseline_year})"
        rows.append(
            [
                text_cell(indicator.name),
                text_cell(indicator_owner(indicator)[0]),
                text_cell(indicator.unit),
                text_cell(indicator.source),
                Cell(baseline),
                *(Cell(quantity(targets.get(year))) for year in years),
            ]
        )
    blocks: list[DocumentBlock] = [
        TableBlock(_("Indicators, their baseline and yearly targets"), header, rows)
        if rows
        else Paragraph(_("No indicator yet."))
    ]
    return Chapter("B4", "B4 " + _("Indicators"), blocks, landscape=True)


def _by_year(
    caption: str,
    first: str,
    rows: list[tuple[str, list[Decimal], Decimal]],
    budget: PlanBudget,
) -> TableBlock:
    return TableBlock(
        caption,
        [first, *(str(year) for year in budget.years), _("Total")],
        [
            [text_cell(name), *(Cell(money(amount)) for amount in amounts), Cell(money(total))]
            for name, amounts, total in rows
        ],
        [
            [
                text_cell(_("Total")),
                *(Cell(money(amount)) for amount in budget.year_totals()),
                Cell(money(budget.total)),
            ]
        ],
    )


def _against_social_care(plan: Plan, against: BudgetComparison) -> list[DocumentBlock]:
    """The plan's cost beside the social-care budget (A7), as the plan's page shows it."""
    if against.latest is None:
        return [
            Paragraph(
                _(
                    "No social-care budget in the plan's currency is recorded in the needs "
                    "assessment (A7), so the plan's cost cannot be compared with it."
                )
            )
        ]
    year, amount = against.latest
    return [
        TableBlock(
            _("The plan's cost beside the social-care budget (A7, %(currency)s)")
            % {"currency": plan.currency},
            [
                _("Year"),
                _("Plan cost"),
                _("Social-care budget"),
                _("Plan cost as a share of the budget"),
            ],
            [
                [
                    text_cell(str(year)),
                    Cell(money(cost)),
                    Cell(NONE if social_care is None else money(social_care)),
                    Cell(percent(share)),
                ]
                for year, cost, social_care, share in against.rows
            ],
        ),
        Paragraph(
            _(
                "The latest social-care budget recorded (%(year)s) is %(amount)s; the plan "
                "costs on average %(share)s of it a year."
            )
            % {"year": year, "amount": money(amount), "share": percent(against.average_share)}
        ),
    ]


def _budget(plan: Plan, budget: PlanBudget) -> Chapter:
    currency = {"currency": plan.currency}
    sources = [(capfirst(name), amounts, total) for name, amounts, total in budget.source_rows()]
    objectives = [
        (f"{objective.number} {objective.name}", amounts, total)
        for objective, amounts, total in budget.objective_rows()
    ]
    groups = [
        [text_cell(capfirst(name) if name else _("No target group named")), Cell(money(amount))]
        for name, amount in budget.target_group_rows()
    ]
    blocks: list[DocumentBlock] = [
        _by_year(
            _("Cost by funding source and year (%(currency)s)") % currency,
            _("Source"),
            sources,
            budget,
        ),
        _by_year(
            _("Cost by strategic objective and year (%(currency)s)") % currency,
            _("Strategic objective"),
            objectives,
            budget,
        ),
        TableBlock(
            _("Cost by target group (%(currency)s)") % currency,
            [_("Target group"), _("Cost")],
            groups,
            [[text_cell(_("Total")), Cell(money(budget.total))]],
        ),
        Paragraph(
            _(
                "An activity for several target groups is shared evenly among them, so that "
                "every table adds up to the same total."
            )
        ),
        *_against_social_care(plan, plan_cost_against_budget(plan, budget)),
    ]
    return Chapter("B5", "B5 " + _("Budget"), blocks)


def _monitoring() -> Chapter:
    texts = [
        _(
            "Every year the municipality reviews the plan with its advisory group and with "
            "people who use the services and their families: what each activity did, each "
            "indicator against its target, and what was spent against the budget."
        ),
        _(
            "People who use the services give their views through each service's feedback "
            "and complaints channels and in the yearly review; what they say is recorded, "
            "answered and taken into the review."
        ),
        _(
            "The review is written up in a yearly monitoring report, presented to the "
            "municipal council and published. Where the review shows that the plan must "
            "change, a new version goes through public consultation and adoption again."
        ),
    ]
    return Chapter("B6", "B6 " + _("Monitoring and review"), [Paragraph(text) for text in texts])


def plan_chapters_build(plan: Plan, tree: PlanTree, budget: PlanBudget) -> list[Chapter]:
    return [
        _vision(plan),
        _objectives(tree),
        _action_plan(plan, tree),
        _indicators(plan, tree),
        _budget(plan, budget),
        _monitoring(),
    ]
